#include "h5kit/file.hpp"

#include <filesystem>
#include <fstream>
#include <vector>

#include <sys/stat.h>

#include <gtest/gtest.h>

#include "h5kit/error.hpp"
#include "h5kit/h5kit.hpp"
#include "support/temp_dir.hpp"

namespace h5kit {
namespace {

using test::TempDir;

TEST(File, ModeWCreatesAndTruncates) {
  TempDir dir;
  const auto path = dir / "a.h5";
  {
    File f(path, "w");
    f.create_group("g");
    EXPECT_EQ(f.mode(), "r+");
  }
  {
    File f(path, "w");
    EXPECT_FALSE(f.contains("g"));
  }
}

TEST(File, ModeRIsReadOnlyAndRequiresTheFile) {
  TempDir dir;
  const auto path = dir / "missing.h5";
  try {
    File f(path, "r");
    FAIL() << "opened a missing file";
  } catch (const FileError& e) {
    EXPECT_EQ(e.file(), path);
    EXPECT_NE(std::string(e.what()).find("no such file"), std::string::npos) << e.what();
  }
  { File f(path, "w"); }
  File f(path, "r");
  EXPECT_EQ(f.mode(), "r");
  EXPECT_THROW(f.create_group("x"), FileError);
}

// HDF5 waits forever on a FIFO for a writer and reads a device without end: only regular files
// open, and each refusal says what the path is (issue 19, bug 7).
TEST(File, OnlyRegularFilesOpenAndTheErrorSaysWhatThePathIs) {
  TempDir dir;
  const std::string fifo = dir / "pipe";
  ASSERT_EQ(mkfifo(fifo.c_str(), 0600), 0);
  const auto refusal = [](const std::string& path, const char* mode) -> std::string {
    try {
      File f(path, mode);
    } catch (const FileError& e) {
      EXPECT_EQ(e.file(), path);
      return e.detail();
    }
    return "opened";
  };
  EXPECT_EQ(refusal(fifo, "r"), "is a FIFO (named pipe), not a regular file");
  EXPECT_EQ(refusal(fifo, "r+"), "is a FIFO (named pipe), not a regular file");
  EXPECT_EQ(refusal("/dev/zero", "r"), "is a character device, not a regular file");
  EXPECT_EQ(refusal(dir / "missing.h5", "r"), "no such file");
  EXPECT_EQ(refusal(dir.path().string(), "r"), "is a directory");
  std::filesystem::create_symlink("loop_b", dir / "loop_a");
  std::filesystem::create_symlink("loop_a", dir / "loop_b");
  EXPECT_EQ(refusal(dir / "loop_a", "r"), "its symbolic links make a loop");
  { File f(dir / "real.h5", "w"); }
  std::filesystem::create_symlink("real.h5", dir / "link.h5");
  EXPECT_EQ(refusal(dir / "link.h5", "r"), "opened");  // a link to a regular file is one
}

TEST(File, ModeRPlusRequiresTheFile) {
  TempDir dir;
  EXPECT_THROW(File(dir / "none.h5", "r+"), FileError);
  { File f(dir / "x.h5", "w"); f.create_group("kept"); }
  File f(dir / "x.h5", "r+");
  EXPECT_TRUE(f.contains("kept"));
  f.create_group("added");
  EXPECT_TRUE(f.contains("added"));
}

TEST(File, ModeWDashRefusesAnExistingFileAndLosesNothing) {
  TempDir dir;
  const auto path = dir / "x.h5";
  { File f(path, "w-"); f.create_group("kept"); }
  EXPECT_THROW(File(path, "w-"), AlreadyExistsError);
  EXPECT_THROW(File(path, "x"), AlreadyExistsError);
  File f(path, "r");
  EXPECT_TRUE(f.contains("kept"));
}

TEST(File, ModeAOpensOrCreates) {
  TempDir dir;
  const auto path = dir / "x.h5";
  { File f(path, "a"); f.create_group("one"); }
  { File f(path, "a"); EXPECT_TRUE(f.contains("one")); f.create_group("two"); }
  File f(path, "r");
  EXPECT_EQ(f.keys(), (std::vector<std::string>{"one", "two"}));
}

TEST(File, UnknownModeIsAnInvalidArgument) {
  TempDir dir;
  EXPECT_THROW(File(dir / "x.h5", "rw"), InvalidArgumentError);
}

TEST(File, NotAnHdf5FileIsReportedWithItsName) {
  TempDir dir;
  const auto path = dir / "text.h5";
  std::ofstream(path) << "plain text, not HDF5\n";
  try {
    File f(path, "r");
    FAIL();
  } catch (const FileError& e) {
    EXPECT_NE(std::string(e.what()).find("not an HDF5 file"), std::string::npos) << e.what();
    EXPECT_NE(std::string(e.what()).find(path), std::string::npos) << e.what();
  }
}

}  // namespace
}  // namespace h5kit

namespace h5kit {
namespace {

using test::TempDir;

TEST(FileDrivers, Stdio) {
  TempDir dir;
  FileOptions o;
  o.driver = Driver::stdio;
  { File f(dir / "s.h5", "w", o); f.create_dataset("x", std::vector<int>{1, 2}); EXPECT_EQ(f.driver(), Driver::stdio); }
  File f(dir / "s.h5", "r");
  EXPECT_EQ(f.dataset("x").read<std::vector<int>>(), (std::vector<int>{1, 2}));
}

TEST(FileDrivers, CoreWithBackingStoreWritesOnClose) {
  TempDir dir;
  FileOptions o;
  o.driver = Driver::core;
  {
    File f(dir / "c.h5", "w", o);
    EXPECT_EQ(f.driver(), Driver::core);
    f.create_dataset("x", std::vector<double>{1.5});
  }
  File f(dir / "c.h5", "r");
  EXPECT_EQ(f.dataset("x").read<std::vector<double>>(), std::vector<double>{1.5});
}

TEST(FileDrivers, CoreWithoutBackingStoreTouchesNoDisk) {
  TempDir dir;
  FileOptions o;
  o.driver = Driver::core;
  o.backing_store = false;
  {
    File f(dir / "mem.h5", "w", o);
    f.create_dataset("x", std::vector<int>{7});
    EXPECT_EQ(f.dataset("x").read<std::vector<int>>(), std::vector<int>{7});
  }
  EXPECT_FALSE(std::filesystem::exists(dir / "mem.h5"));
}

TEST(FileDrivers, FamilySplitsIntoMembers) {
  TempDir dir;
  FileOptions o;
  o.driver = Driver::family;
  o.member_size = 64 * 1024;
  {
    File f(dir / "fam-%d.h5", "w", o);
    f.create_dataset("big", std::vector<double>(40000, 2.0));  // 320 kB over 64 kB members
  }
  EXPECT_TRUE(std::filesystem::exists(dir / "fam-0.h5"));
  EXPECT_TRUE(std::filesystem::exists(dir / "fam-4.h5"));
  File f(dir / "fam-%d.h5", "r", o);
  EXPECT_EQ(f.driver(), Driver::family);
  const auto v = f.dataset("big").read<std::vector<double>>();
  ASSERT_EQ(v.size(), 40000u);
  EXPECT_EQ(v.back(), 2.0);
}

TEST(FileDrivers, FamilyNeedsAMemberPattern) {
  TempDir dir;
  FileOptions o;
  o.driver = Driver::family;
  EXPECT_THROW(File(dir / "fam.h5", "w", o), InvalidArgumentError);
}

TEST(FileProperties, UserBlockIsReservedAndReadBack) {
  TempDir dir;
  FileOptions o;
  o.userblock_size = 1024;
  { File f(dir / "u.h5", "w", o); f.create_group("g"); }
  File f(dir / "u.h5", "r");
  EXPECT_EQ(f.userblock_size(), 1024u);
  EXPECT_TRUE(f.contains("g"));
}

TEST(FileProperties, BadUserBlockSizeIsRefused) {
  TempDir dir;
  FileOptions o;
  o.userblock_size = 1000;
  EXPECT_THROW(File(dir / "u.h5", "w", o), InvalidArgumentError);
  EXPECT_FALSE(std::filesystem::exists(dir / "u.h5"));
}

// h5py raises instead of ignoring a user block size it cannot apply to an existing file.
TEST(FileProperties, UserBlockSizeForAnExistingFileIsRefusedUnlessItMatches) {
  TempDir dir;
  FileOptions o;
  o.userblock_size = 1024;
  { File f(dir / "u.h5", "w", o); f.create_group("g"); }
  for (const char* mode : {"r", "r+"}) {
    try {
      File f(dir / "u.h5", mode, o);
      FAIL() << "mode " << mode << " took a user block size";
    } catch (const InvalidArgumentError& e) {
      EXPECT_NE(std::string(e.what()).find("only be given when creating"), std::string::npos) << e.what();
    }
  }
  EXPECT_NO_THROW(File(dir / "u.h5", "a", o));  // the same size: nothing to refuse
  o.userblock_size = 2048;
  try {
    File f(dir / "u.h5", "a", o);
    FAIL() << "a mismatching user block size was ignored";
  } catch (const InvalidArgumentError& e) {
    EXPECT_NE(std::string(e.what()).find("2048 does not match the existing file's 1024"), std::string::npos) << e.what();
  }
  File f(dir / "u.h5", "r");  // the refused opens left the file closed and whole
  EXPECT_EQ(f.userblock_size(), 1024u);
  EXPECT_TRUE(f.contains("g"));
}

TEST(FileProperties, NameSizeFreeSpaceAndObjectFile) {
  TempDir dir;
  File f(dir / "p.h5", "w");
  auto g = f.create_group("a/b");
  f.create_dataset("a/b/x", std::vector<double>(1000, 1.0));
  f.create_dataset("a/b/y", std::vector<double>(1000, 1.0));  // keeps x's space from being the file's tail
  f.flush();
  EXPECT_EQ(f.filename(), dir / "p.h5");
  EXPECT_EQ(g.file_name(), dir / "p.h5");
  EXPECT_GE(f.file_size(), 8000u);
  f.erase("a/b/x");
  f.flush();
  EXPECT_GT(f.free_space(), 0u);
  EXPECT_EQ(g.file().filename(), f.filename());
  EXPECT_EQ(g.file().mode(), "r+");
}

TEST(FileProperties, EarliestLibverIsReadableAndLatestIsTheDefault) {
  TempDir dir;
  FileOptions old;
  old.libver_low = LibVersion::earliest;
  { File f(dir / "old.h5", "w", old); f.create_group("g").attrs().set("a", 1); }
  { File f(dir / "new.h5", "w"); f.create_group("g").attrs().set("a", 1); }
  File a(dir / "old.h5", "r"), b(dir / "new.h5", "r");
  EXPECT_EQ(a.group("g").attrs().get<int>("a"), 1);
  EXPECT_EQ(b.group("g").attrs().get<int>("a"), 1);
  FileOptions bad;
  bad.libver_high = LibVersion::earliest;
  EXPECT_THROW(File(dir / "bad.h5", "w", bad), InvalidArgumentError);
}

TEST(FileClose, ClosedFileRefusesUse) {
  TempDir dir;
  File f(dir / "c.h5", "w");
  f.close();
  EXPECT_FALSE(f.valid());
  EXPECT_THROW(f.create_group("x"), ClosedObjectError);
  EXPECT_THROW(f.flush(), ClosedObjectError);
  // The file is really closed: it can be opened again, even for writing.
  File again(dir / "c.h5", "r+");
  again.create_group("x");
}

}  // namespace
}  // namespace h5kit
