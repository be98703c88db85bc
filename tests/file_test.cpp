#include "h5kit/file.hpp"

#include <fstream>

#include <gtest/gtest.h>

#include "h5kit/error.hpp"
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
