// Structured types across the h5kit <-> h5py boundary: described structs (compounds), enums, HDF5
// array types and variable-length sequences.
//   A: h5kit writes, tests/interop/h5py_compound.py check-* reads with h5py and checks dtypes and values.
//   B: h5py_compound.py write-all writes numpy structured arrays and friends, h5kit reads them.
#include <array>
#include <complex>
#include <cstdint>
#include <string>
#include <vector>

#include <boost/describe.hpp>
#include <gtest/gtest.h>

#include "h5kit/compound.hpp"
#include "h5kit/h5kit.hpp"
#include "h5kit/vlen.hpp"
#include "interop/interop_support.hpp"
#include "interop/peer_file_fixture.hpp"
#include "support/temp_dir.hpp"

namespace h5kit_compound_interop {

enum class Level : std::int16_t { low = -1, mid = 0, high = 1000 };
BOOST_DESCRIBE_ENUM(Level, low, mid, high)

struct Point {
  double x = 0, y = 0, z = 0;
  bool operator==(const Point&) const = default;
};
BOOST_DESCRIBE_STRUCT(Point, (), (x, y, z))

struct Body {
  std::int8_t flag = 0;
  Point position;
  std::array<float, 3> velocity{};
  std::array<std::array<std::int32_t, 3>, 2> grid{};
  std::complex<double> phase;
  Level kind = Level::mid;
  bool visible = false;
};
BOOST_DESCRIBE_STRUCT(Body, (), (flag, position, velocity, grid, phase, kind, visible))

struct Named {
  std::int32_t id = 0;
  std::string name;
  h5kit::VarLen<double> samples;
  Point where;
};
BOOST_DESCRIBE_STRUCT(Named, (), (id, name, samples, where))

// h5py's table, every field, declared in another order.
struct TableRow {
  std::string label;
  Point pos;
  double score = 0;
  std::string name;  // 'S10' in the file
  std::array<float, 3> vel{};
  std::int32_t id = 0;
};
BOOST_DESCRIBE_STRUCT(TableRow, (), (label, pos, score, name, vel, id))

// A subset of it, with a wider integer.
struct TableIds {
  std::int64_t id = 0;
  std::string name;
};
BOOST_DESCRIBE_STRUCT(TableIds, (), (id, name))

struct TableWithMissing {
  std::int32_t id = 0;
  double weight = 0;
};
BOOST_DESCRIBE_STRUCT(TableWithMissing, (), (id, weight))

struct Series {
  h5kit::VarLen<double> samples;
  std::string label;
};
BOOST_DESCRIBE_STRUCT(Series, (), (samples, label))

}  // namespace h5kit_compound_interop

namespace h5kit::test {
namespace {

using namespace h5kit_compound_interop;

constexpr char kScript[] = "h5py_compound.py";

Body body(int i) {
  Body b;
  b.flag = static_cast<std::int8_t>(-i);
  b.position = {1.0 * i, 2.0 * i, 3.0 * i};
  b.velocity = {0.5f * float(i), 1.5f, -2.0f};
  b.grid = {{{1, 2, 3}, {4, 5, i}}};
  b.phase = {0.25 * i, -1.0};
  b.kind = i % 2 ? Level::high : Level::low;
  b.visible = i % 2 == 0;
  return b;
}

// ---- A: h5kit writes, h5py checks --------------------------------------------------------------

TEST(interop_compound, H5pyReadsDescribedStructsAsStructuredArrays) {
  TempDir dir;
  const std::string path = dir / "compound.h5";
  {
    File f(path, "w");
    f.create_dataset("bodies", std::vector<Body>{body(0), body(1), body(2), body(3)});
    f.create_dataset("named", std::vector<Named>{{1, "alpha", {1.0, 2.0}, {1, 2, 3}},
                                                 {2, "", {}, {4, 5, 6}},
                                                 {3, "h\u00e9llo", {3.0}, {7, 8, 9}}});
    f.attrs().set("origin", Point{0, 0, 1});
  }
  EXPECT_TRUE(run_peer_case(kScript, "check-compound", {path}));
}

TEST(interop_compound, H5pyReadsEnumsArrayTypesAndVlenSequences) {
  TempDir dir;
  const std::string path = dir / "enum_array_vlen.h5";
  {
    File f(path, "w");
    f.create_dataset("levels", std::vector<Level>{Level::high, Level::low, Level::mid, Level::high});
    f.create_dataset("rows", std::vector<VarLen<std::int32_t>>{{1, 2, 3}, {}, {4}, {5, 6, 7, 8, 9}});
    Dataset vectors = f.create_dataset("vectors", Shape{4}, Datatype::array(Datatype::float32(), {3}));
    std::vector<std::array<float, 3>> values(4);
    for (std::size_t i = 0; i < 12; ++i) values[i / 3][i % 3] = float(i);
    vectors.write(values);
  }
  EXPECT_TRUE(run_peer_case(kScript, "check-enum-array-vlen", {path}));
}

TEST(interop_compound, H5pySeesOneFieldRewrittenAndTheOthersKept) {
  TempDir dir;
  const std::string path = dir / "fields.h5";
  {
    File f(path, "w");
    const Datatype row = Datatype::compound(14, {{"id", 0, Datatype::int32()}, {"score", 4, Datatype::float64()},
                                                 {"flag", 12, Datatype::int16()}});
    const Dataset scores = f.create_dataset("scores", Shape{3}, row);
    scores.fields({"id"}) = std::vector<std::int32_t>{1, 2, 3};
    scores.fields({"flag"}) = std::vector<std::int16_t>{10, 20, 30};
    scores.fields({"score"})[{s(0, 2)}] = 0.5;
    scores.fields({"score"})[{2}] = 9.0;
  }
  EXPECT_TRUE(run_peer_case(kScript, "check-fields", {path}));
}

// ---- B: h5py writes, h5kit checks --------------------------------------------------------------

class interop_compound_from_h5py : public PeerFileTest<kScript, "write-all", "from_h5py.h5"> {};

TEST_F(interop_compound_from_h5py, OneFieldOfAStructuredArray) {
  EXPECT_EQ(file_.dataset("table").fields({"score"}).read<std::vector<double>>(), (std::vector<double>{0.5, -1.5}));
  EXPECT_EQ(file_.dataset("table").fields({"id"}).read<std::vector<std::int32_t>>(), (std::vector<std::int32_t>{7, 8}));
}

TEST_F(interop_compound_from_h5py, StructuredArrayReadsByNameWithFixedStrings) {
  const auto rows = file_.dataset("table").read<std::vector<TableRow>>();
  ASSERT_EQ(rows.size(), 2u);
  EXPECT_EQ(rows[0].id, 7);
  EXPECT_EQ(rows[0].name, "seven");
  EXPECT_EQ(rows[1].name, "tenletters");
  EXPECT_EQ(rows[0].score, 0.5);
  EXPECT_EQ(rows[1].pos, (Point{4, 5, 6}));
  EXPECT_EQ(rows[0].vel, (std::array<float, 3>{0.1f, 0.2f, 0.3f}));
  EXPECT_EQ(rows[0].label, "\u00e9t\u00e9");
  EXPECT_EQ(rows[1].label, "");

  const auto ids = file_.dataset("table").read<std::vector<TableIds>>();
  EXPECT_EQ(ids[1].id, 8);
  EXPECT_EQ(ids[1].name, "tenletters");

  const auto row = file_.attrs().get<TableRow>("table_row");
  EXPECT_EQ(row.id, 7);
  EXPECT_EQ(row.name, "seven");
}

TEST_F(interop_compound_from_h5py, MissingFieldIsNamedWithTheStoredMembers) {
  try {
    file_.dataset("table").read<std::vector<TableWithMissing>>();
    FAIL() << "expected TypeMismatchError";
  } catch (const TypeMismatchError& e) {
    const std::string what = e.what();
    EXPECT_NE(what.find("\"weight\""), std::string::npos) << what;
    EXPECT_NE(what.find("id, name, score, pos, vel, label"), std::string::npos) << what;
  }
}

TEST_F(interop_compound_from_h5py, EnumsReadByNameOrAsTheirBase) {
  EXPECT_EQ(file_.dataset("levels").read<std::vector<Level>>(),
            (std::vector<Level>{Level::high, Level::low, Level::mid}));
  EXPECT_EQ(file_.dataset("levels").read<std::vector<std::int16_t>>(), (std::vector<std::int16_t>{1000, -1, 0}));
  try {
    file_.dataset("levels_extra").read<std::vector<Level>>();
    FAIL() << "expected TypeMismatchError";
  } catch (const TypeMismatchError& e) {
    EXPECT_NE(std::string(e.what()).find("element 1 holds 7 (extra)"), std::string::npos) << e.what();
  }
}

TEST_F(interop_compound_from_h5py, VlenRowsIncludingAnEmptyOne) {
  const auto rows = file_.dataset("rows").read<std::vector<VarLen<std::int32_t>>>();
  ASSERT_EQ(rows.size(), 4u);
  EXPECT_EQ(rows[0], (VarLen<std::int32_t>{1, 2, 3}));
  EXPECT_TRUE(rows[1].empty());
  EXPECT_EQ(rows[2], (VarLen<std::int32_t>{42}));
  EXPECT_EQ(rows[3].size(), 10u);
  EXPECT_EQ(rows[3][9], 9);
}

TEST_F(interop_compound_from_h5py, VlenFieldsOfAStructuredArray) {
  const auto series = file_.dataset("series").read<std::vector<Series>>();
  ASSERT_EQ(series.size(), 3u);
  EXPECT_EQ(series[0].label, "a");
  EXPECT_EQ(series[0].samples, (VarLen<double>{1.0, 2.0}));
  EXPECT_TRUE(series[1].samples.empty());
  EXPECT_EQ(series[2].samples, (VarLen<double>{3.0}));
}

TEST_F(interop_compound_from_h5py, ArrayTypesAddTrailingAxes) {
  const Dataset vectors = file_.dataset("vectors");
  EXPECT_EQ(vectors.shape(), (Shape{4}));
  EXPECT_EQ(vectors.dtype().name(), "array(float32,(3,))");
  const auto nd = vectors.read<NDArray<float>>();
  EXPECT_EQ(nd.shape(), (Shape{4, 3}));
  EXPECT_EQ(nd(3, 2), 11.0f);
  EXPECT_EQ((vectors.read<std::vector<std::array<float, 3>>>()[1]), (std::array<float, 3>{3, 4, 5}));
  EXPECT_EQ((file_.attrs().get<std::array<float, 3>>("rgb")), (std::array<float, 3>{0.25f, 0.5f, 1.0f}));
  EXPECT_EQ(file_.attrs().open("rgb").shape(), Shape{});
}

}  // namespace
}  // namespace h5kit::test
