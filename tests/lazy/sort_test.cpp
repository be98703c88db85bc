// The external merge sort and the set routines on it, against std::sort / the in-memory answer,
// under caps of a few elements (many runs, several merge passes) and issue case 10's 8 MiB.
#include "h5kit/lazy/sort.hpp"

#include <gtest/gtest.h>

#include <algorithm>
#include <chrono>
#include <cmath>
#include <cstdio>
#include <limits>
#include <random>
#include <set>

#include "h5kit/error.hpp"
#include "h5kit/file.hpp"
#include "support/temp_dir.hpp"

namespace h5kit::lazy {
namespace {

using test::TempDir;

template <class T>
std::vector<T> values(const H5Array<T>& a) {
  return a.dataset().template read<std::vector<T>>();
}

TEST(LazySort, TinyCapsEveryLengthInPlaceAndIntoANewDataset) {
  TempDir dir;
  File f(dir / "a.h5", "w");
  std::mt19937 rng(5);
  int name = 0;
  for (std::size_t cap : {1u, 2u, 3u, 5u, 8u, 64u})
    for (std::size_t n : {0u, 1u, 2u, 3u, 7u, 31u, 100u, 257u}) {
      std::vector<int> data(n);
      for (int& v : data) v = static_cast<int>(rng() % 50) - 25;  // many duplicates
      std::vector<int> expected = data;
      std::sort(expected.begin(), expected.end());
      H5Array<int> a(f.create_dataset("a" + std::to_string(name++), data));
      ScopedMemoryCap scoped(cap * sizeof(int));
      const auto copy = sort(a, f, "s" + std::to_string(name));
      ASSERT_EQ(values(copy), expected) << "cap " << cap << " n " << n;
      ASSERT_EQ(values(a), data) << "the source is left alone";
      sort(a);
      ASSERT_EQ(values(a), expected) << "in place, cap " << cap << " n " << n;
    }
}

TEST(LazySort, NaNsGoLastAsNumpy) {
  TempDir dir;
  File f(dir / "a.h5", "w");
  const double nan = std::numeric_limits<double>::quiet_NaN();
  const double inf = std::numeric_limits<double>::infinity();
  H5Array<double> a(f.create_dataset("a", std::vector<double>{3, nan, -inf, 1, nan, inf, -2, 0, nan}));
  ScopedMemoryCap scoped(2 * sizeof(double));
  sort(a);
  const auto got = values(a);
  ASSERT_EQ(got.size(), 9u);
  EXPECT_EQ(std::vector<double>(got.begin(), got.begin() + 6), (std::vector<double>{-inf, -2, 0, 1, 3, inf}));
  for (std::size_t i = 6; i < 9; ++i) EXPECT_TRUE(std::isnan(got[i])) << i;
}

void sort_random_doubles(std::size_t n) {
  TempDir dir;
  File f(dir / "big.h5", "w");
  std::mt19937_64 rng(10);
  std::uniform_real_distribution<double> uniform(-1e6, 1e6);
  std::vector<double> data(n);
  for (double& v : data) v = uniform(rng);
  H5Array<double> a(f.create_dataset("x", data, DatasetOptions{}.chunks({1 << 16})));
  std::sort(data.begin(), data.end());
  const auto start = std::chrono::steady_clock::now();
  {
    ScopedMemoryCap scoped(std::size_t{8} << 20);
    sort(a);
  }
  const double seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  ::testing::Test::RecordProperty("sort_seconds", std::to_string(seconds));
  std::printf("sorted %zu doubles in %.2f s\n", n, seconds);
  EXPECT_TRUE(values(a) == data);
}

// Issue case 10 at full size: about 5 s on the 2-core build machine (10 runs, one merge pass).
TEST(LazySort, IssueCaseTenTenMillionDoublesUnderAnEightMebibyteCap) { sort_random_doubles(10'000'000); }

TEST(LazySort, RefusesNDArraysAndMismatchedDestinations) {
  TempDir dir;
  File f(dir / "a.h5", "w");
  H5Array<int> m(f.create_dataset("m", NDArray<int>(Shape{2, 2}, 1)));
  try {
    sort(m);
    FAIL() << "no error";
  } catch (const InvalidArgumentError& e) {
    EXPECT_EQ(e.object(), "/m");
    EXPECT_NE(e.detail().find("1-D"), std::string::npos) << e.detail();
  }
  EXPECT_THROW(sort(m, f, "out"), InvalidArgumentError);
  EXPECT_FALSE(f.contains("out"));
}

TEST(LazyUnique, SortedDistinctValuesUnderTinyCaps) {
  TempDir dir;
  File f(dir / "a.h5", "w");
  std::mt19937 rng(7);
  int name = 0;
  for (std::size_t cap : {1u, 2u, 3u, 9u, 1000u}) {
    std::vector<int> data(150);
    for (int& v : data) v = static_cast<int>(rng() % 40);
    const std::set<int> distinct(data.begin(), data.end());
    H5Array<int> a(f.create_dataset("a" + std::to_string(name++), data));
    ScopedMemoryCap scoped(cap * sizeof(int));
    const auto u = unique(a, f, "u" + std::to_string(name));
    EXPECT_EQ(values(u), std::vector<int>(distinct.begin(), distinct.end())) << "cap " << cap;
  }
  const double nan = std::numeric_limits<double>::quiet_NaN();
  H5Array<double> d(f.create_dataset("d", std::vector<double>{2, nan, 1, 2, nan}));
  ScopedMemoryCap scoped(2 * sizeof(double));
  const auto u = values(unique(d, f, "du"));
  ASSERT_EQ(u.size(), 3u);
  EXPECT_EQ(u[0], 1);
  EXPECT_EQ(u[1], 2);
  EXPECT_TRUE(std::isnan(u[2]));
}

TEST(LazyIsin, MaskOfTheArraysShape) {
  TempDir dir;
  File f(dir / "a.h5", "w");
  NDArray<int> m(Shape{3, 5});
  for (std::size_t i = 0; i < m.size(); ++i) m.data()[i] = static_cast<int>(i % 7);
  H5Array<int> a(f.create_dataset("m", m));
  ScopedMemoryCap scoped(3 * sizeof(int));
  const auto mask = isin(a, std::vector<int>{6, 2, 42}, f, "in");
  const NDArray<bool> got = mask.read();
  ASSERT_EQ(mask.shape(), (Shape{3, 5}));
  for (std::size_t i = 0; i < m.size(); ++i) EXPECT_EQ(got.data()[i], m.data()[i] == 6 || m.data()[i] == 2) << i;
  const double nan = std::numeric_limits<double>::quiet_NaN();
  H5Array<double> d(f.create_dataset("d", std::vector<double>{nan, 1.5, 2}));
  EXPECT_EQ(isin(d, std::vector<double>{nan, 1.5}, f, "din").dataset().read<std::vector<bool>>(),
            (std::vector<bool>{false, true, false}));
}

}  // namespace
}  // namespace h5kit::lazy
