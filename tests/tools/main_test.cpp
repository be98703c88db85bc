// The h5kit command itself (tools/h5kit/main.cpp): --version, and the statuses docs/cli.md gives
// for a command line with no command or an unknown one.
#include <string>

#include <gtest/gtest.h>
#include <hdf5.h>

#include "support/temp_dir.hpp"
#include "tools/cli_runner.hpp"

namespace h5kit::test {
namespace {

TEST(CliMain, VersionNamesH5kitAndTheHdf5LibraryAndExitsZero) {
  TempDir dir;
  const CliResult run = run_cli(dir, "--version");
  EXPECT_EQ(run.exit_code, 0) << run.err;
  unsigned major = 0, minor = 0, release = 0;
  H5get_libversion(&major, &minor, &release);
  const std::string hdf5 = std::to_string(major) + "." + std::to_string(minor) + "." + std::to_string(release);
  EXPECT_EQ(run.out, "h5kit " H5KIT_VERSION " (HDF5 " + hdf5 + ")\n");
  EXPECT_EQ(run.err, "");
}

TEST(CliMain, NoCommandAndAnUnknownCommandHaveTheDocumentedStatuses) {
  TempDir dir;
  expect_one_line_error(run_cli(dir, ""), 106, "A subcommand is required");
  expect_one_line_error(run_cli(dir, "lsit x.h5"), 109, "unknown command 'lsit'");
}

}  // namespace
}  // namespace h5kit::test
