// h5py's group idioms: g[name] = data, attrs[name] = value, get/pop/clear/update/setdefault,
// visit_links and copy into a group (src/group_dict.cpp, group_visit_links.cpp, group_visit.cpp).
#include <gtest/gtest.h>

#include <cstdint>
#include <map>
#include <stdexcept>
#include <string>
#include <vector>

#include "h5kit/h5kit.hpp"
#include "support/temp_dir.hpp"

namespace h5kit {
namespace {

using test::TempDir;

class GroupDictTest : public ::testing::Test {
 protected:
  TempDir dir;
  File f{dir / "dict.h5", "w"};
};

// The message names the file, the object path and what was found.
void expect_message_names(const Error& e, const std::string& path, const std::string& found) {
  const std::string what = e.what();
  EXPECT_NE(what.find("dict.h5"), std::string::npos) << what;
  EXPECT_NE(what.find(path), std::string::npos) << what;
  EXPECT_NE(what.find(found), std::string::npos) << what;
}

TEST_F(GroupDictTest, AssigningDataCreatesADataset) {
  f["x"] = std::vector<double>{1.5, 2.5};
  f["a/b/n"] = std::int32_t{7};
  f["s"] = std::string("text");
  f["e"] = Empty{Datatype::float32()};
  f["t"] = Datatype::int16();
  EXPECT_EQ(f.dataset("x").read<std::vector<double>>(), (std::vector<double>{1.5, 2.5}));
  EXPECT_EQ(f.dataset("a/b/n").read<std::int32_t>(), 7);
  EXPECT_EQ(f.dataset("s").read<std::string>(), "text");
  EXPECT_EQ(f.object_kind("t"), ObjectKind::datatype);
  EXPECT_EQ(f.object_kind("e"), ObjectKind::dataset);
  // An object still makes a hard link, not a copy.
  const Dataset x = f["x"];
  f["alias"] = x;
  EXPECT_TRUE(f.open("alias") == x);
}

TEST_F(GroupDictTest, AssigningOverATakenNameIsAlreadyExists) {
  f["x"] = 1;
  try {
    f["x"] = 2;
    FAIL() << "no error";
  } catch (const AlreadyExistsError& e) {
    EXPECT_NE(std::string(e.what()).find("/x"), std::string::npos) << e.what();
  }
  EXPECT_EQ(f.dataset("x").read<int>(), 1);
}

TEST_F(GroupDictTest, AttributeAssignmentSetsAndReplaces) {
  const Dataset x = f.create_dataset("x", 1);
  x.attrs()["unit"] = std::string("m");
  x.attrs()["scale"] = 2.5;
  x.attrs()["scale"] = std::vector<int>{1, 2};  // replaced, as h5py's attrs[k] = v
  EXPECT_EQ(x.attrs().get<std::string>("unit"), "m");
  EXPECT_EQ(x.attrs()["scale"].read<std::vector<int>>(), (std::vector<int>{1, 2}));
  const Attribute a = x.attrs()["unit"];
  EXPECT_EQ(a.name(), "unit");
  EXPECT_TRUE(x.attrs()["unit"].exists());
  EXPECT_FALSE(x.attrs()["nope"].exists());
  EXPECT_THROW((void)x.attrs()["nope"].read<int>(), NotFoundError);
}

TEST_F(GroupDictTest, AttributeAssignmentOnAClosedObjectIsRefused) {
  Dataset x = f.create_dataset("x", 1);
  AttributeManager attrs = x.attrs();
  x.close();
  EXPECT_THROW(x.attrs()["k"] = 1, ClosedObjectError);
  EXPECT_FALSE(f.open("x").attrs().contains("k"));
  // A manager taken before the close holds its own reference to the object, as every h5kit handle
  // does (docs/guide.md, "Closing"): closing x releases x's reference only.
  attrs["k"] = 1;
  EXPECT_EQ(f.open("x").attrs().get<int>("k"), 1);
}

TEST_F(GroupDictTest, GetReturnsNothingForMissingOrDangling) {
  f["x"] = 1;
  f["soft"] = SoftLink{"/x"};
  f["dangling"] = SoftLink{"/nowhere"};
  f["ext"] = ExternalLink{"other.h5", "/y"};
  ASSERT_TRUE(f.get("x").has_value());
  EXPECT_TRUE(*f.get("soft") == f.open("x"));
  EXPECT_FALSE(f.get("missing").has_value());
  EXPECT_FALSE(f.get("dangling").has_value());
  EXPECT_FALSE(f.get("missing/deeper").has_value());
  EXPECT_EQ(f.get_kind("x"), ObjectKind::dataset);
  EXPECT_FALSE(f.get_kind("dangling").has_value());
  EXPECT_EQ(f.get_link("x")->kind, LinkKind::hard);
  EXPECT_EQ(f.get_link("soft")->target, "/x");
  EXPECT_EQ(f.get_link("dangling")->kind, LinkKind::soft);  // h5py gives None here
  EXPECT_EQ(f.get_link("ext")->file, "other.h5");
  EXPECT_EQ(f.get_link("ext")->target, "/y");
  EXPECT_FALSE(f.get_link("missing").has_value());
  EXPECT_THROW((void)f.get(""), InvalidArgumentError);
}

TEST_F(GroupDictTest, PopReturnsTheObjectAndRemovesTheLink) {
  f["x"] = std::vector<int>{1, 2, 3};
  const Object popped = f.pop("x");
  EXPECT_FALSE(f.has_link("x"));
  EXPECT_EQ(popped.as_dataset().read<std::vector<int>>(), (std::vector<int>{1, 2, 3}));
  f["target"] = 1;
  f["soft"] = SoftLink{"/target"};
  EXPECT_TRUE(f.pop("soft") == f.open("target"));  // only the link goes
  EXPECT_TRUE(f.contains("target"));
}

TEST_F(GroupDictTest, PopOfMissingOrDanglingIsNotFoundAndRemovesNothing) {
  f["dangling"] = SoftLink{"/nowhere"};
  try {
    (void)f.pop("missing");
    FAIL() << "no error";
  } catch (const NotFoundError& e) {
    expect_message_names(e, "/missing", "found no link");
  }
  try {
    (void)f.pop("dangling");
    FAIL() << "no error";
  } catch (const NotFoundError& e) {
    expect_message_names(e, "/dangling", "dangling");
  }
  EXPECT_TRUE(f.has_link("dangling"));
  EXPECT_THROW((void)f.pop("."), InvalidArgumentError);
}

TEST_F(GroupDictTest, ClearRemovesEveryLink) {
  Group g = f.create_group("g");
  g["a"] = 1;
  g["b/c"] = 2;
  g["soft"] = SoftLink{"/nowhere"};
  g["ext"] = ExternalLink{"x.h5", "/y"};
  g.clear();
  EXPECT_EQ(g.size(), 0u);
  EXPECT_TRUE(f.contains("g"));
  g.clear();  // nothing to do
}

TEST_F(GroupDictTest, UpdatePlacesEveryKindOfMember) {
  const Dataset existing = f.create_dataset("existing", 3);
  const std::vector<double> values{1.0, 2.0};
  f.update({{"data", values}, {"n", 5}, {"hard", existing}, {"soft", SoftLink{"/existing"}},
            {"ext", ExternalLink{"x.h5", "/y"}}, {"type", Datatype::int8()}});
  EXPECT_EQ(f.dataset("data").read<std::vector<double>>(), values);
  EXPECT_EQ(f.dataset("n").read<int>(), 5);
  EXPECT_TRUE(f.open("hard") == existing);
  EXPECT_EQ(f.link_info("soft").kind, LinkKind::soft);
  EXPECT_EQ(f.link_info("ext").kind, LinkKind::external);
  EXPECT_EQ(f.object_kind("type"), ObjectKind::datatype);
  const std::map<std::string, std::vector<int>> map{{"m1", {1}}, {"m2", {2, 3}}};
  f.group("/").update(map);
  EXPECT_EQ(f.dataset("m2").read<std::vector<int>>(), (std::vector<int>{2, 3}));
}

TEST_F(GroupDictTest, UpdateIsAllOrNothing) {
  f["taken"] = 1;
  try {
    f.update({{"new1", 1}, {"taken", 2}});
    FAIL() << "no error";
  } catch (const AlreadyExistsError& e) {
    expect_message_names(e, "/taken", "existing link");
  }
  EXPECT_FALSE(f.has_link("new1"));
  EXPECT_THROW(f.update({{"twice", 1}, {"./twice", 2}}), InvalidArgumentError);
  EXPECT_FALSE(f.has_link("twice"));
  // A value that fails to write (a closed object) removes what this call already placed.
  Dataset closed = f.create_dataset("c", 1);
  closed.close();
  EXPECT_THROW(f.update({{"first", 1}, {"second", closed}}), ClosedObjectError);
  EXPECT_FALSE(f.has_link("first"));
  EXPECT_FALSE(f.has_link("second"));
}

TEST_F(GroupDictTest, SetdefaultOpensOrCreates) {
  const Object made = f.setdefault("x", std::vector<int>{1, 2});
  EXPECT_EQ(made.as_dataset().read<std::vector<int>>(), (std::vector<int>{1, 2}));
  const Object again = f.setdefault("x", std::vector<int>{9});
  EXPECT_TRUE(again == made);
  EXPECT_EQ(f.dataset("x").read<std::vector<int>>(), (std::vector<int>{1, 2}));  // not replaced
  f["dangling"] = SoftLink{"/nowhere"};
  try {
    (void)f.setdefault("dangling", 1);
    FAIL() << "no error";
  } catch (const AlreadyExistsError& e) {
    expect_message_names(e, "/dangling", "dangling link");
  }
}

TEST_F(GroupDictTest, ClosedGroupRefusesDictMethods) {
  Group g = f.create_group("g");
  g.close();
  EXPECT_THROW((void)g.get("x"), ClosedObjectError);
  EXPECT_THROW((void)g.get_link("x"), ClosedObjectError);
  EXPECT_THROW((void)g.pop("x"), ClosedObjectError);
  EXPECT_THROW(g.clear(), ClosedObjectError);
  EXPECT_THROW(g.update({{"x", 1}}), ClosedObjectError);
  EXPECT_THROW((void)g.setdefault("x", 1), ClosedObjectError);
  EXPECT_THROW(g.visit_links([](const std::string&) { return false; }), ClosedObjectError);
}

// ---- visit_links ---------------------------------------------------------------------------------

class VisitLinksTest : public GroupDictTest {
 protected:
  void SetUp() override {
    f["b/d"] = 1;
    f["a"] = 2;
    f["b/soft"] = SoftLink{"/a"};
    f["b/dangling"] = SoftLink{"/nowhere"};
    f["c"] = ExternalLink{"missing.h5", "/z"};
    f["alias"] = f["b"];  // the group again: its links are listed once
  }
};

TEST_F(VisitLinksTest, ListsEveryLinkInNameOrderWithoutFollowing) {
  std::vector<std::string> names;
  EXPECT_FALSE(f.visit_links([&](const std::string& n) {
                  names.push_back(n);
                  return false;
                }).has_value());
  EXPECT_EQ(names, (std::vector<std::string>{"a", "alias", "alias/d", "alias/dangling", "alias/soft", "b", "c"}));
}

TEST_F(VisitLinksTest, ItemsGiveTheLinks) {
  std::map<std::string, LinkInfo> links;
  f.group("b").visit_links_items([&](const std::string& n, const LinkInfo& info) {
    links[n] = info;
    return false;
  });
  ASSERT_EQ(links.size(), 3u);
  EXPECT_EQ(links["d"].kind, LinkKind::hard);
  EXPECT_EQ(links["soft"].kind, LinkKind::soft);
  EXPECT_EQ(links["soft"].target, "/a");
  EXPECT_EQ(links["dangling"].target, "/nowhere");
}

TEST_F(VisitLinksTest, StopsAndSaysWhereAndPropagatesExceptions) {
  int seen = 0;
  const auto stopped = f.visit_links([&](const std::string& n) {
    ++seen;
    return n == "alias";
  });
  EXPECT_EQ(stopped, std::optional<std::string>("alias"));
  EXPECT_EQ(seen, 2);
  EXPECT_THROW(f.visit_links_items([](const std::string&, const LinkInfo&) -> bool { throw std::runtime_error("x"); }),
               std::runtime_error);
  EXPECT_TRUE(f.contains("a"));
}

// ---- copy into a group ---------------------------------------------------------------------------

TEST_F(GroupDictTest, CopyIntoAGroupKeepsTheSourceName) {
  f["src/data"] = std::vector<int>{4, 5};
  Group dest = f.create_group("dest");
  const Object by_path = f.copy("src/data", dest);
  EXPECT_EQ(by_path.path(), "/dest/data");
  EXPECT_EQ(f.dataset("dest/data").read<std::vector<int>>(), (std::vector<int>{4, 5}));
  File other(dir / "other.h5", "w");
  f.copy(f.group("src"), other);
  EXPECT_TRUE(other.contains("src/data"));
  f.copy("src", "src_copy");
  EXPECT_TRUE(f.contains("src_copy/data"));
  EXPECT_FALSE(f.dataset("src_copy/data") == f.dataset("src/data"));
  EXPECT_THROW(f.copy("src/data", dest), AlreadyExistsError);
  EXPECT_THROW(f.copy(f.group("/"), other), InvalidArgumentError);
  try {
    f.copy("missing", dest);
    FAIL() << "no error";
  } catch (const NotFoundError& e) {
    expect_message_names(e, "/missing", "found no link");
  }
  Group closed = f.group("dest");
  closed.close();
  EXPECT_THROW(f.copy("src", closed), ClosedObjectError);
}

TEST_F(GroupDictTest, CopyFlagsExpandLinksAndReferences) {
  f["target"] = std::vector<int>{1};
  f["g/soft"] = SoftLink{"/target"};
  {
    File ext(dir / "ext.h5", "w");
    ext["y"] = 42;
  }
  f["g/ext"] = ExternalLink{dir / "ext.h5", "/y"};
  f.group("g").create_dataset("ref", f.open("target").reference());
  File other(dir / "other.h5", "w");
  f.copy("g", other, "kept");
  EXPECT_EQ(other.link_info("kept/soft").kind, LinkKind::soft);
  EXPECT_EQ(other.link_info("kept/ext").kind, LinkKind::external);
  f.copy("g", other, "expanded", CopyOptions{.expand_soft = true, .expand_external = true, .expand_refs = true});
  EXPECT_EQ(other.link_info("expanded/soft").kind, LinkKind::hard);
  EXPECT_EQ(other.dataset("expanded/soft").read<std::vector<int>>(), (std::vector<int>{1}));
  EXPECT_EQ(other.link_info("expanded/ext").kind, LinkKind::hard);
  EXPECT_EQ(other.dataset("expanded/ext").read<int>(), 42);
  const Object referenced = other.dereference(other.dataset("expanded/ref").read<ObjectReference>());
  EXPECT_EQ(referenced.as_dataset().read<std::vector<int>>(), (std::vector<int>{1}));
}

}  // namespace
}  // namespace h5kit
