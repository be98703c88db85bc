// Element types across the h5kit <-> h5py boundary, as datasets.
//   A: h5kit writes, tests/interop/h5py_types.py check-* reads with h5py and checks dtypes and values.
//   B: h5py_types.py write-all writes, h5kit reads and checks Datatype::name(), shapes and values.
#include <algorithm>
#include <array>
#include <complex>
#include <cstdint>
#include <cstring>
#include <limits>
#include <string>
#include <vector>

#include <boost/describe/enum.hpp>
#include <gtest/gtest.h>

#include "h5kit/h5kit.hpp"
#include "interop/interop_support.hpp"
#include "interop/peer_file_fixture.hpp"
#include "support/temp_dir.hpp"

namespace h5kit::test {
namespace {

enum class Level : std::int16_t { low = -1, mid = 0, high = 1000 };
BOOST_DESCRIBE_ENUM(Level, low, mid, high)

constexpr char kScript[] = "h5py_types.py";

const std::vector<std::string> kVlenStrings = {"alpha", "", "h\u00e9llo w\u00f6rld \u2713", "with\nnewline",
                                               "tab\there"};
const std::vector<std::complex<float>> kComplex64 = {{1.5f, -2.0f}, {0.0f, 0.0f}, {-0.25f, 1e10f}};
const std::vector<std::complex<double>> kComplex128 = {{1.5, -2.0}, {0.0, 0.0}, {-0.25, 1e300}, {1e-300, -7.0}};

// ---- A: h5kit writes, h5py checks --------------------------------------------------------------

TEST(interop_types, H5pyReadsEveryNumericTypeWithItsExactDtype) {
  TempDir dir;
  const std::string path = dir / "numeric.h5";
  {
    File f(path, "w");
    f.create_dataset("int8", numeric_values<std::int8_t>());
    f.create_dataset("int16", numeric_values<std::int16_t>());
    f.create_dataset("int32", numeric_values<std::int32_t>());
    f.create_dataset("int64", numeric_values<std::int64_t>());
    f.create_dataset("uint8", numeric_values<std::uint8_t>());
    f.create_dataset("uint16", numeric_values<std::uint16_t>());
    f.create_dataset("uint32", numeric_values<std::uint32_t>());
    f.create_dataset("uint64", numeric_values<std::uint64_t>());
    f.create_dataset("float32", numeric_values<float>());
    f.create_dataset("float64", numeric_values<double>());
  }
  EXPECT_TRUE(run_peer_case(kScript, "check-numeric", {path}));
}

TEST(interop_types, H5pyReadsBoolAsNumpyBoolAndComplexAsComplex) {
  TempDir dir;
  const std::string path = dir / "bool_complex.h5";
  {
    File f(path, "w");
    f.create_dataset("bools", std::vector<bool>{true, false, false, true});
    f.create_dataset("bool_scalar", true);
    f.create_dataset("bools_2d", std::vector<std::vector<bool>>{{true, false, true}, {false, false, true}});
    f.create_dataset("complex64", kComplex64);
    f.create_dataset("complex128", kComplex128);
    f.create_dataset("complex_scalar", std::complex<double>(3.0, -4.0));
  }
  EXPECT_TRUE(run_peer_case(kScript, "check-bool-complex", {path}));
}

TEST(interop_types, H5pyReadsVariableUtf8AndFixedAsciiStrings) {
  TempDir dir;
  const std::string path = dir / "strings.h5";
  {
    File f(path, "w");
    f.create_dataset("vlen", kVlenStrings);
    f.create_dataset("vlen_scalar", std::string("Gr\u00fc\u00dfe"));
    f.create_dataset("vlen_2d", std::vector<std::vector<std::string>>{{"a", "bb"}, {"ccc", "dddd"}});
    f.create_dataset("fixed", std::vector<std::string>{"ab", "abcdefgh", ""},
                     DatasetOptions{}.dtype(Datatype::fixed_string(8)));
    f.create_dataset("fixed_scalar", std::string("xyz"), DatasetOptions{}.dtype(Datatype::fixed_string(3)));
    f.create_dataset("fixed_utf8", std::vector<std::string>{"\u00e9t\u00e9", "ab"},
                     DatasetOptions{}.dtype(Datatype::fixed_string(8, h5kit::CharSet::utf8)));
    f.create_dataset("vlen_ascii", std::vector<std::string>{"raw", "bytes"},
                     DatasetOptions{}.dtype(Datatype::variable_string(h5kit::CharSet::ascii)));
  }
  EXPECT_TRUE(run_peer_case(kScript, "check-strings", {path}));
}

TEST(interop_types, H5pyReadsMultiDimensionalArraysFromNestedVectorsAndNDArray) {
  TempDir dir;
  const std::string path = dir / "multi_dim.h5";
  {
    File f(path, "w");
    f.create_dataset("nested", std::vector<std::vector<std::int32_t>>{{1, 2, 3}, {4, 5, 6}});
    NDArray<double> grid(Shape{3, 4});
    for (std::size_t i = 0; i < 3; ++i)
      for (std::size_t j = 0; j < 4; ++j) grid(i, j) = static_cast<double>(i * 10 + j) + 0.5;
    f.create_dataset("ndarray", grid);
    NDArray<std::uint16_t> cube(Shape{2, 3, 4});
    for (std::size_t k = 0; k < cube.size(); ++k) cube.data()[k] = static_cast<std::uint16_t>(k);
    f.create_dataset("ndarray3d", cube);
    f.create_dataset("ndarray_f32", NDArray<float>(Shape{2, 2}, {1.0f, 2.0f, 3.0f, 4.0f}));
    f.create_dataset("std_array", std::array<std::array<std::int16_t, 2>, 3>{{{1, -2}, {3, -4}, {5, -6}}});
    f.create_dataset("nested_f64", std::vector<std::vector<double>>{{0.5}, {1.5}, {2.5}});
    f.create_dataset("zero_1d", std::vector<double>{});
    f.create_dataset("zero_2d", NDArray<std::int32_t>(Shape{0, 3}));
    f.create_dataset("zero_nested", std::vector<std::vector<std::int16_t>>{});
  }
  EXPECT_TRUE(run_peer_case(kScript, "check-multi-dim", {path}));
}

TEST(interop_types, H5pyReadsScalarsAndEmptyDatasets) {
  TempDir dir;
  const std::string path = dir / "scalar_empty.h5";
  {
    File f(path, "w");
    f.create_dataset("i32", std::int32_t{42});
    f.create_dataset("f64", 2.5);
    f.create_dataset("u64", std::numeric_limits<std::uint64_t>::max());
    f.create_dataset("f32", -0.75f);
    f.create_dataset("empty_f8", h5kit::Empty{Datatype::float64()});
    f.create_dataset("empty_i4", h5kit::Empty{Datatype::int32()});
    f.create_dataset("empty_u8", h5kit::Empty{Datatype::uint8()});
    f.create_dataset("empty_str", h5kit::Empty{Datatype::variable_string()});
  }
  EXPECT_TRUE(run_peer_case(kScript, "check-scalar-empty", {path}));
}

TEST(interop_types, H5pyReadsDescribedEnumsAsEnumDtypes) {
  TempDir dir;
  const std::string path = dir / "enums.h5";
  {
    File f(path, "w");
    f.create_dataset("colors", std::vector<Color>{Color::red, Color::blue, Color::green, Color::blue});
    f.create_dataset("level", Level::high);
  }
  EXPECT_TRUE(run_peer_case(kScript, "check-enums", {path}));
}

// ---- B: h5py writes, h5kit checks --------------------------------------------------------------

class interop_types_from_h5py : public PeerFileTest<kScript, "write-all", "from_h5py.h5"> {
 protected:
  template <class T>
  void expect_numeric(const std::string& name) {
    SCOPED_TRACE(name);
    const h5kit::Dataset ds = file_.dataset(name);
    EXPECT_EQ(ds.dtype().name(), name);
    EXPECT_EQ(ds.dtype(), h5kit::dtype<T>());
    EXPECT_EQ(ds.shape(), (Shape{numeric_values<T>().size()}));
    const auto values = ds.read<std::vector<T>>();
    EXPECT_EQ(values, numeric_values<T>());
  }
};

TEST_F(interop_types_from_h5py, IntegersKeepTheirWidthSignAndExtremes) {
  expect_numeric<std::int8_t>("int8");
  expect_numeric<std::int16_t>("int16");
  expect_numeric<std::int32_t>("int32");
  expect_numeric<std::int64_t>("int64");
  expect_numeric<std::uint8_t>("uint8");
  expect_numeric<std::uint16_t>("uint16");
  expect_numeric<std::uint32_t>("uint32");
  expect_numeric<std::uint64_t>("uint64");
}

TEST_F(interop_types_from_h5py, FloatsKeepExtremesAndInfinities) {
  expect_numeric<float>("float32");
  expect_numeric<double>("float64");
}

TEST_F(interop_types_from_h5py, IntegersConvertToWiderTypesOnRead) {
  // HDF5 converts on read, as h5py's ds.astype() would.
  const auto as_double = file_.dataset("int16").read<std::vector<double>>();
  EXPECT_EQ(as_double, (std::vector<double>{-32768.0, -1.0, 0.0, 1.0, 32767.0}));
  const auto as_int64 = file_.dataset("uint32").read<std::vector<std::int64_t>>();
  EXPECT_EQ(as_int64, (std::vector<std::int64_t>{0, 1, 2147483647, 4294967295}));
}

TEST_F(interop_types_from_h5py, BoolEnumIsBool) {
  const h5kit::Dataset ds = file_.dataset("bools");
  EXPECT_EQ(ds.dtype().name(), "bool");
  EXPECT_TRUE(ds.dtype().is_bool());
  EXPECT_EQ(ds.dtype(), Datatype::boolean());
  EXPECT_EQ(ds.read<std::vector<bool>>(), (std::vector<bool>{true, false, false, true}));
  const h5kit::Dataset scalar = file_.dataset("bool_scalar");
  EXPECT_TRUE(scalar.is_scalar());
  EXPECT_EQ(scalar.dtype().name(), "bool");
  EXPECT_FALSE(scalar.read<bool>());
}

TEST_F(interop_types_from_h5py, ComplexCompoundIsComplex) {
  const h5kit::Dataset c64 = file_.dataset("complex64");
  EXPECT_EQ(c64.dtype().name(), "complex64");
  EXPECT_TRUE(c64.dtype().is_complex());
  EXPECT_EQ(c64.read<std::vector<std::complex<float>>>(), kComplex64);
  const h5kit::Dataset c128 = file_.dataset("complex128");
  EXPECT_EQ(c128.dtype().name(), "complex128");
  EXPECT_EQ(c128.dtype(), Datatype::complex128());
  EXPECT_EQ(c128.read<std::vector<std::complex<double>>>(), kComplex128);
}

TEST_F(interop_types_from_h5py, VariableLengthStrings) {
  const h5kit::Dataset vlen = file_.dataset("vlen");
  EXPECT_EQ(vlen.dtype().name(), "str");
  EXPECT_TRUE(vlen.dtype().is_variable_string());
  EXPECT_EQ(vlen.dtype().charset(), h5kit::CharSet::utf8);
  EXPECT_EQ(vlen.read<std::vector<std::string>>(), kVlenStrings);
  EXPECT_EQ(vlen.read_block<std::vector<std::string>>({1}, {2}),
            (std::vector<std::string>{kVlenStrings[1], kVlenStrings[2]}));
  EXPECT_EQ(vlen.read_element<std::string>({4}), kVlenStrings[4]);
  const h5kit::Dataset scalar = file_.dataset("vlen_scalar");
  EXPECT_TRUE(scalar.is_scalar());
  EXPECT_EQ(scalar.dtype().name(), "str");
  EXPECT_EQ(scalar.read<std::string>(), "Gr\u00fc\u00dfe");
  const h5kit::Dataset bytes = file_.dataset("bytes_vlen");
  EXPECT_EQ(bytes.dtype().name(), "bytes");
  EXPECT_EQ(bytes.dtype().charset(), h5kit::CharSet::ascii);
  EXPECT_EQ(bytes.read<std::vector<std::string>>(), (std::vector<std::string>{"raw", "bytes"}));
}

TEST_F(interop_types_from_h5py, FixedLengthStringsLoseTheirNulPadding) {
  const h5kit::Dataset fixed = file_.dataset("fixed");
  EXPECT_EQ(fixed.dtype().name(), "S5");
  EXPECT_TRUE(fixed.dtype().is_fixed_string());
  EXPECT_EQ(fixed.dtype().size(), 5u);
  EXPECT_EQ(fixed.shape(), (Shape{4}));
  const auto values = fixed.read<std::vector<std::string>>();
  EXPECT_EQ(values, (std::vector<std::string>{"ab", "abcde", "", "x"}));
  for (const auto& v : values) EXPECT_EQ(v.find('\0'), std::string::npos) << "NUL kept in '" << v << "'";
  EXPECT_EQ(fixed.read_block<std::vector<std::string>>({0}, {2}), (std::vector<std::string>{"ab", "abcde"}));
  EXPECT_EQ(fixed.read_element<std::string>({3}), "x");
  const h5kit::Dataset scalar = file_.dataset("fixed_scalar");
  EXPECT_EQ(scalar.dtype().name(), "S3");
  EXPECT_TRUE(scalar.is_scalar());
  EXPECT_EQ(scalar.read<std::string>(), "xyz");
}

TEST_F(interop_types_from_h5py, FixedLengthUtf8Strings) {
  const h5kit::Dataset ds = file_.dataset("fixed_utf8");
  EXPECT_EQ(ds.dtype().name(), "S8:utf8");
  EXPECT_EQ(ds.dtype().charset(), h5kit::CharSet::utf8);
  EXPECT_EQ(ds.read<std::vector<std::string>>(), (std::vector<std::string>{"\u00e9t\u00e9", "ab"}));
}

TEST_F(interop_types_from_h5py, BigEndianDataIsConvertedOnRead) {
  const h5kit::Dataset i32 = file_.dataset("be_i32");
  EXPECT_EQ(i32.dtype().type_class(), h5kit::TypeClass::integer);
  EXPECT_EQ(i32.dtype().size(), 4u);
  EXPECT_TRUE(i32.dtype().is_signed());
  EXPECT_EQ(i32.read<std::vector<std::int32_t>>(), (std::vector<std::int32_t>{1, -2, 300000}));
  const h5kit::Dataset f64 = file_.dataset("be_f64");
  EXPECT_EQ(f64.dtype().type_class(), h5kit::TypeClass::floating);
  EXPECT_EQ(f64.read<std::vector<double>>(), (std::vector<double>{0.5, -1e300}));
}

TEST_F(interop_types_from_h5py, StructuredArrayIsACompound) {
  const h5kit::Dataset ds = file_.dataset("points");
  const Datatype type = ds.dtype();
  EXPECT_EQ(type.type_class(), h5kit::TypeClass::compound);
  EXPECT_EQ(type.name(), "compound{x:int32,y:float64}");
  EXPECT_EQ(type.size(), 12u);  // numpy packs structured dtypes
  const auto members = type.members();
  ASSERT_EQ(members.size(), 2u);
  EXPECT_EQ(members[0].name, "x");
  EXPECT_EQ(members[0].offset, 0u);
  EXPECT_EQ(members[0].type.name(), "int32");
  EXPECT_EQ(members[1].name, "y");
  EXPECT_EQ(members[1].offset, 4u);
  EXPECT_EQ(members[1].type.name(), "float64");
  const h5kit::RawData raw = ds.read_native();
  ASSERT_EQ(raw.count(), 2u);
  const std::size_t stride = raw.type().size();
  ASSERT_GE(stride, 12u);
  const std::vector<std::int32_t> xs = {1, -3};
  const std::vector<double> ys = {2.5, -1.0};
  const auto native_members = raw.type().members();
  ASSERT_EQ(native_members.size(), 2u);
  for (std::size_t k = 0; k < 2; ++k) {
    std::int32_t x = 0;
    double y = 0;
    std::memcpy(&x, raw.data() + k * stride + native_members[0].offset, sizeof x);
    std::memcpy(&y, raw.data() + k * stride + native_members[1].offset, sizeof y);
    EXPECT_EQ(x, xs[k]) << "record " << k;
    EXPECT_EQ(y, ys[k]) << "record " << k;
  }
}

TEST_F(interop_types_from_h5py, VariableLengthSequencesAreNamed) {
  const h5kit::Dataset ds = file_.dataset("vlen_ints");
  EXPECT_EQ(ds.dtype().type_class(), h5kit::TypeClass::vlen);
  EXPECT_EQ(ds.dtype().name(), "vlen(int32)");
  EXPECT_EQ(ds.dtype().super().name(), "int32");
  EXPECT_EQ(ds.shape(), (Shape{2}));
}

TEST_F(interop_types_from_h5py, MultiDimensionalArrays) {
  const h5kit::Dataset int2d = file_.dataset("int2d");
  EXPECT_EQ(int2d.dtype().name(), "int32");
  EXPECT_EQ(int2d.shape(), (Shape{3, 4}));
  const auto nested = int2d.read<std::vector<std::vector<std::int32_t>>>();
  ASSERT_EQ(nested.size(), 3u);
  for (std::size_t i = 0; i < 3; ++i) {
    ASSERT_EQ(nested[i].size(), 4u);
    for (std::size_t j = 0; j < 4; ++j) EXPECT_EQ(nested[i][j], static_cast<std::int32_t>(i * 4 + j) - 5);
  }
  const auto array = int2d.read<NDArray<std::int32_t>>();
  EXPECT_EQ(array.shape(), (Shape{3, 4}));
  EXPECT_EQ(array(2, 3), 6);
  EXPECT_EQ(array(1, 0), -1);

  const h5kit::Dataset cube = file_.dataset("f32_3d");
  EXPECT_EQ(cube.dtype().name(), "float32");
  EXPECT_EQ(cube.shape(), (Shape{2, 3, 4}));
  const auto values = cube.read<NDArray<float>>();
  ASSERT_EQ(values.shape(), (Shape{2, 3, 4}));
  for (std::size_t k = 0; k < values.size(); ++k)
    EXPECT_EQ(values.data()[k], static_cast<float>(k) / 4.0f) << "flat index " << k;
  EXPECT_EQ(values(1, 2, 3), 23.0f / 4.0f);
}

TEST_F(interop_types_from_h5py, ZeroSizedArraysKeepTheirShape) {
  const h5kit::Dataset one = file_.dataset("zero_1d");
  EXPECT_FALSE(one.is_empty());
  EXPECT_EQ(one.shape(), (Shape{0}));
  EXPECT_EQ(one.size(), 0u);
  EXPECT_TRUE(one.read<std::vector<std::int32_t>>().empty());
  const h5kit::Dataset two = file_.dataset("zero_2d");
  EXPECT_EQ(two.shape(), (Shape{0, 3}));
  EXPECT_EQ(two.size(), 0u);
  EXPECT_EQ(two.read<NDArray<double>>().shape(), (Shape{0, 3}));
  EXPECT_TRUE(two.read<std::vector<std::vector<double>>>().empty());
}

TEST_F(interop_types_from_h5py, ScalarsAndEmpty) {
  const h5kit::Dataset f64 = file_.dataset("scalar_f64");
  EXPECT_TRUE(f64.is_scalar());
  EXPECT_EQ(f64.shape(), Shape{});
  EXPECT_EQ(f64.size(), 1u);
  EXPECT_EQ(f64.dtype().name(), "float64");
  EXPECT_EQ(f64.read<double>(), 2.5);
  const h5kit::Dataset i64 = file_.dataset("scalar_i64");
  EXPECT_EQ(i64.dtype().name(), "int64");
  EXPECT_EQ(i64.read<std::int64_t>(), 42);

  const h5kit::Dataset empty_i4 = file_.dataset("empty_i4");
  EXPECT_TRUE(empty_i4.is_empty());
  EXPECT_FALSE(empty_i4.is_scalar());
  EXPECT_EQ(empty_i4.size(), 0u);
  EXPECT_EQ(empty_i4.dtype().name(), "int32");
  const h5kit::Dataset empty_f8 = file_.dataset("empty_f8");
  EXPECT_TRUE(empty_f8.is_empty());
  EXPECT_EQ(empty_f8.dtype().name(), "float64");
  const h5kit::RawData raw = empty_f8.read_native();
  EXPECT_TRUE(raw.is_empty());
  EXPECT_EQ(raw.count(), 0u);
}

TEST_F(interop_types_from_h5py, EnumWithNamesAndValues) {
  const h5kit::Dataset ds = file_.dataset("enum");
  const Datatype type = ds.dtype();
  EXPECT_EQ(type.type_class(), h5kit::TypeClass::enumeration);
  EXPECT_EQ(type.super().name(), "int8");
  auto members = type.enum_members();
  std::sort(members.begin(), members.end(), [](const auto& a, const auto& b) { return a.second < b.second; });
  const std::vector<std::pair<std::string, std::int64_t>> expected = {{"RED", 0}, {"GREEN", 1}, {"BLUE", 5}};
  EXPECT_EQ(members, expected);
  // HDF5 may list the members in its own order; each must appear as NAME=value.
  const std::string name = type.name();
  EXPECT_EQ(name.rfind("enum(int8){", 0), 0u) << name;
  for (const char* member : {"RED=0", "GREEN=1", "BLUE=5"}) EXPECT_NE(name.find(member), std::string::npos) << name;
  EXPECT_EQ(name.back(), '}') << name;
  EXPECT_EQ(ds.read<std::vector<Rgb>>(), (std::vector<Rgb>{Rgb::RED, Rgb::BLUE, Rgb::GREEN, Rgb::GREEN}));
}

}  // namespace
}  // namespace h5kit::test
