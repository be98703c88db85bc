// A damaged file can declare an integer of 4 bytes with 64 bits of precision; HDF5 1.10.8 converts
// through it as if it were 8 bytes wide, so values outside int32 appear (and bytes past each
// element are read). h5kit refuses data I/O through such types (issue 19, bug 9).
#include <string>
#include <string_view>
#include <vector>

#include <gtest/gtest.h>

#include "h5kit/compound.hpp"
#include "h5kit/h5kit.hpp"
#include "support/damage.hpp"
#include "support/temp_dir.hpp"

namespace h5kit {
namespace {

using namespace std::literals;
using test::TempDir;

// A version-1 datatype message of a little-endian signed 4-byte integer: class 0 version 1,
// flags "signed", size 4, bit offset 0, precision 32. The earliest format keeps object headers
// without checksums, as h5py writes them, so patching the precision leaves HDF5 reading the file.
constexpr std::string_view int32_message = "\x10\x08\x00\x00\x04\x00\x00\x00\x00\x00\x20\x00"sv;
constexpr std::string_view int32_claiming_64_bits = "\x10\x08\x00\x00\x04\x00\x00\x00\x00\x00\x40\x00"sv;

FileOptions earliest_format() {
  FileOptions o;
  o.libver_low = LibVersion::earliest;
  o.libver_high = LibVersion::v18;
  return o;
}

void expect_damage_named(const TypeMismatchError& e, const std::string& object, const std::string& where) {
  const std::string m = e.what();
  EXPECT_EQ(e.object(), object) << m;
  EXPECT_NE(m.find("t.h5"), std::string::npos) << m;
  EXPECT_NE(m.find("the stored type is damaged: " + where + "an integer of 4 bytes cannot hold 64 bits of precision"),
            std::string::npos)
      << m;
}

TEST(StoredTypeCheck, AnIntegerClaimingMoreBitsThanItsBytesIsRefusedNotWidened) {
  TempDir dir;
  const std::string path = dir / "t.h5";
  {
    File f(path, "w", earliest_format());
    f.create_dataset("x", std::vector<std::int32_t>{1, -2, 3}).attrs().set("note", std::string("kept"));
  }
  ASSERT_EQ(test::overwrite_bytes(path, int32_message, int32_claiming_64_bits), 1);
  const File f(path, "r");
  const Dataset x = f.dataset("x");
  EXPECT_EQ(x.shape(), Shape{3});  // what does not go through the type still works
  EXPECT_EQ(x.attrs().get<std::string>("note"), "kept");
  try {
    (void)x.read<std::vector<std::int64_t>>();
    FAIL() << "read values through a 4-byte integer of 64 bits";
  } catch (const TypeMismatchError& e) {
    expect_damage_named(e, "/x", "");
  }
  EXPECT_THROW((void)x.read_native(), TypeMismatchError);
  EXPECT_THROW((void)x.read_element<std::int32_t>({0}), TypeMismatchError);
  EXPECT_THROW((void)x[{s(0, 2)}].read<std::vector<std::int32_t>>(), TypeMismatchError);
}

TEST(StoredTypeCheck, AnAttributeOfSuchATypeIsRefused) {
  TempDir dir;
  const std::string path = dir / "t.h5";
  {
    File f(path, "w", earliest_format());
    f.attrs().set("counts", std::vector<std::int32_t>{7, 8});
  }
  ASSERT_EQ(test::overwrite_bytes(path, int32_message, int32_claiming_64_bits), 1);
  const File f(path, "r");
  try {
    (void)f.attrs().get<std::vector<std::int32_t>>("counts");
    FAIL() << "read an attribute through a 4-byte integer of 64 bits";
  } catch (const TypeMismatchError& e) {
    expect_damage_named(e, "/", "");
  }
}

struct Sample {
  double weight = 0;
  std::int32_t count = 0;
};
BOOST_DESCRIBE_STRUCT(Sample, (), (weight, count))

TEST(StoredTypeCheck, ADamagedCompoundMemberIsNamed) {
  TempDir dir;
  const std::string path = dir / "t.h5";
  {
    File f(path, "w", earliest_format());
    f.create_dataset("samples", std::vector<Sample>{{0.5, 1}, {1.5, 2}});
  }
  ASSERT_EQ(test::overwrite_bytes(path, int32_message, int32_claiming_64_bits), 1);
  const File f(path, "r");
  try {
    (void)f.dataset("samples").read<std::vector<Sample>>();
    FAIL() << "read a compound through a damaged member type";
  } catch (const TypeMismatchError& e) {
    expect_damage_named(e, "/samples", "member 'count': ");
  }
}

}  // namespace
}  // namespace h5kit
