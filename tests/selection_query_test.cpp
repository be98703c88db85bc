// Selection introspection: kind(), block_list(), point_list() (src/selection_query.cpp).
#include <functional>
#include <string>
#include <vector>

#include <gtest/gtest.h>

#include "h5kit/h5kit.hpp"
#include "support/temp_dir.hpp"

namespace h5kit {

// gtest prints a mismatching Block readably.
void PrintTo(const Block& b, std::ostream* os) { *os << "Block{" << to_string(b.offset) << ", " << to_string(b.count) << "}"; }

namespace {

using test::TempDir;

using Blocks = std::vector<Block>;
using Points = std::vector<Shape>;

Selection index(const Shape& extent, std::initializer_list<Index> expression) {
  return Selection::from_index(extent, std::span<const Index>(expression.begin(), expression.size()));
}

std::string message_of(const std::function<void()>& f) {
  try {
    f();
  } catch (const InvalidArgumentError& e) {
    return e.what();
  }
  return "(no InvalidArgumentError)";
}

TEST(SelectionQuery, KindsFollowHowTheSelectionWasBuilt) {
  const Shape extent{4, 5};
  EXPECT_EQ(Selection::all(extent).kind(), SelectionKind::all);
  EXPECT_EQ(Selection::all(Shape{}).kind(), SelectionKind::all);  // a scalar
  EXPECT_EQ(index(extent, {s(1, 3)}).kind(), SelectionKind::blocks);
  EXPECT_EQ(index(extent, {all, all}).kind(), SelectionKind::blocks);  // a full hyperslab is still a hyperslab
  EXPECT_EQ(index(extent, {indices{0, 2}}).kind(), SelectionKind::blocks);
  EXPECT_EQ(Selection::block(extent, {1, 1}, {2, 2}).kind(), SelectionKind::blocks);
  EXPECT_EQ(Selection::points(extent, {{0, 0}, {3, 4}}).kind(), SelectionKind::points);
  EXPECT_EQ(Selection::mask(Shape{3}, std::vector<bool>{true, false, true}).kind(), SelectionKind::points);
  EXPECT_EQ(index(extent, {s(2, 2)}).kind(), SelectionKind::none);  // an empty slice
  EXPECT_EQ(Selection::points(extent, {}).kind(), SelectionKind::none);
  EXPECT_EQ(Selection::blocks(extent, {}).kind(), SelectionKind::none);
}

TEST(SelectionQuery, StridedSliceIsOneBlockPerStep) {
  // numpy: a[0:6:2, 1:3] on a (6, 4) array -> rows 0, 2, 4, columns 1..2
  const Selection sel = index({6, 4}, {s(0, 6, 2), s(1, 3)});
  EXPECT_EQ(sel.block_list(), (Blocks{{{0, 1}, {1, 2}}, {{2, 1}, {1, 2}}, {{4, 1}, {1, 2}}}));
  // A stride on the inner axis: one block per step, each spanning the whole outer axis.
  EXPECT_EQ(index({2, 5}, {all, s(0, 5, 3)}).block_list(), (Blocks{{{0, 0}, {2, 1}}, {{0, 3}, {2, 1}}}));
  // Strides on both axes: row-major order of the first corners.
  EXPECT_EQ(index({4, 4}, {s(0, 4, 2), s(1, 4, 2)}).block_list(),
            (Blocks{{{0, 1}, {1, 1}}, {{0, 3}, {1, 1}}, {{2, 1}, {1, 1}}, {{2, 3}, {1, 1}}}));
}

TEST(SelectionQuery, IndexListComesBackAsMergedRuns) {
  EXPECT_EQ(index({10}, {indices{1, 2, 3, 7}}).block_list(), (Blocks{{{1}, {3}}, {{7}, {1}}}));
  EXPECT_EQ(index({8, 4}, {indices{1, 2, 5}, s(1, 4)}).block_list(), (Blocks{{{1, 1}, {2, 3}}, {{5, 1}, {1, 3}}}));
  // HDF5 merges touching and overlapping blocks of a union, whatever order they were given in.
  EXPECT_EQ(Selection::blocks({10}, {Block{{4}, {3}}, Block{{0}, {2}}, Block{{2}, {2}}}).block_list(),
            (Blocks{{{0}, {7}}}));
}

TEST(SelectionQuery, PointsComeBackInSelectionOrder) {
  const Points points{{3, 1}, {0, 0}, {2, 4}, {0, 0}};  // not sorted, one repeated
  const Selection sel = Selection::points({4, 5}, points);
  EXPECT_EQ(sel.point_list(), points);
  EXPECT_EQ(sel.size(), 4u);
}

TEST(SelectionQuery, MaskIsPointsInRowMajorOrder) {
  NDArray<bool> mask(Shape{2, 3});
  mask(1, 2) = true;
  mask(0, 1) = true;
  mask(1, 0) = true;
  EXPECT_EQ(Selection::mask({2, 3}, mask).point_list(), (Points{{0, 1}, {1, 0}, {1, 2}}));
}

TEST(SelectionQuery, NoneHasNoBlocksAndNoPoints) {
  for (const Selection& sel : {index({4, 5}, {s(2, 2)}), Selection::points({4, 5}, {}), Selection::blocks({4}, {})}) {
    EXPECT_EQ(sel.kind(), SelectionKind::none);
    EXPECT_TRUE(sel.block_list().empty());
    EXPECT_TRUE(sel.point_list().empty());
  }
}

TEST(SelectionQuery, AllIsOneBlockCoveringTheExtent) {
  EXPECT_EQ(Selection::all({4, 5}).block_list(), (Blocks{{{0, 0}, {4, 5}}}));
  EXPECT_EQ(Selection::all(Shape{}).block_list(), (Blocks{{{}, {}}}));  // a scalar: one element
  EXPECT_EQ(Selection::all({0, 3}).block_list(), (Blocks{{{0, 0}, {0, 3}}}));  // zero elements, still the extent
}

TEST(SelectionQuery, AskingForTheOtherFormIsAnErrorThatSaysWhichToUse) {
  EXPECT_NE(message_of([] { Selection::points({4}, {{1}}).block_list(); }).find("use point_list()"), std::string::npos);
  EXPECT_NE(message_of([] { Selection::all({4}).point_list(); }).find("selects the whole extent, not points"),
            std::string::npos);
  EXPECT_NE(message_of([] { index({4}, {s(0, 2)}).point_list(); }).find("use block_list()"), std::string::npos);
  for (const auto& query : std::vector<std::function<void()>>{[] { Selection{}.kind(); }, [] { Selection{}.block_list(); },
                                                               [] { Selection{}.point_list(); }})
    EXPECT_NE(message_of(query).find("default-constructed"), std::string::npos);
}

// A region reference stores the dataspace selection; reading it back from the file through
// Group::region gives the same blocks and points as the selection it was made from.
TEST(SelectionQuery, RegionReferenceReadsBackTheSameBlocksAndPoints) {
  TempDir dir;
  const std::string path = dir / "regions.h5";
  const Selection strided = index({6, 6}, {s(1, 6, 2), s(0, 4)});
  const Selection listed = index({6, 6}, {indices{0, 1, 4}, 2});
  const Selection points = Selection::points({6, 6}, {{5, 0}, {1, 1}, {3, 2}});
  {
    File f(path, "w");
    const Dataset grid = f.create_dataset("grid", NDArray<int>(Shape{6, 6}));
    f.create_dataset("refs", std::vector<RegionReference>{grid.region_reference(strided), grid.region_reference(listed),
                                                          grid.region_reference(points),
                                                          grid.region_reference(Selection::all({6, 6}))});
  }
  const File f(path, "r");
  const auto refs = f.dataset("refs").read<std::vector<RegionReference>>();
  ASSERT_EQ(refs.size(), 4u);
  const Selection back_strided = f.region(refs[0]);
  EXPECT_EQ(back_strided.kind(), SelectionKind::blocks);
  EXPECT_EQ(back_strided.block_list(), strided.block_list());
  EXPECT_EQ(back_strided.block_list(), (Blocks{{{1, 0}, {1, 4}}, {{3, 0}, {1, 4}}, {{5, 0}, {1, 4}}}));
  EXPECT_EQ(f.region(refs[1]).block_list(), (Blocks{{{0, 2}, {2, 1}}, {{4, 2}, {1, 1}}}));
  EXPECT_EQ(f.region(refs[2]).kind(), SelectionKind::points);
  EXPECT_EQ(f.region(refs[2]).point_list(), points.point_list());
  EXPECT_EQ(f.region(refs[3]).kind(), SelectionKind::all);
  EXPECT_EQ(f.region(refs[3]).block_list(), (Blocks{{{0, 0}, {6, 6}}}));
  // The dereferenced DatasetSelection carries the same selection.
  EXPECT_EQ(f.dereference(refs[2]).selection().point_list(), points.point_list());
}

TEST(SelectionQuery, AllRegionCoversTheGrownExtentAsH5pysEllipsisDoes) {
  TempDir dir;
  File f(dir / "grow.h5", "w");
  const Dataset d = f.create_dataset("d", std::vector<int>{0, 1, 2}, DatasetOptions{}.maxshape({unlimited}));
  const RegionReference everything = d.region_reference(Selection::all(d.shape()));
  const RegionReference first_three = d.region_reference({s(0, 3)});
  d.resize({5});
  d.write_block(std::vector<int>{7, 8}, {3});
  // h5py: d[d.regionref[...]] -> [0 1 2 7 8] after the resize; d[d.regionref[0:3]] -> [0 1 2].
  EXPECT_EQ(f.region(everything).block_list(), (Blocks{{{0}, {5}}}));
  EXPECT_EQ(f.dereference(everything).read<std::vector<int>>(), (std::vector<int>{0, 1, 2, 7, 8}));
  EXPECT_EQ(f.region(first_three).block_list(), (Blocks{{{0}, {3}}}));
  EXPECT_EQ(f.dereference(first_three).read<std::vector<int>>(), (std::vector<int>{0, 1, 2}));
}

TEST(SelectionQuery, DatatypeTellsRegionReferencesApart) {
  EXPECT_TRUE(Datatype::region_reference().is_region_reference());
  EXPECT_FALSE(Datatype::object_reference().is_region_reference());
  EXPECT_FALSE(Datatype::opaque(12).is_region_reference());  // the same size, another class
  EXPECT_FALSE(Datatype::int32().is_region_reference());
  TempDir dir;
  File f(dir / "t.h5", "w");
  const Dataset grid = f.create_dataset("grid", std::vector<int>{1, 2, 3});
  EXPECT_TRUE(f.create_dataset("r", std::vector<RegionReference>{grid.region_reference({s(0, 2)})})
                  .dtype()
                  .is_region_reference());
  EXPECT_FALSE(f.create_dataset("o", std::vector<ObjectReference>{grid.reference()}).dtype().is_region_reference());
}

}  // namespace
}  // namespace h5kit
