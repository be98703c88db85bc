// Reductions block by block under tiny caps, against results computed in memory here.
#include "h5kit/lazy/reductions.hpp"

#include <gtest/gtest.h>

#include <cmath>
#include <cstdint>

#include "h5kit/error.hpp"
#include "h5kit/file.hpp"
#include "h5kit/group.hpp"
#include "support/temp_dir.hpp"

namespace h5kit::lazy {
namespace {

template <class T>
NDArray<T> arange(Shape shape, T start = 0) {
  NDArray<T> a(std::move(shape));
  for (std::size_t i = 0; i < a.size(); ++i) a.data()[i] = static_cast<T>(start + static_cast<T>(i));
  return a;
}

// Sum of `a` (shape (3, 4, 5) etc.) along `axis`, in memory.
template <class R, class T>
NDArray<R> sum_along(const NDArray<T>& a, std::size_t axis) {
  const Shape& sh = a.shape();
  Shape out_shape;
  std::size_t outer = 1, inner = 1;
  for (std::size_t i = 0; i < sh.size(); ++i) {
    if (i != axis) out_shape.push_back(sh[i]);
    if (i < axis) outer *= sh[i];
    if (i > axis) inner *= sh[i];
  }
  NDArray<R> out(out_shape, R{0});
  for (std::size_t o = 0; o < outer; ++o)
    for (std::size_t k = 0; k < sh[axis]; ++k)
      for (std::size_t i = 0; i < inner; ++i) out.data()[o * inner + i] += a.data()[(o * sh[axis] + k) * inner + i];
  return out;
}

class Reductions : public ::testing::Test {
 protected:
  test::TempDir dir;
  File f{dir / "r.h5", "w"};
};

TEST_F(Reductions, IssueCasesOnATenByTenArange) {
  NDArray<double> values = arange<double>({10, 10});
  const H5Array<double> a(f.create_dataset("a", values, DatasetOptions{}.chunks({3, 3})));
  const ScopedMemoryCap cap(7 * sizeof(double));
  EXPECT_EQ(sum(a), 4950.0);
  EXPECT_EQ(sum(a, {.initial = 1.0}), 4951.0);
  NDArray<double> cols = sum(a, 0);
  ASSERT_EQ(cols.shape(), (Shape{10}));
  for (std::size_t j = 0; j < 10; ++j) EXPECT_EQ(cols(j), 450.0 + 10.0 * static_cast<double>(j));
  EXPECT_EQ(sum(a, all_axes, {.keepdims = true}), (NDArray<double>(Shape{1, 1}, {4950.0})));
  EXPECT_EQ(sum(a, 1, {.keepdims = true}).shape(), (Shape{10, 1}));
  EXPECT_EQ(sum(a, -1), sum_along<double>(values, 1));
}

// Blocks of never-written chunks (fill time never) read as the fill value, not as the block before
// them left in the reused block buffer.
TEST_F(Reductions, NeverWrittenChunksCountAsTheFillValue) {
  Dataset ds = f.create_dataset("never", Shape{12}, Datatype::float64(),
                                DatasetOptions{}.chunks({4}).fill_value(7.0).fill_time(FillTime::never));
  ds.write_block(std::vector<double>{1, 2, 3, 4}, {0});
  const H5Array<double> a(ds);
  const ScopedMemoryCap cap(4 * sizeof(double));
  EXPECT_EQ(sum(a), 10.0 + 8 * 7.0);
  EXPECT_EQ(max(a), 7.0);
}

TEST_F(Reductions, AxisSumsOfThreeByFourByFiveUnderACapOfThree) {
  const NDArray<std::int32_t> values = arange<std::int32_t>({3, 4, 5});
  const H5Array<std::int32_t> a(f.create_dataset("a", values));
  const ScopedMemoryCap cap(3 * sizeof(std::int32_t));
  static_assert(std::is_same_v<decltype(sum(a)), std::int64_t>);  // numpy: int32 sums to int64
  EXPECT_EQ(sum(a), 59 * 60 / 2);
  for (std::size_t axis = 0; axis < 3; ++axis)
    EXPECT_EQ(sum(a, static_cast<int>(axis)), (sum_along<std::int64_t>(values, axis))) << "axis " << axis;
  static_assert(std::is_same_v<decltype(sum<double>(a)), double>);
  EXPECT_EQ(sum<double>(a), 1770.0);
}

TEST_F(Reductions, EveryReductionMatchesMemoryOverAllAndOneAxis) {
  NDArray<double> values(Shape{4, 6});
  for (std::size_t i = 0; i < values.size(); ++i) values.data()[i] = std::sin(static_cast<double>(i) * 1.7) * 10;
  const H5Array<double> a(f.create_dataset("a", values, DatasetOptions{}.chunks({2, 4})));
  const ScopedMemoryCap cap(5 * sizeof(double));
  double total = 0, product = 1, lo = values.data()[0], hi = lo;
  std::size_t arg_lo = 0, arg_hi = 0;
  for (std::size_t i = 0; i < values.size(); ++i) {
    const double v = values.data()[i];
    total += v;
    product *= v;
    if (v < lo) lo = v, arg_lo = i;
    if (v > hi) hi = v, arg_hi = i;
  }
  const double m = total / 24;
  double sq = 0;
  for (double v : values) sq += (v - m) * (v - m);
  EXPECT_NEAR(sum(a), total, 1e-9);
  EXPECT_NEAR(prod(a), product, std::abs(product) * 1e-12);
  EXPECT_EQ(min(a), lo);
  EXPECT_EQ(max(a), hi);
  EXPECT_EQ(argmin(a), arg_lo);
  EXPECT_EQ(argmax(a), arg_hi);
  EXPECT_NEAR(mean(a), m, 1e-12);
  EXPECT_NEAR(var(a), sq / 24, 1e-9);
  EXPECT_NEAR(var(a, {.ddof = 1}), sq / 23, 1e-9);
  EXPECT_NEAR(std_(a, {.ddof = 1}), std::sqrt(sq / 23), 1e-9);
  EXPECT_FALSE(all_of(a));  // sin(0) = 0
  EXPECT_TRUE(all_of(a.view(s(0, none), s(1, none))));  // the others are not zero
  EXPECT_TRUE(any_of(a));

  // Along axis 1: row by row in memory.
  const NDArray<double> rmin = min(a, 1), rmax = max(a, 1), rmean = mean(a, 1), rstd = std_(a, 1);
  const NDArray<std::size_t> ramin = argmin(a, 1), ramax = argmax(a, 1);
  for (std::size_t r = 0; r < 4; ++r) {
    double l = values(r, 0), h = l, s = 0;
    std::size_t il = 0, ih = 0;
    for (std::size_t c = 0; c < 6; ++c) {
      const double v = values(r, c);
      s += v;
      if (v < l) l = v, il = c;
      if (v > h) h = v, ih = c;
    }
    double d = 0;
    for (std::size_t c = 0; c < 6; ++c) d += (values(r, c) - s / 6) * (values(r, c) - s / 6);
    EXPECT_EQ(rmin(r), l);
    EXPECT_EQ(rmax(r), h);
    EXPECT_EQ(ramin(r), il);
    EXPECT_EQ(ramax(r), ih);
    EXPECT_NEAR(rmean(r), s / 6, 1e-12);
    EXPECT_NEAR(rstd(r), std::sqrt(d / 6), 1e-12);
  }
}

TEST_F(Reductions, BoolAndUnsignedArraysSumAsNumpy) {
  const H5Array<bool> b(f.create_dataset("b", NDArray<bool>(Shape{2, 3}, {true, false, true, true, true, false})));
  const H5Array<std::uint8_t> u(f.create_dataset("u", NDArray<std::uint8_t>(Shape{3}, {200, 200, 200})));
  const ScopedMemoryCap cap(2);
  static_assert(std::is_same_v<decltype(sum(b)), std::int64_t>);
  static_assert(std::is_same_v<decltype(sum(u)), std::uint64_t>);
  EXPECT_EQ(sum(b), 4);
  EXPECT_EQ(sum(b, 1), (NDArray<std::int64_t>(Shape{2}, {2, 2})));
  EXPECT_EQ(sum(u), 600u);  // no uint8 overflow
  EXPECT_EQ(argmax(b), 0u);
  EXPECT_EQ(argmin(b, 1), (NDArray<std::size_t>(Shape{2}, {1, 2})));
  EXPECT_EQ(any_of(b, 0), (NDArray<bool>(Shape{3}, {true, true, true})));
  EXPECT_EQ(all_of(b, 0), (NDArray<bool>(Shape{3}, {true, false, false})));
  EXPECT_EQ(max(u), 200);
}

TEST_F(Reductions, NanPropagatesLikeNumpy) {
  const double nan = std::nan("");
  const H5Array<double> a(f.create_dataset("a", NDArray<double>(Shape{2, 3}, {1.0, nan, -4.0, 2.0, 3.0, nan})));
  const ScopedMemoryCap cap(2 * sizeof(double));
  EXPECT_TRUE(std::isnan(min(a)));
  EXPECT_TRUE(std::isnan(max(a)));
  EXPECT_EQ(argmin(a), 1u);  // the first NaN
  EXPECT_EQ(argmax(a), 1u);
  EXPECT_EQ(argmin(a, 0), (NDArray<std::size_t>(Shape{3}, {0, 0, 1})));
  EXPECT_TRUE(std::isnan(sum(a)));
  EXPECT_EQ(max(a, {.where = NDArray<bool>(Shape{2, 3}, {true, false, true, true, true, false})}), 3.0);
  // Options kept past the statement own a temporary mask (no dangling reference).
  const Reduce<double> kept{.where = NDArray<bool>(Shape{2, 3}, {true, false, true, true, true, false})};
  EXPECT_EQ(max(a, kept), 3.0);
}

TEST_F(Reductions, WhereMasksFromMemoryAndFromTheFile) {
  const NDArray<std::int32_t> values = arange<std::int32_t>({3, 4, 5});
  const H5Array<std::int32_t> a(f.create_dataset("a", values));
  NDArray<bool> even(Shape{3, 4, 5});
  for (std::size_t i = 0; i < 60; ++i) even.data()[i] = i % 2 == 0;
  const H5Array<bool> lazy_even(f.create_dataset("even", even));
  const ScopedMemoryCap cap(3 * sizeof(std::int32_t));
  EXPECT_EQ(sum(a, {.where = even}), 870);  // 0 + 2 + ... + 58
  EXPECT_EQ(sum(a, {.where = lazy_even}), 870);
  EXPECT_EQ(sum(a, {.initial = 5, .where = even}), 875);
  EXPECT_EQ(max(a, {.where = even}), 58);
  EXPECT_EQ(mean(a, {.where = lazy_even}), 29.0);
  NDArray<std::int64_t> expected(Shape{4, 5}, std::int64_t{0});
  for (std::size_t i = 0; i < 60; i += 2) expected.data()[i % 20] += static_cast<std::int64_t>(i);
  EXPECT_EQ(sum(a, 0, {.where = lazy_even}), expected);
  EXPECT_FALSE(all_of(a));  // element 0 is 0
  NDArray<bool> none(Shape{3, 4, 5}, false);
  EXPECT_FALSE(any_of(a, {.where = none}));
  EXPECT_TRUE(all_of(a, {.where = none}));
  EXPECT_EQ(min(a, {.initial = -7, .where = none}), -7);
}

TEST_F(Reductions, ViewsReduceOnlyTheirBlock) {
  const NDArray<double> values = arange<double>({10, 10});
  const H5Array<double> a(f.create_dataset("a", values, DatasetOptions{}.chunks({3, 3})));
  const ScopedMemoryCap cap(4 * sizeof(double));
  const H5Array<double> v = a.view(s(2, 5), s(-3, none));  // rows 2..4, columns 7..9
  EXPECT_EQ(v.shape(), (Shape{3, 3}));
  EXPECT_EQ(sum(v), 27.0 + 28 + 29 + 37 + 38 + 39 + 47 + 48 + 49);
  EXPECT_EQ(argmax(v), 8u);
  EXPECT_EQ(sum(v, 0), (NDArray<double>(Shape{3}, {111.0, 114.0, 117.0})));
  EXPECT_EQ(sum(a.view(4, all)), 445.0);  // an integer keeps a length-1 axis
  EXPECT_EQ(a.view(4, all).shape(), (Shape{1, 10}));
}

TEST_F(Reductions, DiffAlongEachAxisAndRepeated) {
  NDArray<double> values(Shape{4, 5});
  for (std::size_t i = 0; i < 20; ++i) values.data()[i] = static_cast<double>(i * i);
  const H5Array<double> a(f.create_dataset("a", values));
  const ScopedMemoryCap cap(4 * sizeof(double));
  const NDArray<double> d1 = diff(a, Into{f, "d1"}).read();  // along the last axis
  ASSERT_EQ(d1.shape(), (Shape{4, 4}));
  for (std::size_t r = 0; r < 4; ++r)
    for (std::size_t c = 0; c < 4; ++c) EXPECT_EQ(d1(r, c), values(r, c + 1) - values(r, c));
  const NDArray<double> d2 = diff(a, 2, 1, Into{f, "d2"}).read();
  for (std::size_t r = 0; r < 4; ++r)
    for (std::size_t c = 0; c < 3; ++c) EXPECT_EQ(d2(r, c), 2.0) << r << "," << c;  // second difference of i*i
  const NDArray<double> d0 = diff(a, 1, 0, Into{f, "d0"}).read();
  ASSERT_EQ(d0.shape(), (Shape{3, 5}));
  for (std::size_t r = 0; r < 3; ++r)
    for (std::size_t c = 0; c < 5; ++c) EXPECT_EQ(d0(r, c), values(r + 1, c) - values(r, c));
  EXPECT_EQ(diff(a, 9, 0, Into{f, "d9"}).shape(), (Shape{0, 5}));
}

TEST_F(Reductions, BadInputIsReportedWithTheDatasetAndWritesNothing) {
  const H5Array<double> a(f.create_dataset("a", arange<double>({3, 4})));
  try {
    sum(a, 2);
    FAIL();
  } catch (const InvalidArgumentError& e) {
    EXPECT_EQ(e.object(), "/a");
    EXPECT_NE(e.file().find("r.h5"), std::string::npos);
    EXPECT_NE(std::string(e.what()).find("found axis 2"), std::string::npos) << e.what();
  }
  EXPECT_THROW(sum(a, -3), InvalidArgumentError);
  EXPECT_THROW(sum(a, {.where = NDArray<bool>(Shape{4, 3}, true)}), ShapeMismatchError);
  const NDArray<bool> none(Shape{3, 4}, false);
  EXPECT_THROW(min(a, {.where = none}), InvalidArgumentError);
  EXPECT_THROW(argmax(a, {.where = none}), InvalidArgumentError);
  const H5Array<double> empty(f.create_dataset("empty", Shape{0, 4}, dtype<double>()));
  EXPECT_THROW(max(empty), InvalidArgumentError);
  EXPECT_THROW(max(empty, 0), InvalidArgumentError);
  EXPECT_EQ(max(empty, {.initial = 1.5}), 1.5);
  EXPECT_EQ(sum(empty), 0.0);
  EXPECT_EQ(max(empty, 1).shape(), (Shape{0}));  // nothing to reduce into: no error, as numpy
  EXPECT_TRUE(std::isnan(mean(empty)));
  EXPECT_THROW(diff(a, 1, 5, Into{f, "bad"}), InvalidArgumentError);
  EXPECT_FALSE(f.contains("bad"));
  EXPECT_THROW(a.view(s(0, 3, 2), all), InvalidArgumentError);
  EXPECT_THROW(a.view(5, all), InvalidArgumentError);
}


// A high order n: output blocks shrink to cap / (n + 2) so input and output fit the cap together;
// the values stay numpy's.
TEST_F(Reductions, DiffOfHighOrderUnderATinyCap) {
  NDArray<double> m(Shape{4, 12});
  for (std::size_t i = 0; i < m.size(); ++i) m.data()[i] = static_cast<double>((i * i) % 7);
  const H5Array<double> a(f.create_dataset("m", m, DatasetOptions{}.chunks({3, 5})));
  const NDArray<double> expected = diff(a, 5, 1, Into{f, "free"}).read();
  const ScopedMemoryCap cap(16 * sizeof(double));
  const NDArray<double> capped = diff(a, 5, 1, Into{f, "capped"}).read();
  EXPECT_EQ(capped, expected);
  // The 5th difference of one row, by hand: sum over k of (-1)^(5-k) C(5,k) x[i+k].
  const int c[] = {-1, 5, -10, 10, -5, 1};
  for (std::size_t r = 0; r < 4; ++r)
    for (std::size_t i = 0; i < 7; ++i) {
      double v = 0;
      for (std::size_t k = 0; k < 6; ++k) v += c[k] * m(r, i + k);
      EXPECT_EQ(capped(r, i), v) << r << "," << i;
    }
}

}  // namespace
}  // namespace h5kit::lazy
