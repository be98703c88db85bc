#include "h5kit/reference.hpp"

#include <cstdint>
#include <vector>

#include <gtest/gtest.h>

#include "h5kit/h5kit.hpp"
#include "support/temp_dir.hpp"

namespace h5kit {
namespace {

using test::TempDir;

class ReferenceTest : public ::testing::Test {
 protected:
  TempDir dir;
  File f{dir / "refs.h5", "w"};
};

TEST_F(ReferenceTest, ReferencesToGroupDatasetAndNamedTypeDereference) {
  const Group g = f.create_group("a/b");
  const Dataset d = f.create_dataset("a/values", std::vector<int>{1, 2, 3});
  const Datatype t = f.commit_type("types/pair", Datatype::compound(8, {{"x", 0, Datatype::int32()},
                                                                        {"y", 4, Datatype::int32()}}));

  const Object to_group = f.dereference(g.reference());
  EXPECT_EQ(to_group.kind(), ObjectKind::group);
  EXPECT_EQ(to_group.path(), "/a/b");
  EXPECT_TRUE(to_group == g);

  const Object to_dataset = f.dereference(d.reference());
  EXPECT_EQ(to_dataset.kind(), ObjectKind::dataset);
  EXPECT_EQ(to_dataset.as_dataset().read<std::vector<int>>(), (std::vector<int>{1, 2, 3}));

  const ObjectReference type_ref = as_object(t).reference();
  const Object to_type = f.dereference(type_ref);
  EXPECT_EQ(to_type.kind(), ObjectKind::datatype);
  EXPECT_EQ(to_type.path(), "/types/pair");
  EXPECT_EQ(as_datatype(to_type), t);
  EXPECT_TRUE(as_datatype(to_type).is_committed());

  // Dereferencing works from any group of the file, not only the root.
  EXPECT_TRUE(g.dereference(d.reference()) == d);
}

TEST_F(ReferenceTest, SameObjectGivesTheSameReferenceWhicheverPath) {
  const Dataset d = f.create_dataset("x", 1.5);
  f["alias"] = d;
  EXPECT_EQ(f.dataset("alias").reference(), d.reference());
  EXPECT_NE(f.reference(), d.reference());
}

TEST_F(ReferenceTest, NullReferenceIsDefaultAndCannotBeFollowed) {
  const ObjectReference null_ref;
  EXPECT_TRUE(null_ref.is_null());
  EXPECT_FALSE(f.reference().is_null());
  try {
    f.dereference(null_ref);
    FAIL() << "dereferencing the null reference must throw";
  } catch (const InvalidArgumentError& e) {
    EXPECT_NE(std::string(e.what()).find("null"), std::string::npos) << e.what();
  }
  // A null reference stores and reads back as null.
  f.create_dataset("null", null_ref);
  EXPECT_TRUE(f.dataset("null").read<ObjectReference>().is_null());
}

TEST_F(ReferenceTest, ArraysOfReferencesInDatasetsAndAttributes) {
  const Dataset a = f.create_dataset("a", 1);
  const Dataset b = f.create_dataset("b", 2);
  const std::vector<ObjectReference> refs{a.reference(), ObjectReference{}, b.reference(), f.reference()};
  const Dataset stored = f.create_dataset("refs", refs);
  EXPECT_EQ(stored.dtype().name(), "ref");
  EXPECT_EQ(stored.dtype(), Datatype::object_reference());
  f.attrs().set("refs", refs);
  EXPECT_EQ(f.attrs().open("refs").dtype().name(), "ref");

  for (const auto& back :
       {stored.read<std::vector<ObjectReference>>(), f.attrs().get<std::vector<ObjectReference>>("refs")}) {
    ASSERT_EQ(back, refs);
    EXPECT_EQ(f.dereference(back[0]).as_dataset().read<int>(), 1);
    EXPECT_TRUE(back[1].is_null());
    EXPECT_EQ(f.dereference(back[2]).as_dataset().read<int>(), 2);
    EXPECT_TRUE(f.dereference(back[3]) == f);
  }
  // 2-d arrays of references too.
  const std::vector<std::vector<ObjectReference>> grid{{a.reference(), b.reference()}, {b.reference(), a.reference()}};
  f.create_dataset("grid", grid);
  EXPECT_EQ(f.dataset("grid").read<std::vector<std::vector<ObjectReference>>>(), grid);
}

TEST_F(ReferenceTest, ReferencesAreNotNumbers) {
  const Dataset refs = f.create_dataset("refs", std::vector<ObjectReference>{f.reference()});
  EXPECT_THROW(refs.read<std::vector<std::uint64_t>>(), TypeMismatchError);
  const Dataset numbers = f.create_dataset("numbers", std::vector<std::uint64_t>{1});
  EXPECT_THROW(numbers.read<std::vector<ObjectReference>>(), TypeMismatchError);
  EXPECT_THROW(numbers.write(std::vector<ObjectReference>{f.reference()}), TypeMismatchError);
  EXPECT_EQ(numbers.read<std::vector<std::uint64_t>>(), std::vector<std::uint64_t>{1});  // nothing was written
}

TEST_F(ReferenceTest, ReferenceFromAnotherFileIsNotFoundWhenItPointsAtNothing) {
  // A reference is only an address. One from a bigger file points past everything in a small one.
  File big(dir / "big.h5", "w");
  big.create_dataset("filler", std::vector<double>(20000, 1.0));
  const ObjectReference foreign = big.create_dataset("late", 7).reference();
  try {
    f.dereference(foreign);
    FAIL() << "a reference from another file must not open anything here";
  } catch (const NotFoundError& e) {
    EXPECT_NE(std::string(e.what()).find("another file"), std::string::npos) << e.what();
    EXPECT_NE(std::string(e.what()).find("refs.h5"), std::string::npos) << e.what();
  }
  // A made-up address fails the same way instead of crashing.
  EXPECT_THROW(f.dereference(ObjectReference{12345}), NotFoundError);
}

TEST_F(ReferenceTest, DereferenceOnClosedGroupIsClosedError) {
  const ObjectReference ref = f.reference();
  Group g = f.create_group("g");
  g.close();
  EXPECT_THROW(g.dereference(ref), ClosedObjectError);
}

// ---- Region references ---------------------------------------------------------------------------

class RegionReferenceTest : public ReferenceTest {
 protected:
  // grid[i][j] = 6 * i + j
  Dataset grid = f.create_dataset("grid", [] {
    std::vector<std::vector<int>> g(6, std::vector<int>(6));
    for (int i = 0; i < 6; ++i)
      for (int j = 0; j < 6; ++j) g[i][j] = 6 * i + j;
    return g;
  }());
};

TEST_F(RegionReferenceTest, HyperslabRegionReadsBackWithItsShape) {
  const RegionReference ref = grid.region_reference({s(2, 5), s(none, none, 2)});  // h5py: regionref[2:5, ::2]
  EXPECT_FALSE(ref.is_null());
  const DatasetSelection region = f.dereference(ref);
  EXPECT_TRUE(region.dataset() == grid);
  EXPECT_EQ(region.shape(), (Shape{3, 3}));
  EXPECT_EQ(region.read<std::vector<std::vector<int>>>(),
            (std::vector<std::vector<int>>{{12, 14, 16}, {18, 20, 22}, {24, 26, 28}}));
  // The selection alone, applied by hand.
  const Selection sel = f.region(ref);
  EXPECT_EQ(sel.extent(), (Shape{6, 6}));
  EXPECT_EQ(sel.size(), 9u);
  EXPECT_EQ(grid.select(sel).read<std::vector<std::vector<int>>>()[2][2], 28);
}

TEST_F(RegionReferenceTest, IntegerIndexKeepsItsAxisAsInH5py) {
  // A region stores only the dataspace selection: row 4 is a (1, 2) block, as h5py reads it.
  const RegionReference ref = grid.region_reference({4, s(1, 3)});
  EXPECT_EQ(f.dereference(ref).shape(), (Shape{1, 2}));
  EXPECT_EQ(f.dereference(ref).read<std::vector<int>>(), (std::vector<int>{25, 26}));
}

TEST_F(RegionReferenceTest, PointsAndAllAndIrregularBlocks) {
  const RegionReference points = grid.region_reference(grid.points({{0, 1}, {5, 5}, {3, 0}}));
  EXPECT_EQ(f.dereference(points).read<std::vector<int>>(), (std::vector<int>{1, 35, 18}));
  const RegionReference everything = grid.region_reference(Selection::all(grid.shape()));
  EXPECT_EQ(f.dereference(everything).shape(), (Shape{6, 6}));
  EXPECT_EQ(f.dereference(everything).read<std::vector<std::vector<int>>>()[5][4], 34);
  const RegionReference two_blocks =
      grid.region_reference(grid.blocks({Block{{0, 0}, {1, 2}}, Block{{5, 4}, {1, 2}}}));
  EXPECT_EQ(f.dereference(two_blocks).shape(), (Shape{4}));  // irregular: the elements in a row
  EXPECT_EQ(f.dereference(two_blocks).read<std::vector<int>>(), (std::vector<int>{0, 1, 34, 35}));
}

TEST_F(RegionReferenceTest, StoredInDatasetsAndAttributesAndWrittenThrough) {
  const std::vector<RegionReference> refs{grid.region_reference({0, s(none, 3)}), RegionReference{},
                                          grid.region_reference({s(4, 6), 5})};
  const Dataset stored = f.create_dataset("regions", refs);
  EXPECT_EQ(stored.dtype().name(), "regionref");
  EXPECT_EQ(stored.dtype(), Datatype::region_reference());
  grid.attrs().set("first_row", refs[0]);
  const auto back = f.dataset("regions").read<std::vector<RegionReference>>();
  ASSERT_EQ(back, refs);
  EXPECT_TRUE(back[1].is_null());
  EXPECT_EQ(f.dereference(back[2]).read<std::vector<int>>(), (std::vector<int>{29, 35}));
  const auto attr = grid.attrs().get<RegionReference>("first_row");
  EXPECT_EQ(f.dereference(attr).read<std::vector<int>>(), (std::vector<int>{0, 1, 2}));
  // A region is a DatasetSelection: it can be written too.
  f.dereference(attr).write(std::vector<int>{-1, -2, -3});
  EXPECT_EQ(grid.read_block<std::vector<std::vector<int>>>({0, 0}, {1, 4}),
            (std::vector<std::vector<int>>{{-1, -2, -3, 3}}));
}

TEST_F(RegionReferenceTest, Errors) {
  // The null reference.
  try {
    f.dereference(RegionReference{});
    FAIL() << "the null region reference must not dereference";
  } catch (const InvalidArgumentError& e) {
    EXPECT_NE(std::string(e.what()).find("null"), std::string::npos) << e.what();
  }
  EXPECT_THROW(f.region(RegionReference{}), InvalidArgumentError);
  // A selection made for another shape.
  try {
    grid.region_reference(Selection::all(Shape{3, 3}));
    FAIL() << "a selection for another extent must be refused";
  } catch (const ShapeMismatchError& e) {
    EXPECT_NE(std::string(e.what()).find("(3, 3)"), std::string::npos) << e.what();
  }
  EXPECT_THROW(grid.region_reference(Selection{}), InvalidArgumentError);
  EXPECT_THROW(grid.region_reference({7, 0}), Error);  // index out of range
  // Garbage bytes point at nothing.
  RegionReference garbage;
  garbage.bytes.fill(0x7f);
  EXPECT_THROW(f.dereference(garbage), NotFoundError);
  // Region and object references are different types.
  const Dataset regions = f.create_dataset("regions", std::vector<RegionReference>{grid.region_reference({0, 0})});
  EXPECT_THROW(regions.read<std::vector<ObjectReference>>(), Error);
  EXPECT_THROW(f.create_dataset("objects", std::vector<ObjectReference>{grid.reference()}).read<RegionReference>(),
               Error);
}

TEST_F(RegionReferenceTest, RegionOfADatasetGrownSinceStillReads) {
  const Dataset growing =
      f.create_dataset("growing", std::vector<int>{1, 2, 3}, DatasetOptions{}.maxshape({unlimited}));
  const RegionReference ref = growing.region_reference({s(1, 3)});
  growing.resize({5});
  growing.write_block(std::vector<int>{4, 5}, {3});
  // HDF5 applies the stored selection to the dataset's current extent (h5py reads it the same way).
  EXPECT_EQ(f.region(ref).extent(), (Shape{5}));
  EXPECT_EQ(f.dereference(ref).read<std::vector<int>>(), (std::vector<int>{2, 3}));
}

}  // namespace
}  // namespace h5kit
