// Result types and values of the element-wise operations against numpy 1.24 on the same data
// (issue 15, bugs 2 and 3): numpy.promote_types for two arrays, value-based casting for a scalar,
// and float floor_divide / mod as numpy's divmod.
#include <gtest/gtest.h>

#include <algorithm>
#include <cmath>
#include <functional>
#include <limits>
#include <cstdint>
#include <string>
#include <vector>

#include "h5kit/error.hpp"
#include "h5kit/file.hpp"
#include "h5kit/lazy/elementwise.hpp"
#include "h5kit/lazy/promotion.hpp"
#include "lazy/numpy_peer.hpp"
#include "support/error_message.hpp"
#include "support/temp_dir.hpp"

namespace h5kit::lazy {
namespace {

const std::vector<NumpyType> kTypes = {NumpyType::bool_,  NumpyType::int8,    NumpyType::int16,  NumpyType::int32,
                                       NumpyType::int64,  NumpyType::uint8,   NumpyType::uint16, NumpyType::uint32,
                                       NumpyType::uint64, NumpyType::float32, NumpyType::float64};

std::string np_dtype(NumpyType t) { return std::string("np.") + (t == NumpyType::bool_ ? "bool_" : numpy_name(t)); }

TEST(LazyNumpyPromotion, ThePeerIsNumpyOneTwentyFourWhoseRulesAreImplemented) {
  const std::vector<std::string> lines = test::numpy_lines("print(np.__version__)");
  ASSERT_EQ(lines.size(), 1u);
  EXPECT_EQ(lines[0].rfind("1.24.", 0), 0u) << "numpy " << lines[0]
                                             << ": lazy/promotion.hpp implements numpy 1.24's (value-based) rules";
}

TEST(LazyNumpyPromotion, PromoteTypesOfEveryPairIsNumpys) {
  std::string code = "ts = [" ;
  for (NumpyType t : kTypes) code += np_dtype(t) + ", ";
  code += "]\nfor a in ts:\n  print(*[np.promote_types(a, b).name for b in ts])\n";
  const std::vector<std::string> lines = test::numpy_lines(code);
  ASSERT_EQ(lines.size(), kTypes.size());
  for (std::size_t i = 0; i < kTypes.size(); ++i) {
    const std::vector<std::string> row = test::words(lines[i]);
    ASSERT_EQ(row.size(), kTypes.size());
    for (std::size_t j = 0; j < kTypes.size(); ++j)
      EXPECT_EQ(numpy_name(promote_types(kTypes[i], kTypes[j])), row[j])
          << numpy_name(kTypes[i]) << " with " << numpy_name(kTypes[j]);
  }
  static_assert(std::is_same_v<promoted_t<std::uint32_t, std::int32_t>, std::int64_t>);
  static_assert(std::is_same_v<promoted_t<std::uint64_t, std::int64_t>, double>);
  static_assert(std::is_same_v<scalar_result_t<float, double>, float>);
  static_assert(std::is_same_v<scalar_result_t<std::uint8_t, int>, std::uint8_t>);
  static_assert(std::is_same_v<scalar_result_t<std::int32_t, double>, double>);
  static_assert(std::is_same_v<scalar_result_t<bool, int>, std::int32_t>);
}

TEST(LazyNumpyPromotion, ValueBasedResultTypeOfAnArrayAndAScalarIsNumpys) {
  // (scalar, its numpy spelling) pairs: C++ int is numpy.int32, double numpy.float64, ...
  const std::vector<std::pair<ScalarValue, std::string>> scalars = {
      {scalar_value(100), "np.int32(100)"},           {scalar_value(127), "np.int32(127)"},
      {scalar_value(128), "np.int32(128)"},           {scalar_value(200), "np.int32(200)"},
      {scalar_value(-1), "np.int32(-1)"},             {scalar_value(-129), "np.int32(-129)"},
      {scalar_value(1000), "np.int32(1000)"},         {scalar_value(40000), "np.int32(40000)"},
      {scalar_value(100000), "np.int32(100000)"},     {scalar_value(std::int64_t{1} << 40), "np.int64(2**40)"},
      {scalar_value(std::uint8_t{200}), "np.uint8(200)"}, {scalar_value(std::uint64_t{1} << 63), "np.uint64(2**63)"},
      {scalar_value(true), "np.bool_(True)"},          {scalar_value(1.0), "np.float64(1.0)"},
      {scalar_value(0.1), "np.float64(0.1)"},          {scalar_value(1.5), "np.float64(1.5)"},
      {scalar_value(70000.0), "np.float64(70000.0)"},  {scalar_value(3.3e38), "np.float64(3.3e38)"},
      {scalar_value(3.5e38), "np.float64(3.5e38)"},    {scalar_value(1e300), "np.float64(1e300)"},
      {scalar_value(std::nan("")), "np.float64('nan')"}, {scalar_value(-std::numeric_limits<double>::infinity()), "np.float64('-inf')"},
      {scalar_value(70000.0f), "np.float32(70000.0)"}, {scalar_value(2.5f), "np.float32(2.5)"}};
  std::string code = "ts = [";
  for (NumpyType t : kTypes) code += np_dtype(t) + ", ";
  code += "]\nss = [";
  for (const auto& s : scalars) code += s.second + ", ";
  code += "]\nfor a in ts:\n  print(*[np.result_type(a, s).name for s in ss])\n";
  const std::vector<std::string> lines = test::numpy_lines(code);
  ASSERT_EQ(lines.size(), kTypes.size());
  for (std::size_t i = 0; i < kTypes.size(); ++i) {
    const std::vector<std::string> row = test::words(lines[i]);
    ASSERT_EQ(row.size(), scalars.size());
    for (std::size_t j = 0; j < scalars.size(); ++j)
      EXPECT_EQ(numpy_name(result_type(kTypes[i], scalars[j].first)), row[j])
          << "array of " << numpy_name(kTypes[i]) << " with " << scalars[j].second;
  }
}

// Operations written into a file, then checked by numpy on the same file: each line of `spec` is
// "output op a b", b a dataset or a numpy scalar expression.
class LazyNumpyOperations : public ::testing::Test {
 protected:
  test::TempDir dir;
  std::string path = dir / "ops.h5";
  File f{path, "w"};
  std::string spec;

  template <class T>
  H5Array<T> make(const std::string& name, const std::vector<T>& values) {
    NDArray<T> a(Shape{values.size()});
    std::copy(values.begin(), values.end(), a.data());
    return H5Array<T>(f.create_dataset(name, a, DatasetOptions{}.chunks({2})));
  }
  void note(const std::string& out, const std::string& op, const std::string& a, const std::string& b) {
    spec += out + " " + op + " " + a + " " + b + "\n";
  }
  // Every line numpy could not reproduce (dtype and values), after closing the file (the test's
  // arrays are gone by then: they hold it open).
  void expect_numpy_agrees() {
    f.close();
    const std::string code =
        "f = h5py.File(" + test::shell_quote(path) + ", 'r')\nspec = \"\"\"" + spec + "\"\"\"" +
        "\nbad = 0\nfor line in spec.splitlines():\n"
        "  out, op, a, b = line.split(' ', 3)\n"
        "  x = f[a][()]\n  y = f[b][()] if b in f else eval(b)\n"
        "  want = getattr(np, op)(x, y)\n  got = f[out][()]\n"
        "  same = got.dtype == want.dtype and np.array_equal(got, want, equal_nan=want.dtype.kind == 'f')\n"
        "  if not same:\n    bad += 1\n"
        "    print(line, ': numpy', want.dtype, want.tolist(), 'h5kit', got.dtype, got.tolist())\n"
        "print('checked', len(spec.splitlines()), 'mismatches', bad)\n";
    const std::vector<std::string> lines = test::numpy_lines(code);
    ASSERT_FALSE(lines.empty());
    EXPECT_EQ(lines.back(), "checked " + std::to_string(std::count(spec.begin(), spec.end(), '\n')) + " mismatches 0")
        << [&] { std::string all; for (const auto& l : lines) all += l + "\n"; return all; }();
  }
  // The ops of the table on two arrays, into outputs named after the pair.
  template <class A, class B>
  void all_ops(const std::string& tag, const H5Array<A>& a, const H5Array<B>& b, const std::string& b_name) {
    const std::string an = a.dataset().path().substr(1);
#define H5KIT_OP(op)                                   \
  op(a, b, Into{f, tag + "_" #op});                    \
  note(tag + "_" #op, #op, an, b_name);
    H5KIT_OP(add) H5KIT_OP(subtract) H5KIT_OP(multiply) H5KIT_OP(divide) H5KIT_OP(floor_divide) H5KIT_OP(mod)
    H5KIT_OP(maximum) H5KIT_OP(minimum) H5KIT_OP(less) H5KIT_OP(equal) H5KIT_OP(greater_equal)
#undef H5KIT_OP
  }
};

TEST_F(LazyNumpyOperations, MixedArraysGiveNumpysTypesAndValues) {
  {  // the arrays close before numpy opens the file
  const ScopedMemoryCap cap(3 * 16);  // a few elements per block
  const auto u32 = make<std::uint32_t>("u32", {1, 2, 7, 4000000000u, 0});
  const auto i32 = make<std::int32_t>("i32", {2, 2, -3, -7, 5});
  const auto u64 = make<std::uint64_t>("u64", {1, 18446744073709551615ull, 3, 8, 100});
  const auto i64 = make<std::int64_t>("i64", {-1, 5, -2, 3, 7});
  const auto i16 = make<std::int16_t>("i16", {-300, 2, 7, 30000, -5});
  const auto f32 = make<float>("f32", {0.5f, -2.25f, 3.0f, 0.1f, -7.5f});
  const auto f64 = make<double>("f64", {0.1, 7.0, -0.5, 1e10, -3.0});
  const auto u8 = make<std::uint8_t>("u8", {0, 1, 200, 255, 9});
  const auto i8 = make<std::int8_t>("i8", {-128, 1, -2, 127, 3});
  const auto b = make<bool>("b", {true, false, true, true, false});
  // The case: uint32 [1, 2] - int32 [2, 2] is int64 [-1, 0], not uint32 [4294967295, 0].
  const NDArray<std::int64_t> d = subtract(u32, i32, Into{f, "issue_sub"}).read();
  EXPECT_EQ(d.data()[0], -1);
  EXPECT_EQ(d.data()[1], 0);
  note("issue_sub", "subtract", "u32", "i32");
  all_ops("u32_i32", u32, i32, "i32");
  all_ops("u64_i64", u64, i64, "i64");  // float64, as numpy
  all_ops("i16_f32", i16, f32, "f32");
  all_ops("i32_f32", i32, f32, "f32");
  all_ops("u8_i8", u8, i8, "i8");
  all_ops("i8_b", i8, b, "b");
  all_ops("i64_f64", i64, f64, "f64");
  all_ops("f32_f64", f32, f64, "f64");
  }
  expect_numpy_agrees();
}

TEST_F(LazyNumpyOperations, ScalarsFollowNumpyOneTwentyFoursValueBasedCasting) {
  {  // the arrays close before numpy opens the file
  const ScopedMemoryCap cap(2 * 16);
  const auto f32 = make<float>("f32", {0.5f, -2.25f, 0.1f, 1e30f, -7.5f});
  const auto u8 = make<std::uint8_t>("u8", {0, 1, 200, 255, 9});
  const auto i8 = make<std::int8_t>("i8", {-128, 1, -2, 127, 3});
  const auto u32 = make<std::uint32_t>("u32", {0, 1, 7, 4000000000u, 3});
  const auto i32 = make<std::int32_t>("i32", {-5, 1, 7, 2000000000, 3});
  const auto b = make<bool>("b", {true, false, true, true, false});
  // The cases: float32 + 1.0 stays float32, uint8 + 100 stays uint8 (wrapping as numpy's).
  static_assert(std::is_same_v<decltype(add(f32, 1.0, Into{f, "x"})), H5Array<float>>);
  add(f32, 1.0, Into{f, "f32_plus_1"});
  note("f32_plus_1", "add", "f32", "np.float64(1.0)");
  EXPECT_EQ((add(u8, 100, Into{f, "u8_plus_100"}).read()), (NDArray<std::uint8_t>(Shape{5}, {100, 101, 44, 99, 109})));
  note("u8_plus_100", "add", "u8", "np.int32(100)");
  add(i8, 100, Into{f, "i8_plus_100"});
  note("i8_plus_100", "add", "i8", "np.int32(100)");
  multiply(i32, 1.5, Into{f, "i32_times_1_5"});  // float64: the scalar's kind is higher
  note("i32_times_1_5", "multiply", "i32", "np.float64(1.5)");
  add(b, 1, Into{f, "b_plus_1"});  // int32: C++'s int is numpy.int32
  note("b_plus_1", "add", "b", "np.int32(1)");
  divide(u8, 2, Into{f, "u8_div_2"});
  note("u8_div_2", "divide", "u8", "np.int32(2)");
  multiply(f32, 2.5f, Into{f, "f32_times_2_5f"});
  note("f32_times_2_5f", "multiply", "f32", "np.float32(2.5)");
  // Comparisons compute in numpy's type: float32 == 0.1 compares with 0.1 rounded to float32, and
  // unsigned arrays against negative scalars are never equal.
  for (const auto& [name, value] : std::vector<std::pair<std::string, double>>{{"eq_tenth", 0.1}, {"lt_big", 1e300}}) {
    (name == "eq_tenth" ? equal(f32, value, Into{f, name}) : less(f32, value, Into{f, name}));
    note(name, name == "eq_tenth" ? "equal" : "less", "f32", "np.float64(" + test::py_float(value) + ")");
  }
  less(u8, -1, Into{f, "u8_lt_neg"});
  note("u8_lt_neg", "less", "u8", "np.int32(-1)");
  greater(u32, -1, Into{f, "u32_gt_neg"});
  note("u32_gt_neg", "greater", "u32", "np.int32(-1)");
  less(u8, 1000, Into{f, "u8_lt_1000"});
  note("u8_lt_1000", "less", "u8", "np.int32(1000)");
  equal(i32, 2000000000u, Into{f, "i32_eq_u"});
  note("i32_eq_u", "equal", "i32", "np.uint32(2000000000)");
  }
  expect_numpy_agrees();
}

TEST_F(LazyNumpyOperations, AScalarThatNumpyWouldWidenTheResultForIsRefusedNamingNumpysType) {
  const auto u8 = make<std::uint8_t>("u8", {0, 1, 200});
  const auto f32 = make<float>("f32", {0.5f, 1.0f, 2.0f});
  const std::vector<std::string> numpy = test::numpy_lines(
      "a = np.zeros(3, np.uint8)\nf = np.zeros(3, np.float32)\n"
      "print((a + np.int32(1000)).dtype, (a + np.int32(-1)).dtype, (f + np.int32(100000)).dtype, "
      "(f + np.float64(1e300)).dtype)");
  ASSERT_EQ(numpy.size(), 1u);
  const std::vector<std::string> types = test::words(numpy[0]);
  ASSERT_EQ(types.size(), 4u);
  auto refusal = [&](const std::function<void()>& call, const std::string& numpy_type, const std::string& dataset) {
    const std::string message = test::message_of<InvalidArgumentError>(call);
    EXPECT_NE(message.find("numpy 1.24 gives " + numpy_type), std::string::npos) << message;
    EXPECT_NE(message.find(dataset), std::string::npos) << message;
  };
  refusal([&] { add(u8, 1000, Into{f, "r1"}); }, types[0], "/u8");
  refusal([&] { add(u8, -1, Into{f, "r2"}); }, types[1], "/u8");
  refusal([&] { add(f32, 100000, Into{f, "r3"}); }, types[2], "/f32");
  refusal([&] { multiply(f32, 1e300, Into{f, "r4"}); }, types[3], "/f32");
  for (const char* name : {"r1", "r2", "r3", "r4"}) EXPECT_FALSE(f.contains(name)) << name;
  // Named, the result type is the caller's: numpy's uint16 here.
  EXPECT_EQ((add<std::uint16_t>(u8, 1000, Into{f, "wide"}).read()),
            (NDArray<std::uint16_t>(Shape{3}, {1000, 1001, 1200})));
}

TEST_F(LazyNumpyOperations, InPlaceComputesInNumpysTypeAndRefusesWhatSameKindCastingRefuses) {
  auto u32 = make<std::uint32_t>("u32", {1, 2, 3});
  auto i32 = make<std::int32_t>("i32", {2, 2, -3});
  auto u8 = make<std::uint8_t>("u8", {10, 200, 255});
  auto i64 = make<std::int64_t>("i64", {10, -7, 255});
  // numpy: uint32 -= int32, int64 += 1.5 and uint8 //= 1000 raise (same_kind).
  const std::vector<std::string> numpy = test::numpy_lines(
      "def tries(f):\n  try:\n    f(); return 'stored'\n  except TypeError:\n    return 'refused'\n"
      "u = np.array([1, 2, 3], np.uint32); i = np.array([2, 2, -3], np.int32)\n"
      "def sub(): global u; u -= i\n"
      "q = np.array([10, -7, 255], np.int64)\n"
      "def addf(): global q; q += 1.5\n"
      "a = np.array([10, 200, 255], np.uint8)\n"
      "def fd(): global a; a //= np.int32(1000)\n"
      "r = tries(fd); a += np.int32(300); a //= np.int32(7)\n"
      "i -= u\n"
      "print(tries(sub), tries(addf), *a.tolist(), *i.tolist(), r)");
  ASSERT_EQ(numpy.size(), 1u);
  const std::vector<std::string> w = test::words(numpy[0]);
  ASSERT_EQ(w.size(), 9u);
  EXPECT_EQ(w[8], "refused");  // numpy computes uint8 // 1000 as int16, which same_kind does not store
  EXPECT_THROW(floor_divide(u8, 1000, in_place), InvalidArgumentError);
  EXPECT_EQ(w[0], "refused");
  EXPECT_EQ(w[1], "refused");
  EXPECT_THROW(u32 -= i32, InvalidArgumentError);
  EXPECT_EQ(u32.read(), (NDArray<std::uint32_t>(Shape{3}, {1, 2, 3})));  // untouched
  EXPECT_THROW(i64 += 1.5, InvalidArgumentError);
  u8 += 300;  // uint16 in numpy, stored back wrapping
  floor_divide(u8, 7, in_place);
  i32 -= u32;  // int64 results stored back into int32: allowed
  const NDArray<std::uint8_t> got_u8 = u8.read();
  const NDArray<std::int32_t> got_i32 = i32.read();
  for (std::size_t k = 0; k < 3; ++k) {
    EXPECT_EQ(std::to_string(got_u8.data()[k]), w[2 + k]);
    EXPECT_EQ(std::to_string(got_i32.data()[k]), w[5 + k]);
  }
}

TEST_F(LazyNumpyOperations, FloatFloorDivideAndModAreNumpysDivmod) {
  {  // the arrays close before numpy opens the file
  const ScopedMemoryCap cap(2 * sizeof(double));
  const auto x = make<double>("x", {1.0, 7.0, 0.5, -1.0, 5.5, -7.25, 0.0, 1e-300, 3.0, -3.0, 4.0});
  const auto y = make<double>("y", {0.1, 0.1, 0.1, 0.3, -0.25, 2.0, -3.0, 7.0, 0.0, 0.0, INFINITY});
  const auto x32 = make<float>("x32", {1.0f, 7.0f, 0.5f, -1.0f, 5.5f, 1e7f});
  // The case.
  EXPECT_EQ(floor_divide(x, 0.1, Into{f, "q_tenth"}).read().data()[0], 9.0);
  note("q_tenth", "floor_divide", "x", "np.float64(0.1)");
  floor_divide(x, y, Into{f, "q"});
  note("q", "floor_divide", "x", "y");
  mod(x, y, Into{f, "m"});
  note("m", "mod", "x", "y");
  floor_divide(x32, 0.1f, Into{f, "q32"});
  note("q32", "floor_divide", "x32", "np.float32(0.1)");
  mod(x32, 0.1f, Into{f, "m32"});
  note("m32", "mod", "x32", "np.float32(0.1)");
  const NDArray<double> q = H5Array<double>(f.dataset("q")).read(), m = H5Array<double>(f.dataset("m")).read();
  const NDArray<double> xs = x.read(), ys = y.read();
  for (std::size_t i = 0; i < 8; ++i)  // finite, non-zero divisors: q * y + mod == x up to rounding
    EXPECT_NEAR(q.data()[i] * ys.data()[i] + m.data()[i], xs.data()[i], 1e-12 * std::fabs(xs.data()[i]) + 1e-300)
        << i;
  }
  expect_numpy_agrees();
}

}  // namespace
}  // namespace h5kit::lazy
