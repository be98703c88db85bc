#include "h5kit/attribute.hpp"

#include <complex>
#include <limits>

#include <boost/describe/enum.hpp>
#include <gtest/gtest.h>

#include "h5kit/h5kit.hpp"
#include "support/damage.hpp"
#include "support/temp_dir.hpp"

namespace h5kit_test_enums {
enum class Color : std::int8_t { red = 1, green = 2, blue = 4 };
BOOST_DESCRIBE_ENUM(Color, red, green, blue)
}  // namespace h5kit_test_enums

namespace h5kit {
namespace {

using h5kit_test_enums::Color;
using test::TempDir;

class AttributeTest : public ::testing::Test {
 protected:
  TempDir dir;
  File f{dir / "a.h5", "w"};
  Group g = f.create_group("g");
};

TEST_F(AttributeTest, ScalarsKeepTheirTypes) {
  auto a = g.attrs();
  a.set("i8", std::int8_t{-8});
  a.set("u16", std::uint16_t{65535});
  a.set("i64", std::int64_t{-1} << 40);
  a.set("f32", 1.5f);
  a.set("f64", 2.25);
  a.set("yes", true);
  a.set("z", std::complex<double>(1, -2));
  EXPECT_EQ(a.get<std::int8_t>("i8"), -8);
  EXPECT_EQ(a.get<std::uint16_t>("u16"), 65535);
  EXPECT_EQ(a.get<std::int64_t>("i64"), std::int64_t{-1} << 40);
  EXPECT_EQ(a.get<float>("f32"), 1.5f);
  EXPECT_EQ(a.get<double>("f64"), 2.25);
  EXPECT_TRUE(a.get<bool>("yes"));
  EXPECT_EQ(a.get<std::complex<double>>("z"), std::complex<double>(1, -2));
  EXPECT_EQ(a.open("i8").dtype().name(), "int8");
  EXPECT_EQ(a.open("u16").dtype().name(), "uint16");
  EXPECT_EQ(a.open("f32").dtype().name(), "float32");
  EXPECT_EQ(a.open("yes").dtype().name(), "bool");
  EXPECT_EQ(a.open("z").dtype().name(), "complex128");
  EXPECT_EQ(a.open("f64").shape(), Shape{});
}

TEST_F(AttributeTest, StringsVectorsAndArrays) {
  auto a = g.attrs();
  a.set("station", std::string("15"));
  a.set("literal", "hello");
  a.set("list", std::vector<double>{1, 2, 3});
  a.set("names", std::vector<std::string>{"x", "yy", ""});
  a.set("fixed", std::array<int, 2>{4, 5});
  a.set("grid", std::vector<std::vector<int>>{{1, 2}, {3, 4}, {5, 6}});
  a.set("flags", std::vector<bool>{true, false, true});
  EXPECT_EQ(a.get<std::string>("station"), "15");
  EXPECT_EQ(a.get<std::string>("literal"), "hello");
  EXPECT_EQ(a.open("literal").dtype().name(), "str");
  EXPECT_EQ(a.get<std::vector<double>>("list"), (std::vector<double>{1, 2, 3}));
  EXPECT_EQ(a.get<std::vector<std::string>>("names"), (std::vector<std::string>{"x", "yy", ""}));
  EXPECT_EQ((a.get<std::array<int, 2>>("fixed")), (std::array<int, 2>{4, 5}));
  EXPECT_EQ(a.open("grid").shape(), (Shape{3, 2}));
  EXPECT_EQ(a.get<std::vector<std::vector<int>>>("grid")[2][1], 6);
  EXPECT_EQ(a.get<std::vector<bool>>("flags"), (std::vector<bool>{true, false, true}));
}

TEST_F(AttributeTest, DescribedEnumsAreHdf5Enums) {
  g.attrs().set("color", Color::green);
  const Datatype t = g.attrs().open("color").dtype();
  EXPECT_EQ(t.type_class(), TypeClass::enumeration);
  EXPECT_EQ(t.enum_members(), (std::vector<std::pair<std::string, std::int64_t>>{{"red", 1}, {"green", 2}, {"blue", 4}}));
  EXPECT_EQ(g.attrs().get<Color>("color"), Color::green);
}

TEST_F(AttributeTest, ExplicitTypes) {
  g.attrs().set("code", std::string("ABC"), Datatype::fixed_string(8));
  g.attrs().set("small", 300, Datatype::int16());
  EXPECT_EQ(g.attrs().open("code").dtype().name(), "S8");
  EXPECT_EQ(g.attrs().get<std::string>("code"), "ABC");
  EXPECT_EQ(g.attrs().open("small").dtype().name(), "int16");
  EXPECT_EQ(g.attrs().get<int>("small"), 300);
}

TEST_F(AttributeTest, TooLongFixedStringIsRefusedAndTheOldValueKept) {
  g.attrs().set("code", std::string("OLD"), Datatype::fixed_string(4));
  EXPECT_THROW(g.attrs().set("code", std::string("TOO LONG"), Datatype::fixed_string(4)), InvalidArgumentError);
  EXPECT_EQ(g.attrs().get<std::string>("code"), "OLD");
  EXPECT_EQ(g.attrs().keys(), std::vector<std::string>{"code"});  // no staging leftovers
}

TEST_F(AttributeTest, SetReplacesModifyKeepsTheType) {
  auto a = g.attrs();
  a.set("x", std::int16_t{1});
  a.modify("x", 2.0);  // same shape: written in place, converted to int16
  EXPECT_EQ(a.open("x").dtype().name(), "int16");
  EXPECT_EQ(a.get<int>("x"), 2);
  a.set("x", 2.5);  // replaced with the value's own type
  EXPECT_EQ(a.open("x").dtype().name(), "float64");
  a.modify("new", 5);
  EXPECT_EQ(a.get<int>("new"), 5);
}

// h5py's modify raises for a value of another shape or class; it replaced the attribute here once
// (an int16 scalar became an int64 array of 5).
TEST_F(AttributeTest, ModifyRefusesAnotherShapeOrClassAndKeepsTheAttribute) {
  auto a = g.attrs();
  a.set("x", std::int16_t{1});
  EXPECT_THROW(a.modify("x", std::vector<std::int64_t>{1, 2, 3, 4, 5}), ShapeMismatchError);
  EXPECT_THROW(a.modify("x", std::string("text")), TypeMismatchError);
  EXPECT_THROW(a.modify("x", 70000), Error);  // does not fit int16: refused, not wrapped
  EXPECT_EQ(a.open("x").dtype().name(), "int16");
  EXPECT_EQ(a.open("x").shape(), Shape{});
  EXPECT_EQ(a.get<int>("x"), 1);
  a.set("row", std::vector<double>{1, 2, 3});
  a.modify("row", std::vector<std::vector<double>>{{4, 5, 6}});  // (1, 3) fits (3,): axes of extent 1 aside
  EXPECT_EQ(a.get<std::vector<double>>("row"), (std::vector<double>{4, 5, 6}));
  a.set("nothing", Empty{Datatype::float64()});
  try {
    a.modify("nothing", 1.0);
    FAIL() << "an empty attribute was modified";
  } catch (const TypeMismatchError& e) {
    EXPECT_NE(std::string(e.what()).find("nothing"), std::string::npos) << e.what();
    EXPECT_NE(std::string(e.what()).find("empty"), std::string::npos) << e.what();
  }
  EXPECT_TRUE(a.open("nothing").is_empty());
  EXPECT_EQ(a.keys(), (std::vector<std::string>{"nothing", "row", "x"}));  // name order; no staging leftovers
}

TEST_F(AttributeTest, MapOperations) {
  auto a = g.attrs();
  a.set("b", 1);
  a.set("a", 2);
  EXPECT_EQ(a.size(), 2u);
  EXPECT_TRUE(a.contains("a"));
  EXPECT_FALSE(a.contains("c"));
  EXPECT_EQ(a.keys(), (std::vector<std::string>{"a", "b"}));
  a.rename("a", "c");
  EXPECT_EQ(a.keys(), (std::vector<std::string>{"b", "c"}));
  a.erase("b");
  EXPECT_EQ(a.size(), 1u);
  EXPECT_THROW(a.erase("b"), NotFoundError);
  try {
    a.get<int>("missing");
    FAIL();
  } catch (const NotFoundError& e) {
    EXPECT_EQ(e.object(), "/g");
    EXPECT_NE(std::string(e.what()).find("missing"), std::string::npos);
  }
}

TEST_F(AttributeTest, CreationOrderWhenTracked) {
  Group t = f.create_group("t", GroupOptions{.track_order = true});
  t.attrs().set("z", 1);
  t.attrs().set("a", 2);
  EXPECT_EQ(t.attrs().keys(), (std::vector<std::string>{"z", "a"}));
}

TEST_F(AttributeTest, ManyAndLargeAttributesUseDenseStorage) {
  for (int i = 0; i < 200; ++i) g.attrs().set("attr" + std::to_string(i), i);
  std::vector<double> big(100000, 3.0);  // 800 kB: beyond the 64 kB object-header limit
  g.attrs().set("big", big);
  EXPECT_EQ(g.attrs().size(), 201u);
  EXPECT_EQ(g.attrs().get<int>("attr150"), 150);
  EXPECT_EQ(g.attrs().get<std::vector<double>>("big"), big);
}

TEST_F(AttributeTest, ReadingIntoTheWrongTypeIsATypeMismatch) {
  g.attrs().set("s", std::string("text"));
  g.attrs().set("n", 5);
  try {
    g.attrs().get<int>("s");
    FAIL();
  } catch (const TypeMismatchError& e) {
    EXPECT_NE(std::string(e.what()).find("str"), std::string::npos) << e.what();
    EXPECT_NE(std::string(e.what()).find("int32"), std::string::npos) << e.what();
    EXPECT_NE(std::string(e.what()).find("\"s\""), std::string::npos) << e.what();
  }
  EXPECT_THROW(g.attrs().get<std::string>("n"), TypeMismatchError);
  g.attrs().set("grid", std::vector<std::vector<int>>{{1, 2}, {3, 4}});
  EXPECT_THROW(g.attrs().get<std::vector<int>>("grid"), ShapeMismatchError);
  EXPECT_THROW(g.attrs().get<int>("grid"), ShapeMismatchError);
  // Axes of extent 1 may be added or dropped: a scalar reads as [[5]].
  EXPECT_EQ(g.attrs().get<std::vector<std::vector<int>>>("n"), (std::vector<std::vector<int>>{{5}}));
}

TEST_F(AttributeTest, WritingTheWrongShapeIsAShapeMismatch) {
  Attribute at = g.attrs().create("pair", Shape{2}, Datatype::int32());
  at.write(std::vector<int>{1, 2});
  EXPECT_THROW(at.write(std::vector<int>{1, 2, 3}), ShapeMismatchError);
  EXPECT_EQ(at.read<std::vector<int>>(), (std::vector<int>{1, 2}));
  EXPECT_THROW(g.attrs().create("pair", Shape{1}, Datatype::int32()), AlreadyExistsError);
}

TEST_F(AttributeTest, AttributesOnDatasetsAndTheFile) {
  Dataset d = f.create_dataset("d", std::vector<int>{1});
  d.attrs().set("units", std::string("K"));
  f.attrs().set("version", 3);
  EXPECT_EQ(f.dataset("d").attrs().get<std::string>("units"), "K");
  EXPECT_EQ(f.attrs().get<int>("version"), 3);
}

}  // namespace
}  // namespace h5kit

namespace h5kit {
namespace {

TEST(AttributeConversion, ValuesThatDoNotFitTheStoredTypeAreRefused) {
  test::TempDir dir;
  File f(dir / "c.h5", "w");
  auto a = f.attrs();
  a.set("kept", std::int32_t{5});
  EXPECT_THROW(a.set("kept", 100000, Datatype::int16()), InvalidArgumentError);
  EXPECT_EQ(a.open("kept").dtype().name(), "int32");
  EXPECT_EQ(a.get<int>("kept"), 5);
  EXPECT_THROW(a.set("negative", -1, Datatype::uint8()), InvalidArgumentError);
  EXPECT_FALSE(a.contains("negative"));
  a.set("wide", std::int64_t{1} << 40);
  EXPECT_THROW(a.get<std::int32_t>("wide"), TypeMismatchError);
  EXPECT_EQ(a.get<double>("wide"), 1099511627776.0);
  a.set("huge", 1.0e300);
  EXPECT_EQ(a.get<float>("huge"), std::numeric_limits<float>::infinity());  // IEEE narrowing, as numpy
  a.set("inf", std::numeric_limits<double>::infinity());
  EXPECT_EQ(a.get<float>("inf"), std::numeric_limits<float>::infinity());  // inf stays inf
  EXPECT_THROW(a.get<int>("inf"), TypeMismatchError);
}

TEST(AttributeConversion, EmptyAttributesHaveNoElements) {
  test::TempDir dir;
  File f(dir / "e.h5", "w");
  Attribute e = f.attrs().create("pair", Shape{0}, Datatype::int32());
  EXPECT_EQ(e.size(), 0u);
}

}  // namespace
}  // namespace h5kit

namespace h5kit {
namespace {

TEST(AttributeEmpty, EmptyAttributesHaveATypeAndNoData) {
  test::TempDir dir;
  File f(dir / "e.h5", "w");
  f.attrs().set("nothing", 1);
  f.attrs().set("nothing", Empty{Datatype::float64()});
  Attribute a = f.attrs().open("nothing");
  EXPECT_TRUE(a.is_empty());
  EXPECT_EQ(a.size(), 0u);
  EXPECT_EQ(a.dtype().name(), "float64");
  EXPECT_TRUE(a.read<std::vector<double>>().empty());
  EXPECT_THROW(a.read<double>(), ShapeMismatchError);
}

// A null dataspace has no shape: the error says so rather than "shape (0,)", which is a real shape
// another attribute can have (issue 19, bug 10).
TEST(AttributeEmpty, ReadingANullAttributeAsAScalarSaysItIsEmptyNotOfShapeZero) {
  test::TempDir dir;
  File f(dir / "e.h5", "w");
  f.attrs().set("nothing", Empty{Datatype::float64()});
  f.attrs().create("zero", Shape{0}, Datatype::float64());
  const auto message = [&](const char* name) -> std::string {
    try {
      (void)f.attrs().get<double>(name);
    } catch (const ShapeMismatchError& e) {
      return e.what();
    }
    return "read a scalar";
  };
  const std::string null_read = message("nothing");
  EXPECT_NE(null_read.find("the stored value is empty (a null dataspace, h5py's Empty)"), std::string::npos)
      << null_read;
  EXPECT_EQ(null_read.find("(0,)"), std::string::npos) << null_read;
  const std::string zero_read = message("zero");
  EXPECT_NE(zero_read.find("the data is empty (shape (0,))"), std::string::npos) << zero_read;
}

// A damaged attribute table is an error, never a shorter list: dump and tree would otherwise show
// an object with no attributes and exit 0 (issue 19, bug 1).
TEST_F(AttributeTest, ADamagedAttributeTableIsAnErrorNotAnEmptyList) {
  for (int i = 0; i < 20; ++i) g.attrs().set("a" + std::to_string(i), i);  // > 8: dense storage
  ASSERT_EQ(g.attrs().keys().size(), 20u);
  const std::string path = f.filename();
  f.close();
  g.close();
  // The dense table's name index is the file's only version-2 B-tree (the groups store their
  // links compactly), so its header signature identifies it.
  ASSERT_EQ(test::overwrite_bytes(path, "BTHD", "XXXX"), 1);
  File damaged(path, "r");
  const Group dg = damaged.group("g");
  try {
    const auto keys = dg.attrs().keys();
    ADD_FAILURE() << "listed " << keys.size() << " attributes of a damaged table";
  } catch (const Error& e) {
    const std::string m = e.what();
    EXPECT_NE(m.find("list attributes"), std::string::npos) << m;
    EXPECT_NE(m.find("/g"), std::string::npos) << m;
    EXPECT_NE(m.find("a.h5"), std::string::npos) << m;
    // The file is open read-only, but that is not why the listing failed (issue 19, bug 5).
    EXPECT_EQ(m.find("read-only"), std::string::npos) << m;
  }
}

}  // namespace
}  // namespace h5kit
