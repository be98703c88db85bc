#include "h5kit/datatype.hpp"

#include <gtest/gtest.h>

#include "h5kit/error.hpp"
#include "h5kit/inspector.hpp"

namespace h5kit {
namespace {

TEST(Datatype, NumericNames) {
  EXPECT_EQ(dtype<std::int8_t>().name(), "int8");
  EXPECT_EQ(dtype<std::uint64_t>().name(), "uint64");
  EXPECT_EQ(dtype<float>().name(), "float32");
  EXPECT_EQ(dtype<std::vector<double>>().name(), "float64");
  EXPECT_EQ(dtype<bool>().name(), "bool");
  EXPECT_EQ(dtype<std::complex<float>>().name(), "complex64");
  EXPECT_EQ(dtype<std::string>().name(), "str");
  EXPECT_EQ(Datatype::variable_string(CharSet::ascii).name(), "bytes");
  EXPECT_EQ(Datatype::fixed_string(3, CharSet::utf8).name(), "S3:utf8");
  EXPECT_EQ(Datatype::object_reference().name(), "ref");
}

TEST(Datatype, Introspection) {
  EXPECT_EQ(Datatype::int16().type_class(), TypeClass::integer);
  EXPECT_TRUE(Datatype::int16().is_signed());
  EXPECT_FALSE(Datatype::uint16().is_signed());
  EXPECT_EQ(Datatype::float64().size(), 8u);
  EXPECT_TRUE(Datatype::complex128().is_complex());
  EXPECT_FALSE(Datatype::complex128().is_bool());
  EXPECT_TRUE(Datatype::boolean().is_bool());
  const auto m = Datatype::complex64().members();
  ASSERT_EQ(m.size(), 2u);
  EXPECT_EQ(m[1].name, "i");
  EXPECT_EQ(m[1].offset, 4u);
  EXPECT_TRUE(Datatype::variable_string().is_variable_string());
  EXPECT_EQ(Datatype::variable_string().charset(), CharSet::utf8);
  EXPECT_TRUE(Datatype::fixed_string(4).is_fixed_string());
  EXPECT_EQ(Datatype::fixed_string(4).size(), 4u);
}

TEST(Datatype, CompoundAndEnumBuilders) {
  const Datatype point = Datatype::compound(8, {{"x", 0, Datatype::int32()}, {"y", 4, Datatype::int32()}});
  EXPECT_EQ(point.name(), "compound{x:int32,y:int32}");
  const Datatype level = Datatype::enumeration(Datatype::uint8(), {{"LOW", 0}, {"HIGH", 10}});
  EXPECT_EQ(level.name(), "enum(uint8){LOW=0,HIGH=10}");
  EXPECT_EQ(level.super(), Datatype::uint8());
  EXPECT_THROW(Datatype::compound(4, {{"x", 0, Datatype::int64()}}), InvalidArgumentError);
  EXPECT_THROW(Datatype::fixed_string(0), InvalidArgumentError);
}

TEST(Datatype, Equality) {
  EXPECT_EQ(Datatype::int32(), dtype<int>());
  EXPECT_FALSE(Datatype::int32() == Datatype::uint32());
  EXPECT_EQ(Datatype::fixed_string(5), Datatype::fixed_string(5));
  EXPECT_FALSE(Datatype::fixed_string(5) == Datatype::fixed_string(6));
}

}  // namespace
}  // namespace h5kit
