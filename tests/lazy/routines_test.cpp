// In-place and copying array routines on datasets, checked against the same operation done in
// memory, with caps of a few elements so every block edge is crossed.
#include "h5kit/lazy/routines.hpp"

#include <gtest/gtest.h>

#include <algorithm>
#include <limits>
#include <numeric>

#include "h5kit/error.hpp"
#include "h5kit/file.hpp"
#include "support/temp_dir.hpp"

namespace h5kit::lazy {
namespace {

using test::TempDir;

template <class T>
std::vector<T> values(const H5Array<T>& a) {
  const NDArray<T> all = a.read();  // row-major, whatever the rank
  return std::vector<T>(all.begin(), all.end());
}

H5Array<int> growable(const File& f, std::string_view path, const std::vector<int>& data, std::size_t chunk = 2) {
  return H5Array<int>(f.create_dataset(path, data, DatasetOptions{}.chunks({chunk}).maxshape({unlimited})));
}

// A (rows, cols) array holding 0, 1, 2, ... row-major, chunked, growable on both axes.
H5Array<int> grid(const File& f, std::string_view path, std::size_t rows, std::size_t cols) {
  NDArray<int> m(Shape{rows, cols});
  std::iota(m.begin(), m.end(), 0);
  return H5Array<int>(f.create_dataset(path, m, DatasetOptions{}.chunks({2, 3}).maxshape({unlimited, unlimited})));
}

TEST(LazyInsert, IssueCaseEightInsertThenDeleteInTheFile) {
  TempDir dir;
  {
    File f(dir / "a.h5", "w");
    auto a = growable(f, "a", {1, 2, 3, 4, 5});
    ScopedMemoryCap cap(2 * sizeof(int));
    insert(a, 2, 0);
    EXPECT_EQ(values(a), (std::vector<int>{1, 2, 0, 3, 4, 5}));
  }
  {
    File f(dir / "a.h5", "r+");
    H5Array<int> a(f.dataset("a"));
    EXPECT_EQ(values(a), (std::vector<int>{1, 2, 0, 3, 4, 5}));  // persisted
    ScopedMemoryCap cap(2 * sizeof(int));
    erase(a, 2);
    erase(a, 2);
  }
  File f(dir / "a.h5", "r");
  EXPECT_EQ(f.dataset("a").read<std::vector<int>>(), (std::vector<int>{1, 2, 4, 5}));
}

TEST(LazyInsert, EveryIndexCountAndCapMatchesTheInMemoryResult) {
  TempDir dir;
  File f(dir / "a.h5", "w");
  std::vector<int> base(23);
  std::iota(base.begin(), base.end(), 100);
  int name = 0;
  for (std::size_t cap : {1u, 2u, 3u, 7u, 100u})
    for (std::size_t index : {0u, 1u, 5u, 22u, 23u})
      for (std::size_t k : {1u, 2u, 5u}) {
        auto a = growable(f, "a" + std::to_string(name++), base, 4);
        NDArray<int> inserted(Shape{k});
        std::iota(inserted.begin(), inserted.end(), -50);
        {
          ScopedMemoryCap scoped(cap * sizeof(int));
          insert(a, index, inserted);
        }
        std::vector<int> expected = base;
        expected.insert(expected.begin() + static_cast<std::ptrdiff_t>(index), inserted.begin(), inserted.end());
        ASSERT_EQ(values(a), expected) << "cap " << cap << " index " << index << " k " << k;
        {
          ScopedMemoryCap scoped(cap * sizeof(int));
          erase(a, Range{index, index + k});
        }
        ASSERT_EQ(values(a), base) << "cap " << cap << " index " << index << " k " << k;
      }
}

TEST(LazyInsert, AlongEitherAxisOfAGrid) {
  TempDir dir;
  File f(dir / "a.h5", "w");
  for (std::size_t cap : {1u, 4u, 7u, 1000u}) {
    ScopedMemoryCap scoped(cap * sizeof(int));
    auto rows = grid(f, "rows" + std::to_string(cap), 5, 4);
    insert(rows, 3, NDArray<int>(Shape{2, 4}, -1), 0);  // two rows
    NDArray<int> got = rows.read();
    ASSERT_EQ(got.shape(), (Shape{7, 4}));
    for (std::size_t i = 0; i < 7; ++i)
      for (std::size_t j = 0; j < 4; ++j) {
        const int expected = i < 3 ? int(i * 4 + j) : i < 5 ? -1 : int((i - 2) * 4 + j);
        ASSERT_EQ(got(i, j), expected) << "cap " << cap << " at " << i << "," << j;
      }
    auto cols = grid(f, "cols" + std::to_string(cap), 5, 4);
    insert(cols, 1, -7, 1);  // one column of -7
    got = cols.read();
    ASSERT_EQ(got.shape(), (Shape{5, 5}));
    for (std::size_t i = 0; i < 5; ++i)
      for (std::size_t j = 0; j < 5; ++j) {
        const int expected = j < 1 ? int(i * 4 + j) : j == 1 ? -7 : int(i * 4 + j - 1);
        ASSERT_EQ(got(i, j), expected) << "cap " << cap << " at " << i << "," << j;
      }
    erase(cols, Range{1, 3}, 1);  // the inserted column and the original column 1
    got = cols.read();
    ASSERT_EQ(got.shape(), (Shape{5, 3}));
    for (std::size_t i = 0; i < 5; ++i)
      for (std::size_t j = 0; j < 3; ++j) ASSERT_EQ(got(i, j), int(i * 4 + j + (j >= 1 ? 1 : 0))) << "cap " << cap;
  }
}

TEST(LazyResize, IssueCaseSevenExpandAndContract) {
  TempDir dir;
  File f(dir / "a.h5", "w");
  auto a = grid(f, "a", 10, 10);
  expand(a, 2, 0);
  EXPECT_EQ(a.shape(), (Shape{12, 10}));
  contract(a, 2, 0);
  contract(a, 1, 1);
  EXPECT_EQ(a.shape(), (Shape{10, 9}));
  const NDArray<int> got = a.read();
  for (std::size_t i = 0; i < 10; ++i)
    for (std::size_t j = 0; j < 9; ++j) ASSERT_EQ(got(i, j), int(i * 10 + j));
}

template <class E, class F>
E expect_error(F&& f) {
  try {
    f();
  } catch (const E& e) {
    return e;
  }
  ADD_FAILURE() << "no error";
  return E(ErrorKind::invalid_argument, "", "", "", "");
}

TEST(LazyInsert, AContiguousDatasetIsRefusedNamingFileAndPathAndLeftAsItWas) {
  TempDir dir;
  File f(dir / "fixed.h5", "w");
  H5Array<int> a(f.create_dataset("g/fixed", std::vector<int>{1, 2, 3}));
  auto e = expect_error<InvalidArgumentError>([&] { insert(a, 1, 9); });
  EXPECT_NE(e.file().find("fixed.h5"), std::string::npos);
  EXPECT_EQ(e.object(), "/g/fixed");
  EXPECT_NE(e.detail().find("expected a chunked dataset"), std::string::npos) << e.detail();
  EXPECT_NE(e.detail().find("found contiguous storage of shape (3,)"), std::string::npos) << e.detail();
  EXPECT_NE(std::string(e.what()).find("insert into array"), std::string::npos) << e.what();
  EXPECT_EQ(values(a), (std::vector<int>{1, 2, 3}));
  EXPECT_THROW(erase(a, 0), InvalidArgumentError);
  EXPECT_THROW(expand(a, 1), InvalidArgumentError);
  EXPECT_EQ(values(a), (std::vector<int>{1, 2, 3}));
}

TEST(LazyInsert, AFullMaxshapeIsRefusedAndNothingMoves) {
  TempDir dir;
  File f(dir / "a.h5", "w");
  H5Array<int> a(f.create_dataset("a", std::vector<int>{1, 2, 3}, DatasetOptions{}.chunks({2}).maxshape({4})));
  insert(a, 0, 0);  // 4 fits
  auto e = expect_error<InvalidArgumentError>([&] { insert(a, 1, 9); });
  EXPECT_NE(e.detail().find("maxshape (4,)"), std::string::npos) << e.detail();
  EXPECT_EQ(values(a), (std::vector<int>{0, 1, 2, 3}));
}

TEST(LazyInsert, ABadIndexShapeOrAxisIsRefusedAndNothingMoves) {
  TempDir dir;
  File f(dir / "a.h5", "w");
  auto a = growable(f, "a", {1, 2, 3});
  EXPECT_THROW(insert(a, 4, 9), InvalidArgumentError);
  EXPECT_THROW(insert(a, 0, 9, 1), InvalidArgumentError);
  EXPECT_THROW(insert(a, 0, NDArray<int>(Shape{2, 2})), ShapeMismatchError);
  EXPECT_THROW(erase(a, 3), InvalidArgumentError);
  EXPECT_THROW(erase(a, Range{2, 1}), InvalidArgumentError);
  EXPECT_THROW(contract(a, 4), InvalidArgumentError);
  auto g = grid(f, "g", 3, 3);
  auto e = expect_error<ShapeMismatchError>([&] { insert(g, 0, NDArray<int>(Shape{1, 2}), 0); });
  EXPECT_NE(e.detail().find("(1, 3)"), std::string::npos) << e.detail();
  EXPECT_EQ(values(a), (std::vector<int>{1, 2, 3}));
  EXPECT_EQ(g.shape(), (Shape{3, 3}));
}

TEST(LazyInsert, AReadOnlyFileIsRefusedAndLeftAsItWas) {
  TempDir dir;
  { File f(dir / "a.h5", "w"); growable(f, "a", {1, 2, 3}); }
  File f(dir / "a.h5", "r");
  H5Array<int> a(f.dataset("a"));
  EXPECT_THROW(insert(a, 1, 9), Error);
  EXPECT_EQ(values(a), (std::vector<int>{1, 2, 3}));
}


// ---- routines into new datasets -------------------------------------------------------------

NDArray<int> iota_grid(std::size_t rows, std::size_t cols, int first = 0) {
  NDArray<int> m(Shape{rows, cols});
  std::iota(m.begin(), m.end(), first);
  return m;
}

TEST(LazyConcatenate, AlongEitherAxisUnderTinyCaps) {
  TempDir dir;
  File f(dir / "a.h5", "w");
  H5Array<int> a(f.create_dataset("a", iota_grid(2, 3)));
  H5Array<int> b(f.create_dataset("b", iota_grid(3, 3, 100)));
  H5Array<int> c(f.create_dataset("c", iota_grid(2, 2, 200)));
  for (std::size_t cap : {1u, 2u, 4u, 100u}) {
    ScopedMemoryCap scoped(cap * sizeof(int));
    const auto rows = concatenate<int>({a, b}, 0, Into{f, "rows" + std::to_string(cap)}).read();
    ASSERT_EQ(rows.shape(), (Shape{5, 3}));
    for (std::size_t i = 0; i < 5; ++i)
      for (std::size_t j = 0; j < 3; ++j) ASSERT_EQ(rows(i, j), i < 2 ? int(i * 3 + j) : int(100 + (i - 2) * 3 + j));
    const auto cols = concatenate<int>({a, c}, 1, Into{f, "cols" + std::to_string(cap)}).read();
    ASSERT_EQ(cols.shape(), (Shape{2, 5}));
    for (std::size_t i = 0; i < 2; ++i)
      for (std::size_t j = 0; j < 5; ++j) ASSERT_EQ(cols(i, j), j < 3 ? int(i * 3 + j) : int(200 + i * 2 + j - 3));
  }
  try {
    concatenate<int>({a, c}, 0, Into{f, "bad"});
    FAIL() << "no error";
  } catch (const ShapeMismatchError& e) {
    EXPECT_EQ(e.object(), "/c");
    EXPECT_NE(e.detail().find("(2, 3)"), std::string::npos) << e.detail();
  }
  EXPECT_FALSE(f.contains("bad"));
}

TEST(LazyStack, NewLeadingMiddleAndTrailingAxes) {
  TempDir dir;
  File f(dir / "a.h5", "w");
  H5Array<int> a(f.create_dataset("a", iota_grid(2, 3)));
  H5Array<int> b(f.create_dataset("b", iota_grid(2, 3, 10)));
  ScopedMemoryCap scoped(2 * sizeof(int));
  for (std::size_t axis : {0u, 1u, 2u}) {
    const auto s = stack<int>({a, b}, axis, Into{f, "s" + std::to_string(axis)}).read();
    Shape expected_shape{2, 3};
    expected_shape.insert(expected_shape.begin() + axis, 2);
    ASSERT_EQ(s.shape(), expected_shape);
    for (std::size_t k = 0; k < 2; ++k)
      for (std::size_t i = 0; i < 2; ++i)
        for (std::size_t j = 0; j < 3; ++j) {
          const int v = axis == 0 ? s(k, i, j) : axis == 1 ? s(i, k, j) : s(i, j, k);
          ASSERT_EQ(v, int(10 * k + i * 3 + j)) << "axis " << axis;
        }
  }
  H5Array<int> c(f.create_dataset("c", iota_grid(3, 2)));
  EXPECT_THROW(stack<int>({a, c}, 0, Into{f, "bad"}), ShapeMismatchError);
  EXPECT_THROW(stack<int>({a, b}, 3, Into{f, "bad"}), InvalidArgumentError);
  EXPECT_FALSE(f.contains("bad"));
}

TEST(LazyRepeat, EachEntryInARowAlongEitherAxis) {
  TempDir dir;
  File f(dir / "a.h5", "w");
  H5Array<int> v(f.create_dataset("v", std::vector<int>{1, 2, 3}));
  H5Array<int> m(f.create_dataset("m", iota_grid(2, 3)));
  for (std::size_t cap : {1u, 3u, 100u}) {
    ScopedMemoryCap scoped(cap * sizeof(int));
    const std::string n = std::to_string(cap);
    EXPECT_EQ(values(repeat(v, 2, 0, Into{f, "v" + n})), (std::vector<int>{1, 1, 2, 2, 3, 3}));
    EXPECT_EQ(values(repeat(m, 2, 0, Into{f, "m0" + n})), (std::vector<int>{0, 1, 2, 0, 1, 2, 3, 4, 5, 3, 4, 5}));
    EXPECT_EQ(values(repeat(m, 3, 1, Into{f, "m1" + n})),
              (std::vector<int>{0, 0, 0, 1, 1, 1, 2, 2, 2, 3, 3, 3, 4, 4, 4, 5, 5, 5}));
  }
  EXPECT_EQ(repeat(v, 0, 0, Into{f, "none"}).shape(), (Shape{0}));
}

TEST(LazyTake, IndicesInOrderWithRepeats) {
  TempDir dir;
  File f(dir / "a.h5", "w");
  H5Array<int> v(f.create_dataset("v", std::vector<int>{10, 11, 12, 13, 14}));
  H5Array<int> m(f.create_dataset("m", iota_grid(3, 4)));
  const std::vector<std::size_t> idx{4, 0, 0, 2};
  ScopedMemoryCap scoped(3 * sizeof(int));
  EXPECT_EQ(values(take<int>(v, idx, 0, Into{f, "tv"})), (std::vector<int>{14, 10, 10, 12}));
  const std::vector<std::size_t> rows{2, 0};
  EXPECT_EQ(values(take<int>(m, rows, 0, Into{f, "r"})), (std::vector<int>{8, 9, 10, 11, 0, 1, 2, 3}));
  const std::vector<std::size_t> cols{3, 1, 3};
  EXPECT_EQ(values(take<int>(m, cols, 1, Into{f, "c"})), (std::vector<int>{3, 1, 3, 7, 5, 7, 11, 9, 11}));
  const std::vector<std::size_t> bad{1, 5};
  EXPECT_THROW(take<int>(v, bad, 0, Into{f, "bad"}), InvalidArgumentError);
  EXPECT_FALSE(f.contains("bad"));
}

TEST(LazyTranspose, TilesUnderTinyCapsMatchTheInMemoryTranspose) {
  TempDir dir;
  File f(dir / "a.h5", "w");
  H5Array<int> m(f.create_dataset("m", iota_grid(5, 7)));
  for (std::size_t cap : {1u, 2u, 8u, 19u, 1000u}) {
    ScopedMemoryCap scoped(cap * sizeof(int));
    const auto t = transpose(m, Into{f, "t" + std::to_string(cap)}).read();
    ASSERT_EQ(t.shape(), (Shape{7, 5}));
    for (std::size_t i = 0; i < 7; ++i)
      for (std::size_t j = 0; j < 5; ++j) ASSERT_EQ(t(i, j), int(j * 7 + i)) << "cap " << cap;
  }
  // 1-D: numpy's transpose is the same array.
  H5Array<int> v(f.create_dataset("v", std::vector<int>{1, 2}));
  EXPECT_EQ(values(transpose(v, Into{f, "v_t"})), (std::vector<int>{1, 2}));
}

// Rank 3 with every permutation of the axes, against the in-memory permutation, under caps that
// cut the cubic tiles at every edge.
TEST(LazyTranspose, EveryPermutationOfARank3Array) {
  TempDir dir;
  File f(dir / "a.h5", "w");
  NDArray<int> m(Shape{3, 4, 5});
  std::iota(m.begin(), m.end(), 0);
  const H5Array<int> a(f.create_dataset("m", m, DatasetOptions{}.chunks({2, 3, 2})));
  std::vector<int> axes{0, 1, 2};
  int made = 0;
  do {
    for (std::size_t cap : {2u, 17u, 1000u}) {
      ScopedMemoryCap scoped(cap * sizeof(int));
      const NDArray<int> t =
          transpose(a, std::span<const int>(axes), Into{f, "t" + std::to_string(made++)}).read();
      const Shape expected_shape{m.shape()[axes[0]], m.shape()[axes[1]], m.shape()[axes[2]]};
      ASSERT_EQ(t.shape(), expected_shape);
      for (std::size_t i = 0; i < t.shape()[0]; ++i)
        for (std::size_t j = 0; j < t.shape()[1]; ++j)
          for (std::size_t k = 0; k < t.shape()[2]; ++k) {
            Shape in(3);
            in[axes[0]] = i, in[axes[1]] = j, in[axes[2]] = k;
            ASSERT_EQ(t(i, j, k), m(in[0], in[1], in[2])) << axes[0] << axes[1] << axes[2] << " cap " << cap;
          }
    }
  } while (std::next_permutation(axes.begin(), axes.end()));
  EXPECT_EQ(transpose(a, Into{f, "reversed"}).shape(), (Shape{5, 4, 3}));
  EXPECT_EQ(transpose(a, {-1, 0, 1}, Into{f, "negative"}).shape(), (Shape{5, 3, 4}));
  for (const std::vector<int>& bad : {std::vector<int>{0, 1}, {0, 0, 1}, {0, 1, 3}, {0, 1, -4}}) {
    try {
      transpose(a, std::span<const int>(bad), Into{f, "bad"});
      ADD_FAILURE() << "no error";
    } catch (const InvalidArgumentError& e) {
      EXPECT_NE(e.detail().find("a permutation of the 3 axes of shape (3, 4, 5)"), std::string::npos) << e.what();
    }
  }
  EXPECT_FALSE(f.contains("bad"));
}

TEST(LazyCopyto, ConvertsIntoTheDestinationsTypeAndChecksShapes) {
  TempDir dir;
  File f(dir / "a.h5", "w");
  H5Array<int> src(f.create_dataset("src", iota_grid(3, 3)));
  H5Array<double> dst(f.create_dataset("dst", NDArray<double>(Shape{3, 3}, -1.0)));
  ScopedMemoryCap scoped(2 * sizeof(double));
  copyto(dst, src);
  EXPECT_EQ(values(dst), (std::vector<double>{0, 1, 2, 3, 4, 5, 6, 7, 8}));
  H5Array<double> wrong(f.create_dataset("wrong", NDArray<double>(Shape{9}, -1.0)));
  EXPECT_THROW(copyto(wrong, src), ShapeMismatchError);
  EXPECT_EQ(values(wrong), std::vector<double>(9, -1.0));
  // 300 does not fit int8: refused before anything is written, not clamped to 127.
  H5Array<int> big(f.create_dataset("big", std::vector<int>{1, 2, 300, 4}));
  H5Array<std::int8_t> small(f.create_dataset("small", std::vector<std::int8_t>{0, 0, 0, 0}));
  EXPECT_THROW(copyto(small, big), TypeMismatchError);
  EXPECT_EQ(values(small), (std::vector<std::int8_t>{0, 0, 0, 0}));
}

TEST(LazyAstype, ANewDatasetOfAnotherType) {
  TempDir dir;
  File f(dir / "a.h5", "w");
  H5Array<double> d(f.create_dataset("d", std::vector<double>{1.25, -2.5, 3.75, 100}));
  ScopedMemoryCap scoped(sizeof(double));
  const auto i = astype<int>(d, Into{f, "i"});
  EXPECT_EQ(i.dataset().dtype(), dtype<int>());
  EXPECT_EQ(values(i), (std::vector<int>{1, -2, 3, 100}));
  const auto back = astype<float>(i, Into{f, "f", DatasetOptions{}.chunks({2})});
  EXPECT_EQ(back.dataset().read<std::vector<float>>(), (std::vector<float>{1, -2, 3, 100}));
  H5Array<int> big(f.create_dataset("big", std::vector<int>{1, 300}));
  try {
    astype<std::int8_t>(big, Into{f, "small"});
    ADD_FAILURE() << "no error";
  } catch (const TypeMismatchError& e) {
    EXPECT_EQ(e.object(), "/big");
    EXPECT_NE(e.detail().find("int8"), std::string::npos) << e.what();
  }
  EXPECT_FALSE(f.contains("small"));
}


TEST(LazyAstype, InPlaceKeepsThePathChunksFiltersMaxshapeAndAttributes) {
  TempDir dir;
  File f(dir / "a.h5", "w");
  NDArray<std::int32_t> m(Shape{5, 7});
  std::iota(m.begin(), m.end(), -10);
  const Dataset original = f.create_group("g").create_dataset(
      "m", m, DatasetOptions{}.chunks({2, 3}).maxshape({unlimited, 7}).gzip(4).fill_value(std::int32_t{-1}));
  original.attrs().set("units", std::string("counts"));
  original.attrs().set("gain", std::vector<double>{1.5, 2.5});
  H5Array<std::int32_t> a(original);
  ScopedMemoryCap scoped(4 * sizeof(double));

  const H5Array<double> d = astype<double>(a, in_place);
  const Dataset now = f.dataset("g/m");
  EXPECT_EQ(now.dtype(), dtype<double>());
  EXPECT_EQ(d.dataset().dtype(), dtype<double>());
  EXPECT_EQ(now.shape(), (Shape{5, 7}));
  EXPECT_EQ(now.chunks(), (Shape{2, 3}));
  EXPECT_EQ(now.maxshape(), (Shape{unlimited, 7}));
  ASSERT_EQ(now.filters().size(), 1u);
  EXPECT_EQ(now.fill_value<double>(), -1.0);  // converted with the type
  EXPECT_EQ(now.attrs().keys(), (std::vector<std::string>{"gain", "units"}));
  EXPECT_EQ(now.attrs().get<std::string>("units"), "counts");
  EXPECT_EQ(now.attrs().get<std::vector<double>>("gain"), (std::vector<double>{1.5, 2.5}));
  const NDArray<double> read = now.read<NDArray<double>>();
  for (std::size_t i = 0; i < m.size(); ++i) EXPECT_EQ(read.data()[i], static_cast<double>(m.data()[i]));
  EXPECT_EQ(f.group("g").keys(), (std::vector<std::string>{"m"}));  // nothing staged is left
  // The same type again changes nothing.
  EXPECT_EQ(astype<double>(d, in_place).dataset().id(), d.dataset().id());
}

TEST(LazyAstype, InPlaceThatCannotConvertLeavesTheDatasetAsItWas) {
  TempDir dir;
  File f(dir / "a.h5", "w");
  H5Array<int> big(f.create_dataset("big", std::vector<int>{1, 2, 300, 4}, DatasetOptions{}.chunks({1})));
  big.dataset().attrs().set("note", 7);
  ScopedMemoryCap scoped(sizeof(int));  // 300 is met after the first blocks were copied
  try {
    astype<std::int8_t>(big, in_place);
    ADD_FAILURE() << "no error";
  } catch (const TypeMismatchError& e) {
    EXPECT_EQ(e.object(), "/big");
  }
  EXPECT_EQ(f.dataset("big").dtype(), dtype<int>());
  EXPECT_EQ(f.dataset("big").read<std::vector<int>>(), (std::vector<int>{1, 2, 300, 4}));
  EXPECT_EQ(f.keys(), (std::vector<std::string>{"big"}));
}

TEST(LazyAstype, InPlaceRemovesACopyLeftByAProcessThatDied) {
  TempDir dir;
  File f(dir / "a.h5", "w");
  H5Array<int> a(f.create_dataset("a", std::vector<int>{4, 5, 6}));
  f.create_dataset("a.h5kit-retype", std::vector<float>{0});  // what a killed retype leaves
  const H5Array<float> b = astype<float>(a, in_place);
  EXPECT_EQ(f.dataset("a").read<std::vector<float>>(), (std::vector<float>{4, 5, 6}));
  EXPECT_EQ(f.keys(), (std::vector<std::string>{"a"}));
}

TEST(LazyRoutines, ViewsAreRefusedNotTakenWhole) {
  TempDir dir;
  File f(dir / "a.h5", "w");
  auto m = grid(f, "m", 4, 4);
  const H5Array<int> top = m.view(s(0, 2), all);
  auto names_view = [](auto&& call) {
    try {
      call();
      return std::string("no error");
    } catch (const InvalidArgumentError& e) {
      return std::string(e.what());
    }
  };
  for (const std::string& message :
       {names_view([&] { transpose(top, Into{f, "t"}); }), names_view([&] { repeat(top, 2, 0, Into{f, "r"}); }),
        names_view([&] { astype<double>(top, Into{f, "d"}); }), names_view([&] { astype<double>(top, in_place); }),
        names_view([&] { concatenate<int>({m, top}, 0, Into{f, "c"}); })}) {
    EXPECT_NE(message.find("found a view"), std::string::npos) << message;
    EXPECT_NE(message.find("/m"), std::string::npos) << message;
  }
  EXPECT_EQ(f.keys(), (std::vector<std::string>{"m"}));
}


TEST(LazyResize, CountsThatWouldWrapTheExtentAreRefused) {
  TempDir dir;
  File f(dir / "a.h5", "w");
  auto a = growable(f, "a", {1, 2, 3});
  EXPECT_THROW(expand(a, std::numeric_limits<std::size_t>::max()), InvalidArgumentError);
  EXPECT_EQ(a.shape(), Shape{3});
  const std::size_t repeats = std::numeric_limits<std::size_t>::max() / 3 + 1;  // 3 * repeats wraps
  EXPECT_THROW(repeat(a, repeats, 0, Into{f, "rr"}), InvalidArgumentError);
  EXPECT_FALSE(f.contains("rr"));
}

// More repeats than the cap holds: each element's copies are written in cap-sized runs.
TEST(LazyRepeat, MoreRepeatsThanTheCapHolds) {
  TempDir dir;
  File f(dir / "a.h5", "w");
  auto m = grid(f, "m", 2, 3);
  ScopedMemoryCap scoped(4 * sizeof(int));
  std::vector<int> expected;
  for (int v = 0; v < 6; ++v) expected.insert(expected.end(), 9, v);
  EXPECT_EQ(values(repeat(m, 9, 1, Into{f, "r"})), expected);
  EXPECT_EQ(repeat(m, 9, 1, Into{f, "r2"}).shape(), (Shape{2, 27}));
}

// Values are converted to the stored type, range-checked, before the dataset grows: a refusal
// leaves it as it was.
TEST(LazyInsert, ValuesThatDoNotFitTheStoredTypeChangeNothing) {
  TempDir dir;
  File f(dir / "a.h5", "w");
  H5Array<int> small(f.create_dataset("i8", std::vector<std::int8_t>{1, 2, 3},
                                      DatasetOptions{}.chunks({2}).maxshape({unlimited})));
  EXPECT_THROW(insert(small, 1, 1000), TypeMismatchError);  // HDF5 alone would store 127
  EXPECT_EQ(f.dataset("i8").read<std::vector<int>>(), (std::vector<int>{1, 2, 3}));
  insert(small, 1, 100);
  EXPECT_EQ(f.dataset("i8").read<std::vector<int>>(), (std::vector<int>{1, 100, 2, 3}));
  const std::vector<std::string> words{"ab", "cd", "ef"};
  H5Array<int> strings(f.create_dataset(
      "s", words, DatasetOptions{}.chunks({2}).maxshape({unlimited}).dtype(Datatype::fixed_string(2, CharSet::ascii))));
  EXPECT_THROW(insert(strings, 0, 5), InvalidArgumentError);  // no conversion from int to strings
  EXPECT_EQ(f.dataset("s").read<std::vector<std::string>>(), words);
}

TEST(LazyConcatenate, FixedStringsOfDifferentWidthsTakeTheWidest) {
  TempDir dir;
  File f(dir / "a.h5", "w");
  const H5Array<std::string> narrow(f.create_dataset("n", std::vector<std::string>{"ab", "cd"},
                                                     DatasetOptions{}.dtype(Datatype::fixed_string(2, CharSet::ascii))));
  const H5Array<std::string> wide(f.create_dataset("w", std::vector<std::string>{"hello"},
                                                   DatasetOptions{}.dtype(Datatype::fixed_string(5, CharSet::ascii))));
  const H5Array<std::string> c = concatenate<std::string>({narrow, wide}, 0, Into{f, "c"});
  EXPECT_EQ(c.dtype().size(), 5u);
  EXPECT_EQ(c.dataset().read<std::vector<std::string>>(), (std::vector<std::string>{"ab", "cd", "hello"}));
  const H5Array<std::string> st = stack<std::string>({wide, H5Array<std::string>(f.create_dataset(
                                                                "x", std::vector<std::string>{"x"},
                                                                DatasetOptions{}.dtype(Datatype::fixed_string(1, CharSet::ascii))))},
                                                     0, Into{f, "st"});
  EXPECT_EQ(st.dataset().read<std::vector<std::string>>(), (std::vector<std::string>{"hello", "x"}));
}

TEST(LazyTake, ATinyCapStillTakesEveryIndex) {
  TempDir dir;
  File f(dir / "a.h5", "w");
  std::vector<std::int8_t> data(100);
  std::iota(data.begin(), data.end(), 0);
  const H5Array<std::int8_t> a(f.create_dataset("b", data));
  std::vector<std::size_t> idx(100);
  for (std::size_t i = 0; i < idx.size(); ++i) idx[i] = 99 - i;
  ScopedMemoryCap scoped(8);  // below one element with its two coordinates: batches of one
  const NDArray<std::int8_t> t = take(a, idx, 0, Into{f, "t"}).read();
  for (std::size_t i = 0; i < 100; ++i) EXPECT_EQ(t.data()[i], static_cast<std::int8_t>(99 - i));
}

}  // namespace
}  // namespace h5kit::lazy
