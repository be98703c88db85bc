// Free-space management of new files and the page buffer (h5py's fs_strategy, fs_persist,
// fs_threshold, fs_page_size, page_buf_size), read back, and their refusals.
#include <cstdint>
#include <string>
#include <vector>

#include <gtest/gtest.h>

#include "h5kit/h5kit.hpp"
#include "support/temp_dir.hpp"

namespace h5kit {
namespace {

using test::TempDir;

std::string invalid_argument_message(const std::string& path, const std::string& mode, const FileOptions& o) {
  try {
    File f(path, mode, o);
  } catch (const InvalidArgumentError& e) {
    return e.what();
  }
  return "(no error)";
}

TEST(FileSpace, HdfFivesDefaultWhenNothingIsAsked) {
  TempDir dir;
  File f(dir / "plain.h5", "w");
  EXPECT_EQ(f.file_space(), (FileSpaceInfo{FileSpaceStrategy::fsm, false, 1, 4096}));
  EXPECT_EQ(f.page_buffer_size(), 0u);
}

TEST(FileSpace, PagedFileWithPageBufferRoundTrips) {
  TempDir dir;
  const std::string path = dir / "paged.h5";
  FileOptions create;
  create.fs_strategy = FileSpaceStrategy::page;
  create.fs_persist = true;
  create.fs_threshold = 128;
  create.fs_page_size = 8192;
  {
    File f(path, "w", create);
    f.create_dataset("x", std::vector<double>(5000, 2.5));
    EXPECT_EQ(f.file_space(), (FileSpaceInfo{FileSpaceStrategy::page, true, 128, 8192}));
  }
  FileOptions read;
  read.page_buffer_size = 65536;
  read.page_buffer_min_meta_percent = 20;
  File f(path, "r", read);
  EXPECT_EQ(f.page_buffer_size(), 65536u);
  EXPECT_EQ(f.file_space().strategy, FileSpaceStrategy::page);
  EXPECT_EQ(f.dataset("x").read<std::vector<double>>(), std::vector<double>(5000, 2.5));
}

TEST(FileSpace, OtherStrategiesAreStored) {
  TempDir dir;
  for (const FileSpaceStrategy s : {FileSpaceStrategy::aggregate, FileSpaceStrategy::no_reuse, FileSpaceStrategy::fsm}) {
    FileOptions o;
    o.fs_strategy = s;
    const std::string path = dir / ("s" + std::to_string(static_cast<int>(s)) + ".h5");
    File(path, "w", o).create_group("g");
    EXPECT_EQ(File(path, "r").file_space().strategy, s);
  }
}

TEST(FileSpace, RefusalsSayWhy) {
  TempDir dir;
  const std::string plain = dir / "plain.h5";
  File(plain, "w").create_group("g");
  FileOptions buffer;
  buffer.page_buffer_size = 65536;
  EXPECT_NE(invalid_argument_message(plain, "r", buffer).find("needs a file created with FileSpaceStrategy::page"),
            std::string::npos)
      << invalid_argument_message(plain, "r", buffer);
  FileOptions odd;
  odd.page_buffer_size = 5000;
  EXPECT_NE(invalid_argument_message(plain, "r", odd).find("power of two, got 5000"), std::string::npos);
  FileOptions too_much;
  too_much.page_buffer_size = 65536;
  too_much.page_buffer_min_meta_percent = 70;
  too_much.page_buffer_min_raw_percent = 40;
  EXPECT_NE(invalid_argument_message(plain, "r", too_much).find("more than 100"), std::string::npos);
  FileOptions strategy;
  strategy.fs_strategy = FileSpaceStrategy::page;
  EXPECT_NE(invalid_argument_message(plain, "r+", strategy).find("apply when a file is created"), std::string::npos);
  EXPECT_NE(invalid_argument_message(plain, "a", strategy).find("on a file that exists"), std::string::npos);
  // Creating with a page buffer but HDF5's default strategy: the same plain words as when opening.
  EXPECT_NE(invalid_argument_message(dir / "buffered.h5", "w", buffer).find("needs a file created with"),
            std::string::npos)
      << invalid_argument_message(dir / "buffered.h5", "w", buffer);
  FileOptions create_paged;
  create_paged.fs_strategy = FileSpaceStrategy::page;
  create_paged.fs_page_size = 8192;
  const std::string paged = dir / "paged.h5";
  File(paged, "w", create_paged).create_group("g");
  FileOptions small_buffer;
  small_buffer.page_buffer_size = 4096;
  EXPECT_NE(invalid_argument_message(paged, "r", small_buffer).find("(4096 bytes) must be at least the file's page size"),
            std::string::npos)
      << invalid_argument_message(paged, "r", small_buffer);
  FileOptions small_page;
  small_page.fs_page_size = 100;
  EXPECT_NE(invalid_argument_message(dir / "new.h5", "w", small_page).find("at least 512 bytes"), std::string::npos);
}

}  // namespace
}  // namespace h5kit
