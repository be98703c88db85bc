// Attributes across the h5kit <-> h5py boundary.
//   A: h5kit writes attributes, tests/interop/h5py_attributes.py check-* reads them with h5py.
//   B: h5py_attributes.py write-all writes attributes, h5kit reads them back.
#include <algorithm>
#include <complex>
#include <cstdint>
#include <limits>
#include <string>
#include <vector>

#include <gtest/gtest.h>

#include "h5kit/h5kit.hpp"
#include "interop/interop_support.hpp"
#include "interop/peer_file_fixture.hpp"
#include "support/temp_dir.hpp"

namespace h5kit::test {
namespace {

constexpr char kScript[] = "h5py_attributes.py";

template <class T>
void set_numeric(const AttributeManager& attrs, const std::string& name) {
  attrs.set(name, std::numeric_limits<T>::max());
  attrs.set("vec_" + name, numeric_values<T>());
}

// ---- A: h5kit writes, h5py checks --------------------------------------------------------------

TEST(interop_attributes, H5pyReadsNumericBoolComplexAndMultiDimAttributes) {
  TempDir dir;
  const std::string path = dir / "typed_attrs.h5";
  {
    File f(path, "w");
    const h5kit::Group group = f.create_group("group");
    const h5kit::Dataset data = f.create_dataset("data", std::vector<double>{1.0, 2.0});
    for (const AttributeManager& a : {f.attrs(), group.attrs(), data.attrs()}) {
      set_numeric<std::int8_t>(a, "int8");
      set_numeric<std::int16_t>(a, "int16");
      set_numeric<std::int32_t>(a, "int32");
      set_numeric<std::int64_t>(a, "int64");
      set_numeric<std::uint8_t>(a, "uint8");
      set_numeric<std::uint16_t>(a, "uint16");
      set_numeric<std::uint32_t>(a, "uint32");
      set_numeric<std::uint64_t>(a, "uint64");
      set_numeric<float>(a, "float32");
      set_numeric<double>(a, "float64");
      a.set("bool", true);
      a.set("bools", std::vector<bool>{false, true, true});
      a.set("complex128", std::complex<double>(1.0, -1.0));
      a.set("complex64s", std::vector<std::complex<float>>{{0.5f, 0.25f}, {0.0f, -3.0f}});
      a.set("matrix", std::vector<std::vector<double>>{{1, 2}, {3, 4}, {5, 6}});
      a.set("ndarray", NDArray<std::int32_t>(Shape{2, 2}, {7, 8, 9, 10}));
    }
  }
  EXPECT_TRUE(run_peer_case(kScript, "check-typed", {path}));
}

TEST(interop_attributes, H5pyReadsStringAndEnumAttributes) {
  TempDir dir;
  const std::string path = dir / "string_attrs.h5";
  {
    File f(path, "w");
    const h5kit::Dataset data = f.create_dataset("data", std::vector<float>{20.5f, 21.0f});
    const AttributeManager a = data.attrs();
    a.set("units", std::string("m/s\u00b2"));
    a.set("description", "Temperature at 2 m, \u00b0C");  // a string literal
    a.set("labels", std::vector<std::string>{"x", "yy", "", "\u03bb"});
    a.set("fixed", std::string("abc"), Datatype::fixed_string(4));
    a.set("fixed_list", std::vector<std::string>{"a", "bcd"}, Datatype::fixed_string(3));
    a.set("color", Color::blue);
    a.set("colors", std::vector<Color>{Color::green, Color::red, Color::blue});
  }
  EXPECT_TRUE(run_peer_case(kScript, "check-strings-enums", {path}));
}

TEST(interop_attributes, H5pySeesStoredTypesAfterSetModifyEraseAndRename) {
  TempDir dir;
  const std::string path = dir / "stored_attrs.h5";
  {
    File f(path, "w");
    const AttributeManager a = f.create_group("group").attrs();
    a.set("narrow", 7, Datatype::int16());
    a.set("as_f32", std::vector<double>{0.5, 1.5, 2.5}, Datatype::float32());
    a.set("modified", std::int16_t{1});
    a.modify("modified", 300);  // an int written into the stored int16
    a.set("replaced", 1);
    a.set("replaced", std::string("now text"));
    a.set("removed", 1.0);
    a.erase("removed");
    a.set("renamed_from", 11);
    a.rename("renamed_from", "renamed_to");
    EXPECT_EQ(a.size(), 5u);
  }
  EXPECT_TRUE(run_peer_case(kScript, "check-stored-types", {path}));
}

TEST(interop_attributes, H5pySeesTheOldValueAfterASetThatDoesNotFitTheStoredType) {
  TempDir dir;
  const std::string path = dir / "kept_attrs.h5";
  {
    File f(path, "w");
    const AttributeManager a = f.create_group("group").attrs();
    a.set("kept", std::int32_t{5});
    // attribute.hpp: "Values that do not fit the type are an error, never truncated", and the old
    // attribute is removed only once the new one is written.
    EXPECT_THROW(a.set("kept", 100000, Datatype::int16()), h5kit::Error);
    EXPECT_EQ(a.get<std::int32_t>("kept"), 5);
    EXPECT_THROW(a.set("negative", -1, Datatype::uint8()), h5kit::Error);
    EXPECT_FALSE(a.contains("negative"));
    EXPECT_EQ(a.size(), 1u);
  }
  EXPECT_TRUE(run_peer_case(kScript, "check-kept", {path}));
}

TEST(interop_attributes, H5pyListsAttributesInCreationOrderWhenTracked) {
  TempDir dir;
  const std::string path = dir / "ordered_attrs.h5";
  {
    File f(path, "w");
    const h5kit::Group ordered = f.create_group("ordered", GroupOptions{.track_order = true});
    const h5kit::Dataset ordered_data =
        f.create_dataset("ordered_data", std::vector<int>{1}, h5kit::DatasetOptions{}.track_order());
    const h5kit::Group plain = f.create_group("plain");
    for (std::int32_t i = 0; i < 4; ++i) {
      ordered.attrs().set(kOrder[static_cast<std::size_t>(i)], i);
      ordered_data.attrs().set(kOrder[static_cast<std::size_t>(i)], i);
      plain.attrs().set(kOrder[static_cast<std::size_t>(i)], i);
    }
    const h5kit::Group many = f.create_group("many", GroupOptions{.track_order = true});
    for (std::int64_t i = 11; i >= 0; --i) many.attrs().set("a" + std::string(i < 10 ? "0" : "") + std::to_string(i), i);
    many.attrs().set("a05", std::string("replaced"));
    EXPECT_EQ(many.attrs().size(), 12u);
  }
  EXPECT_TRUE(run_peer_case(kScript, "check-order", {path}));
}

// ---- B: h5py writes, h5kit checks --------------------------------------------------------------

class interop_attributes_from_h5py : public PeerFileTest<kScript, "write-all", "attrs_from_h5py.h5"> {
 protected:
  // The same attributes sit on the root group, a group and a dataset.
  std::vector<std::pair<std::string, AttributeManager>> holders() const {
    return {{"/", file_.attrs()}, {"/group", file_.group("group").attrs()}, {"/data", file_.dataset("data").attrs()}};
  }
};

TEST_F(interop_attributes_from_h5py, NumericScalars) {
  for (const auto& [where, a] : holders()) {
    SCOPED_TRACE(where);
    EXPECT_EQ(a.open("i64").dtype().name(), "int64");
    EXPECT_EQ(a.open("i64").shape(), Shape{});
    EXPECT_EQ(a.get<std::int64_t>("i64"), 42);
    EXPECT_EQ(a.open("f64").dtype().name(), "float64");
    EXPECT_EQ(a.get<double>("f64"), 2.5);
    EXPECT_EQ(a.open("f32").dtype().name(), "float32");
    EXPECT_EQ(a.get<float>("f32"), 0.1f);
    EXPECT_EQ(a.open("i8").dtype().name(), "int8");
    EXPECT_EQ(a.get<std::int8_t>("i8"), -128);
    EXPECT_EQ(a.open("u16").dtype().name(), "uint16");
    EXPECT_EQ(a.get<std::uint16_t>("u16"), 65535);
    EXPECT_EQ(a.open("u64").dtype().name(), "uint64");
    EXPECT_EQ(a.get<std::uint64_t>("u64"), std::numeric_limits<std::uint64_t>::max());
  }
}

TEST_F(interop_attributes_from_h5py, Strings) {
  for (const auto& [where, a] : holders()) {
    SCOPED_TRACE(where);
    EXPECT_EQ(a.open("str").dtype().name(), "str");
    EXPECT_EQ(a.get<std::string>("str"), "Gr\u00fc\u00dfe");
    EXPECT_EQ(a.open("bytes").dtype().name(), "bytes");
    EXPECT_EQ(a.get<std::string>("bytes"), "abc");
    EXPECT_EQ(a.open("fixed").dtype().name(), "S5");
    EXPECT_EQ(a.get<std::string>("fixed"), "ab");  // NUL padding removed
    EXPECT_EQ(a.open("fixed_list").dtype().name(), "S3");
    EXPECT_EQ(a.get<std::vector<std::string>>("fixed_list"), (std::vector<std::string>{"a", "bcd", ""}));
    EXPECT_EQ(a.open("str_list").dtype().name(), "str");
    EXPECT_EQ(a.open("str_list").shape(), (Shape{4}));
    EXPECT_EQ(a.get<std::vector<std::string>>("str_list"), (std::vector<std::string>{"a", "bb", "", "\u03bb"}));
  }
}

TEST_F(interop_attributes_from_h5py, BoolComplexAndEnum) {
  for (const auto& [where, a] : holders()) {
    SCOPED_TRACE(where);
    EXPECT_EQ(a.open("bool").dtype().name(), "bool");
    EXPECT_TRUE(a.get<bool>("bool"));
    EXPECT_EQ(a.open("bools").dtype().name(), "bool");
    EXPECT_EQ(a.get<std::vector<bool>>("bools"), (std::vector<bool>{true, false, true}));
    EXPECT_EQ(a.open("c128").dtype().name(), "complex128");
    EXPECT_EQ(a.get<std::complex<double>>("c128"), std::complex<double>(1.0, -2.0));
    EXPECT_EQ(a.open("c64").dtype().name(), "complex64");
    EXPECT_EQ(a.get<std::complex<float>>("c64"), std::complex<float>(0.5f, 0.25f));
    const Datatype enum_type = a.open("enum").dtype();
    EXPECT_EQ(enum_type.type_class(), h5kit::TypeClass::enumeration);
    EXPECT_EQ(enum_type.super().name(), "int8");
    EXPECT_EQ(a.get<Rgb>("enum"), Rgb::BLUE);
  }
}

TEST_F(interop_attributes_from_h5py, ArraysAndEmpty) {
  for (const auto& [where, a] : holders()) {
    SCOPED_TRACE(where);
    EXPECT_EQ(a.open("int_list").dtype().name(), "int64");
    EXPECT_EQ(a.open("int_list").shape(), (Shape{3}));
    EXPECT_EQ(a.get<std::vector<std::int64_t>>("int_list"), (std::vector<std::int64_t>{1, 2, 3}));
    EXPECT_EQ(a.open("matrix").shape(), (Shape{2, 3}));
    EXPECT_EQ(a.open("matrix").size(), 6u);
    EXPECT_EQ(a.get<std::vector<std::vector<double>>>("matrix"),
              (std::vector<std::vector<double>>{{0, 1, 2}, {3, 4, 5}}));
    const auto matrix = a.get<NDArray<double>>("matrix");
    EXPECT_EQ(matrix.shape(), (Shape{2, 3}));
    EXPECT_EQ(matrix(1, 2), 5.0);
    const h5kit::Attribute empty = a.open("empty");
    EXPECT_TRUE(empty.is_empty());
    EXPECT_EQ(empty.size(), 0u);
    EXPECT_EQ(empty.dtype().name(), "float64");
    EXPECT_TRUE(empty.read_native().is_empty());
  }
}

TEST_F(interop_attributes_from_h5py, NamesAndMembership) {
  const std::vector<std::string> expected = {"bool", "bools", "bytes", "c128", "c64", "empty", "enum", "f32", "f64",
                                             "fixed", "fixed_list", "i64", "i8", "int_list", "matrix", "str", "str_list", "u16",
                                             "u64"};
  for (const auto& [where, a] : holders()) {
    SCOPED_TRACE(where);
    EXPECT_EQ(a.size(), expected.size());
    EXPECT_EQ(a.keys(), expected);  // not tracked: name order, as h5py lists them
    EXPECT_TRUE(a.contains("matrix"));
    EXPECT_FALSE(a.contains("nope"));
    EXPECT_THROW(a.open("nope"), h5kit::NotFoundError);
  }
}

TEST_F(interop_attributes_from_h5py, CreationOrderWhenTracked) {
  EXPECT_EQ(file_.group("ordered").attrs().keys(), kOrder);
  EXPECT_EQ(file_.dataset("ordered_data").attrs().keys(), kOrder);
  std::vector<std::string> by_name = kOrder;
  std::sort(by_name.begin(), by_name.end());
  EXPECT_EQ(file_.group("plain").attrs().keys(), by_name);
  for (std::size_t i = 0; i < kOrder.size(); ++i)
    EXPECT_EQ(file_.group("ordered").attrs().get<std::int32_t>(kOrder[i]), static_cast<std::int32_t>(i));
}

}  // namespace
}  // namespace h5kit::test
