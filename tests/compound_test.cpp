#include "h5kit/compound.hpp"

#include <array>
#include <complex>
#include <cstddef>
#include <cstdint>
#include <string>
#include <vector>

#include <boost/describe.hpp>
#include <gtest/gtest.h>

#include "h5kit/h5kit.hpp"
#include "h5kit/vlen.hpp"
#include "support/temp_dir.hpp"

namespace h5kit_compound_test {

enum class Kind : std::int16_t { star = 1, planet = 7 };
BOOST_DESCRIBE_ENUM(Kind, star, planet)

struct Point {
  double x = 0, y = 0, z = 0;
  bool operator==(const Point&) const = default;
};
BOOST_DESCRIBE_STRUCT(Point, (), (x, y, z))

// Padding on purpose (int8 then double): offsets must come from the struct, not be packed.
struct Body {
  std::int8_t flag = 0;
  Point position;
  std::array<float, 3> velocity{};
  std::array<std::array<std::int32_t, 3>, 2> grid{};
  std::complex<double> phase;
  Kind kind = Kind::star;
  bool visible = false;
  bool operator==(const Body&) const = default;
};
BOOST_DESCRIBE_STRUCT(Body, (), (flag, position, velocity, grid, phase, kind, visible))

struct Named {
  std::int32_t id = 0;
  std::string name;
  std::array<std::string, 2> tags;
  Point where;
  bool operator==(const Named&) const = default;
};
BOOST_DESCRIBE_STRUCT(Named, (), (id, name, tags, where))

struct WithRows {
  std::string label;
  h5kit::VarLen<double> samples;
  bool operator==(const WithRows&) const = default;
};
BOOST_DESCRIBE_STRUCT(WithRows, (), (label, samples))

// A subset of Body, in another order, with a wider type for flag.
struct BodySummary {
  bool visible = false;
  std::int64_t flag = 0;
};
BOOST_DESCRIBE_STRUCT(BodySummary, (), (visible, flag))

struct HasMass {
  double x = 0;
  double mass = 0;
};
BOOST_DESCRIBE_STRUCT(HasMass, (), (x, mass))

struct WideRow {
  std::int64_t flag = 0;
  double x = 0;
};
BOOST_DESCRIBE_STRUCT(WideRow, (), (flag, x))

struct NarrowRow {
  std::int8_t flag = 0;
  float x = 0;
};
BOOST_DESCRIBE_STRUCT(NarrowRow, (), (flag, x))

struct KindOnly {
  Kind kind = Kind::star;
};
BOOST_DESCRIBE_STRUCT(KindOnly, (), (kind))

struct Derived : Point {
  std::int32_t tag = 0;
};
BOOST_DESCRIBE_STRUCT(Derived, (Point), (tag))

}  // namespace h5kit_compound_test

namespace h5kit {
namespace {

using namespace h5kit_compound_test;
using test::TempDir;

class CompoundTest : public ::testing::Test {
 protected:
  TempDir dir;
  File f{dir / "c.h5", "w"};
};

Body sample_body(int i) {
  Body b;
  b.flag = static_cast<std::int8_t>(-i);
  b.position = {1.0 * i, 2.0 * i, 3.0 * i};
  b.velocity = {0.5f * i, 1.5f, -2.0f};
  b.grid = {{{1, 2, 3}, {4, 5, i}}};
  b.phase = {0.25 * i, -1.0};
  b.kind = i % 2 ? Kind::planet : Kind::star;
  b.visible = i % 2 == 0;
  return b;
}

TEST_F(CompoundTest, TypeFollowsTheStructLayout) {
  const Datatype t = dtype<Body>();
  ASSERT_EQ(t.type_class(), TypeClass::compound);
  EXPECT_EQ(t.size(), sizeof(Body));
  const auto m = t.members();
  ASSERT_EQ(m.size(), 7u);
  EXPECT_EQ(m[0].name, "flag");
  EXPECT_EQ(m[1].name, "position");
  EXPECT_EQ(m[1].offset, offsetof(Body, position));
  EXPECT_EQ(m[1].type.name(), "compound{x:float64,y:float64,z:float64}");
  EXPECT_EQ(m[2].type.name(), "array(float32,(3,))");
  EXPECT_EQ(m[3].type.name(), "array(int32,(2, 3))");
  EXPECT_EQ(m[3].offset, offsetof(Body, grid));
  EXPECT_TRUE(m[4].type.is_complex());
  EXPECT_EQ(m[5].type.name(), "enum(int16){star=1,planet=7}");
  EXPECT_TRUE(m[6].type.is_bool());
}

TEST_F(CompoundTest, PackedAndMemberLookup) {
  const Datatype packed = dtype<Body>().packed();
  EXPECT_LT(packed.size(), sizeof(Body));
  EXPECT_EQ(packed.member("position")->offset, 1u);  // right after the int8 flag
  EXPECT_FALSE(packed.member("nope").has_value());
  EXPECT_FALSE(Datatype::int32().member("x").has_value());
  // A file created with the packed type still reads into the padded struct, by name.
  Dataset ds = f.create_dataset("packed", Shape{1}, packed);
  ds.write(std::vector<Body>{sample_body(3)});
  EXPECT_EQ(ds.read<std::vector<Body>>()[0], sample_body(3));
}

TEST_F(CompoundTest, InheritedMembersComeFirst) {
  const auto m = dtype<Derived>().members();
  ASSERT_EQ(m.size(), 4u);
  EXPECT_EQ(m[0].name, "x");
  EXPECT_EQ(m[3].name, "tag");
  const Derived d;
  EXPECT_EQ(m[3].offset, static_cast<std::size_t>(reinterpret_cast<const char*>(&d.tag) -
                                                  reinterpret_cast<const char*>(&d)));
}

TEST_F(CompoundTest, PlainStructsRoundTripInEveryContainer) {
  std::vector<Body> bodies;
  for (int i = 0; i < 5; ++i) bodies.push_back(sample_body(i));
  f.create_dataset("bodies", bodies);
  EXPECT_EQ(f.dataset("bodies").read<std::vector<Body>>(), bodies);

  NDArray<Point> grid(Shape{2, 3});
  for (std::size_t i = 0; i < 6; ++i) grid.data()[i] = {double(i), -double(i), 0.5};
  f.create_dataset("grid", grid);
  const auto back = f.dataset("grid").read<NDArray<Point>>();
  EXPECT_EQ(back.shape(), (Shape{2, 3}));
  EXPECT_EQ(back(1, 2), (Point{5, -5, 0.5}));

  f.create_dataset("one", Point{1, 2, 3});
  EXPECT_TRUE(f.dataset("one").is_scalar());
  EXPECT_EQ(f.dataset("one").read<Point>(), (Point{1, 2, 3}));

  f.attrs().set("origin", Point{0, 0, 1});
  EXPECT_EQ(f.attrs().get<Point>("origin"), (Point{0, 0, 1}));
  f.attrs().set("pair", std::vector<Body>{sample_body(1), sample_body(2)});
  EXPECT_EQ(f.attrs().get<std::vector<Body>>("pair")[1], sample_body(2));
}

TEST_F(CompoundTest, StringMembersGoThroughAnImage) {
  const std::vector<Named> rows = {{1, "alpha", {"a", "b"}, {1, 2, 3}},
                                   {2, "", {"", "ünïcode"}, {4, 5, 6}},
                                   {3, std::string(300, 'x'), {"long tag", "t"}, {7, 8, 9}}};
  f.create_dataset("named", rows);
  const Datatype stored = f.dataset("named").dtype();
  EXPECT_EQ(stored.member("name")->type.name(), "str");
  EXPECT_EQ(stored.member("tags")->type.name(), "array(str,(2,))");
  EXPECT_EQ(f.dataset("named").read<std::vector<Named>>(), rows);

  f.attrs().set("who", rows[1]);
  EXPECT_EQ(f.attrs().get<Named>("who"), rows[1]);
  f.dataset("named").write_block(std::vector<Named>{{9, "nine", {"x", "y"}, {}}}, Shape{1});
  EXPECT_EQ(f.dataset("named").read_element<Named>(Shape{1}).name, "nine");
}

TEST_F(CompoundTest, VarLenMembers) {
  const std::vector<WithRows> rows = {{"a", {1.0, 2.0}}, {"empty", {}}, {"c", {3.0}}};
  f.create_dataset("rows", rows);
  EXPECT_EQ(f.dataset("rows").dtype().member("samples")->type.name(), "vlen(float64)");
  EXPECT_EQ(f.dataset("rows").read<std::vector<WithRows>>(), rows);
}

TEST_F(CompoundTest, ReadsASubsetByNameInAnyOrder) {
  f.create_dataset("bodies", std::vector<Body>{sample_body(2), sample_body(3)});
  const auto summary = f.dataset("bodies").read<std::vector<BodySummary>>();
  ASSERT_EQ(summary.size(), 2u);
  EXPECT_EQ(summary[0].flag, -2);
  EXPECT_TRUE(summary[0].visible);
  EXPECT_EQ(summary[1].flag, -3);
  EXPECT_FALSE(summary[1].visible);
  // Body's members are not Point's: no silent garbage.
  EXPECT_THROW(f.dataset("bodies").read<std::vector<Point>>(), TypeMismatchError);
}

TEST_F(CompoundTest, NumericMembersConvertRangeChecked) {
  const Datatype narrow = Datatype::compound(12, {{"flag", 0, Datatype::int8()}, {"x", 4, Datatype::float64()}});
  Dataset ds = f.create_dataset("narrow", Shape{2}, narrow);
  ds.write(std::vector<WideRow>{{-5, 0.5}, {100, 1.5}});
  EXPECT_EQ(ds.read<std::vector<WideRow>>()[1].flag, 100);
  // 300 does not fit int8: refused, nothing written (HDF5 alone would store 127).
  EXPECT_THROW(ds.write(std::vector<WideRow>{{1, 0}, {300, 0}}), InvalidArgumentError);
  EXPECT_EQ(ds.read<std::vector<WideRow>>()[1].flag, 100);
  // Reading into a narrower member is checked the same way.
  f.create_dataset("wide", std::vector<WideRow>{{1, 0}, {-1000, 0}});
  EXPECT_THROW(f.dataset("wide").read<std::vector<NarrowRow>>(), TypeMismatchError);
  f.create_dataset("wide_ok", std::vector<WideRow>{{1, 2.5}, {-100, 0}});
  EXPECT_EQ(f.dataset("wide_ok").read<std::vector<NarrowRow>>()[1].flag, -100);
}

TEST_F(CompoundTest, MissingFieldNamesTheFieldAndTheStoredMembers) {
  f.create_dataset("points", std::vector<Point>{{1, 2, 3}});
  try {
    f.dataset("points").read<std::vector<HasMass>>();
    FAIL() << "expected TypeMismatchError";
  } catch (const TypeMismatchError& e) {
    const std::string what = e.what();
    EXPECT_NE(what.find("\"mass\""), std::string::npos) << what;
    EXPECT_NE(what.find("x, y, z"), std::string::npos) << what;
    EXPECT_NE(what.find("/points"), std::string::npos) << what;
  }
}

TEST_F(CompoundTest, WritingIntoAnotherCompoundWritesNothing) {
  f.create_dataset("points", std::vector<Point>{{1, 2, 3}});
  // HasMass is a subset-compatible name set for reading x, but writing would leave y and z unwritten.
  EXPECT_THROW(f.dataset("points").write(std::vector<HasMass>{{9, 9}}), TypeMismatchError);
  EXPECT_THROW(f.dataset("points").write(std::vector<Named>{{}}), TypeMismatchError);
  EXPECT_EQ(f.dataset("points").read<std::vector<Point>>()[0], (Point{1, 2, 3}));
  // Not a compound at all.
  f.create_dataset("numbers", std::vector<double>{1, 2, 3});
  EXPECT_THROW(f.dataset("numbers").read<std::vector<Point>>(), TypeMismatchError);
  EXPECT_THROW(f.dataset("numbers").write(std::vector<Named>(3)), TypeMismatchError);
  EXPECT_EQ(f.dataset("numbers").read<std::vector<double>>()[2], 3.0);
}

TEST_F(CompoundTest, FixedStringMembersOfAStoredCompound) {
  // What h5py writes for a numpy dtype [('id', '<i4'), ('name', 'S6'), ...].
  const Datatype fixed = Datatype::compound(
      4 + 6 + 2 * 3 + 24, {{"id", 0, Datatype::int32()},
                           {"name", 4, Datatype::fixed_string(6)},
                           {"tags", 10, Datatype::array(Datatype::fixed_string(3), {2})},
                           {"where", 16, dtype<Point>()}});
  Dataset ds = f.create_dataset("fixed", Shape{2}, fixed);
  ds.write(std::vector<Named>{{1, "abc", {"t", "uv"}, {1, 2, 3}}, {2, "sixsix", {"", "xyz"}, {}}});
  const auto back = ds.read<std::vector<Named>>();
  EXPECT_EQ(back[0].name, "abc");
  EXPECT_EQ(back[1].name, "sixsix");
  EXPECT_EQ(back[0].tags[1], "uv");
  EXPECT_EQ(back[1].tags[1], "xyz");
  EXPECT_EQ(back[0].where, (Point{1, 2, 3}));
  // Too long for the fixed field: an error, and nothing written.
  EXPECT_THROW(ds.write(std::vector<Named>{{5, "seven77", {}, {}}, {6, "", {}, {}}}), InvalidArgumentError);
  EXPECT_EQ(ds.read<std::vector<Named>>()[0].id, 1);
}

TEST_F(CompoundTest, VarLenMemberAgainstAFixedStoredField) {
  const Datatype stored = Datatype::compound(16, {{"label", 0, Datatype::variable_string()},
                                                  {"samples", 8, Datatype::float64()}});
  f.create_dataset("d", Shape{1}, stored);
  EXPECT_THROW(f.dataset("d").read<std::vector<WithRows>>(), TypeMismatchError);
  EXPECT_THROW(f.dataset("d").write(std::vector<WithRows>{{"a", {1.0}}}), TypeMismatchError);
}

TEST_F(CompoundTest, PlainStructFillValue) {
  const Dataset ds = f.create_dataset("filled", Shape{2}, dtype<Point>(), DatasetOptions{}.fill_value(Point{1, 2, 3}));
  EXPECT_EQ(ds.read<std::vector<Point>>()[1], (Point{1, 2, 3}));
  EXPECT_EQ(ds.fill_value<Point>(), (Point{1, 2, 3}));
}

TEST_F(CompoundTest, EnumMembersMustKnowEachOthersNames) {
  // The stored compound's kind enum has a name (comet) the C++ Kind lacks: HDF5 would turn it into garbage.
  const Datatype kinds = Datatype::enumeration(Datatype::int16(), {{"star", 1}, {"planet", 7}, {"comet", 9}});
  const Datatype stored = Datatype::compound(2, {{"kind", 0, kinds}});
  f.create_dataset("k", Shape{1}, stored);
  // Writing a planet into a compound whose enum only knows star.
  const auto narrow = Datatype::compound(2, {{"kind", 0, Datatype::enumeration(Datatype::int16(), {{"star", 1}})}});
  f.create_dataset("narrow", Shape{1}, narrow);
  EXPECT_THROW(f.dataset("narrow").write(std::vector<KindOnly>{{Kind::planet}}), TypeMismatchError);
  EXPECT_THROW(f.dataset("k").read<std::vector<KindOnly>>(), TypeMismatchError);
  f.create_dataset("ok", std::vector<KindOnly>{{Kind::planet}, {Kind::star}});
  EXPECT_EQ(f.dataset("ok").read<std::vector<KindOnly>>()[0].kind, Kind::planet);
}

}  // namespace
}  // namespace h5kit
