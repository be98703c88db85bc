// Virtual datasets across the h5kit <-> h5py boundary.
//   A: h5kit writes same-file, other-file, selected, printf-style and growing mappings; h5py checks.
//   B: h5py_virtual.py write-virtual writes the same kinds; h5kit reads the data and the mappings.
#include <cstdint>
#include <string>
#include <vector>

#include <gtest/gtest.h>

#include "h5kit/h5kit.hpp"
#include "interop/interop_support.hpp"
#include "support/temp_dir.hpp"

namespace h5kit::test {
namespace {

constexpr char kScript[] = "h5py_virtual.py";

std::vector<std::int32_t> module_row(int m, std::size_t n) {
  std::vector<std::int32_t> row(n);
  for (std::size_t r = 0; r < n; ++r) row[r] = static_cast<std::int32_t>(100 * m + static_cast<int>(r));
  return row;
}

TEST(interop_virtual, H5pyReadsWhatH5kitMapped) {
  TempDir dir;
  const std::string path = dir / "vds.h5";
  for (int m : {0, 2}) {
    File source(dir / ("module-" + std::to_string(m) + ".h5"), "w");
    source.create_dataset("data", module_row(m, 5));
  }
  for (int n = 0; n < 3; ++n) {
    File source(dir / ("frames-" + std::to_string(n) + ".h5"), "w");
    NDArray<std::uint16_t> frames({10, 4});
    for (std::size_t k = 0; k < frames.size(); ++k) frames.data()[k] = static_cast<std::uint16_t>(1000 * n + k);
    source.create_dataset("data", frames);
  }
  {
    File f(path, "w");
    VirtualLayout same({4, 6}, dtype<std::int32_t>());
    for (int m = 0; m < 4; ++m) same.map({m}, VirtualSource(f.create_dataset("modules/" + std::to_string(m), module_row(m, 6))));
    f.create_virtual_dataset("frames", same);

    VirtualLayout others({3, 5}, dtype<std::int32_t>());
    for (int m = 0; m < 3; ++m) others.map({m}, VirtualSource("module-" + std::to_string(m) + ".h5", "/data", {5}));
    f.create_virtual_dataset("other_files", others, DatasetOptions{}.fill_value(std::int32_t{-1}));

    const Dataset source = f.create_dataset("source", module_row(0, 20));
    VirtualLayout selected({2, 5}, dtype<std::int32_t>());
    selected.map({0}, VirtualSource(source)[{s(0, 10, 2)}]).map({1, s(1, 4)}, VirtualSource(source)[{s(-3, none)}]);
    f.create_virtual_dataset("selected", selected, DatasetOptions{}.fill_value(std::int32_t{7}));

    VirtualLayout printf_style({0, 4}, dtype<std::uint16_t>(), Shape{unlimited, 4});
    printf_style.map({multi_block(0, 10, none, 10), all}, VirtualSource("frames-%b.h5", "/data", {10, 4}));
    f.create_virtual_dataset("printf", printf_style);

    const Dataset log = f.create_dataset("log", Shape{2, 3}, dtype<std::int32_t>(),
                                         DatasetOptions{}.maxshape({unlimited, 3}).chunks({2, 3}));
    log.write(NDArray<std::int32_t>({2, 3}, {0, 1, 2, 3, 4, 5}));
    VirtualLayout grows({2, 3}, dtype<std::int32_t>(), Shape{unlimited, 3});
    f.create_virtual_dataset("grows", grows.map(VirtualSource(log)));
    log.append(std::vector<std::int32_t>{6, 7, 8});
  }
  EXPECT_TRUE(run_peer_case(kScript, "check-virtual", {path}));
}

TEST(interop_virtual, H5kitReadsWhatH5pyMapped) {
  TempDir dir;
  ASSERT_TRUE(run_peer_case(kScript, "write-virtual", {dir.path().string()}));
  File f(dir / "vds.h5", "r");

  const Dataset stack = f.dataset("stack");
  ASSERT_TRUE(stack.is_virtual());
  const NDArray<std::int32_t> rows = stack.read<NDArray<std::int32_t>>();
  EXPECT_EQ(rows(1, 3), 103);
  EXPECT_EQ(rows(2, 4), 204);
  EXPECT_EQ(stack.fill_value<std::int32_t>(), -9);
  const std::vector<VirtualMapping> mappings = stack.virtual_sources();
  ASSERT_EQ(mappings.size(), 3u);
  EXPECT_EQ(mappings[1].file, "src-1.h5");
  EXPECT_EQ(mappings[1].dataset, "data");
  EXPECT_EQ(to_string(mappings[1].region), "[1, :]");

  const Dataset picked = f.dataset("picked");
  const NDArray<double> p = picked.read<NDArray<double>>();
  EXPECT_EQ(std::vector<double>(p.data(), p.data() + p.size()), (std::vector<double>{0, 2, 4, 0.5, 10, 11}));
  EXPECT_EQ(picked.virtual_sources()[0].file, ".");
  EXPECT_EQ(to_string(picked.virtual_sources()[0].source_region), "[:5:2]");
  EXPECT_EQ(to_string(picked.virtual_sources()[1].region), "[1, 1:]");

  const Dataset endless = f.dataset("endless");
  EXPECT_EQ(endless.maxshape(), Shape{unlimited});
  EXPECT_EQ(endless.read<std::vector<std::int64_t>>(), (std::vector<std::int64_t>{0, 1, 2, 3, 40, 50}));
  ASSERT_TRUE(endless.virtual_sources()[0].region.hyperslab);
  const Hyperslab region = *endless.virtual_sources()[0].region.hyperslab;
  EXPECT_TRUE(region.count[0] == unlimited || region.block[0] == unlimited);
}

}  // namespace
}  // namespace h5kit::test
