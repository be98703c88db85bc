// Byte order: big-endian types are named, written and read with the right values.
#include <chrono>
#include <cstdint>
#include <cstring>
#include <limits>
#include <numeric>
#include <vector>

#include <gtest/gtest.h>

#include "h5kit/h5kit.hpp"
#include "support/temp_dir.hpp"

namespace h5kit {
namespace {

using test::TempDir;

TEST(ByteOrder, NativeTypesAreLittleEndianAndBigEndianCopiesAreNamedSo) {
  EXPECT_EQ(Datatype::int32().byte_order(), ByteOrder::little);
  const Datatype be = Datatype::int32().with_byte_order(ByteOrder::big);
  EXPECT_EQ(be.byte_order(), ByteOrder::big);
  EXPECT_EQ(be.name(), "int32be");
  EXPECT_EQ(be.size(), 4u);
  EXPECT_FALSE(be == Datatype::int32());
  EXPECT_EQ(be.with_byte_order(ByteOrder::little), Datatype::int32());
  EXPECT_EQ(Datatype::float64().with_byte_order(ByteOrder::big).name(), "float64be");
  EXPECT_EQ(Datatype::uint16().with_byte_order(ByteOrder::big).name(), "uint16be");
  EXPECT_EQ(Datatype::int32().name(), "int32");  // native names are unchanged
  EXPECT_EQ(Datatype::variable_string().byte_order(), ByteOrder::none);
  EXPECT_THROW(Datatype::variable_string().with_byte_order(ByteOrder::big), InvalidArgumentError);
  EXPECT_THROW(Datatype::complex64().with_byte_order(ByteOrder::big), InvalidArgumentError);
  EXPECT_THROW(Datatype::int32().with_byte_order(ByteOrder::none), InvalidArgumentError);
  const Datatype bool_be = Datatype::enumeration(Datatype::int16().with_byte_order(ByteOrder::big), {{"A", 1}});
  EXPECT_EQ(bool_be.byte_order(), ByteOrder::big);
  EXPECT_EQ(bool_be.name(), "enum(int16be){A=1}");
}

TEST(ByteOrder, BigEndianDatasetsHoldBigEndianBytesAndReadBackAsNative) {
  TempDir dir;
  File f(dir / "be.h5", "w");
  const std::vector<std::int32_t> ints = {1, -2, 0x01020304, std::numeric_limits<std::int32_t>::min()};
  const Dataset ds = f.create_dataset("i4", ints, DatasetOptions{}.dtype(Datatype::int32().with_byte_order(ByteOrder::big)));
  EXPECT_EQ(ds.dtype().name(), "int32be");
  EXPECT_EQ(ds.read<std::vector<std::int32_t>>(), ints);
  EXPECT_EQ(ds.read<std::vector<std::int64_t>>(), (std::vector<std::int64_t>(ints.begin(), ints.end())));
  const std::vector<double> doubles = {1.5, -0.0, 1e300};
  const Dataset d8 = f.create_dataset("f8", doubles, DatasetOptions{}.dtype(Datatype::float64().with_byte_order(ByteOrder::big)));
  EXPECT_EQ(d8.read<std::vector<double>>(), doubles);
  EXPECT_EQ(d8.read<std::vector<float>>(), (std::vector<float>{1.5f, -0.0f, std::numeric_limits<float>::infinity()}));
  // Range checks still hold across byte orders.
  const Dataset u2 = f.create_dataset("u2", std::vector<std::uint16_t>{1, 65535},
                                      DatasetOptions{}.dtype(Datatype::uint16().with_byte_order(ByteOrder::big)));
  EXPECT_EQ(u2.read<std::vector<std::uint16_t>>(), (std::vector<std::uint16_t>{1, 65535}));
  EXPECT_THROW(u2.read<std::vector<std::int16_t>>(), TypeMismatchError);
  EXPECT_THROW(u2.write(std::vector<int>{-1, 0}), InvalidArgumentError);
  EXPECT_EQ(u2.read<std::vector<std::uint16_t>>(), (std::vector<std::uint16_t>{1, 65535}));
}

TEST(ByteOrder, ThirtyTwoMebibytesOfBigEndianReadAtAComparableSpeed) {
  TempDir dir;
  File f(dir / "speed.h5", "w");
  std::vector<std::int32_t> values(8 * 1024 * 1024);  // 32 MiB
  std::iota(values.begin(), values.end(), -4'000'000);
  f.create_dataset("le", values);
  f.create_dataset("be", values, DatasetOptions{}.dtype(Datatype::int32().with_byte_order(ByteOrder::big)));
  auto time_read = [&](const char* name) {
    std::vector<std::int32_t> out;
    const auto start = std::chrono::steady_clock::now();
    f.dataset(name).read(out);
    const auto seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
    EXPECT_EQ(out, values) << name;
    return seconds;
  };
  time_read("le");  // warm the page cache for both
  time_read("be");
  const double le = time_read("le"), be = time_read("be");
  std::printf("read 32 MiB int32: little-endian %.1f ms, big-endian %.1f ms\n", le * 1e3, be * 1e3);
  // HDF5's byte swap is a plain loop; anything beyond a small multiple would mean a slow path.
  EXPECT_LT(be, 10 * le + 0.2);
}

}  // namespace
}  // namespace h5kit
