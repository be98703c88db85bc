#include "h5kit/selection.hpp"

#include <functional>
#include <numeric>
#include <string>
#include <vector>

#include <gtest/gtest.h>

#include "h5kit/h5kit.hpp"
#include "support/temp_dir.hpp"

namespace h5kit {
namespace {

using test::TempDir;

// A (4, 5, 6) dataset holding 0, 1, 2, ... in row-major order, so a value names its own position:
// value = i * 30 + j * 6 + k.
class SelectionTest : public ::testing::Test {
 protected:
  TempDir dir;
  File f{dir / "sel.h5", "w"};
  Dataset cube = make_cube();

  Dataset make_cube() {
    NDArray<int> data(Shape{4, 5, 6});
    std::iota(data.begin(), data.end(), 0);
    return f.create_dataset("cube", data);
  }
  static int at(std::size_t i, std::size_t j, std::size_t k) { return static_cast<int>(i * 30 + j * 6 + k); }

  Dataset make_row(const std::string& name, std::size_t n) {
    std::vector<int> v(n);
    std::iota(v.begin(), v.end(), 0);
    return f.create_dataset(name, v);
  }
};

TEST_F(SelectionTest, SliceAllAndNegativeIndexLikeNumpy) {
  // numpy: cube[1:4:2, :, -1] -> shape (2, 5)
  const auto sel = cube[{s(1, 4, 2), all, -1}];
  EXPECT_EQ(sel.shape(), (Shape{2, 5}));
  const NDArray<int> got = sel.read<NDArray<int>>();
  ASSERT_EQ(got.shape(), (Shape{2, 5}));
  for (std::size_t a = 0; a < 2; ++a)
    for (std::size_t j = 0; j < 5; ++j) EXPECT_EQ(got(a, j), at(1 + 2 * a, j, 5));
  // The variadic spelling selects the same elements.
  EXPECT_EQ(cube.select(s(1, 4, 2), all, -1).read<NDArray<int>>(), got);
}

TEST_F(SelectionTest, IntegerIndicesDropAxesAndMissingAxesAreWhole) {
  EXPECT_EQ(cube[2].shape(), (Shape{5, 6}));
  EXPECT_EQ((cube[{2, 3}].read<std::vector<int>>()), (std::vector<int>{at(2, 3, 0), at(2, 3, 1), at(2, 3, 2),
                                                                    at(2, 3, 3), at(2, 3, 4), at(2, 3, 5)}));
  EXPECT_EQ((cube[{-1, -1, -1}].read<int>()), at(3, 4, 5));
  EXPECT_EQ((cube[{1, 2, 3}].shape()), Shape{});
  const NDArray<int> zero_d = cube[{1, 2, 3}].read<NDArray<int>>();  // a 0-d array holds one element
  ASSERT_EQ(zero_d.size(), 1u);
  EXPECT_EQ(zero_d.data()[0], at(1, 2, 3));
}

TEST_F(SelectionTest, EllipsisFillsTheMiddle) {
  const auto sel = cube[{ellipsis, 0}];
  EXPECT_EQ(sel.shape(), (Shape{4, 5}));
  const auto got = sel.read<std::vector<std::vector<int>>>();
  EXPECT_EQ(got[3][4], at(3, 4, 0));
  EXPECT_EQ((cube[{1, ellipsis}].shape()), (Shape{5, 6}));
  EXPECT_EQ((cube[{1, ellipsis, 2, 3}].read<int>()), at(1, 2, 3));
}

TEST_F(SelectionTest, SliceBoundsFollowNumpy) {
  Dataset row = make_row("row", 10);
  EXPECT_EQ(row[s(-3, none)].read<std::vector<int>>(), (std::vector<int>{7, 8, 9}));
  EXPECT_EQ(row[s(none, -7)].read<std::vector<int>>(), (std::vector<int>{0, 1, 2}));
  EXPECT_EQ(row[s(8, 100)].read<std::vector<int>>(), (std::vector<int>{8, 9}));        // stop clamps
  EXPECT_EQ(row[s(-100, 2)].read<std::vector<int>>(), (std::vector<int>{0, 1}));       // start clamps
  EXPECT_EQ(row[s(1, none, 3)].read<std::vector<int>>(), (std::vector<int>{1, 4, 7}));
  EXPECT_EQ(row[s(none, none, 4)].read<std::vector<int>>(), (std::vector<int>{0, 4, 8}));
}

TEST_F(SelectionTest, EmptySlicesReadNothingAndWriteNothing) {
  Dataset row = make_row("row", 10);
  EXPECT_EQ(row[s(5, 2)].shape(), Shape{0});
  EXPECT_TRUE(row[s(5, 2)].read<std::vector<int>>().empty());
  EXPECT_EQ((cube[{s(2, 2), all}].shape()), (Shape{0, 5, 6}));
  row[s(5, 2)].write(std::vector<int>{});
  row[s(5, 2)].write(99);  // broadcasting a scalar over nothing writes nothing
  EXPECT_EQ(row.read<std::vector<int>>()[5], 5);
}

TEST_F(SelectionTest, WriteThroughASliceChangesOnlyThoseElements) {
  Dataset row = make_row("row", 10);
  row[s(1, 8, 3)] = std::vector<int>{-1, -4, -7};
  EXPECT_EQ(row.read<std::vector<int>>(), (std::vector<int>{0, -1, 2, 3, -4, 5, 6, -7, 8, 9}));
  cube[{0, s(1, 3), s(0, 2)}] = std::vector<std::vector<int>>{{-1, -2}, {-3, -4}};
  EXPECT_EQ((cube.read_element<int>({0, 1, 0})), -1);
  EXPECT_EQ((cube.read_element<int>({0, 2, 1})), -4);
  EXPECT_EQ((cube.read_element<int>({0, 3, 0})), at(0, 3, 0));
}

TEST_F(SelectionTest, ScalarsAndRowsBroadcastOverTheSelection) {
  cube[{1, s(0, 2)}] = 7;  // a scalar fills the (2, 6) selection
  EXPECT_EQ((cube[{1, s(0, 2)}].read<NDArray<int>>()), NDArray<int>(Shape{2, 6}, 7));
  EXPECT_EQ((cube.read_element<int>({1, 2, 0})), at(1, 2, 0));
  // A row of 6 repeats over every row of a (3, 6) selection; a column (3, 1) over every column.
  cube[{2, s(0, 3)}] = std::vector<int>{0, 1, 2, 3, 4, 5};
  const auto rows = cube[{2, s(0, 3)}].read<std::vector<std::vector<int>>>();
  for (const auto& r : rows) EXPECT_EQ(r, (std::vector<int>{0, 1, 2, 3, 4, 5}));
  cube[{3, s(0, 3), s(0, 2)}] = std::vector<std::vector<int>>{{10}, {20}, {30}};
  EXPECT_EQ((cube[{3, s(0, 3), s(0, 2)}].read<std::vector<std::vector<int>>>()),
            (std::vector<std::vector<int>>{{10, 10}, {20, 20}, {30, 30}}));
}

TEST_F(SelectionTest, ANonBroadcastableValueIsRefusedAndNothingIsWritten) {
  try {
    cube[{1, s(0, 2)}] = std::vector<int>{1, 2, 3};  // 3 does not spread over 6
    FAIL() << "expected a ShapeMismatchError";
  } catch (const ShapeMismatchError& e) {
    const std::string what = e.what();
    EXPECT_NE(what.find("/cube"), std::string::npos) << what;
    EXPECT_NE(what.find("(3,)"), std::string::npos) << what;
    EXPECT_NE(what.find("(2, 6)"), std::string::npos) << what;
    EXPECT_NE(what.find("nothing was written"), std::string::npos) << what;
  }
  EXPECT_EQ((cube.read_element<int>({1, 0, 0})), at(1, 0, 0));
  // Whole-dataset writes do not broadcast (only selections do, as in h5py's ds[...] = v).
  EXPECT_THROW(cube.write(5), ShapeMismatchError);
}

TEST_F(SelectionTest, StringsSelectAndBroadcast) {
  Dataset names = f.create_dataset("names", std::vector<std::string>{"a", "b", "c", "d"});
  EXPECT_EQ(names[s(1, 3)].read<std::vector<std::string>>(), (std::vector<std::string>{"b", "c"}));
  names[s(0, none, 2)] = std::string("x");
  EXPECT_EQ(names.read<std::vector<std::string>>(), (std::vector<std::string>{"x", "b", "x", "d"}));
}

TEST_F(SelectionTest, IndexListsPickRowsInOrder) {
  const auto sel = cube[{indices{0, 2, 3}, 1}];
  EXPECT_EQ(sel.shape(), (Shape{3, 6}));
  const auto got = sel.read<std::vector<std::vector<int>>>();
  EXPECT_EQ(got[0][0], at(0, 1, 0));
  EXPECT_EQ(got[1][5], at(2, 1, 5));
  EXPECT_EQ(got[2][3], at(3, 1, 3));
  // Combined with a strided slice on another axis.
  const auto strided = cube[{s(0, 4, 3), indices{1, 4}, s(0, 6, 5)}].read<NDArray<int>>();
  ASSERT_EQ(strided.shape(), (Shape{2, 2, 2}));
  EXPECT_EQ(strided(1, 1, 1), at(3, 4, 5));
  EXPECT_EQ(strided(0, 1, 0), at(0, 4, 0));
}

TEST_F(SelectionTest, ALongIndexListBuildsAndReadsEveryElement) {
  // 20,000 separate rows: the union is built pairwise, so this stays fast (see docs/guide.md).
  Dataset big = make_row("big", 60000);
  std::vector<std::size_t> every_third;
  for (std::size_t i = 0; i < 60000; i += 3) every_third.push_back(i);
  const auto got = big[Indices(every_third)].read<std::vector<int>>();
  ASSERT_EQ(got.size(), every_third.size());
  for (std::size_t i = 0; i < got.size(); ++i) ASSERT_EQ(got[i], static_cast<int>(every_third[i]));
}

TEST_F(SelectionTest, PointsReadInTheGivenOrderAndWrite) {
  const Selection points = cube.points({{3, 4, 5}, {0, 0, 0}, {1, 2, 3}});
  EXPECT_EQ(points.shape(), Shape{3});
  EXPECT_EQ(cube.select(points).read<std::vector<int>>(), (std::vector<int>{at(3, 4, 5), 0, at(1, 2, 3)}));
  cube.select(points) = std::vector<int>{-1, -2, -3};
  EXPECT_EQ((cube.read_element<int>({3, 4, 5})), -1);
  EXPECT_EQ((cube.read_element<int>({1, 2, 3})), -3);
  cube.select(cube.points({{0, 0, 1}, {0, 0, 2}})) = 42;  // broadcast over points
  EXPECT_EQ((cube[{0, 0, s(0, 3)}].read<std::vector<int>>()), (std::vector<int>{-2, 42, 42}));
}

TEST_F(SelectionTest, BooleanMasksSelectInRowMajorOrder) {
  Dataset grid = f.create_dataset("grid", NDArray<double>(Shape{3, 4}, {0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11}));
  NDArray<bool> odd(Shape{3, 4});
  for (std::size_t i = 0; i < odd.size(); ++i) odd.data()[i] = i % 2 == 1;
  const auto sel = grid.select(grid.mask(odd));
  EXPECT_EQ(sel.shape(), Shape{6});
  EXPECT_EQ(sel.read<std::vector<double>>(), (std::vector<double>{1, 3, 5, 7, 9, 11}));
  sel = 0.5;
  EXPECT_EQ(grid.read<std::vector<std::vector<double>>>()[2], (std::vector<double>{8, 0.5, 10, 0.5}));
  Dataset row = make_row("row", 5);
  EXPECT_EQ(row.select(Selection::mask(row.shape(), std::vector<bool>{true, false, false, true, true}))
                .read<std::vector<int>>(),
            (std::vector<int>{0, 3, 4}));
  EXPECT_EQ(row.select(Selection::mask(row.shape(), std::vector<bool>(5, false))).shape(), Shape{0});
}

TEST_F(SelectionTest, BlockUnionsCountOverlapsOnce) {
  Dataset row = make_row("row", 20);
  const Selection u = row.blocks({Block{{2}, {4}}, Block{{4}, {4}}, Block{{15}, {2}}});  // 2..7 and 15..16
  EXPECT_EQ(u.shape(), Shape{8});
  EXPECT_EQ(row.select(u).read<std::vector<int>>(), (std::vector<int>{2, 3, 4, 5, 6, 7, 15, 16}));
}

TEST_F(SelectionTest, ReadDirectFillsPartOfTheCallersBuffer) {
  std::vector<int> buffer(4 * 10, -1);  // a (4, 10) buffer; rows 1..2, columns 2..7 receive cube[0, 1:3, :]
  cube.read_direct(ndview(buffer.data(), Shape{4, 10}), Selection::from_index(cube.shape(), std::vector<Index>{0, s(1, 3)}),
                   Selection::block(Shape{4, 10}, {1, 2}, {2, 6}));
  EXPECT_EQ(buffer[0], -1);
  EXPECT_EQ(buffer[1 * 10 + 2], at(0, 1, 0));
  EXPECT_EQ(buffer[2 * 10 + 7], at(0, 2, 5));
  EXPECT_EQ(buffer[2 * 10 + 8], -1);
  // Whole dataset into a buffer of the same size, and back the other way with write_direct.
  std::vector<int> whole(120);
  cube.read_direct(ndview(whole.data(), Shape{120}));
  EXPECT_EQ(whole[119], at(3, 4, 5));
  std::vector<int> source{100, 101, 102, 103, 104, 105};
  cube.write_direct(ndview<const int>(source.data(), Shape{2, 3}), std::nullopt,
                    Selection::from_index(cube.shape(), std::vector<Index>{3, 4}));
  EXPECT_EQ((cube[{3, 4}].read<std::vector<int>>()), source);
}

TEST_F(SelectionTest, ReadDirectAndWriteDirectConvertIntoAndFromTheSelectedPlaces) {
  // int32 in the file, double in the buffer: the conversion is staged, then scattered / gathered.
  std::vector<double> buffer(3 * 4, -1.0);
  cube.read_direct(ndview(buffer.data(), Shape{3, 4}), Selection::from_index(cube.shape(), std::vector<Index>{1, 2, s(0, 4)}),
                   Selection::block(Shape{3, 4}, {1, 0}, {1, 4}));
  for (std::size_t i = 0; i < buffer.size(); ++i)
    EXPECT_EQ(buffer[i], i / 4 == 1 ? static_cast<double>(at(1, 2, i % 4)) : -1.0) << "buffer element " << i;
  const std::vector<double> source{0.5, 7, 0.5, 8, 0.5, 9};  // every other value goes to the file
  cube.write_direct(ndview<const double>(source.data(), Shape{6}), Selection::block(Shape{6}, {1}, {1}),
                    Selection::from_index(cube.shape(), std::vector<Index>{2, 2, s(0, 1)}));
  EXPECT_EQ((cube.read_element<int>({2, 2, 0})), 7);
  EXPECT_EQ((cube.read_element<int>({2, 2, 1})), at(2, 2, 1));
  const std::vector<double> too_big{0, 1e12, 0};
  EXPECT_THROW(cube.write_direct(ndview<const double>(too_big.data(), Shape{3}), Selection::block(Shape{3}, {1}, {1}),
                                 Selection::from_index(cube.shape(), std::vector<Index>{2, 2, s(0, 1)})),
               InvalidArgumentError);
  EXPECT_EQ((cube.read_element<int>({2, 2, 0})), 7);  // nothing written
}

TEST_F(SelectionTest, ReadDirectRefusesABufferOfTheWrongSize) {
  std::vector<int> small(10);
  try {
    cube.read_direct(ndview(small.data(), Shape{10}));
    FAIL() << "expected a ShapeMismatchError";
  } catch (const ShapeMismatchError& e) {
    EXPECT_NE(std::string(e.what()).find("holds 10 elements"), std::string::npos) << e.what();
  }
  EXPECT_THROW(cube.read_direct(ndview(small.data(), Shape{10}), std::nullopt, Selection::all(Shape{5})),
               ShapeMismatchError);
  std::vector<int> source(7, 1);
  EXPECT_THROW(cube.write_direct(ndview<const int>(source.data(), Shape{7})), ShapeMismatchError);
  EXPECT_EQ((cube.read_element<int>({0, 0, 1})), 1);  // nothing written
}

TEST_F(SelectionTest, AstypeConvertsWithRangeChecks) {
  Dataset shorts = f.create_dataset("shorts", std::vector<std::int16_t>{-3, 0, 32767});
  const NDArray<double> as_double = shorts.astype<double>().read();
  EXPECT_EQ(as_double.shape(), Shape{3});
  EXPECT_DOUBLE_EQ(as_double(2), 32767.0);
  EXPECT_EQ((shorts.astype<double>()[s(0, 2)]), (NDArray<double>(Shape{2}, {-3.0, 0.0})));
  Dataset doubles = f.create_dataset("doubles", std::vector<double>{1.75, -2.5, 1e9});
  EXPECT_EQ((doubles.astype<std::int16_t>()[s(0, 2)]), (NDArray<std::int16_t>(Shape{2}, {1, -2})));  // truncates as numpy
  EXPECT_THROW(doubles.astype<std::int16_t>().read(), TypeMismatchError);  // 1e9 does not fit int16
}

// --- bad input ------------------------------------------------------------------------------------

std::string message_of(const std::function<void()>& f) {
  try {
    f();
  } catch (const Error& e) {
    return e.what();
  }
  return "";
}

TEST_F(SelectionTest, OutOfRangeIndicesNameTheAxisAndTheDataset) {
  const std::string what = message_of([&] { cube[{1, 5}]; });
  EXPECT_NE(what.find("index 5 is out of range for axis 1 of size 5"), std::string::npos) << what;
  EXPECT_NE(what.find("/cube"), std::string::npos) << what;
  EXPECT_NE(what.find("sel.h5"), std::string::npos) << what;
  EXPECT_THROW(cube[-5], InvalidArgumentError);
  EXPECT_THROW(cube[4], InvalidArgumentError);
  EXPECT_THROW((cube[{0, 0, 0, 0}]), InvalidArgumentError);  // too many indices
  EXPECT_THROW((cube[{ellipsis, 0, ellipsis}]), InvalidArgumentError);
}

TEST_F(SelectionTest, ZeroAndNegativeStepsAreRefused) {
  EXPECT_NE(message_of([&] { cube[s(0, 4, 0)]; }).find("step cannot be zero"), std::string::npos);
  EXPECT_NE(message_of([&] { cube[s(none, none, -1)]; }).find("must be positive"), std::string::npos);
}

TEST_F(SelectionTest, BadListsPointsAndMasksAreRefused) {
  EXPECT_THROW((cube[{indices{2, 1}}]), InvalidArgumentError);      // not increasing
  EXPECT_THROW((cube[{indices{1, 1}}]), InvalidArgumentError);      // repeated
  EXPECT_THROW((cube[{indices{9}}]), InvalidArgumentError);         // out of range
  EXPECT_THROW((cube[{indices{0}, indices{0}}]), InvalidArgumentError);  // two lists
  EXPECT_THROW(cube.points({{0, 0, 6}}), InvalidArgumentError);
  EXPECT_THROW(cube.points({{0, 0}}), InvalidArgumentError);
  const std::string what = message_of([&] { cube.mask(NDArray<bool>(Shape{4, 5})); });
  EXPECT_NE(what.find("mask of shape (4, 5) does not match"), std::string::npos) << what;
  EXPECT_NE(what.find("(4, 5, 6)"), std::string::npos) << what;
  EXPECT_THROW(cube.blocks({Block{{0, 0, 0}, {5, 1, 1}}}), InvalidArgumentError);
  // A selection built for another shape does not apply.
  EXPECT_THROW(cube.select(Selection::all(Shape{4, 5})), ShapeMismatchError);
}

TEST_F(SelectionTest, ScalarDatasetsSelectOnlyWhole) {
  Dataset scalar = f.create_dataset("scalar", 3.5);
  EXPECT_EQ(scalar[{ellipsis}].read<double>(), 3.5);
  EXPECT_THROW(scalar[0], InvalidArgumentError);
}

TEST_F(SelectionTest, NegativePositionsInIndexListsCountFromTheEnd) {
  const NDArray<int> got = cube[{indices{0, -1}, 2, -2}].read<NDArray<int>>();
  EXPECT_EQ(got.shape(), Shape{2});
  EXPECT_EQ(got(0), at(0, 2, 4));
  EXPECT_EQ(got(1), at(3, 2, 4));
  cube[{indices{-4, -1}, 0, 0}] = -7;
  EXPECT_EQ(cube.read_element<int>({3, 0, 0}), -7);
  try {
    (void)cube[{indices{-1, 0}}];
    FAIL() << "3 then 0 is not increasing";
  } catch (const InvalidArgumentError& e) {
    EXPECT_NE(std::string(e.what()).find("must be increasing without repeats, as in h5py (found -1 then 0)"),
              std::string::npos) << e.what();
  }
  EXPECT_THROW((void)cube[{indices{-5}}], InvalidArgumentError);  // axis 0 has 4
}

TEST_F(SelectionTest, ABooleanMaskOnOneAxisKeepsItsTruePositions) {
  const std::vector<bool> columns = {true, false, false, true, true};
  const auto sel = cube[{all, columns, 2}];
  EXPECT_EQ(sel.shape(), (Shape{4, 3}));
  const NDArray<int> got = sel.read<NDArray<int>>();
  EXPECT_EQ(got(2, 0), at(2, 0, 2));
  EXPECT_EQ(got(2, 1), at(2, 3, 2));
  EXPECT_EQ(got(3, 2), at(3, 4, 2));
  cube[{1, columns, 0}] = 0;
  EXPECT_EQ(cube.read_element<int>({1, 3, 0}), 0);
  EXPECT_EQ(cube.read_element<int>({1, 1, 0}), at(1, 1, 0));
  EXPECT_EQ(cube[{std::vector<bool>(4, false)}].shape(), (Shape{0, 5, 6}));
  try {
    (void)cube[{std::vector<bool>{true, false}}];
    FAIL() << "a mask of 2 on an axis of 4";
  } catch (const InvalidArgumentError& e) {
    EXPECT_NE(std::string(e.what()).find("a boolean mask of length 2 on axis 0 of size 4"), std::string::npos) << e.what();
  }
  EXPECT_THROW((void)(cube[{indices{0, 1}, columns}]), InvalidArgumentError);  // one listed axis, as in h5py
  // The guide's whole-dataset mask of a 1-D dataset, ds.mask(std::vector<bool>):
  Dataset row = make_row("row", 4);
  EXPECT_EQ(row.select(row.mask(std::vector<bool>{false, true, false, true})).read<std::vector<int>>(),
            (std::vector<int>{1, 3}));
}

TEST_F(SelectionTest, NewAxisInsertsAnAxisOfOne) {
  EXPECT_EQ((cube[{newaxis, 1}].shape()), (Shape{1, 5, 6}));
  EXPECT_EQ((cube[{ellipsis, newaxis}].shape()), (Shape{4, 5, 6, 1}));
  const auto sel = cube[{1, newaxis, all, 2}];
  EXPECT_EQ(sel.shape(), (Shape{1, 5}));
  const NDArray<int> got = sel.read<NDArray<int>>();
  ASSERT_EQ(got.shape(), (Shape{1, 5}));
  EXPECT_EQ(got(0, 4), at(1, 4, 2));
  Dataset scalar = f.create_dataset("scalar", 7);
  EXPECT_EQ(scalar[{newaxis}].read<std::vector<int>>(), std::vector<int>{7});
  EXPECT_THROW((void)(cube[{newaxis, 0, 0, 0, 0}]), InvalidArgumentError);  // still at most rank axes
}

TEST_F(SelectionTest, MultiBlockSliceSelectsBlocksEveryStride) {
  Dataset row = make_row("row", 25);
  EXPECT_EQ(row[multi_block(0, 10, 3, 2)].read<std::vector<int>>(), (std::vector<int>{0, 1, 10, 11, 20, 21}));
  // An unset count takes every whole block that fits: (25 - 1 - 2) / 5 + 1 = 5 blocks.
  EXPECT_EQ(row[multi_block(1, 5, none, 2)].read<std::vector<int>>(),
            (std::vector<int>{1, 2, 6, 7, 11, 12, 16, 17, 21, 22}));
  const auto sel = cube[{indices{0, 3}, 1, multi_block(0, 3, 2, 2)}];  // with a list on another axis
  EXPECT_EQ(sel.shape(), (Shape{2, 4}));
  EXPECT_EQ(sel.read<NDArray<int>>()(1, 3), at(3, 1, 4));
  row[multi_block(20, 2, 2, 1)] = -1;
  EXPECT_EQ(row.read_element<int>({22}), -1);
  EXPECT_EQ(row.read_element<int>({21}), 21);
  try {
    (void)row[multi_block(0, 2, 3, 3)];
    FAIL() << "blocks of 3 every 2 overlap";
  } catch (const InvalidArgumentError& e) {
    EXPECT_NE(std::string(e.what()).find("would overlap on axis 0 of size 25"), std::string::npos) << e.what();
  }
  EXPECT_THROW((void)row[multi_block(20, 5, 2, 1)], InvalidArgumentError);  // 20, 25: past the end
  EXPECT_THROW((void)row[multi_block(0, 0, 1, 1)], InvalidArgumentError);
  EXPECT_EQ(row[multi_block(24, 1, none, 2)].shape(), Shape{0});  // no whole block fits
}

TEST(SelectionShapes, BuiltWithoutADataset) {
  const Selection sel = Selection::from_index(Shape{10, 8}, std::vector<Index>{s(2, 10, 2), -1});
  EXPECT_EQ(sel.shape(), Shape{4});
  EXPECT_EQ(sel.extent(), (Shape{10, 8}));
  EXPECT_EQ(Selection::all(Shape{3, 2}).size(), 6u);
  EXPECT_THROW(Selection::from_index(Shape{3}, std::vector<Index>{3}), InvalidArgumentError);
}

}  // namespace
}  // namespace h5kit
