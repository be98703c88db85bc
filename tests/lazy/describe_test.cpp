// describe() and the one-pass var/std_ it shares, under tiny caps, against two-pass results
// computed in memory here.
#include "h5kit/lazy/describe.hpp"

#include <gtest/gtest.h>

#include <cmath>
#include <cstdint>
#include <random>

#include "h5kit/error.hpp"
#include "h5kit/file.hpp"
#include "h5kit/group.hpp"
#include "support/temp_dir.hpp"

namespace h5kit::lazy {
namespace {

class Describe : public ::testing::Test {
 protected:
  test::TempDir dir;
  File f{dir / "d.h5", "w"};
};

// The textbook two-pass variance of values[first], values[first + stride], ... (count of them).
double two_pass_var(const double* v, std::size_t first, std::size_t stride, std::size_t count, int ddof) {
  double mean = 0;
  for (std::size_t i = 0; i < count; ++i) mean += v[first + i * stride];
  mean /= static_cast<double>(count);
  double m2 = 0;
  for (std::size_t i = 0; i < count; ++i) m2 += (v[first + i * stride] - mean) * (v[first + i * stride] - mean);
  return m2 / (static_cast<double>(count) - ddof);
}

TEST_F(Describe, EveryStatisticOfAWholeArrayMatchesTheInMemoryResult) {
  NDArray<double> values(Shape{7, 9});
  std::mt19937_64 rng(5);
  std::normal_distribution<double> normal(3.0, 2.0);
  for (std::size_t i = 0; i < values.size(); ++i) values.data()[i] = normal(rng);
  const H5Array<double> a(f.create_dataset("a", values, DatasetOptions{}.chunks({2, 4})));
  const ScopedMemoryCap cap(5 * sizeof(double));  // blocks of a few elements: many folds

  const Description<double> d = describe(a, {.ddof = 1});
  double total = 0, low = values.data()[0], high = low;
  for (std::size_t i = 0; i < values.size(); ++i) {
    total += values.data()[i];
    low = std::min(low, values.data()[i]);
    high = std::max(high, values.data()[i]);
  }
  EXPECT_EQ(d.count, 63u);
  EXPECT_NEAR(d.sum, total, 1e-12 * 63);
  EXPECT_NEAR(d.mean, total / 63, 1e-13);
  EXPECT_NEAR(d.var, two_pass_var(values.data(), 0, 1, 63, 1), 1e-12);
  EXPECT_NEAR(d.std_dev, std::sqrt(two_pass_var(values.data(), 0, 1, 63, 1)), 1e-12);
  EXPECT_EQ(d.min, low);
  EXPECT_EQ(d.max, high);
  // The separate reductions give the same numbers.
  EXPECT_DOUBLE_EQ(var(a, {.ddof = 1}), d.var);
  EXPECT_DOUBLE_EQ(mean(a), d.mean);
}

TEST_F(Describe, AlongEachAxisOfARank3ArrayEachLaneMatches) {
  NDArray<double> values(Shape{3, 4, 5});
  for (std::size_t i = 0; i < values.size(); ++i) values.data()[i] = std::sin(static_cast<double>(i)) * 10;
  const H5Array<double> a(f.create_dataset("a", values, DatasetOptions{}.chunks({2, 3, 2})));
  const ScopedMemoryCap cap(3 * sizeof(double));
  const std::size_t strides[] = {20, 5, 1};
  for (int axis = 0; axis < 3; ++axis) {
    const AxisDescription<double> d = describe(a, axis);
    const std::size_t length = values.shape()[static_cast<std::size_t>(axis)];
    const std::size_t stride = strides[axis];
    ASSERT_EQ(d.var.size(), 60 / length) << "axis " << axis;
    std::size_t o = 0;
    for (std::size_t first = 0; first < 60; ++first) {
      if ((first / stride) % length != 0) continue;  // the start of each lane along `axis`
      double low = values.data()[first], high = low, total = 0;
      for (std::size_t k = 0; k < length; ++k) {
        const double v = values.data()[first + k * stride];
        low = std::min(low, v);
        high = std::max(high, v);
        total += v;
      }
      EXPECT_EQ(d.count.data()[o], length);
      EXPECT_NEAR(d.sum.data()[o], total, 1e-12);
      EXPECT_NEAR(d.var.data()[o], two_pass_var(values.data(), first, stride, length, 0), 1e-12) << axis << "," << o;
      EXPECT_EQ(d.min.data()[o], low);
      EXPECT_EQ(d.max.data()[o], high);
      ++o;
    }
    EXPECT_EQ(o, d.var.size());
  }
  EXPECT_EQ(describe(a, all_axes, {.keepdims = true}).var.shape(), (Shape{1, 1, 1}));
}

// Sum-of-squares formulas lose every digit here (values near 1e9, spread 1); the pairwise update
// keeps them.
TEST_F(Describe, VarianceOfValuesWithALargeOffsetKeepsItsDigits) {
  NDArray<double> values(Shape{1000});
  for (std::size_t i = 0; i < values.size(); ++i) values.data()[i] = 1e9 + static_cast<double>(i % 4);
  const H5Array<double> a(f.create_dataset("a", values, DatasetOptions{}.chunks({64})));
  const ScopedMemoryCap cap(48 * sizeof(double));
  EXPECT_NEAR(var(a), 1.25, 1e-9);  // 0,1,2,3 repeated: variance 1.25
  EXPECT_NEAR(describe(a).std_dev, std::sqrt(1.25), 1e-9);
}

TEST_F(Describe, IntegersSumExactlyAndWhereSelects) {
  NDArray<std::int32_t> values(Shape{4, 6});
  NDArray<bool> even(Shape{4, 6});
  for (std::size_t i = 0; i < values.size(); ++i) {
    values.data()[i] = static_cast<std::int32_t>(i) - 10;
    even.data()[i] = i % 2 == 0;
  }
  const H5Array<std::int32_t> a(f.create_dataset("a", values, DatasetOptions{}.chunks({3, 5})));
  const ScopedMemoryCap cap(4 * (sizeof(std::int32_t) + sizeof(bool) + sizeof(std::size_t)));
  const Description<std::int32_t> d = describe(a, {.where = even});
  static_assert(std::is_same_v<decltype(d.sum), std::int64_t>);
  EXPECT_EQ(d.count, 12u);
  EXPECT_EQ(d.sum, 12 * -10 + (0 + 2 + 4 + 6 + 8 + 10 + 12 + 14 + 16 + 18 + 20 + 22));
  EXPECT_EQ(d.min, -10);
  EXPECT_EQ(d.max, 12);
  EXPECT_DOUBLE_EQ(d.mean, 1.0);
}

TEST_F(Describe, NaNPropagatesToMinMaxMeanAndVar) {
  NDArray<double> values(Shape{6}, {1, 2, NAN, 4, 5, 6});
  const H5Array<double> a(f.create_dataset("a", values));
  const ScopedMemoryCap cap(2 * sizeof(double));
  const Description<double> d = describe(a);
  EXPECT_TRUE(std::isnan(d.min));
  EXPECT_TRUE(std::isnan(d.max));
  EXPECT_TRUE(std::isnan(d.mean));
  EXPECT_TRUE(std::isnan(d.var));
}

TEST_F(Describe, NothingToDescribeIsAnErrorNamingTheDataset) {
  const H5Array<double> empty(f.create_dataset("empty", NDArray<double>(Shape{0})));
  try {
    (void)describe(empty);
    FAIL() << "describe of nothing returned";
  } catch (const InvalidArgumentError& e) {
    EXPECT_NE(std::string(e.what()).find("/empty"), std::string::npos) << e.what();
    EXPECT_NE(std::string(e.what()).find("zero-size"), std::string::npos) << e.what();
  }
  // numpy divides by max(count - ddof, 0): inf for ddof >= count, NaN when the values are equal too.
  const H5Array<double> one(f.create_dataset("one", NDArray<double>(Shape{1}, {4.0})));
  EXPECT_TRUE(std::isnan(describe(one, {.ddof = 1}).var));
  const H5Array<double> two(f.create_dataset("two", NDArray<double>(Shape{2}, {1.0, 2.0})));
  EXPECT_TRUE(std::isinf(describe(two, {.ddof = 2}).var));
  EXPECT_TRUE(std::isinf(var(two, {.ddof = 3})));
  EXPECT_DOUBLE_EQ(var(two, {.ddof = 1}), 0.5);
  EXPECT_THROW((void)describe(one, 1), InvalidArgumentError);  // axis out of range
}

}  // namespace
}  // namespace h5kit::lazy
