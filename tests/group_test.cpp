#include "h5kit/group.hpp"

#include <gtest/gtest.h>
#include <hdf5.h>

#include "h5kit/h5kit.hpp"
#include "support/temp_dir.hpp"

namespace h5kit {
namespace {

using test::TempDir;

class GroupTest : public ::testing::Test {
 protected:
  TempDir dir;
  File f{dir / "g.h5", "w"};
};

TEST_F(GroupTest, CreateGroupMakesIntermediateGroups) {
  Group c = f.create_group("a/b/c");
  EXPECT_EQ(c.path(), "/a/b/c");
  EXPECT_TRUE(f.contains("a"));
  EXPECT_TRUE(f.contains("a/b"));
  EXPECT_EQ(f.object_kind("a/b"), ObjectKind::group);
}

TEST_F(GroupTest, AbsoluteAndRelativePaths) {
  Group b = f.create_group("a/b");
  b.create_group("c");
  EXPECT_TRUE(b.contains("c"));
  EXPECT_TRUE(b.contains("/a/b/c"));
  EXPECT_TRUE(f.contains("/a/b/c"));
  EXPECT_FALSE(b.contains("a"));
  Group c = b.group("/a/b/c");
  EXPECT_EQ(c.path(), "/a/b/c");
  Group c2 = f["a"]["b"]["c"];
  EXPECT_EQ(c2, c);
}

// HDF5 and h5py resolve "." components and repeated slashes; open and contains did not.
TEST_F(GroupTest, DotComponentsAndRepeatedSlashesResolve) {
  f.create_group("x").create_dataset("y", std::vector<int>{1, 2});
  for (const char* path : {"./x", ".//x", "x/", "/./x", "x//"}) {
    EXPECT_TRUE(f.contains(path)) << path;
    EXPECT_EQ(f.group(path).path(), "/x") << path;
  }
  for (const char* path : {"x/./y", "./x/./y", "/x/.//y", "x/y/."}) {
    EXPECT_TRUE(f.contains(path)) << path;
    EXPECT_TRUE(f.has_link(path)) << path;
    EXPECT_EQ(f.dataset(path).read<std::vector<int>>(), (std::vector<int>{1, 2})) << path;
  }
  EXPECT_EQ(f.group(".").path(), "/");
  EXPECT_EQ(f.group("x").group("./.").path(), "/x");
  EXPECT_FALSE(f.contains("./nothing"));
  EXPECT_FALSE(f.contains("x/./nothing"));
  f.create_group("./a/./b");
  EXPECT_TRUE(f.contains("a/b"));
  EXPECT_EQ(f.group("a").keys(), std::vector<std::string>{"b"});
}

// h5py's move returns at once when the source and the destination are the same name.
TEST_F(GroupTest, MovingALinkOntoItselfDoesNothing) {
  f.create_group("x").attrs().set("kept", 1);
  EXPECT_NO_THROW(f.move("x", "x"));
  EXPECT_NO_THROW(f.move("x", "./x"));
  EXPECT_EQ(f.group("x").attrs().get<int>("kept"), 1);
  EXPECT_EQ(f.keys(), std::vector<std::string>{"x"});
  EXPECT_THROW(f.move("missing", "missing"), NotFoundError);  // a missing source is still an error
}

TEST_F(GroupTest, CreatingANameTwiceIsAlreadyExists) {
  f.create_group("x");
  try {
    f.create_group("x");
    FAIL();
  } catch (const AlreadyExistsError& e) {
    EXPECT_EQ(e.object(), "/x");
    EXPECT_EQ(e.file(), dir / "g.h5");
    EXPECT_EQ(e.operation(), "create group");
  }
  f.create_dataset("d", 1);
  EXPECT_THROW(f.create_dataset("d", 2), AlreadyExistsError);
  EXPECT_EQ(f.dataset("d").read<int>(), 1);  // the first one is untouched
}

TEST_F(GroupTest, RequireGroupOpensOrCreatesButNeverReplacesADataset) {
  Group a = f.require_group("a");
  a.attrs().set("mark", 1);
  EXPECT_EQ(f.require_group("a").attrs().get<int>("mark"), 1);
  f.create_dataset("d", 1.0);
  EXPECT_THROW(f.require_group("d"), TypeMismatchError);
}

TEST_F(GroupTest, MissingPathsAreNotFoundWithThePath) {
  f.create_group("a");
  try {
    f.open("a/missing/deeper");
    FAIL();
  } catch (const NotFoundError& e) {
    EXPECT_EQ(e.object(), "/a/missing/deeper");
    EXPECT_NE(std::string(e.what()).find("g.h5"), std::string::npos);
  }
  EXPECT_FALSE(f.contains("a/missing/deeper"));
  EXPECT_FALSE(f.contains(""));
  EXPECT_THROW(f.open(""), InvalidArgumentError);
}

TEST_F(GroupTest, OpeningAGroupAsADatasetIsATypeMismatch) {
  f.create_group("g");
  f.create_dataset("d", 1);
  EXPECT_THROW(f.dataset("g"), TypeMismatchError);
  EXPECT_THROW(f.group("d"), TypeMismatchError);
  EXPECT_THROW({ Dataset d = f["g"]; }, TypeMismatchError);
}

TEST_F(GroupTest, SizeAndKeysInNameOrder) {
  f.create_group("b");
  f.create_group("c");
  f.create_group("a");
  EXPECT_EQ(f.size(), 3u);
  EXPECT_EQ(f.keys(), (std::vector<std::string>{"a", "b", "c"}));
  EXPECT_FALSE(f.tracks_creation_order());
  EXPECT_THROW(f.keys(IterationOrder::creation), InvalidArgumentError);
}

TEST_F(GroupTest, CreationOrderWhenTracked) {
  Group g = f.create_group("ordered", GroupOptions{.track_order = true});
  for (const char* name : {"zeta", "alpha", "mid"}) g.create_group(name);
  EXPECT_TRUE(g.tracks_creation_order());
  EXPECT_EQ(g.keys(), (std::vector<std::string>{"zeta", "alpha", "mid"}));
  EXPECT_EQ(g.keys(IterationOrder::name), (std::vector<std::string>{"alpha", "mid", "zeta"}));
  auto items = g.items();
  ASSERT_EQ(items.size(), 3u);
  EXPECT_EQ(items[0].first, "zeta");
  EXPECT_EQ(items[0].second.path(), "/ordered/zeta");
}

TEST_F(GroupTest, RootTracksCreationOrderFromFileOptions) {
  FileOptions o;
  o.track_order = true;
  File t(dir / "t.h5", "w", o);
  t.create_group("b");
  t.create_group("a");
  EXPECT_EQ(t.keys(), (std::vector<std::string>{"b", "a"}));
}

TEST_F(GroupTest, EraseAndMove) {
  f.create_group("a/x");
  f.move("a/x", "b/y");
  EXPECT_FALSE(f.contains("a/x"));
  EXPECT_TRUE(f.contains("b/y"));
  f.erase("b/y");
  EXPECT_FALSE(f.contains("b/y"));
  EXPECT_THROW(f.erase("b/y"), NotFoundError);
  EXPECT_THROW(f.move("nothing", "z"), NotFoundError);
  f.create_group("p");
  f.create_group("q");
  EXPECT_THROW(f.move("p", "q"), AlreadyExistsError);
  EXPECT_TRUE(f.contains("p"));
}

TEST_F(GroupTest, ContainsDoesNotFollowIntoDatasets) {
  f.create_dataset("d", std::vector<int>{1});
  EXPECT_FALSE(f.contains("d/x"));
  EXPECT_THROW(f.create_group("d/x"), Error);
}

TEST_F(GroupTest, ClosedGroupRefusesUse) {
  Group g = f.create_group("g");
  g.close();
  EXPECT_THROW(g.create_group("x"), ClosedObjectError);
  EXPECT_THROW(g.keys(), ClosedObjectError);
  EXPECT_THROW(g.attrs(), ClosedObjectError);
  EXPECT_TRUE(f.contains("g"));
}

}  // namespace
}  // namespace h5kit

namespace h5kit {
namespace {

// Bytes of the fractal heap that dense attribute storage uses (0 while attributes are compact).
hsize_t dense_attribute_heap(const Object& object) {
  H5O_info_t info{};
  EXPECT_GE(H5Oget_info2(object.id(), &info, H5O_INFO_META_SIZE), 0);
  return info.meta_size.attr.heap_size;
}

TEST(GroupOptionsTest, MaxCompactAttributesKeepsManyAttributesInTheObjectHeader) {
  test::TempDir dir;
  File f(dir / "a.h5", "w");
  const Group plain = f.create_group("plain");
  const Group compact = f.create_group("compact", GroupOptions{.max_compact_attributes = 20});
  for (int i = 0; i < 20; ++i) {
    plain.attrs().set("a" + std::to_string(i), i);
    compact.attrs().set("a" + std::to_string(i), i);
  }
  EXPECT_GT(dense_attribute_heap(plain), 0u);  // past HDF5's 8 with libver latest
  EXPECT_EQ(dense_attribute_heap(compact), 0u);
  EXPECT_EQ(compact.attrs().get<int>("a19"), 19);
  compact.attrs().set("a20", 20);  // one more than asked for: dense from here on
  EXPECT_GT(dense_attribute_heap(compact), 0u);
  const Group tracked = f.create_group("tracked", GroupOptions{.track_order = true, .max_compact_attributes = 12});
  EXPECT_TRUE(tracked.tracks_creation_order());
}

TEST(GroupOptionsTest, TryOpenFindsObjectsAndReturnsNothingForMissingOrDangling) {
  test::TempDir dir;
  File f(dir / "a.h5", "w");
  f.create_group("g/h");
  f["soft"] = SoftLink{"/nowhere"};
  ASSERT_TRUE(f.try_open("g/h").has_value());
  EXPECT_EQ(f.try_open("g/h")->kind(), ObjectKind::group);
  EXPECT_FALSE(f.try_open("missing").has_value());
  EXPECT_FALSE(f.try_open("soft").has_value());
  EXPECT_FALSE(f.try_open("g/missing/deeper").has_value());
  EXPECT_THROW(f.try_open(""), InvalidArgumentError);
}

}  // namespace
}  // namespace h5kit
