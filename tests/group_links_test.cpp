#include <gtest/gtest.h>

#include "h5kit/h5kit.hpp"
#include "support/temp_dir.hpp"

namespace h5kit {
namespace {

using test::TempDir;

class LinkTest : public ::testing::Test {
 protected:
  TempDir dir;
  File f{dir / "l.h5", "w"};
};

TEST_F(LinkTest, HardLinkByAssignmentIsTheSameObject) {
  Dataset d = f.create_dataset("data/x", std::vector<int>{1, 2, 3});
  f["alias"] = d;
  Dataset alias = f["alias"];
  EXPECT_EQ(alias, d);
  EXPECT_EQ(alias.read<std::vector<int>>(), (std::vector<int>{1, 2, 3}));
  EXPECT_EQ(f.link_info("alias").kind, LinkKind::hard);
  f.erase("data/x");  // the data lives on through the other link
  EXPECT_EQ(f.dataset("alias").read<std::vector<int>>(), (std::vector<int>{1, 2, 3}));
  f["again"] = f["alias"];
  EXPECT_EQ(f.dataset("again"), alias);
}

TEST_F(LinkTest, SoftLinkResolvesAndCanDangle) {
  f.create_group("target").attrs().set("v", 7);
  f["soft"] = SoftLink{"/target"};
  f["dangling"] = SoftLink{"/nowhere"};
  EXPECT_EQ(f.group("soft").attrs().get<int>("v"), 7);
  const LinkInfo info = f.link_info("soft");
  EXPECT_EQ(info.kind, LinkKind::soft);
  EXPECT_EQ(info.target, "/target");
  EXPECT_TRUE(f.has_link("dangling"));
  EXPECT_FALSE(f.contains("dangling"));
  EXPECT_EQ(f.link_info("dangling").target, "/nowhere");
  try {
    f.open("dangling");
    FAIL();
  } catch (const NotFoundError& e) {
    EXPECT_NE(std::string(e.what()).find("dangling"), std::string::npos) << e.what();
  }
  EXPECT_THROW(f.object_kind("dangling"), NotFoundError);
}

TEST_F(LinkTest, ExternalLinkReachesAnotherFile) {
  {
    File other(dir / "other.h5", "w");
    other.create_dataset("inside/v", 42);
  }
  f["ext"] = ExternalLink{dir / "other.h5", "/inside/v"};
  const LinkInfo info = f.link_info("ext");
  EXPECT_EQ(info.kind, LinkKind::external);
  EXPECT_EQ(info.file, dir / "other.h5");
  EXPECT_EQ(info.target, "/inside/v");
  EXPECT_EQ(f.dataset("ext").read<int>(), 42);
  EXPECT_EQ(f.object_kind("ext"), ObjectKind::dataset);
  f["ext_missing"] = ExternalLink{dir / "absent.h5", "/x"};
  EXPECT_FALSE(f.contains("ext_missing"));
  EXPECT_TRUE(f.has_link("ext_missing"));
}

TEST_F(LinkTest, LinkingOverATakenNameFails) {
  f.create_group("x");
  EXPECT_THROW(f.link("x", SoftLink{"/y"}), AlreadyExistsError);
  EXPECT_THROW(f.link("y", SoftLink{""}), InvalidArgumentError);
  EXPECT_THROW(f.link("z", ExternalLink{"", "/a"}), InvalidArgumentError);
  EXPECT_THROW(f.link_info("none"), NotFoundError);
}

TEST_F(LinkTest, ObjectKinds) {
  f.create_group("g");
  f.create_dataset("d", 1.0);
  EXPECT_EQ(f.object_kind("g"), ObjectKind::group);
  EXPECT_EQ(f.object_kind("d"), ObjectKind::dataset);
  EXPECT_EQ(f.open("d").kind(), ObjectKind::dataset);
  EXPECT_EQ(f.open("g").kind(), ObjectKind::group);
}

TEST_F(LinkTest, IdentityComparesObjectsNotPaths) {
  Group a = f.create_group("a");
  f["b"] = a;
  Group b = f["b"];
  Group c = f.create_group("c");
  EXPECT_TRUE(a == b);
  EXPECT_FALSE(a == c);
  File second(dir / "l.h5", "r");
  EXPECT_TRUE(second.group("a") == a);  // same file opened twice, same object
}

TEST_F(LinkTest, ReferencesDereference) {
  Dataset d = f.create_dataset("x", 5);
  const ObjectReference ref = d.reference();
  EXPECT_FALSE(ref.is_null());
  EXPECT_EQ(f.dereference(ref), d);
  EXPECT_EQ(f.dereference(ref).path(), "/x");
  EXPECT_THROW(f.dereference(ObjectReference{}), InvalidArgumentError);
}

}  // namespace
}  // namespace h5kit
