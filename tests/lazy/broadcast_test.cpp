// numpy broadcasting of the two-array element-wise operations, block by block under tiny caps, against
// an in-memory computation.
#include "h5kit/lazy/broadcast.hpp"

#include <gtest/gtest.h>

#include <algorithm>
#include <cstdint>
#include <functional>
#include <string>
#include <vector>

#include "h5kit/error.hpp"
#include "h5kit/file.hpp"
#include "h5kit/group.hpp"
#include "h5kit/lazy/elementwise.hpp"
#include "support/temp_dir.hpp"

namespace h5kit::lazy {
namespace {

class Broadcast : public ::testing::Test {
 protected:
  test::TempDir dir;
  File f{dir / "b.h5", "w"};

  // A dataset of `shape` chunked 2 along every axis (1 where the extent is 1), so that chunk edges do
  // not divide odd extents; values distinct and signed.
  template <class T = double>
  H5Array<T> make(const std::string& name, const Shape& shape, double scale = 1.0) {
    NDArray<T> values(shape);
    for (std::size_t i = 0; i < values.size(); ++i)
      values.data()[i] = static_cast<T>((static_cast<double>(i) - 4.0) * scale);
    if (shape.empty()) return H5Array<T>(f.create_dataset(name, values.data()[0]));
    Shape chunks(shape.size());
    for (std::size_t i = 0; i < shape.size(); ++i) chunks[i] = std::min<std::size_t>(2, std::max<std::size_t>(shape[i], 1));
    return H5Array<T>(f.create_dataset(name, values, DatasetOptions{}.chunks(chunks)));
  }
};

// op(a, b) in memory with numpy's rules, element by element through multi-indices: the reference the
// block-wise code is checked against.
template <class R, class A, class B, class Op>
NDArray<R> reference(const NDArray<A>& a, const NDArray<B>& b, Op op) {
  const Shape shape = *broadcast_shapes(a.shape(), b.shape());
  NDArray<R> out(shape);
  auto flat = [&](const Shape& extent, const Shape& index) {
    const std::size_t lead = index.size() - extent.size();
    std::size_t at = 0;
    for (std::size_t j = 0; j < extent.size(); ++j) at = at * extent[j] + (extent[j] == 1 ? 0 : index[lead + j]);
    return at;
  };
  Shape index(shape.size(), 0);
  for (std::size_t i = 0; i < out.size(); ++i) {
    out.data()[i] = static_cast<R>(op(a.data()[flat(a.shape(), index)], b.data()[flat(b.shape(), index)]));
    for (std::size_t d = index.size(); d-- > 0;) {
      if (++index[d] < shape[d]) break;
      index[d] = 0;
    }
  }
  return out;
}

TEST(BroadcastShapes, FollowNumpysRules) {
  EXPECT_EQ(broadcast_shapes({3, 1}, {1, 4}), (Shape{3, 4}));
  EXPECT_EQ(broadcast_shapes({4}, {3, 4}), (Shape{3, 4}));
  EXPECT_EQ(broadcast_shapes({3, 4}, {}), (Shape{3, 4}));
  EXPECT_EQ(broadcast_shapes({}, {}), Shape{});
  EXPECT_EQ(broadcast_shapes({5, 1, 3}, {4, 1}), (Shape{5, 4, 3}));
  EXPECT_EQ(broadcast_shapes({1, 0}, {3, 1}), (Shape{3, 0}));  // 1 stretches to 0, as numpy
  EXPECT_EQ(broadcast_shapes({3}, {4}), std::nullopt);
  EXPECT_EQ(broadcast_shapes({2, 3}, {3, 2}), std::nullopt);
  EXPECT_EQ(broadcast_shapes({0}, {2}), std::nullopt);
}

TEST(BroadcastWalkTest, SameShapesAreOneRunAndStretchedAxesStepZero) {
  detail::BroadcastWalk same({4, 5}, {4, 5}, {4, 5});
  EXPECT_EQ(same.runs(), 1u);
  EXPECT_EQ(same.run_length(), 20u);
  // (3, 4) from a (3, 1) and b (1, 4): three runs of four, a stepping 0 from row r, b from 0 by 1.
  detail::BroadcastWalk walk({3, 4}, {3, 1}, {1, 4});
  detail::BroadcastWalk::Run run;
  std::vector<std::size_t> a_starts;
  while (walk.next(run)) {
    EXPECT_EQ(run.length, 4u);
    EXPECT_EQ(run.a_step, 0u);
    EXPECT_EQ(run.b_step, 1u);
    EXPECT_EQ(run.b, 0u);
    a_starts.push_back(run.a);
  }
  EXPECT_EQ(a_starts, (std::vector<std::size_t>{0, 1, 2}));
  // Axes of extent 1 vanish and a missing leading axis merges with the stretched one after it.
  detail::BroadcastWalk merged({2, 3, 1, 4}, {4}, {2, 3, 1, 4});
  EXPECT_EQ(merged.runs(), 6u);
  EXPECT_EQ(merged.run_length(), 4u);
}

TEST_F(Broadcast, IntoANewDatasetMatchesMemoryForManyShapePairsUnderTinyCaps) {
  const std::vector<std::pair<Shape, Shape>> pairs = {
      {{3, 1}, {1, 4}},       {{4}, {3, 4}},          {{3, 4}, {4}},         {{5, 1, 3}, {4, 1}},
      {{2, 3, 5}, {3, 1}},    {{7, 5}, {7, 5}},       {{1}, {6, 5}},         {{2, 1, 5, 3}, {4, 1, 3}},
      {{5, 1}, {5, 7}},       {{1, 1}, {3, 5}},       {{3, 5, 1}, {1, 5, 4}}, {{1, 3}, {5, 1}}};
  int k = 0;
  for (const auto& [sa, sb] : pairs) {
    const std::string tag = std::to_string(k++);
    const H5Array<double> a = make("a" + tag, sa, 0.5), b = make("b" + tag, sb, -1.25);
    const NDArray<double> x = a.read(), y = b.read();
    for (std::size_t elements : {3, 5}) {
      const ScopedMemoryCap cap(elements * 3 * sizeof(double));
      const std::string at = tag + "_" + std::to_string(elements);
      EXPECT_EQ(add(a, b, Into{f, "add" + at}).read(), reference<double>(x, y, std::plus<>()))
          << to_string(sa) << " + " << to_string(sb);
      EXPECT_EQ(subtract(b, a, Into{f, "sub" + at}).read(), reference<double>(y, x, std::minus<>()))
          << to_string(sb) << " - " << to_string(sa);
      EXPECT_EQ(maximum(a, b, Into{f, "max" + at}).read(),
                reference<double>(x, y, [](double u, double v) { return std::max(u, v); }));
      EXPECT_EQ(greater(a, b, Into{f, "gt" + at}).read(), reference<bool>(x, y, std::greater<>()));
    }
  }
}

TEST_F(Broadcast, MixedElementTypesFollowNumpysResultTypes) {
  const H5Array<std::int32_t> i = make<std::int32_t>("i", {4, 1}, 3);
  const H5Array<double> d = make("d", {3}, 0.25);
  const ScopedMemoryCap cap(4 * (sizeof(std::int32_t) + 2 * sizeof(double)));
  const H5Array<double> sum = add(i, d, Into{f, "sum"});
  EXPECT_EQ(sum.read(), reference<double>(i.read(), d.read(), [](std::int32_t u, double v) { return u + v; }));
  // int / int gives double, as numpy; the divisor is a (1, 1) view of the second row (-9).
  const H5Array<double> q = divide(i, i.view(s(1, 2), all), Into{f, "q"});
  EXPECT_EQ(q.shape(), (Shape{4, 1}));
  EXPECT_EQ(q.read(), reference<double>(i.read(), NDArray<std::int32_t>(Shape{1, 1}, {-9}),
                                        [](std::int32_t u, std::int32_t v) { return double(u) / double(v); }));
}

TEST_F(Broadcast, ZeroDimensionalOperands) {
  const H5Array<double> a = make("a", {3, 5}, 1.0);
  const H5Array<double> s0 = make("s", {}, 1.0);  // a scalar dataset holding -4
  ASSERT_EQ(s0.rank(), 0u);
  const ScopedMemoryCap cap(3 * 3 * sizeof(double));
  const NDArray<double> x = a.read(), y = s0.read();
  EXPECT_EQ(add(a, s0, Into{f, "as"}).read(), reference<double>(x, y, std::plus<>()));
  EXPECT_EQ(subtract(s0, a, Into{f, "sa"}).read(), reference<double>(y, x, std::minus<>()));
  const H5Array<double> both = multiply(s0, s0, Into{f, "ss"});
  EXPECT_EQ(both.shape(), Shape{});
  EXPECT_EQ(both.read().data()[0], 16.0);
  a *= s0;
  EXPECT_EQ(a.read(), reference<double>(x, y, std::multiplies<>()));
  s0 += s0;  // a 0-d array in place
  EXPECT_EQ(s0.read().data()[0], -8.0);
}

TEST_F(Broadcast, InPlaceTheSecondOperandStretchesToTheFirst) {
  const H5Array<double> a = make("a", {5, 7}, 0.5);
  const H5Array<double> row = make("row", {7}, 2.0), column = make("column", {5, 1}, -1.0),
                        one = make("one", {1, 1}, 1.0);
  NDArray<double> expected = a.read();
  const ScopedMemoryCap cap(4 * 3 * sizeof(double));
  a += row;
  expected = reference<double>(expected, row.read(), std::plus<>());
  EXPECT_EQ(a.read(), expected);
  a *= column;
  expected = reference<double>(expected, column.read(), std::multiplies<>());
  EXPECT_EQ(a.read(), expected);
  a -= one;
  expected = reference<double>(expected, one.read(), std::minus<>());
  EXPECT_EQ(a.read(), expected);
  maximum(a, row, in_place);
  expected = reference<double>(expected, row.read(), [](double u, double v) { return std::max(u, v); });
  EXPECT_EQ(a.read(), expected);
}

TEST_F(Broadcast, ViewsBroadcastAsTheirOwnShapes) {
  const H5Array<double> a = make("a", {6, 5}, 1.0);
  const NDArray<double> x = a.read();
  const H5Array<double> column = a.view(s(1, 4), s(2, 3));  // (3, 1): rows 1..3 of column 2
  const H5Array<double> row = a.view(s(5, 6), all);         // (1, 5): the last row
  const ScopedMemoryCap cap(3 * 3 * sizeof(double));
  const H5Array<double> sum = add(column, row, Into{f, "sum"});
  ASSERT_EQ(sum.shape(), (Shape{3, 5}));
  for (std::size_t i = 0; i < 3; ++i)
    for (std::size_t j = 0; j < 5; ++j) EXPECT_EQ(sum.read()(i, j), x(1 + i, 2) + x(5, j)) << i << "," << j;
  // In place on a view: rows 0..2 of `a` minus the last row.
  const H5Array<double> top = a.view(s(0, 3), all);
  top -= row;
  for (std::size_t i = 0; i < 6; ++i)
    for (std::size_t j = 0; j < 5; ++j) EXPECT_EQ(a.read()(i, j), i < 3 ? x(i, j) - x(5, j) : x(i, j)) << i << "," << j;
}

TEST_F(Broadcast, ShapesThatDoNotBroadcastNameBothOperandsAndCreateNothing) {
  const H5Array<double> a = make("a", {3, 4}), b = make("b", {3});
  try {
    add(a, b, Into{f, "c"});
    FAIL() << "(3, 4) + (3,) broadcast";
  } catch (const ShapeMismatchError& e) {
    EXPECT_EQ(e.object(), "/a");
    EXPECT_NE(e.detail().find(":/a of shape (3, 4)"), std::string::npos) << e.what();
    EXPECT_NE(e.detail().find(":/b of shape (3,)"), std::string::npos) << e.what();
    EXPECT_NE(e.detail().find("nothing was written"), std::string::npos) << e.what();
  }
  EXPECT_FALSE(f.contains("c"));
  EXPECT_THROW(greater(b, a, Into{f, "c"}), ShapeMismatchError);
  EXPECT_FALSE(f.contains("c"));
}

TEST_F(Broadcast, InPlaceWithAResultLargerThanTheArrayIsRefusedAndWritesNothing) {
  const H5Array<double> a = make("a", {3, 1}), b = make("b", {1, 4}), c = make("c", {4, 3});
  const H5Array<double> whole = make("whole", {3, 4});
  const NDArray<double> before = a.read(), whole_before = whole.read();
  try {
    a += b;  // (3, 1) + (1, 4) is (3, 4): it cannot be stored in a
    FAIL() << "a (3, 1) += b (1, 4) accepted";
  } catch (const InvalidArgumentError& e) {
    EXPECT_EQ(e.object(), "/a");
    EXPECT_NE(e.detail().find(":/a of shape (3, 1)"), std::string::npos) << e.what();
    EXPECT_NE(e.detail().find(":/b of shape (1, 4)"), std::string::npos) << e.what();
    EXPECT_NE(e.detail().find("(3, 4)"), std::string::npos) << e.what();
    EXPECT_NE(e.detail().find("nothing was written"), std::string::npos) << e.what();
  }
  EXPECT_EQ(a.read(), before);
  EXPECT_THROW(whole *= c, InvalidArgumentError);  // (3, 4) and (4, 3) do not broadcast at all
  EXPECT_THROW(subtract(whole, make("long", {2, 3, 4}), in_place), InvalidArgumentError);  // more axes than a
  EXPECT_EQ(whole.read(), whole_before);
}

}  // namespace
}  // namespace h5kit::lazy
