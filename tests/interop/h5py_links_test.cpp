// Links across the h5kit <-> h5py boundary: hard, soft (absolute, relative, dangling) and external.
//   A: h5kit makes the links, tests/interop/h5py_links.py check-links inspects them with h5py.
//   B: h5py_links.py write-links makes them, h5kit inspects and follows them.
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include <gtest/gtest.h>

#include "h5kit/h5kit.hpp"
#include "interop/interop_support.hpp"
#include "interop/peer_file_fixture.hpp"
#include "support/temp_dir.hpp"

namespace h5kit::test {
namespace {

constexpr char kScript[] = "h5py_links.py";

// ---- A: h5kit writes, h5py checks --------------------------------------------------------------

TEST(interop_links, H5pySeesHardSoftDanglingAndExternalLinks) {
  TempDir dir;
  const std::string path = dir / "links.h5";
  const std::string target = dir / "target.h5";
  {
    File t(target, "w");
    t.create_dataset("payload", std::vector<std::int64_t>{10, 20, 30}).attrs().set("origin", std::string("target"));
  }
  {
    File f(path, "w");
    const h5kit::Dataset x = f.create_dataset("data/x", std::vector<double>{1.5, 2.5, 3.5});
    f["alias"] = x;                        // hard link to a dataset
    f["group_alias"] = f["data"];          // hard link to a group, through Entry = Entry
    f["soft"] = SoftLink{"/data/x"};
    f["data/rel"] = SoftLink{"x"};         // relative to /data
    f["dangling"] = SoftLink{"/nowhere/at/all"};
    f["ext"] = ExternalLink{"target.h5", "/payload"};
    f.create_dataset("a/b/c", std::int32_t{5});
    // h5kit's own view, before h5py's
    EXPECT_EQ(f.link_info("alias").kind, LinkKind::hard);
    EXPECT_EQ(f.link_info("soft").kind, LinkKind::soft);
    EXPECT_EQ(f.link_info("ext").kind, LinkKind::external);
  }
  EXPECT_TRUE(run_peer_case(kScript, "check-links", {path, target}));
}

TEST(interop_links, H5pyReadsNonAsciiNames) {
  TempDir dir;
  const std::string path = dir / "unicode.h5";
  {
    File f(path, "w");
    const h5kit::Dataset ds =
        f.create_dataset("donn\u00e9es/\u03b1/temp\u00e9rature", std::vector<double>{20.5, 21.0});
    ds.attrs().set("\u00fcnits", std::string("\u00b0C"));
    f["lien"] = SoftLink{"/donn\u00e9es/\u03b1/temp\u00e9rature"};
  }
  EXPECT_TRUE(run_peer_case(kScript, "check-unicode", {path}));
}

TEST(interop_links, H5kitReadsNonAsciiNamesFromH5py) {
  TempDir dir;
  const std::string path = dir / "unicode_from_h5py.h5";
  ASSERT_TRUE(run_peer_case(kScript, "write-unicode", {path}));
  File f(path, "r");
  EXPECT_EQ(f.keys(), (std::vector<std::string>{"donn\u00e9es", "lien"}));
  EXPECT_EQ(f.group("donn\u00e9es/\u03b1").keys(), (std::vector<std::string>{"temp\u00e9rature"}));
  const h5kit::Dataset ds = f.dataset("donn\u00e9es/\u03b1/temp\u00e9rature");
  EXPECT_EQ(ds.path(), "/donn\u00e9es/\u03b1/temp\u00e9rature");
  EXPECT_EQ(ds.read<std::vector<double>>(), (std::vector<double>{20.5, 21.0}));
  EXPECT_EQ(ds.attrs().keys(), (std::vector<std::string>{"\u00fcnits"}));
  EXPECT_EQ(ds.attrs().get<std::string>("\u00fcnits"), "\u00b0C");
  EXPECT_EQ(f.link_info("lien").target, "/donn\u00e9es/\u03b1/temp\u00e9rature");
  EXPECT_TRUE(f.open("lien") == ds);
}

// ---- B: h5py writes, h5kit checks --------------------------------------------------------------

// write-links writes links_from_h5py.h5 and, next to it, target.h5 for its external link.
class interop_links_from_h5py
    : public PeerFileTest<kScript, "write-links", "links_from_h5py.h5", "target.h5"> {};

TEST_F(interop_links_from_h5py, LinkInfoKindsAndTargets) {
  struct Expected {
    const char* name;
    LinkKind kind;
    const char* target;  // soft: the path; external: the path inside `file`
    const char* file;    // external only
  };
  for (const Expected& e : {Expected{"alias", LinkKind::hard, "", ""},
                            Expected{"data/x", LinkKind::hard, "", ""},
                            Expected{"group_alias", LinkKind::hard, "", ""},
                            Expected{"soft", LinkKind::soft, "/data/x", ""},
                            Expected{"data/rel", LinkKind::soft, "x", ""},
                            Expected{"dangling", LinkKind::soft, "/nowhere/at/all", ""},
                            Expected{"ext", LinkKind::external, "/payload", "target.h5"},
                            Expected{"ext_missing", LinkKind::external, "/x", "no_such_file.h5"}}) {
    SCOPED_TRACE(e.name);
    const LinkInfo info = file_.link_info(e.name);
    EXPECT_EQ(info.kind, e.kind);
    EXPECT_EQ(info.target, e.target);
    EXPECT_EQ(info.file, e.file);
  }
  // Entry offers the same
  EXPECT_EQ(file_["soft"].link_info().target, "/data/x");
}

TEST_F(interop_links_from_h5py, HardLinksAreTheSameObject) {
  const h5kit::Object x = file_.open("data/x");
  const h5kit::Object alias = file_["alias"];
  EXPECT_TRUE(alias == x);
  EXPECT_TRUE(file_.open("group_alias") == file_.open("data"));
  EXPECT_FALSE(file_.open("group_alias") == x);
  EXPECT_EQ(file_.dataset("alias").read<std::vector<double>>(), (std::vector<double>{1.5, 2.5, 3.5}));
  EXPECT_EQ(file_.object_kind("group_alias"), ObjectKind::group);
  EXPECT_EQ(file_.group("group_alias").keys(), (std::vector<std::string>{"rel", "x"}));
}

TEST_F(interop_links_from_h5py, SoftLinksResolve) {
  EXPECT_TRUE(file_.contains("soft"));
  EXPECT_EQ(file_.object_kind("soft"), ObjectKind::dataset);
  EXPECT_EQ(file_.dataset("soft").read<std::vector<double>>(), (std::vector<double>{1.5, 2.5, 3.5}));
  EXPECT_TRUE(file_.open("soft") == file_.open("data/x"));
  EXPECT_TRUE(file_.open("data/rel") == file_.open("data/x"));
  EXPECT_EQ(file_.group("data").dataset("rel").read<std::vector<double>>(), (std::vector<double>{1.5, 2.5, 3.5}));
}

TEST_F(interop_links_from_h5py, DanglingSoftLinkExistsAsLinkOnly) {
  EXPECT_TRUE(file_.has_link("dangling"));
  EXPECT_FALSE(file_.contains("dangling"));
  EXPECT_FALSE(file_["dangling"].exists());
  EXPECT_THROW(file_.object_kind("dangling"), h5kit::NotFoundError);
  EXPECT_THROW(file_.open("dangling"), h5kit::NotFoundError);
  EXPECT_FALSE(file_.has_link("never_made"));
  EXPECT_FALSE(file_.contains("never_made"));
  EXPECT_FALSE(file_.contains("nowhere/at/all"));
}

TEST_F(interop_links_from_h5py, ExternalLinkResolvesToTheOtherFile) {
  EXPECT_TRUE(file_.contains("ext"));
  EXPECT_EQ(file_.object_kind("ext"), ObjectKind::dataset);
  const h5kit::Dataset payload = file_.dataset("ext");
  EXPECT_EQ(payload.read<std::vector<std::int64_t>>(), (std::vector<std::int64_t>{10, 20, 30}));
  EXPECT_EQ(payload.attrs().get<std::string>("origin"), "target");
  EXPECT_NE(payload.file_name().find("target.h5"), std::string::npos) << payload.file_name();
}

TEST_F(interop_links_from_h5py, ExternalLinkToAMissingFileDangles) {
  EXPECT_TRUE(file_.has_link("ext_missing"));
  EXPECT_FALSE(file_.contains("ext_missing"));
  EXPECT_THROW(file_.open("ext_missing"), h5kit::Error);
}

TEST_F(interop_links_from_h5py, KeysListEveryLinkAndVisitSeesEachObjectOnce) {
  EXPECT_EQ(file_.keys(), (std::vector<std::string>{"a", "alias", "dangling", "data", "ext", "ext_missing",
                                                     "group_alias", "soft"}));
  EXPECT_EQ(file_.size(), 8u);
  // What h5py's f.visit() lists for this file: each object once, under its first name,
  // without following soft or external links.
  std::vector<std::string> names;
  const auto stopped = file_.visit([&](const std::string& name) {
    names.push_back(name);
    return false;
  });
  EXPECT_FALSE(stopped.has_value());
  EXPECT_EQ(names, (std::vector<std::string>{"a", "a/b", "a/b/c", "alias", "data"}));
  const auto stopped_at = file_.visit([](const std::string& name) { return name == "a/b"; });
  EXPECT_EQ(stopped_at, std::optional<std::string>("a/b"));
}

}  // namespace
}  // namespace h5kit::test
