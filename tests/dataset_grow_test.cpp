// Growing datasets: h5py's resize(size, axis), append of one row or a block along the growable axis,
// the buffered Appender, and every refusal (nothing grows when an append is refused or fails).
#include <cstdint>
#include <string>
#include <vector>

#include <gtest/gtest.h>

#include "h5kit/appender.hpp"
#include "h5kit/h5kit.hpp"
#include "support/temp_dir.hpp"

namespace h5kit {
namespace {

using test::TempDir;

class DatasetGrow : public ::testing::Test {
 protected:
  TempDir dir;
  std::string path = dir / "grow.h5";
  File f{path, "w"};

  // (0, 3) doubles growing along axis 0 without bound.
  Dataset log() const {
    return f.create_dataset("log", Shape{0, 3}, dtype<double>(), DatasetOptions{}.maxshape({unlimited, 3}).chunks({4, 3}));
  }
};

bool mentions(const Error& e, const std::string& text) { return std::string(e.what()).find(text) != std::string::npos; }

TEST_F(DatasetGrow, ResizeOneAxisKeepsTheOthers) {
  Dataset d = f.create_dataset("d", Shape{4, 5}, dtype<int>(), DatasetOptions{}.maxshape({unlimited, 10}));
  d.resize(9, 0);
  EXPECT_EQ(d.shape(), (Shape{9, 5}));
  d.resize(7, 1);
  EXPECT_EQ(d.shape(), (Shape{9, 7}));
  d.resize(2, 0);  // shrinking too, as h5py
  EXPECT_EQ(d.shape(), (Shape{2, 7}));
  try {
    d.resize(3, 2);
    FAIL() << "axis 2 of a 2-d dataset";
  } catch (const InvalidArgumentError& e) {
    EXPECT_TRUE(mentions(e, "axis 2 is out of range")) << e.what();
    EXPECT_TRUE(mentions(e, "/d")) << e.what();
  }
  EXPECT_THROW(d.resize(11, 1), InvalidArgumentError);  // past maxshape
  EXPECT_EQ(d.shape(), (Shape{2, 7}));
}

TEST_F(DatasetGrow, AppendOneRowOrABlockAlongTheUnlimitedAxis) {
  Dataset d = log();
  EXPECT_EQ(d.append_axis(), 0U);
  d.append(std::vector<double>{1, 2, 3});                                  // one row
  d.append(std::vector<std::vector<double>>{{4, 5, 6}, {7, 8, 9}});        // a block of two rows
  d.append(NDArray<float>(Shape{1, 3}, 0.5f));                             // converted, a block of one
  EXPECT_EQ(d.shape(), (Shape{4, 3}));
  EXPECT_EQ(d.read<std::vector<std::vector<double>>>(),
            (std::vector<std::vector<double>>{{1, 2, 3}, {4, 5, 6}, {7, 8, 9}, {0.5, 0.5, 0.5}}));
}

TEST_F(DatasetGrow, AppendScalarsToAOneDimensionalDataset) {
  Dataset d = f.create_dataset("t", Shape{0}, dtype<std::int64_t>(), DatasetOptions{}.maxshape({unlimited}));
  for (std::int64_t i = 0; i < 5; ++i) d.append(i * i);
  d.append(std::vector<std::int64_t>{100, 200});
  EXPECT_EQ(d.read<std::vector<std::int64_t>>(), (std::vector<std::int64_t>{0, 1, 4, 9, 16, 100, 200}));
}

TEST_F(DatasetGrow, AppendAlongAnotherAxis) {
  Dataset d = f.create_dataset("cols", std::vector<std::vector<int>>{{1}, {2}}, DatasetOptions{}.maxshape({2, unlimited}));
  EXPECT_EQ(d.append_axis(), 1U);  // the only axis that can grow
  d.append(std::vector<int>{3, 4});  // one column
  EXPECT_EQ(d.read<std::vector<std::vector<int>>>(), (std::vector<std::vector<int>>{{1, 3}, {2, 4}}));
}

TEST_F(DatasetGrow, AppendStrings) {
  Dataset d = f.create_dataset("names", Shape{0}, dtype<std::string>(), DatasetOptions{}.maxshape({unlimited}));
  d.append(std::string("alpha"));
  d.append(std::vector<std::string>{"beta", "gamma"});
  EXPECT_EQ(d.read<std::vector<std::string>>(), (std::vector<std::string>{"alpha", "beta", "gamma"}));
}

TEST_F(DatasetGrow, AnAppendThatIsRefusedOrFailsGrowsNothing) {
  Dataset d = log();
  d.append(std::vector<double>{1, 2, 3});
  try {
    d.append(std::vector<double>{1, 2});
    FAIL() << "a row of 2 into rows of 3";
  } catch (const ShapeMismatchError& e) {
    EXPECT_TRUE(mentions(e, "shape (2,) is neither one row along axis 0 (shape (3,)) nor a block of rows (shape (n, 3))"))
        << e.what();
  }
  // The write fails after the resize (-1 does not fit uint8): the extent goes back.
  Dataset bytes = f.create_dataset("bytes", Shape{0}, dtype<std::uint8_t>(), DatasetOptions{}.maxshape({unlimited}));
  bytes.append(std::uint8_t{7});
  EXPECT_THROW(bytes.append(std::vector<int>{1, -1}), Error);
  EXPECT_EQ(bytes.shape(), Shape{1});
  EXPECT_EQ(d.shape(), (Shape{1, 3}));
}

TEST_F(DatasetGrow, AppendNeedsOneAxisThatCanGrow) {
  Dataset fixed = f.create_dataset("fixed", std::vector<int>{1, 2, 3});
  try {
    fixed.append(4);
    FAIL() << "a contiguous dataset cannot grow";
  } catch (const InvalidArgumentError& e) {
    EXPECT_TRUE(mentions(e, "no axis can grow")) << e.what();
    EXPECT_TRUE(mentions(e, "/fixed")) << e.what();
  }
  Dataset both = f.create_dataset("both", Shape{0, 0}, dtype<int>(), DatasetOptions{}.maxshape({unlimited, unlimited}));
  try {
    both.append(std::vector<int>{});
    FAIL() << "two unlimited axes";
  } catch (const InvalidArgumentError& e) {
    EXPECT_TRUE(mentions(e, "axes 0 and 1 can all grow")) << e.what();
  }
  both.resize(Shape{0, 2});
  both.append(std::vector<int>{5, 6}, 0);
  EXPECT_EQ(both.read<std::vector<std::vector<int>>>(), (std::vector<std::vector<int>>{{5, 6}}));
  Dataset bounded = f.create_dataset("bounded", Shape{1}, dtype<int>(), DatasetOptions{}.maxshape({3}));
  try {
    bounded.append(std::vector<int>{1, 2, 3});
    FAIL() << "past maxshape";
  } catch (const InvalidArgumentError& e) {
    EXPECT_TRUE(mentions(e, "3 rows along axis 0 would pass the maxshape (3,) (shape (1,))")) << e.what();
  }
  bounded.append(std::vector<int>{1, 2});  // within maxshape: fine
  try {
    bounded.append(9);
    FAIL() << "full";
  } catch (const InvalidArgumentError& e) {
    EXPECT_TRUE(mentions(e, "no axis can grow: the shape (3,) is already its maxshape (3,)")) << e.what();
  }
  EXPECT_EQ(bounded.shape(), Shape{3});
  EXPECT_THROW(f.create_dataset("scalar", 1.5).append(2.0), InvalidArgumentError);
  EXPECT_THROW(fixed.append(std::vector<int>{1}, 1), InvalidArgumentError);  // no axis 1
}

TEST_F(DatasetGrow, AppenderWritesWholeBlocksAndTheRest) {
  Dataset d = log();
  {
    Appender<double> rows(d, 4);
    EXPECT_EQ(rows.row_size(), 3U);
    for (int i = 0; i < 10; ++i) {
      const double row[3] = {double(i), double(i) + 0.5, -double(i)};
      rows.append(std::span<const double>(row));
      // Written a block of 4 at a time: rows 0..3 after the 4th append, 0..7 after the 8th.
      EXPECT_EQ(d.shape()[0], static_cast<std::size_t>((i + 1) / 4 * 4)) << "after row " << i;
    }
    EXPECT_EQ(rows.buffered_rows(), 2U);
    rows.append_rows(std::vector<double>{100, 101, 102, 200, 201, 202});
    rows.close();
    EXPECT_EQ(rows.rows_written(), 12U);
    EXPECT_EQ(rows.buffered_rows(), 0U);
  }
  const auto all = d.read<std::vector<std::vector<double>>>();
  ASSERT_EQ(all.size(), 12U);
  EXPECT_EQ(all[9], (std::vector<double>{9, 9.5, -9}));
  EXPECT_EQ(all[11], (std::vector<double>{200, 201, 202}));
}

TEST_F(DatasetGrow, AppenderDestructorWritesWhatIsBuffered) {
  Dataset d = f.create_dataset("t", Shape{0}, dtype<int>(), DatasetOptions{}.maxshape({unlimited}));
  {
    Appender<int> values(d, 100);
    for (int i = 0; i < 7; ++i) values.append(i);
    EXPECT_EQ(d.shape(), Shape{0});
  }
  EXPECT_EQ(d.read<std::vector<int>>(), (std::vector<int>{0, 1, 2, 3, 4, 5, 6}));
}

TEST_F(DatasetGrow, AppenderRefusesWrongRowsAndDatasetsThatCannotGrowAlongAxisZero) {
  Dataset d = log();
  Appender<double> rows(d);
  const double two[2] = {1, 2};
  EXPECT_THROW(rows.append(std::span<const double>(two)), ShapeMismatchError);
  EXPECT_THROW(rows.append(1.0), ShapeMismatchError);  // a single element is a row of one only
  try {
    rows.append_rows(std::vector<double>{1, 2, 3, 4});
    FAIL() << "4 elements are not whole rows of 3";
  } catch (const ShapeMismatchError& e) {
    EXPECT_TRUE(mentions(e, "4 elements are not a whole number of rows of 3")) << e.what();
  }
  EXPECT_EQ(rows.buffered_rows(), 0U);
  Dataset cols = f.create_dataset("cols", Shape{2, 0}, dtype<int>(), DatasetOptions{}.maxshape({2, unlimited}));
  try {
    Appender<int> wrong(cols);
    FAIL() << "an Appender grows axis 0";
  } catch (const InvalidArgumentError& e) {
    EXPECT_TRUE(mentions(e, "grows along axis 1")) << e.what();
  }
  EXPECT_THROW(Appender<int>(f.create_dataset("fixed", std::vector<int>{1})), InvalidArgumentError);
}

TEST_F(DatasetGrow, AFailedAppenderFlushKeepsItsRowsAndTheDatasetItsExtent) {
  Dataset d = f.create_dataset("u8", Shape{0}, dtype<std::uint8_t>(), DatasetOptions{}.maxshape({unlimited}));
  {
    Appender<int> values(d, 10);
    values.append(1);
    values.append(300);  // does not fit uint8: the flush fails
    EXPECT_THROW(values.flush(), Error);
    EXPECT_EQ(values.buffered_rows(), 2U);
    EXPECT_EQ(d.shape(), Shape{0});
    EXPECT_EQ(values.rows_written(), 0U);
    ::testing::internal::CaptureStderr();
  }  // the destructor cannot throw: it says what it could not write
  const std::string report = ::testing::internal::GetCapturedStderr();
  EXPECT_TRUE(report.find("2 buffered rows of '/u8' in '" + path + "' could not write them") != std::string::npos)
      << report;
  EXPECT_EQ(d.shape(), Shape{0});
}

}  // namespace
}  // namespace h5kit
