// Bitfield types (HDF5's B8..B64): created with Datatype::bitfield, read and written as unsigned
// integers of their size (h5py's habit), big-endian ones swapped, other pairs refused.
#include <cstdint>
#include <functional>
#include <string>
#include <vector>

#include <gtest/gtest.h>

#include "h5kit/h5kit.hpp"
#include "support/temp_dir.hpp"

namespace h5kit {
namespace {

using test::TempDir;

TEST(Bitfield, StoredAsBitsReadAsUnsignedIntegers) {
  TempDir dir;
  File f(dir / "bits.h5", "w");
  const std::vector<std::uint16_t> flags{0x0001, 0x8001, 0xffff, 0};
  const Dataset d = f.create_dataset("flags", flags, DatasetOptions{}.dtype(Datatype::bitfield(2)));
  EXPECT_EQ(d.dtype().type_class(), TypeClass::bitfield);
  EXPECT_EQ(d.dtype().name(), "bitfield16");
  EXPECT_EQ(d.read<std::vector<std::uint16_t>>(), flags);
  EXPECT_EQ((d[{1}].read<std::uint16_t>()), 0x8001);
  d.attrs().set("mask", std::uint8_t{0xa5}, Datatype::bitfield(1));
  EXPECT_EQ(d.attrs().open("mask").dtype().type_class(), TypeClass::bitfield);
  EXPECT_EQ(d.attrs().open("mask").read<std::uint8_t>(), 0xa5);
}

TEST(Bitfield, BigEndianBitsAreSwapped) {
  TempDir dir;
  File f(dir / "bits.h5", "w");
  const Datatype big = Datatype::bitfield(4).with_byte_order(ByteOrder::big);
  EXPECT_EQ(big.byte_order(), ByteOrder::big);
  const Dataset d = f.create_dataset("status", std::vector<std::uint32_t>{0x01020304u, 0x80000000u},
                                     DatasetOptions{}.dtype(big));
  EXPECT_EQ(d.read<std::vector<std::uint32_t>>(), (std::vector<std::uint32_t>{0x01020304u, 0x80000000u}));
  EXPECT_EQ(d.dtype().byte_order(), ByteOrder::big);
}

TEST(Bitfield, OtherSizesAndSignedIntegersAreRefused) {
  TempDir dir;
  File f(dir / "bits.h5", "w");
  const Dataset d = f.create_dataset("flags", std::vector<std::uint16_t>{1, 2}, DatasetOptions{}.dtype(Datatype::bitfield(2)));
  for (const auto& read : std::vector<std::function<void()>>{[&] { d.read<std::vector<std::uint32_t>>(); },
                                                              [&] { d.read<std::vector<std::int16_t>>(); },
                                                              [&] { d.read<std::vector<double>>(); }}) {
    try {
      read();
      ADD_FAILURE() << "a bitfield16 reads as uint16 only";
    } catch (const TypeMismatchError& e) {
      EXPECT_NE(std::string(e.what()).find("bitfield16"), std::string::npos) << e.what();
    }
  }
  EXPECT_THROW(Datatype::bitfield(3), InvalidArgumentError);
}

}  // namespace
}  // namespace h5kit
