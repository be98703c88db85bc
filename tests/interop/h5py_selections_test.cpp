// Selections across the h5kit <-> h5py boundary.
//   A: h5kit writes through slices, index lists, masks, points and write_direct; h5py replays the
//      same writes with numpy and compares the whole dataset (h5py_selections.py check-writes).
//   B: h5py evaluates a table of index expressions on its own file; h5kit evaluates the same
//      expressions spelled in C++ and must get the same shapes and values.
#include <cstdint>
#include <string>
#include <vector>

#include <gtest/gtest.h>

#include "h5kit/h5kit.hpp"
#include "interop/interop_support.hpp"
#include "interop/peer_file_fixture.hpp"
#include "support/temp_dir.hpp"

namespace h5kit::test {
namespace {

constexpr char kScript[] = "h5py_selections.py";

// h5py_selections.py's mask(): the multiples of 7 in the (4, 5, 6) cube 0, 1, 2, ...
NDArray<bool> sevens() {
  NDArray<bool> m(Shape{4, 5, 6});
  for (std::size_t i = 0; i < m.size(); ++i) m.data()[i] = i % 7 == 0;
  return m;
}

// ---- A ---------------------------------------------------------------------------------------------

TEST(interop_selections, H5pySeesEveryWriteMadeThroughASelection) {
  TempDir dir;
  const std::string path = dir / "writes.h5";
  {
    File f(path, "w");
    Dataset cube = f.create_dataset("cube", NDArray<std::int32_t>(Shape{4, 5, 6}, 0),
                                    DatasetOptions{}.chunks({2, 5, 3}));
    cube[{1, s(0, 2)}] = 7;
    cube[{2, s(0, 3)}] = std::vector<int>{0, 1, 2, 3, 4, 5};
    cube[{3, s(0, 3), s(0, 2)}] = std::vector<std::vector<int>>{{10}, {20}, {30}};
    cube[{0, s(1, 4, 2), s(none, none, 2)}] = std::vector<std::vector<int>>{{1, 2, 3}, {4, 5, 6}};
    cube[{indices{0, 2}, 4, 5}] = -1;
    const Selection m = cube.mask(sevens());
    std::vector<int> numbered(m.size());
    for (std::size_t i = 0; i < numbered.size(); ++i) numbered[i] = static_cast<int>(100 + i);
    cube.select(m) = numbered;
    cube.select(cube.points({{0, 0, 0}})) = 99;

    Dataset grid = f.create_dataset("grid", NDArray<double>(Shape{6, 8}, 0.0));
    std::vector<double> buffer(10 * 10, -1.0);  // the values sit in rows 3..6, columns 1..4 of a 10x10 buffer
    for (std::size_t k = 0; k < 16; ++k) buffer[(3 + k / 4) * 10 + 1 + k % 4] = static_cast<double>(k);
    grid.write_direct(ndview<const double>(buffer.data(), Shape{10, 10}),
                      Selection::block(Shape{10, 10}, {3, 1}, {4, 4}),
                      Selection::block(grid.shape(), {1, 2}, {4, 4}));
  }
  EXPECT_TRUE(run_peer_case(kScript, "check-writes", {path}));
}

// ---- B ---------------------------------------------------------------------------------------------

class interop_selections_from_h5py
    : public PeerFileTest<"h5py_selections.py", "write-expected", "expected.h5"> {};

// The C++ spelling of h5py_selections.py's EXPRESSIONS, in the same order.
std::vector<Selection> expressions(const Dataset& d) {
  return {
      d[{s(1, 4, 2), all, -1}].selection(),
      d[2].selection(),
      d[{ellipsis, 0}].selection(),
      d[{s(-3, none), s(1, -1)}].selection(),
      d[{indices{0, 2, 3}, 1}].selection(),
      d[{1, s(2, 100), s(none, none, 5)}].selection(),
      d[{all, indices{1, 4}, s(2, 5)}].selection(),
      d[{3, 4, 5}].selection(),
      d[{0, s(3, 1)}].selection(),
      d.mask(sevens()),
      d[{indices{0, -1}}].selection(),
      d[{all, std::vector<bool>{true, false, false, true, true}, 2}].selection(),
      d[{1, all, multi_block(0, 4, 2, 2)}].selection(),
      d[{indices{1, 3}, multi_block(1, 2, none, 1)}].selection(),
  };
}

TEST_F(interop_selections_from_h5py, EveryExpressionGivesH5pysShapeAndValues) {
  const Dataset cube = file_.dataset("cube");
  const std::vector<Selection> mine = expressions(cube);
  for (std::size_t i = 0; i < mine.size(); ++i) {
    const Dataset expected = file_.dataset("expected/" + std::to_string(i));
    const NDArray<std::int32_t> want = expected.read<NDArray<std::int32_t>>();
    const NDArray<std::int32_t> got = cube.select(mine[i]).read<NDArray<std::int32_t>>();
    EXPECT_EQ(got.shape(), want.shape()) << "expression " << i;
    EXPECT_EQ(got, want) << "expression " << i;
  }
}

TEST_F(interop_selections_from_h5py, PointsGiveNumpysCoordinateIndexing) {
  const Dataset cube = file_.dataset("cube");
  EXPECT_EQ(cube.select(cube.points({{3, 4, 5}, {0, 0, 0}, {1, 2, 3}})).read<std::vector<std::int32_t>>(),
            file_.dataset("expected/points").read<std::vector<std::int32_t>>());
}

TEST_F(interop_selections_from_h5py, AstypeReadsH5pysIntegersAsDoubles) {
  const NDArray<double> got = file_.dataset("cube").astype<double>()[{3, s(1, 3)}];
  ASSERT_EQ(got.shape(), (Shape{2, 6}));
  EXPECT_DOUBLE_EQ(got(1, 5), 3 * 30 + 2 * 6 + 5);
}

}  // namespace
}  // namespace h5kit::test
