// External raw storage, bitfields, paged files, unknown filters and scales by name across the
// h5kit <-> h5py boundary.
//   A: h5kit writes, tests/interop/h5py_storage_kinds.py check-kinds inspects with h5py.
//   B: h5py_storage_kinds.py write-kinds writes the same kinds, h5kit reads them.
#include <cstdint>
#include <string>
#include <vector>

#include <gtest/gtest.h>

#include "h5kit/h5kit.hpp"
#include "interop/interop_support.hpp"
#include "support/temp_dir.hpp"

namespace h5kit::test {
namespace {

constexpr char kScript[] = "h5py_storage_kinds.py";

TEST(interop_storage_kinds, H5pyReadsWhatH5kitStored) {
  TempDir dir;
  const std::string path = dir / "kinds.h5";
  {
    FileOptions paged;
    paged.fs_strategy = FileSpaceStrategy::page;
    paged.fs_persist = true;
    File f(path, "w", paged);
    f.create_dataset("external", std::vector<std::int32_t>{0, 1, 2, 3, 4, 5},
                     DatasetOptions{}.external({{dir / "raw.bin"}}));
    f.create_dataset("flags", std::vector<std::uint16_t>{1, 0x8001, 0xFFFF}, DatasetOptions{}.dtype(Datatype::bitfield(2)));
    f.create_dataset("flags_be", std::vector<std::uint32_t>{0x01020304u, 0x80000000u},
                     DatasetOptions{}.dtype(Datatype::bitfield(4).with_byte_order(ByteOrder::big)));
    const Dataset unknown = f.create_dataset(
        "unknown", Shape{4}, dtype<std::int32_t>(), DatasetOptions{}.chunks({4}).filter(40000, {}, true).allow_unknown_filter());
    unknown.write_chunk({0}, std::vector<std::byte>(5, std::byte{0x2a}));
    const Dataset time = f.create_dataset("time", std::vector<double>{0, 1, 2});
    time.make_scale("time");
    f.create_dataset("data", std::vector<double>{0, 0, 0}).dims(0).attach_scale(time);
  }
  EXPECT_TRUE(run_peer_case(kScript, "check-kinds", {path}));
}

TEST(interop_storage_kinds, H5kitReadsWhatH5pyStored) {
  TempDir dir;
  ASSERT_TRUE(run_peer_case(kScript, "write-kinds", {dir.path().string()}));
  FileOptions buffered;
  buffered.page_buffer_size = 1 << 16;
  File f(dir / "kinds.h5", "r", buffered);
  EXPECT_EQ(f.file_space(), (FileSpaceInfo{FileSpaceStrategy::page, true, 64, 8192}));
  EXPECT_EQ(f.page_buffer_size(), std::size_t{1} << 16);
  const Dataset external = f.dataset("external");
  EXPECT_EQ(external.external(), (std::vector<ExternalFile>{{dir / "h5py.bin", 16, 32}}));
  EXPECT_EQ(external.read<std::vector<double>>(), (std::vector<double>{0, 1, 2, 3}));
  const Dataset flags = f.dataset("flags");
  EXPECT_EQ(flags.dtype().type_class(), TypeClass::bitfield);
  EXPECT_EQ(flags.read<std::vector<std::uint8_t>>(), (std::vector<std::uint8_t>{1, 2, 0x81}));
  EXPECT_EQ(f.dataset("data").dims(0).scale("time").path(), "/time");
}

}  // namespace
}  // namespace h5kit::test
