// SWMR in the core: File::start_swmr_write, FileOptions::swmr, Dataset::flush/refresh. A SWMR reader
// must be another process (HDF5 shares one open file per process), so the writer runs in a child
// forked before the parent opens any file, driven over pipes.
#include <gtest/gtest.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cstdint>
#include <cstdio>
#include <filesystem>
#include <functional>
#include <stdexcept>
#include <string>
#include <vector>

#include "h5kit/error.hpp"
#include "h5kit/h5kit.hpp"
#include "support/temp_dir.hpp"

namespace h5kit {
namespace {

using test::TempDir;

// A child process that runs `body(commands_in, replies_out)` and exits; the parent talks to it with
// one byte per step.
class Child {
 public:
  explicit Child(const std::function<void(int in, int out)>& body) {
    int to_child[2], to_parent[2];
    if (pipe(to_child) != 0 || pipe(to_parent) != 0) throw std::runtime_error("pipe failed");
    pid_ = fork();
    if (pid_ < 0) throw std::runtime_error("fork failed");
    if (pid_ == 0) {
      close(to_child[1]);
      close(to_parent[0]);
      int status = 0;
      try {
        body(to_child[0], to_parent[1]);
      } catch (const std::exception& e) {
        std::fprintf(stderr, "child: %s\n", e.what());
        status = 3;
      }
      _exit(status);
    }
    close(to_child[0]);
    close(to_parent[1]);
    out_ = to_child[1];
    in_ = to_parent[0];
  }
  ~Child() {
    if (out_ >= 0) close(out_);
    if (in_ >= 0) close(in_);
    if (pid_ > 0) waitpid(pid_, nullptr, 0);
  }
  void send(char c) const { ASSERT_EQ(write(out_, &c, 1), 1); }
  char receive() const {
    char c = 0;
    return read(in_, &c, 1) == 1 ? c : '\0';
  }
  int wait_exit() {
    close(out_);
    out_ = -1;
    int status = 0;
    waitpid(pid_, &status, 0);
    pid_ = -1;
    return WIFEXITED(status) ? WEXITSTATUS(status) : -1;
  }

 private:
  pid_t pid_ = -1;
  int out_ = -1, in_ = -1;
};

char read_byte(int fd) {
  char c = 0;
  return read(fd, &c, 1) == 1 ? c : '\0';
}
void write_byte(int fd, char c) {
  if (write(fd, &c, 1) != 1) throw std::runtime_error("pipe write failed");
}

std::vector<std::int64_t> iota_rows(std::int64_t from, std::int64_t to) {
  std::vector<std::int64_t> v;
  for (std::int64_t i = from; i < to; ++i) v.push_back(i * 3 + 1);
  return v;
}

// Writer: creates /x (int64, unlimited), switches to SWMR, then for each 'a' from the parent appends
// ten rows and flushes, replying 'k'.
void appending_writer(const std::string& path, int in, int out) {
  File f(path, "w");
  Dataset ds = f.create_dataset("x", Shape{0}, Datatype::int64(), DatasetOptions{}.chunks({16}).maxshape({unlimited}));
  f.start_swmr_write();
  write_byte(out, f.swmr_mode() ? 's' : 'n');
  std::int64_t rows = 0;
  while (read_byte(in) == 'a') {
    ds.resize({static_cast<std::size_t>(rows + 10)});
    ds.write_block(iota_rows(rows, rows + 10), {static_cast<std::size_t>(rows)});
    ds.flush();
    rows += 10;
    write_byte(out, 'k');
  }
}

TEST(FileSwmr, ReaderSeesEachFlushAfterRefresh) {
  TempDir dir;
  const auto path = dir / "live.h5";
  Child writer([&](int in, int out) { appending_writer(path, in, out); });
  ASSERT_EQ(writer.receive(), 's') << "the writer is not in SWMR mode after start_swmr_write()";
  writer.send('a');
  ASSERT_EQ(writer.receive(), 'k');

  {
    File reader(path, "r", FileOptions{.swmr = true});
    EXPECT_TRUE(reader.swmr_mode());
    EXPECT_EQ(reader.mode(), "r");
    Dataset ds = reader.dataset("x");
    EXPECT_EQ(ds.shape(), Shape{10});
    EXPECT_EQ(ds.read<std::vector<std::int64_t>>(), iota_rows(0, 10));

    writer.send('a');
    ASSERT_EQ(writer.receive(), 'k');
    EXPECT_EQ(ds.shape(), Shape{10}) << "the reader's view changed without refresh()";
    ds.refresh();
    EXPECT_EQ(ds.shape(), Shape{20});
    EXPECT_EQ(ds.read<std::vector<std::int64_t>>(), iota_rows(0, 20));
    writer.send('q');
    EXPECT_EQ(writer.wait_exit(), 0);
  }
  // Closed cleanly (and the reader's dataset and file closed), the file opens normally again.
  File after(path, "r");
  EXPECT_FALSE(after.swmr_mode());
  EXPECT_EQ(after.dataset("x").shape(), Shape{20});
}

TEST(FileSwmr, NormalOpenWhileASwmrWriterRunsSaysWhy) {
  TempDir dir;
  const auto path = dir / "busy.h5";
  Child writer([&](int in, int out) { appending_writer(path, in, out); });
  ASSERT_EQ(writer.receive(), 's');
  try {
    File f(path, "r");
    FAIL() << "opened a file a SWMR writer holds without swmr";
  } catch (const FileError& e) {
    EXPECT_EQ(e.file(), path);
    EXPECT_NE(std::string(e.what()).find("marked as open for writing"), std::string::npos) << e.what();
    EXPECT_NE(std::string(e.what()).find("h5kit recover"), std::string::npos) << e.what();
  }
  writer.send('q');
  EXPECT_EQ(writer.wait_exit(), 0);
}

TEST(FileSwmr, SwmrReadOfAFileWithoutWriterWorks) {
  TempDir dir;
  const auto path = dir / "plain.h5";
  {
    File f(path, "w");
    f.create_dataset("v", std::vector<int>{1, 2, 3});
    EXPECT_FALSE(f.swmr_mode());
  }
  File f(path, "r", FileOptions{.swmr = true});
  EXPECT_TRUE(f.swmr_mode());
  Dataset ds = f.dataset("v");
  ds.refresh();
  EXPECT_EQ(ds.read<std::vector<int>>(), (std::vector<int>{1, 2, 3}));
  ds.flush();  // read-only: nothing to write, and no error (as H5Dflush)
  EXPECT_EQ(ds.shape(), Shape{3});
}

TEST(FileSwmr, SwmrNeedsModeROrRPlus) {
  TempDir dir;
  for (const char* mode : {"w", "w-", "x", "a"}) {
    try {
      File f(dir / (std::string("m") + mode + ".h5"), mode, FileOptions{.swmr = true});
      FAIL() << "mode " << mode << " accepted swmr";
    } catch (const InvalidArgumentError& e) {
      EXPECT_NE(std::string(e.what()).find("start_swmr_write"), std::string::npos) << e.what();
    }
    EXPECT_FALSE(std::filesystem::exists(dir / (std::string("m") + mode + ".h5"))) << mode;
  }
}

TEST(FileSwmr, ReopenForSwmrWritingWithRPlus) {
  TempDir dir;
  const auto path = dir / "rw.h5";
  {
    File f(path, "w");
    f.create_dataset("x", Shape{0}, Datatype::float64(), DatasetOptions{}.chunks({8}).maxshape({unlimited}));
  }
  {
    File f(path, "r+", FileOptions{.swmr = true});
    EXPECT_TRUE(f.swmr_mode());
    EXPECT_EQ(f.mode(), "r+");
    Dataset ds = f.dataset("x");
    ds.resize({3});
    ds.write(std::vector<double>{1.5, 2.5, 3.5});
    ds.flush();
    f.start_swmr_write();  // already in SWMR mode: a no-op, as in h5py
  }
  File f(path, "r");
  EXPECT_EQ(f.dataset("x").read<std::vector<double>>(), (std::vector<double>{1.5, 2.5, 3.5}));
}

TEST(FileSwmr, StartSwmrWriteOnAReadOnlyFileIsRefused) {
  TempDir dir;
  const auto path = dir / "ro.h5";
  { File f(path, "w"); }
  File f(path, "r");
  try {
    f.start_swmr_write();
    FAIL() << "a read-only file started SWMR writing";
  } catch (const InvalidArgumentError& e) {
    EXPECT_EQ(e.file(), path);
    EXPECT_NE(std::string(e.what()).find("read-only"), std::string::npos) << e.what();
  }
  EXPECT_FALSE(f.swmr_mode());
}

TEST(FileSwmr, StartSwmrWriteNeedsTheLatestFormat) {
  TempDir dir;
  const auto path = dir / "old.h5";
  File f(path, "w", FileOptions{.libver_low = LibVersion::earliest, .libver_high = LibVersion::v18});
  try {
    f.start_swmr_write();
    FAIL() << "SWMR started on a file with 1.8 format bounds";
  } catch (const FileError& e) {
    EXPECT_EQ(e.file(), path);
    EXPECT_NE(std::string(e.what()).find("latest format bounds"), std::string::npos) << e.what();
  }
  EXPECT_FALSE(f.swmr_mode());
}

TEST(FileSwmr, StartSwmrWriteWithAnOpenAttributeFailsAndTheFileStaysUsable) {
  TempDir dir;
  const auto path = dir / "attr.h5";
  File f(path, "w");
  f.attrs().set("note", std::string("x"));
  {
    Attribute open_attr = f.attrs()["note"];
    EXPECT_THROW(f.start_swmr_write(), FileError);
    EXPECT_FALSE(f.swmr_mode());
  }
  f.start_swmr_write();  // with the attribute closed it works
  EXPECT_TRUE(f.swmr_mode());
}

TEST(FileSwmr, ClosedFileAndDatasetAreReported) {
  File f;
  EXPECT_THROW(f.start_swmr_write(), ClosedObjectError);
  EXPECT_THROW((void)f.swmr_mode(), ClosedObjectError);
  Dataset ds;
  EXPECT_THROW(ds.refresh(), ClosedObjectError);
  EXPECT_THROW(ds.flush(), ClosedObjectError);
}

}  // namespace
}  // namespace h5kit

namespace h5kit {
namespace {

// HDF5 1.10.8 reopens objects under their id at H5Fstart_swmr_write and H5Drefresh, and fails for an
// id with several references: h5kit's copies share one id.
TEST(FileSwmr, CopiedHandlesDoNotStopStartOrRefresh) {
  test::TempDir dir;
  const auto path = dir / "copies.h5";
  File f(path, "w");
  Group g = f.create_group("g");
  Group g_copy = g;
  Dataset ds = g.create_dataset("d", Shape{0}, Datatype::float64(), DatasetOptions{}.chunks({8}).maxshape({unlimited}));
  Dataset ds_copy = ds;
  f.start_swmr_write();
  EXPECT_TRUE(f.swmr_mode());
  ds.resize({2});
  ds_copy.write(std::vector<double>{1, 2});
  ds.flush();
  ds_copy.refresh();
  EXPECT_EQ(ds.shape(), Shape{2});
  EXPECT_EQ(ds.read<std::vector<double>>(), (std::vector<double>{1, 2}));
  EXPECT_EQ(g_copy.dataset("d").shape(), Shape{2});
}

}  // namespace
}  // namespace h5kit
