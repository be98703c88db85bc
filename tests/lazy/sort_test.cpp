// The sort along any axis and the set routines on it, against std::sort per lane / the in-memory
// answer, under caps of a few elements (so both the slab path and the lane-by-lane external merge
// sort run, with many runs and several merge passes) and issue case 10's 8 MiB.
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
template <class T>
std::vector<T> flat(const NDArray<T>& a) {
  return std::vector<T>(a.begin(), a.end());
}

// numpy's order for the expected answers: NaN last.
bool nan_last(double a, double b) { return std::isnan(b) ? !std::isnan(a) : a < b; }

// numpy.sort(a, axis) in memory: each lane gathered, std::sort-ed, put back.
template <class T>
NDArray<T> sorted_along(NDArray<T> a, std::size_t axis) {
  const Shape& shape = a.shape();
  std::size_t inner = 1;
  for (std::size_t d = axis + 1; d < shape.size(); ++d) inner *= shape[d];
  const std::size_t length = shape[axis];
  const std::size_t outer = length == 0 ? 0 : a.size() / (length * inner);
  std::vector<T> lane(length);
  for (std::size_t o = 0; o < outer; ++o)
    for (std::size_t i = 0; i < inner; ++i) {
      T* first = a.data() + o * length * inner + i;
      for (std::size_t j = 0; j < length; ++j) lane[j] = first[j * inner];
      if constexpr (std::is_floating_point_v<T>) std::sort(lane.begin(), lane.end(), nan_last);
      else std::sort(lane.begin(), lane.end());
      for (std::size_t j = 0; j < length; ++j) first[j * inner] = lane[j];
    }
  return a;
}

NDArray<int> random_ints(const Shape& shape, std::mt19937& rng, int spread = 20) {
  NDArray<int> a(shape);
  for (int& v : a) v = static_cast<int>(rng() % static_cast<unsigned>(spread)) - spread / 2;  // many duplicates
  return a;
}

// Equal as numpy compares sorted results: NaN matches NaN.
void expect_same_doubles(const std::vector<double>& got, const std::vector<double>& expected, const std::string& what) {
  ASSERT_EQ(got.size(), expected.size()) << what;
  for (std::size_t i = 0; i < got.size(); ++i)
    if (std::isnan(expected[i])) EXPECT_TRUE(std::isnan(got[i])) << what << " at " << i;
    else EXPECT_EQ(got[i], expected[i]) << what << " at " << i;
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
      const auto copy = sort(a, Into{f, "s" + std::to_string(name)});
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

// Rank 2 and 3, every axis given both ways (k and k - rank), chunks whose edges do not divide the
// shape, contiguous storage too. The caps: below every lane's length (each lane sorted externally,
// several runs and merge passes), between (some axes one way, some the other), and room for several
// lanes per slab (strided lanes gathered when the axis is not the last).
TEST(LazySort, EveryAxisOfRankTwoAndThreeUnderTinyCapsMatchesStdSortPerLane) {
  TempDir dir;
  File f(dir / "a.h5", "w");
  std::mt19937 rng(11);
  struct Case {
    Shape shape;
    std::optional<Shape> chunks;
  };
  const std::vector<Case> cases{{{7, 9}, Shape{3, 4}},
                                {{9, 7}, std::nullopt},
                                {{1, 13}, Shape{1, 5}},
                                {{5, 6, 7}, Shape{2, 4, 3}},
                                {{6, 5, 4}, std::nullopt},
                                {{3, 1, 11}, Shape{2, 1, 4}}};
  int name = 0;
  for (const Case& c : cases) {
    const int rank = static_cast<int>(c.shape.size());
    for (int axis = 0; axis < rank; ++axis)
      for (std::size_t cap : {1u, 2u, 3u, 6u, 8u, 20u, 45u, 10000u})
        for (const bool negative : {false, true}) {
          const NDArray<int> data = random_ints(c.shape, rng);
          const NDArray<int> expected = sorted_along(data, static_cast<std::size_t>(axis));
          DatasetOptions options;
          if (c.chunks) options.chunks(*c.chunks);
          const std::string id = std::to_string(name++);
          H5Array<int> a(f.create_dataset("a" + id, data, options));
          const int given = negative ? axis - rank : axis;
          const std::string what =
              "shape " + to_string(c.shape) + " axis " + std::to_string(given) + " cap " + std::to_string(cap);
          ScopedMemoryCap scoped(cap * sizeof(int));
          const H5Array<int> copy = sort(a, given, Into{f, "s" + id, options});
          ASSERT_EQ(copy.shape(), c.shape) << what;
          ASSERT_EQ(flat(copy.read()), flat(expected)) << what;
          ASSERT_EQ(flat(a.read()), flat(data)) << "the source is left alone: " << what;
          sort(a, given);
          ASSERT_EQ(flat(a.read()), flat(expected)) << "in place: " << what;
        }
  }
}

TEST(LazySort, DefaultAxisIsTheLast) {
  TempDir dir;
  File f(dir / "a.h5", "w");
  std::mt19937 rng(3);
  const NDArray<int> data = random_ints(Shape{4, 3, 5}, rng);
  H5Array<int> a(f.create_dataset("a", data, DatasetOptions{}.chunks({3, 2, 2})));
  ScopedMemoryCap scoped(4 * sizeof(int));
  EXPECT_EQ(flat(sort(a, Into{f, "s"}).read()), flat(sorted_along(data, 2)));
  sort(a);
  EXPECT_EQ(flat(a.read()), flat(sorted_along(data, 2)));
}

TEST(LazySort, NaNsGoLastInEveryLaneOfBothPaths) {
  TempDir dir;
  File f(dir / "a.h5", "w");
  const double nan = std::numeric_limits<double>::quiet_NaN();
  std::mt19937 rng(17);
  NDArray<double> data(Shape{6, 8});
  for (double& v : data) v = rng() % 4 == 0 ? nan : static_cast<double>(rng() % 9) - 4.5;
  int name = 0;
  for (int axis : {0, 1})
    for (std::size_t cap : {2u, 3u, 20u, 1000u}) {
      const std::string id = std::to_string(name++);
      H5Array<double> a(f.create_dataset("a" + id, data, DatasetOptions{}.chunks({4, 3})));
      const std::string what = "axis " + std::to_string(axis) + " cap " + std::to_string(cap);
      ScopedMemoryCap scoped(cap * sizeof(double));
      sort(a, axis);
      expect_same_doubles(flat(a.read()), flat(sorted_along(data, static_cast<std::size_t>(axis))), what);
    }
}

TEST(LazySort, AViewSortsOnlyItsOwnBlock) {
  TempDir dir;
  File f(dir / "a.h5", "w");
  std::mt19937 rng(23);
  const NDArray<int> data = random_ints(Shape{8, 9}, rng, 100);
  for (std::size_t cap : {2u, 50u}) {
    const std::string id = std::to_string(cap);
    H5Array<int> a(f.create_dataset("a" + id, data, DatasetOptions{}.chunks({3, 3})));
    const H5Array<int> view = a.view(s(1, 6), s(2, 9));  // rows 1..5, columns 2..8
    const NDArray<int> inner = sorted_along(view.read(), 0);
    ScopedMemoryCap scoped(cap * sizeof(int));
    EXPECT_EQ(flat(sort(view, 0, Into{f, "v" + id}).read()), flat(inner)) << "cap " << cap;
    sort(view, 0);
    const NDArray<int> got = a.read();
    for (std::size_t r = 0; r < 8; ++r)
      for (std::size_t c = 0; c < 9; ++c) {
        const bool in_view = r >= 1 && r < 6 && c >= 2;
        const int want = in_view ? inner.data()[(r - 1) * 7 + (c - 2)] : data.data()[r * 9 + c];
        EXPECT_EQ(got.data()[r * 9 + c], want) << "cap " << cap << " at " << r << ", " << c;
      }
  }
}

TEST(LazySort, FlattenSortsAllElementsIntoOneDimension) {
  TempDir dir;
  File f(dir / "a.h5", "w");
  std::mt19937 rng(29);
  int name = 0;
  for (const Shape& shape : {Shape{5, 7}, Shape{3, 4, 5}, Shape{11}})
    for (std::size_t cap : {1u, 3u, 8u, 1000u}) {
      const NDArray<int> data = random_ints(shape, rng);
      std::vector<int> expected = flat(data);
      std::sort(expected.begin(), expected.end());
      const std::string id = std::to_string(name++);
      H5Array<int> a(f.create_dataset("a" + id, data, DatasetOptions{}.chunks(Shape(shape.size(), 2))));
      ScopedMemoryCap scoped(cap * sizeof(int));
      const H5Array<int> sorted = sort(a, flatten, Into{f, "s" + id});
      EXPECT_EQ(sorted.shape(), (Shape{data.size()}));
      EXPECT_EQ(values(sorted), expected) << "shape " << to_string(shape) << " cap " << cap;
      EXPECT_EQ(flat(a.read()), flat(data)) << "the source is left alone";
    }
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

TEST(LazySort, AnAxisOutOfRangeNamesTheDatasetItsRankAndTheAxisAndWritesNothing) {
  TempDir dir;
  File f(dir / "a.h5", "w");
  const NDArray<int> data(Shape{2, 3}, {5, 4, 3, 2, 1, 0});
  H5Array<int> m(f.create_group("g").create_dataset("m", data));
  for (int axis : {2, -3, 7}) {
    try {
      sort(m, axis);
      FAIL() << "no error for axis " << axis;
    } catch (const InvalidArgumentError& e) {
      EXPECT_EQ(e.object(), "/g/m");
      EXPECT_NE(e.file().find("a.h5"), std::string::npos) << e.file();
      EXPECT_NE(e.detail().find("rank 2"), std::string::npos) << e.detail();
      EXPECT_NE(e.detail().find("axis " + std::to_string(axis)), std::string::npos) << e.detail();
    }
    EXPECT_THROW(sort(m, axis, Into{f, "out"}), InvalidArgumentError);
    EXPECT_FALSE(f.contains("out")) << "nothing created for axis " << axis;
  }
  EXPECT_EQ(flat(m.read()), flat(data)) << "nothing written";
  EXPECT_THROW(sort(H5Array<int>(f.create_dataset("scalar", 3)), 0), InvalidArgumentError);
}

TEST(LazySort, IntoAnExistingNameFailsAndLeavesItAlone) {
  TempDir dir;
  File f(dir / "a.h5", "w");
  H5Array<int> a(f.create_dataset("a", std::vector<int>{3, 1, 2}));
  f.create_dataset("taken", std::vector<int>{9});
  EXPECT_ANY_THROW(sort(a, Into{f, "taken"}));
  EXPECT_EQ(f.dataset("taken").read<std::vector<int>>(), std::vector<int>{9});
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
    const auto u = unique(a, Into{f, "u" + std::to_string(name)});
    EXPECT_EQ(values(u), std::vector<int>(distinct.begin(), distinct.end())) << "cap " << cap;
  }
  const double nan = std::numeric_limits<double>::quiet_NaN();
  H5Array<double> d(f.create_dataset("d", std::vector<double>{2, nan, 1, 2, nan}));
  ScopedMemoryCap scoped(2 * sizeof(double));
  const auto u = values(unique(d, Into{f, "du"}));
  ASSERT_EQ(u.size(), 3u);
  EXPECT_EQ(u[0], 1);
  EXPECT_EQ(u[1], 2);
  EXPECT_TRUE(std::isnan(u[2]));
}

TEST(LazyUnique, TwoDimensionalInputIsFlattenedAsNumpy) {
  TempDir dir;
  File f(dir / "a.h5", "w");
  std::mt19937 rng(31);
  const double nan = std::numeric_limits<double>::quiet_NaN();
  NDArray<double> data(Shape{7, 6});
  for (double& v : data) v = rng() % 5 == 0 ? nan : static_cast<double>(rng() % 12);
  std::set<double> distinct;
  for (double v : data)
    if (!std::isnan(v)) distinct.insert(v);
  std::vector<double> expected(distinct.begin(), distinct.end());
  expected.push_back(nan);  // all NaNs as one, last
  H5Array<double> a(f.create_dataset("a", data, DatasetOptions{}.chunks({4, 4})));
  int name = 0;
  for (std::size_t cap : {1u, 2u, 5u, 1000u}) {
    ScopedMemoryCap scoped(cap * sizeof(double));
    const H5Array<double> u = unique(a, Into{f, "u" + std::to_string(name++)});
    ASSERT_EQ(u.rank(), 1u);
    expect_same_doubles(values(u), expected, "cap " + std::to_string(cap));
  }
  // A view: only its block's values.
  const H5Array<double> top = a.view(s(0, 2), all);
  std::set<double> top_distinct;
  bool top_nan = false;
  for (std::size_t i = 0; i < 12; ++i)
    if (std::isnan(data.data()[i])) top_nan = true;
    else top_distinct.insert(data.data()[i]);
  std::vector<double> top_expected(top_distinct.begin(), top_distinct.end());
  if (top_nan) top_expected.push_back(nan);
  ScopedMemoryCap scoped(3 * sizeof(double));
  expect_same_doubles(values(unique(top, Into{f, "top"})), top_expected, "view");
}

TEST(LazyIsin, MaskOfTheArraysShape) {
  TempDir dir;
  File f(dir / "a.h5", "w");
  NDArray<int> m(Shape{3, 5});
  for (std::size_t i = 0; i < m.size(); ++i) m.data()[i] = static_cast<int>(i % 7);
  H5Array<int> a(f.create_dataset("m", m));
  ScopedMemoryCap scoped(3 * sizeof(int));
  const auto mask = isin(a, std::vector<int>{6, 2, 42}, Into{f, "in"});
  const NDArray<bool> got = mask.read();
  ASSERT_EQ(mask.shape(), (Shape{3, 5}));
  for (std::size_t i = 0; i < m.size(); ++i) EXPECT_EQ(got.data()[i], m.data()[i] == 6 || m.data()[i] == 2) << i;
  const double nan = std::numeric_limits<double>::quiet_NaN();
  H5Array<double> d(f.create_dataset("d", std::vector<double>{nan, 1.5, 2}));
  EXPECT_EQ(isin(d, std::vector<double>{nan, 1.5}, Into{f, "din"}).dataset().read<std::vector<bool>>(),
            (std::vector<bool>{false, true, false}));
}

TEST(LazyIsin, ChunkedTwoDimensionalInputAndAView) {
  TempDir dir;
  File f(dir / "a.h5", "w");
  std::mt19937 rng(37);
  const NDArray<int> data = random_ints(Shape{9, 7}, rng, 30);
  const std::vector<int> wanted{-3, 0, 4, 11, 99};
  auto member = [&](int v) { return std::find(wanted.begin(), wanted.end(), v) != wanted.end(); };
  H5Array<int> a(f.create_dataset("a", data, DatasetOptions{}.chunks({4, 3}).gzip(1)));
  for (std::size_t cap : {1u, 4u, 1000u}) {
    ScopedMemoryCap scoped(cap * sizeof(int));
    const H5Array<bool> mask = isin(a, wanted, Into{f, "m" + std::to_string(cap), DatasetOptions{}.chunks({2, 2})});
    ASSERT_EQ(mask.shape(), (Shape{9, 7}));
    const NDArray<bool> got = mask.read();
    for (std::size_t i = 0; i < data.size(); ++i) EXPECT_EQ(got.data()[i], member(data.data()[i])) << cap << " " << i;
  }
  const H5Array<int> view = a.view(s(3, 8), s(1, 5));
  const NDArray<bool> got = isin(view, wanted, Into{f, "view"}).read();
  ASSERT_EQ(got.shape(), (Shape{5, 4}));
  for (std::size_t r = 0; r < 5; ++r)
    for (std::size_t c = 0; c < 4; ++c)
      EXPECT_EQ(got.data()[r * 4 + c], member(data.data()[(r + 3) * 7 + c + 1])) << r << ", " << c;
}

}  // namespace
}  // namespace h5kit::lazy
