// Element-wise functions and operators block by block under tiny caps, against memory.
#include "h5kit/lazy/elementwise.hpp"

#include <gtest/gtest.h>

#include <cmath>
#include <cstdint>

#include "h5kit/error.hpp"
#include "h5kit/file.hpp"
#include "h5kit/group.hpp"
#include "support/temp_dir.hpp"

namespace h5kit::lazy {
namespace {

class Elementwise : public ::testing::Test {
 protected:
  test::TempDir dir;
  File f{dir / "e.h5", "w"};
};

NDArray<double> ramp(Shape shape, double scale) {
  NDArray<double> a(std::move(shape));
  for (std::size_t i = 0; i < a.size(); ++i) a.data()[i] = (static_cast<double>(i) - 7.5) * scale;
  return a;
}

TEST_F(Elementwise, PlusEqualsOneOnAThreeByThreeChunkedDatasetIsExact) {
  NDArray<double> values(Shape{10, 7});
  for (std::size_t i = 0; i < values.size(); ++i) values.data()[i] = static_cast<double>(i) * 0.1;
  const H5Array<double> a(f.create_dataset("a", values, DatasetOptions{}.chunks({3, 3})));
  const ScopedMemoryCap cap(4 * sizeof(double));
  a += 1;
  NDArray<double> expected = values;
  for (double& v : expected) v += 1;
  EXPECT_EQ(a.read(), expected);
  a *= a;
  for (double& v : expected) v *= v;
  EXPECT_EQ(a.read(), expected);
  a -= 2.5;
  a /= 2;
  for (double& v : expected) v = (v - 2.5) / 2;
  EXPECT_EQ(a.read(), expected);
}

TEST_F(Elementwise, EveryUnaryFunctionMatchesTheStandardLibrary) {
  const NDArray<double> values = ramp({4, 5}, 0.11);  // in (-1, 1): every function defined somewhere
  const H5Array<double> a(f.create_dataset("a", values, DatasetOptions{}.chunks({2, 2})));
  const ScopedMemoryCap cap(3 * sizeof(double));
  auto check = [&](auto function, double (*expected)(double), const char* name) {
    const NDArray<double> got = function(a, Into{f, name}).read();
    for (std::size_t i = 0; i < values.size(); ++i) {
      const double e = expected(values.data()[i]);
      if (std::isnan(e)) EXPECT_TRUE(std::isnan(got.data()[i])) << name << " at " << i;
      else EXPECT_DOUBLE_EQ(got.data()[i], e) << name << " at " << i;
    }
  };
#define CHECK(fn, ref) check([](const auto& x, const Into& i) { return fn(x, i); }, [](double v) { return ref; }, #fn)
  CHECK(sin, std::sin(v)); CHECK(cos, std::cos(v)); CHECK(tan, std::tan(v));
  CHECK(arcsin, std::asin(v)); CHECK(arccos, std::acos(v)); CHECK(arctan, std::atan(v));
  CHECK(sinh, std::sinh(v)); CHECK(cosh, std::cosh(v)); CHECK(tanh, std::tanh(v));
  CHECK(arcsinh, std::asinh(v)); CHECK(arccosh, std::acosh(v)); CHECK(arctanh, std::atanh(v));
  CHECK(floor, std::floor(v)); CHECK(ceil, std::ceil(v)); CHECK(trunc, std::trunc(v));
  CHECK(exp, std::exp(v)); CHECK(expm1, std::expm1(v)); CHECK(exp2, std::exp2(v));
  CHECK(log, std::log(v)); CHECK(log10, std::log10(v)); CHECK(log2, std::log2(v)); CHECK(log1p, std::log1p(v));
  CHECK(sqrt, std::sqrt(v)); CHECK(cbrt, std::cbrt(v));
  CHECK(negative, -v); CHECK(square, v * v); CHECK(abs, std::fabs(v));
  CHECK(sign, static_cast<double>((v > 0) - (v < 0)));
#undef CHECK
  const H5Array<bool> nan = isnan(sqrt(a, Into{f, "root"}), Into{f, "nan"});
  const NDArray<bool> got = nan.read();
  for (std::size_t i = 0; i < values.size(); ++i) EXPECT_EQ(got.data()[i], values.data()[i] < 0) << i;
  EXPECT_EQ(isfinite(a, Into{f, "finite"}).read(), NDArray<bool>(Shape{4, 5}, true));
  EXPECT_EQ(isinf(a, Into{f, "inf"}).read(), NDArray<bool>(Shape{4, 5}, false));
  static_assert(std::is_same_v<decltype(sin(a, Into{f, "x"})), H5Array<double>>);

  abs(a, in_place);
  for (std::size_t i = 0; i < values.size(); ++i) EXPECT_EQ(a.read().data()[i], std::fabs(values.data()[i]));
}

TEST_F(Elementwise, IntegerArraysKeepExactTypesWhereNumpyDoes) {
  NDArray<std::int32_t> values(Shape{3, 4});
  for (std::size_t i = 0; i < 12; ++i) values.data()[i] = static_cast<std::int32_t>(i) - 6;
  const H5Array<std::int32_t> a(f.create_dataset("a", values));
  const ScopedMemoryCap cap(5 * sizeof(std::int32_t));
  static_assert(std::is_same_v<decltype(sqrt(a, Into{f, "x"})), H5Array<double>>);
  static_assert(std::is_same_v<decltype(square(a, Into{f, "x"})), H5Array<std::int32_t>>);
  static_assert(std::is_same_v<decltype(divide(a, 2, Into{f, "x"})), H5Array<double>>);
  const NDArray<std::int32_t> fd = floor_divide(a, 4, Into{f, "fd"}).read();
  const NDArray<std::int32_t> md = mod(a, 4, Into{f, "md"}).read();
  const NDArray<double> dv = divide(a, 4, Into{f, "dv"}).read();
  const NDArray<std::int32_t> pw = power(a, 3, Into{f, "pw"}).read();
  for (std::size_t i = 0; i < 12; ++i) {
    const std::int32_t v = values.data()[i];
    EXPECT_EQ(fd.data()[i], static_cast<std::int32_t>(std::floor(v / 4.0))) << v;
    EXPECT_EQ(md.data()[i], ((v % 4) + 4) % 4) << v;  // the divisor's sign
    EXPECT_EQ(dv.data()[i], v / 4.0);
    EXPECT_EQ(pw.data()[i], v * v * v);
  }
  a += 10;
  a %= 7;
  for (std::size_t i = 0; i < 12; ++i) EXPECT_EQ(a.read().data()[i], (values.data()[i] + 10) % 7);
}

TEST_F(Elementwise, UnsignedAndBoolArrays) {
  const H5Array<std::uint16_t> u(f.create_dataset("u", NDArray<std::uint16_t>(Shape{5}, {0, 1, 2, 3, 65535})));
  const ScopedMemoryCap cap(2 * sizeof(std::uint16_t));
  EXPECT_EQ(abs(u, Into{f, "abs"}).read(), u.read());
  EXPECT_EQ(sign(u, Into{f, "sign"}).read(), (NDArray<std::uint16_t>(Shape{5}, {0, 1, 1, 1, 1})));
  EXPECT_EQ(mod(u, 2, Into{f, "mod"}).read(), (NDArray<std::uint16_t>(Shape{5}, {0, 1, 0, 1, 1})));  // numpy 1.24: uint16 % 2 is uint16
  EXPECT_EQ(floor_divide(u, std::uint16_t{2}, Into{f, "fd"}).read(), (NDArray<std::uint16_t>(Shape{5}, {0, 0, 1, 1, 32767})));
  const H5Array<bool> b(f.create_dataset("b", NDArray<bool>(Shape{4}, {true, false, true, true})));
  EXPECT_EQ(negative(b, Into{f, "not"}).read(), (NDArray<bool>(Shape{4}, {false, true, false, false})));
  EXPECT_EQ(add(b, b, Into{f, "bb"}).read(), (NDArray<bool>(Shape{4}, {true, false, true, true})));
}

TEST_F(Elementwise, TwoArraysAndComparisons) {
  const NDArray<double> x = ramp({5, 3}, 1.0), y = ramp({5, 3}, -0.5);
  const H5Array<double> a(f.create_dataset("a", x, DatasetOptions{}.chunks({2, 3})));
  const H5Array<double> b(f.create_dataset("b", y, DatasetOptions{}.chunks({5, 1})));
  const ScopedMemoryCap cap(2 * sizeof(double));
  const NDArray<double> sum_ab = add(a, b, Into{f, "sum"}).read(), mx = maximum(a, b, Into{f, "max"}).read(),
                        mn = minimum(a, b, Into{f, "min"}).read(), pw = power(a, 2.0, Into{f, "pow"}).read();
  const NDArray<bool> gt = greater(a, b, Into{f, "gt"}).read(), eq = equal(a, 0.5, Into{f, "eq"}).read(),
                      le = less_equal(a, b, Into{f, "le"}).read();
  const H5Array<bool> pa = greater(a, 0.0, Into{f, "pa"}), pb = greater(b, 0.0, Into{f, "pb"});
  const NDArray<bool> land = logical_and(pa, pb, Into{f, "and"}).read(), lor = logical_or(pa, pb, Into{f, "or"}).read(),
                      lxor = logical_xor(pa, pb, Into{f, "xor"}).read();
  for (std::size_t i = 0; i < x.size(); ++i) {
    const double u = x.data()[i], v = y.data()[i];
    EXPECT_EQ(sum_ab.data()[i], u + v);
    EXPECT_EQ(mx.data()[i], std::max(u, v));
    EXPECT_EQ(mn.data()[i], std::min(u, v));
    EXPECT_EQ(pw.data()[i], u * u);
    EXPECT_EQ(gt.data()[i], u > v);
    EXPECT_EQ(eq.data()[i], u == 0.5);
    EXPECT_EQ(le.data()[i], u <= v);
    EXPECT_EQ(land.data()[i], u > 0 && v > 0);
    EXPECT_EQ(lor.data()[i], u > 0 || v > 0);
    EXPECT_EQ(lxor.data()[i], (u > 0) != (v > 0));
  }
  // A view and an array of the view's shape.
  const H5Array<double> top = a.view(s(0, 2), all);
  const H5Array<double> other(f.create_dataset("c", NDArray<double>(Shape{2, 3}, 1.0)));
  top += other;
  NDArray<double> expected = x;
  for (std::size_t i = 0; i < 6; ++i) expected.data()[i] += 1;
  EXPECT_EQ(a.read(), expected);
}

TEST_F(Elementwise, BadInputNamesBothDatasetsAndWritesNothing) {
  const H5Array<double> a(f.create_dataset("a", NDArray<double>(Shape{3, 4}, 1.0)));
  const H5Array<double> b(f.create_dataset("b", NDArray<double>(Shape{4, 3}, 2.0)));
  try {
    add(a, b, Into{f, "c"});
    FAIL();
  } catch (const ShapeMismatchError& e) {
    EXPECT_EQ(e.object(), "/a");
    EXPECT_NE(e.detail().find("/b of shape (4, 3)"), std::string::npos) << e.what();
    EXPECT_NE(e.detail().find("(3, 4)"), std::string::npos) << e.what();
  }
  EXPECT_FALSE(f.contains("c"));
  EXPECT_THROW(a += b, InvalidArgumentError);  // in place: b must broadcast to a (broadcast_test.cpp)
  EXPECT_EQ(a.read(), NDArray<double>(Shape{3, 4}, 1.0));
  const H5Array<std::int32_t> i(f.create_dataset("i", NDArray<std::int32_t>(Shape{2}, 3)));
  EXPECT_THROW(sqrt(i, in_place), InvalidArgumentError);
  EXPECT_THROW(i /= 2, InvalidArgumentError);
  EXPECT_THROW(greater(i, 1, in_place), InvalidArgumentError);
  EXPECT_EQ(i.read(), NDArray<std::int32_t>(Shape{2}, 3));
  // A failure while writing removes the new dataset: an output name that is taken fails at
  // creation, and an operand that fails mid-way (its last value does not fit int8, so the read of
  // the last block fails after the first blocks were written) leaves nothing behind.
  EXPECT_THROW(sin(a, Into{f, "b"}), AlreadyExistsError);
  const H5Array<std::int8_t> narrow(
      f.create_dataset("wide", std::vector<std::int32_t>{1, 2, 3, 1000}, DatasetOptions{}.chunks({1})));
  {
    const ScopedMemoryCap one(2 * sizeof(std::int8_t));
    EXPECT_THROW(negative(narrow, Into{f, "neg"}), TypeMismatchError);
  }
  EXPECT_FALSE(f.contains("neg"));
}

}  // namespace
}  // namespace h5kit::lazy
