// File options beyond modes and drivers: format bounds read back, the file-wide chunk cache, file
// locking (checked against a second process holding the file), images (a file from bytes and the bytes
// of a file), and track_times off by default (identical writes give identical bytes).
#include <chrono>
#include <cstddef>
#include <fstream>
#include <iterator>
#include <string>
#include <thread>
#include <vector>

#include <gtest/gtest.h>

#include "h5kit/h5kit.hpp"
#include "support/temp_dir.hpp"

namespace h5kit {
namespace {

using test::TempDir;

std::vector<std::byte> file_bytes(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  std::vector<char> chars((std::istreambuf_iterator<char>(in)), {});
  std::vector<std::byte> out(chars.size());
  for (std::size_t i = 0; i < chars.size(); ++i) out[i] = static_cast<std::byte>(chars[i]);
  return out;
}

TEST(FileOptions, LibverBoundsReadBack) {
  TempDir dir;
  EXPECT_EQ(File(dir / "latest.h5", "w").libver(), std::make_pair(LibVersion::latest, LibVersion::latest));
  FileOptions o;
  o.libver_low = LibVersion::earliest;
  o.libver_high = LibVersion::v110;  // the same bound as latest in HDF5 1.10: read back as latest
  EXPECT_EQ(File(dir / "early.h5", "w", o).libver(), std::make_pair(LibVersion::earliest, LibVersion::latest));
  o.libver_low = LibVersion::v18;
  EXPECT_EQ(File(dir / "v18.h5", "w", o).libver(), std::make_pair(LibVersion::v18, LibVersion::latest));
}

TEST(FileOptions, TheFileChunkCacheIsEveryDatasetsDefault) {
  TempDir dir;
  FileOptions o;
  o.chunk_cache = ChunkCache{4 << 20, 10007, 0.5};
  File f(dir / "cache.h5", "w", o);
  EXPECT_EQ(f.chunk_cache(), (ChunkCache{4 << 20, 10007, 0.5}));
  f.create_dataset("d", Shape{100, 100}, dtype<double>(), DatasetOptions{}.chunks({10, 10}));
  EXPECT_EQ(f.dataset("d").chunk_cache(), (ChunkCache{4 << 20, 10007, 0.5}));
  EXPECT_EQ(File(dir / "plain.h5", "w").chunk_cache(), (ChunkCache{1 << 20, 521, 0.75}));  // HDF5's defaults
  o.chunk_cache.w0 = 1.5;
  EXPECT_THROW(File(dir / "bad.h5", "w", o), InvalidArgumentError);
}

// A second process (h5py) holds the file open for writing: HDF5 1.10's lock refuses a second writer,
// and locking off lets h5kit open it anyway (what NFS users need, at their own risk).
TEST(FileOptions, LockingOffOpensAFileAnotherWriterHolds) {
  TempDir dir;
  const std::string path = dir / "locked.h5";
  // h5py's default format: the latest one also marks an open writer in its superblock, which HDF5
  // checks whatever the locking (that is what FileOptions::swmr reads through).
  FileOptions earliest;
  earliest.libver_low = LibVersion::earliest;
  File(path, "w", earliest).create_dataset("x", 1);
  const std::string ready = dir / "ready";
  const std::string script = "import h5py, os, time\nf = h5py.File('" + path + "', 'r+')\nopen('" + ready +
                             "', 'w').close()\ntime.sleep(20)\n";
  {
    std::ofstream(dir / "hold.py") << script;
  }
  // Its output goes to /dev/null: a child holding the command's pipe would make run_command wait for it.
  const std::string holder =
      std::string(H5KIT_PEER_PYTHON) + " " + test::shell_quote(dir / "hold.py") + " >/dev/null 2>&1 & echo $!";
  const test::CommandResult started = test::run_command(holder);
  ASSERT_EQ(started.exit_code, 0) << started.output;
  const std::string pid = started.output.substr(0, started.output.find_first_of("\r\n"));
  for (int i = 0; i < 200 && !std::ifstream(ready); ++i) std::this_thread::sleep_for(std::chrono::milliseconds(50));
  ASSERT_TRUE(std::ifstream(ready).good()) << "the h5py holder did not start";
  FileOptions locked;
  locked.locking = FileLocking::on;
  EXPECT_THROW(File(path, "r+", locked), FileError);
  FileOptions unlocked;
  unlocked.locking = FileLocking::off;
  EXPECT_EQ(File(path, "r", unlocked).dataset("x").read<int>(), 1);
  FileOptions best_effort;
  best_effort.locking = FileLocking::best_effort;
  EXPECT_THROW(File(path, "r+", best_effort), FileError);  // this file system can lock: so it does
  test::run_command("kill " + pid);
}

TEST(FileOptions, AFileFromBytesAndTheBytesOfAFile) {
  TempDir dir;
  FileOptions memory;
  memory.driver = Driver::core;
  memory.backing_store = false;
  std::vector<std::byte> bytes;
  {
    File f(dir / "never_on_disk.h5", "w", memory);
    f.create_dataset("values", std::vector<int>{1, 2, 3});
    f.attrs().set("title", std::string("in memory"));
    bytes = f.image();
  }
  EXPECT_FALSE(std::filesystem::exists(dir / "never_on_disk.h5"));
  ASSERT_GT(bytes.size(), 8U);
  File read_only = File::from_image(bytes);
  EXPECT_EQ(read_only.dataset("values").read<std::vector<int>>(), (std::vector<int>{1, 2, 3}));
  EXPECT_EQ(read_only.attrs().get<std::string>("title"), "in memory");
  EXPECT_EQ(read_only.mode(), "r");
  File writable = File::from_image(bytes, "r+");
  writable.create_dataset("more", 4.5);
  const std::vector<std::byte> changed = writable.image();
  EXPECT_EQ(File::from_image(changed).dataset("more").read<double>(), 4.5);
  EXPECT_FALSE(File::from_image(bytes).contains("more")) << "the first image is a copy, unchanged";
  // The image of a file on disk is its bytes.
  {
    File disk(dir / "disk.h5", "w");
    disk.create_dataset("x", 7);
  }
  EXPECT_EQ(File(dir / "disk.h5").image(), file_bytes(dir / "disk.h5"));
  // Bad bytes and modes.
  const std::vector<std::byte> junk(100, std::byte{0x42});
  try {
    (void)File::from_image(junk);
    FAIL() << "not HDF5";
  } catch (const FileError& e) {
    EXPECT_NE(std::string(e.what()).find("file image of 100 bytes"), std::string::npos) << e.what();
  }
  EXPECT_THROW((void)File::from_image({}), FileError);
  EXPECT_THROW((void)File::from_image(bytes, "w"), InvalidArgumentError);
}

TEST(FileOptions, IdenticalWritesMakeIdenticalFilesWithoutTrackTimes) {
  TempDir dir;
  // h5py's default format (libver earliest): group headers hold no times there. In the latest format
  // the root group's header records them (HDF5's default for groups, kept as in h5py), so files differ
  // by their root group alone.
  FileOptions earliest;
  earliest.libver_low = LibVersion::earliest;
  auto write = [&](const std::string& name, bool times) {
    File f(dir / name, "w", earliest);
    f.create_dataset("data", std::vector<double>{1, 2, 3}, DatasetOptions{}.track_times(times));
    f.create_dataset("empty", Empty{dtype<int>()});
  };
  write("a.h5", false);
  std::this_thread::sleep_for(std::chrono::milliseconds(1100));  // object times have one-second resolution
  write("b.h5", false);
  EXPECT_EQ(file_bytes(dir / "a.h5"), file_bytes(dir / "b.h5"));
  write("c.h5", true);
  std::this_thread::sleep_for(std::chrono::milliseconds(1100));
  write("d.h5", true);
  EXPECT_NE(file_bytes(dir / "c.h5"), file_bytes(dir / "d.h5")) << "with times, the two files differ";
}

}  // namespace
}  // namespace h5kit
