// H5Backend (spec §5, §12 scenarios 1-7): groups, the group tree and walk order, CARRAY, EARRAY
// growth, VLARRAY and string arrays, compression.
#include <gtest/gtest.h>

#include "h5kit/daq.hpp"
#include "h5kit/h5kit.hpp"
#include "support/temp_dir.hpp"

namespace h5kit::test {
namespace {

using namespace h5kit::daq;

TEST(daq_backend, EArrayGrowsTo2x10x3) {
  TempDir dir;
  H5Backend h5;
  h5.open_file(dir / "e.h5", "w");
  EArray e = h5.create_earray("/", "earray", ElementType::uint32, {10, 3}, "an earray");
  EXPECT_EQ(e.get_int_tuple("shape"), (std::vector<std::int64_t>{0, 10, 3}));
  NDArray<std::uint32_t> block(Shape{10, 3}, 7u);
  e.append(block);
  EXPECT_EQ(e.get_int_tuple("shape"), (std::vector<std::int64_t>{1, 10, 3}));
  e.append(block);
  EXPECT_EQ(e.shape(), (Shape{2, 10, 3}));
  EXPECT_EQ(e.get_int_tuple("shape"), (std::vector<std::int64_t>{2, 10, 3}));
  EXPECT_EQ(h5.get_node("/earray").node_class(), NodeClass::earray);
  h5.close_file();
}

}  // namespace
}  // namespace h5kit::test
