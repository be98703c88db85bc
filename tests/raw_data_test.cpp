// Dataset::read_native(offset, count) and native_dtype(): a block of any dataset in its native
// memory type, as generic tools (h5kit dump) read a large dataset piece by piece.
#include <cstdint>
#include <cstring>
#include <vector>

#include <gtest/gtest.h>

#include "h5kit/h5kit.hpp"
#include "support/temp_dir.hpp"

namespace h5kit {
namespace {

using test::TempDir;

TEST(ReadNativeBlock, ABlockInTheNativeType) {
  TempDir dir;
  File f(dir / "n.h5", "w");
  NDArray<std::int32_t> grid({4, 5});
  for (std::size_t k = 0; k < grid.size(); ++k) grid.data()[k] = static_cast<std::int32_t>(k);
  const Dataset d = f.create_dataset("grid", grid, DatasetOptions{}.dtype(Datatype::int32().with_byte_order(ByteOrder::big)));
  EXPECT_EQ(d.native_dtype(), Datatype::int32());  // big-endian stored, native in memory
  const RawData block = d.read_native({1, 2}, {2, 3});
  EXPECT_EQ(block.shape(), (Shape{2, 3}));
  EXPECT_EQ(block.type(), Datatype::int32());
  std::vector<std::int32_t> values(6);
  std::memcpy(values.data(), block.data(), sizeof(std::int32_t) * values.size());
  EXPECT_EQ(values, (std::vector<std::int32_t>{7, 8, 9, 12, 13, 14}));
  EXPECT_THROW((void)d.read_native({3, 0}, {2, 5}), InvalidArgumentError);  // past the extent
  {
    const ScopedReadBudget budget(8);
    EXPECT_THROW((void)d.read_native({0, 0}, {1, 3}), OutOfMemoryError);  // 12 bytes
    EXPECT_EQ(d.read_native({0, 0}, {1, 2}).shape(), (Shape{1, 2}));
  }
}

}  // namespace
}  // namespace h5kit
