// SWMR files across the h5kit <-> h5py boundary (the DAQ layer's killed-writer trials are in
// tests/daq/streaming_kill_test.cpp).
//   A: h5kit writes in SWMR mode while h5py (tests/interop/h5py_swmr.py read-live) reads the live
//      file with swmr=True and refreshes after h5kit's next flush.
//   B: h5py writes a file in SWMR mode; h5kit reads it as a SWMR reader.
#include <cstdint>
#include <cstdio>
#include <fstream>
#include <string>
#include <vector>

#include <gtest/gtest.h>

#include "h5kit/h5kit.hpp"
#include "interop/interop_support.hpp"
#include "support/temp_dir.hpp"

namespace h5kit::test {
namespace {

TEST(interop_swmr, H5pyReadsALiveH5kitSwmrFileAndSeesTheNextFlush) {
  TempDir dir;
  const std::string path = dir / "live.h5";
  File f(path, "w");  // h5kit's default bounds are the latest format, which SWMR needs
  const Dataset log = f.create_dataset("log", Shape{0, 3}, dtype<double>(),
                                       DatasetOptions{}.maxshape({unlimited, 3}).chunks({16, 3}));
  f.start_swmr_write();
  constexpr int rows = 4;
  for (int i = 0; i < rows; ++i) log.append(std::vector<double>{3.0 * i, 3.0 * i + 1, 3.0 * i + 2});
  log.flush();

  const std::string command = std::string(H5KIT_PEER_PYTHON) + " " +
                              shell_quote(std::string(H5KIT_TEST_SOURCE_DIR) + "/interop/h5py_swmr.py") +
                              " read-live " + shell_quote(path) + " " + std::to_string(rows) + " 2>&1";
  FILE* peer = ::popen(command.c_str(), "r");
  ASSERT_NE(peer, nullptr);
  std::string output;
  char line[4096];
  while (std::fgets(line, sizeof line, peer)) {  // up to "read": h5py holds the file open
    output += line;
    if (std::string(line) == "read\n") break;
  }
  log.append(std::vector<double>{12, 13, 14});
  log.flush();
  std::ofstream(path + ".next") << "go";
  while (std::fgets(line, sizeof line, peer)) output += line;
  const int status = ::pclose(peer);
  EXPECT_EQ(status, 0) << output;
}

TEST(interop_swmr, H5kitReadsAnH5pySwmrFileAsASwmrReader) {
  TempDir dir;
  const std::string path = dir / "h5py_swmr.h5";
  ASSERT_TRUE(run_peer_case("h5py_swmr.py", "write-swmr", {path}));
  FileOptions swmr;
  swmr.swmr = true;
  const File f(path, "r", swmr);
  EXPECT_TRUE(f.swmr_mode());
  const Dataset frames = f.dataset("frames");
  frames.refresh();
  EXPECT_EQ(frames.shape(), (Shape{5, 4}));
  EXPECT_EQ(frames.maxshape(), (Shape{unlimited, 4}));
  EXPECT_EQ(frames.read_element<std::int32_t>({4, 3}), 43);
}

}  // namespace
}  // namespace h5kit::test
