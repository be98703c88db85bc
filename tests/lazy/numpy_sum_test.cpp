// Float sums and products against numpy on the same data (issue 15, bug 1): pairwise within blocks,
// a compensated fold across them, so every cap gives numpy's accuracy or better.
#include <gtest/gtest.h>

#include <algorithm>
#include <cmath>
#include <cstdint>
#include <string>
#include <vector>

#include "h5kit/file.hpp"
#include "h5kit/lazy/describe.hpp"
#include "h5kit/lazy/reductions.hpp"
#include "lazy/numpy_peer.hpp"
#include "support/temp_dir.hpp"

namespace h5kit::lazy {
namespace {

struct SumCase {
  std::string name;
  NDArray<float> values;
  bool small;  // small enough for caps of a few elements (one HDF5 read per block)
};

std::vector<SumCase> float32_cases() {
  std::vector<SumCase> cases;
  cases.push_back({"ones", NDArray<float>(Shape{std::size_t{1} << 25}, 1.0f), false});  // issue: 33554432
  cases.push_back({"tenths", NDArray<float>(Shape{10'000'000}, 0.1f), false});          // issue: 999989.44
  cases.push_back({"small_tenths", NDArray<float>(Shape{10'000}, 0.1f), true});
  NDArray<float> big_then_ones(Shape{3001}, 1.0f);  // one float32 sequence loses every 1
  big_then_ones.data()[0] = 16777216.0f;
  cases.push_back({"big_then_ones", std::move(big_then_ones), true});
  NDArray<float> mixed(Shape{5003});
  for (std::size_t i = 0; i < mixed.size(); ++i)
    mixed.data()[i] = static_cast<float>(std::sin(static_cast<double>(i)) * 1e4 + 1e-3 * static_cast<double>(i % 7));
  cases.push_back({"mixed", std::move(mixed), true});
  return cases;
}

// numpy's sum and the exact one (math.fsum) of each dataset, read back through h5py.
std::vector<std::vector<long double>> numpy_sums(const std::string& path, const std::vector<std::string>& names,
                                                 const std::string& numpy_call) {
  std::string code = "f = h5py.File(" + test::shell_quote(path) + ", 'r')\n";
  for (const std::string& n : names)
    code += "x = f['" + n + "'][()]\nprint(repr(float(" + numpy_call +
            ")), repr(math.fsum(x.astype(np.float64).ravel())))\n";
  std::vector<std::vector<long double>> out;
  for (const std::string& line : test::numpy_lines(code)) out.push_back(test::numbers(line));
  return out;
}

TEST(LazyNumpySum, Float32SumIsAsAccurateAsNumpysUnderEveryCap) {
  test::TempDir dir;
  const std::string path = dir / "sums.h5";
  std::vector<SumCase> cases = float32_cases();
  std::vector<std::string> names;
  {
    File f(path, "w");
    for (const SumCase& c : cases) {
      f.create_dataset(c.name, c.values, DatasetOptions{}.chunks({std::min<std::size_t>(4096, c.values.size())}));
      names.push_back(c.name);
    }
  }
  const auto reference = numpy_sums(path, names, "x.sum()");
  ASSERT_EQ(reference.size(), cases.size());
  File f(path, "r");
  const std::vector<std::size_t> caps{0, 1 << 20, 4096, 3 * sizeof(float), 1};  // 0: the default cap
  for (std::size_t i = 0; i < cases.size(); ++i) {
    const long double numpy = reference[i][0], exact = reference[i][1];
    const long double numpy_error = std::fabs(numpy - exact);
    const H5Array<float> a(f.dataset(cases[i].name));
    for (std::size_t cap : caps) {
      if (cap != 0 && cap < 4096 && !cases[i].small) continue;
      const ScopedMemoryCap scoped(cap ? cap : memory_cap());
      const float got = sum(a);
      const float ulp = std::nextafter(static_cast<float>(exact), INFINITY) - static_cast<float>(exact);
      // numpy's accuracy or better, within half an ulp of the float32 result
      EXPECT_LE(std::fabs(got - exact), numpy_error + ulp / 2) << cases[i].name << " cap " << cap << ": " << got
                                                                << " numpy " << numpy << " exact " << exact;
      EXPECT_NEAR(got, numpy, numpy_error + ulp) << cases[i].name << " cap " << cap;
      const Description<float> d = describe(a);
      EXPECT_EQ(d.sum, got) << "describe's sum, " << cases[i].name << " cap " << cap;
    }
  }
  // The numbers, from numpy: 2^25 ones sum to 33554432 exactly.
  EXPECT_EQ(reference[0][0], 33554432.0L);
  EXPECT_EQ(sum(H5Array<float>(f.dataset("ones"))), 33554432.0f);
  EXPECT_NEAR(static_cast<double>(reference[1][0]), 999989.44, 0.01);
}

TEST(LazyNumpySum, AxisSumsAndDoublesAndWhereMasksAgainstNumpy) {
  test::TempDir dir;
  const std::string path = dir / "axis.h5";
  NDArray<float> grid(Shape{4000, 3});
  for (std::size_t i = 0; i < grid.size(); ++i)
    grid.data()[i] = i % 3 == 0 ? 0.1f : i % 3 == 1 ? static_cast<float>(i) * 1e-3f : (i < 3 ? 3e7f : 1.0f);
  NDArray<double> tenths(Shape{100'000}, 0.1);
  NDArray<bool> mask(Shape{4000, 3});
  for (std::size_t i = 0; i < mask.size(); ++i) mask.data()[i] = (i * 7) % 5 != 0;
  {
    File f(path, "w");
    f.create_dataset("grid", grid, DatasetOptions{}.chunks({512, 3}));
    f.create_dataset("tenths", tenths);
    f.create_dataset("mask", mask);
  }
  // numpy's axis-0 sum, numpy's masked sum and the exact ones.
  const std::string code = "f = h5py.File(" + test::shell_quote(path) +
                           ", 'r')\ng = f['grid'][()]\nm = f['mask'][()]\n"
                           "print(*[repr(float(v)) for v in g.sum(axis=0)])\n"
                           "print(*[repr(math.fsum(g[:, j].astype(float))) for j in range(3)])\n"
                           "print(repr(float(g.sum(where=m))), repr(math.fsum(g[m].astype(float))))\n"
                           "t = f['tenths'][()]\nprint(repr(float(t.sum())), repr(math.fsum(t)))\n";
  const std::vector<std::string> lines = test::numpy_lines(code);
  ASSERT_EQ(lines.size(), 4u);
  const auto np_axis = test::numbers(lines[0]), exact_axis = test::numbers(lines[1]);
  const auto masked = test::numbers(lines[2]), t = test::numbers(lines[3]);
  File f(path, "r");
  const H5Array<float> g(f.dataset("grid"));
  const H5Array<bool> m(f.dataset("mask"));
  const H5Array<double> d(f.dataset("tenths"));
  for (std::size_t cap : {std::size_t{1} << 20, std::size_t{64}, 3 * sizeof(float), std::size_t{1}}) {
    const ScopedMemoryCap scoped(cap);
    const NDArray<float> cols = sum(g, 0);
    ASSERT_EQ(cols.shape(), (Shape{3}));
    for (std::size_t j = 0; j < 3; ++j) {
      const long double numpy_error = std::fabs(np_axis[j] - exact_axis[j]);
      const float ulp = std::nextafter(static_cast<float>(exact_axis[j]), INFINITY) - static_cast<float>(exact_axis[j]);
      EXPECT_LE(std::fabs(cols.data()[j] - exact_axis[j]), numpy_error + ulp / 2) << "column " << j << " cap " << cap;
    }
    const AxisDescription<float> described = describe(g, 0);
    EXPECT_EQ(described.sum, cols) << "cap " << cap;
    const float w = sum(g, {.where = m});
    const float w_ulp = std::nextafter(static_cast<float>(masked[1]), INFINITY) - static_cast<float>(masked[1]);
    EXPECT_LE(std::fabs(w - masked[1]), std::fabs(masked[0] - masked[1]) + w_ulp / 2) << "cap " << cap;
    EXPECT_EQ(describe(g, {.where = m}).sum, w);
    if (cap >= 64) {
      const double s = sum(d);
      EXPECT_LE(std::fabs(s - t[1]), std::fabs(t[0] - t[1]) + 1e-9L) << "double, cap " << cap;
    }
  }
}

TEST(LazyNumpySum, Float32ProductIsAsAccurateAsNumpysAndNonFiniteValuesPropagate) {
  test::TempDir dir;
  const std::string path = dir / "prod.h5";
  NDArray<float> near_one(Shape{20'000});
  for (std::size_t i = 0; i < near_one.size(); ++i)
    near_one.data()[i] = 1.0f + static_cast<float>((i * 37) % 101) * 1e-6f;
  NDArray<float> with_inf(Shape{9}, 2.0f), with_nan(Shape{9}, 2.0f);
  with_inf.data()[4] = INFINITY;
  with_nan.data()[7] = NAN;
  {
    File f(path, "w");
    f.create_dataset("near_one", near_one);
    f.create_dataset("with_inf", with_inf);
    f.create_dataset("with_nan", with_nan);
  }
  const std::vector<std::string> lines = test::numpy_lines(
      "f = h5py.File(" + test::shell_quote(path) + ", 'r')\nx = f['near_one'][()]\n"
      "print(repr(float(x.prod())), repr(float(np.prod(x.astype(np.longdouble)))))\n"
      "print(repr(float(f['with_inf'][()].prod())), repr(float(f['with_nan'][()].prod())), "
      "repr(float(f['with_inf'][()].sum())))\n");
  ASSERT_EQ(lines.size(), 2u);
  const auto p = test::numbers(lines[0]), special = test::numbers(lines[1]);
  File f(path, "r");
  for (std::size_t cap : {std::size_t{0}, std::size_t{4096}, 3 * sizeof(float)}) {
    const ScopedMemoryCap scoped(cap ? cap : memory_cap());
    const float got = prod(H5Array<float>(f.dataset("near_one")));
    const float ulp = std::nextafter(static_cast<float>(p[1]), INFINITY) - static_cast<float>(p[1]);
    EXPECT_LE(std::fabs(got - p[1]), std::fabs(p[0] - p[1]) + ulp) << "cap " << cap << " numpy " << p[0];
    EXPECT_EQ(prod(H5Array<float>(f.dataset("with_inf"))), static_cast<float>(special[0]));
    EXPECT_TRUE(std::isnan(prod(H5Array<float>(f.dataset("with_nan")))));
    EXPECT_TRUE(std::isnan(special[1]));
    EXPECT_EQ(sum(H5Array<float>(f.dataset("with_inf"))), static_cast<float>(special[2]));
  }
}

}  // namespace
}  // namespace h5kit::lazy
