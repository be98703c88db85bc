// `h5kit truncate`: the command line (-n, --rows, --nwb, the default target), what it prints, its
// errors, and the progress bar: drawn on stderr under a terminal (run inside a pseudo-terminal with
// script(1) from bsdutils), never when stderr is a file. The dump command's bar is checked the same way.
#include <algorithm>
#include <filesystem>
#include <numeric>
#include <string>
#include <vector>

#include <gtest/gtest.h>

#include <h5kit/h5kit.hpp>

#include "support/temp_dir.hpp"
#include "tools/cli_runner.hpp"

namespace h5kit::test {
namespace {

void write_source(const std::string& path, std::size_t rows = 100) {
  File f(path, "w");
  std::vector<double> values(rows);
  std::iota(values.begin(), values.end(), 0.0);
  Dataset d = f.create_dataset("data/values", values, DatasetOptions{}.chunks({std::max<std::size_t>(rows / 16, 1)}).gzip(4));
  f.create_dataset("data/short", std::vector<int>{1, 2, 3});
  f.attrs().set("points_at", d.reference());
}

TEST(TruncateCommand, WritesTheFirstNRowsAndSaysWhatItCut) {
  TempDir dir;
  write_source(dir / "src.h5");
  const CliResult run = run_cli(dir, "truncate " + shell_quote(dir / "src.h5") + " " + shell_quote(dir / "dst.h5") + " -n 7");
  ASSERT_EQ(run.exit_code, 0) << run.err;
  EXPECT_EQ(run.err, "");  // no notes, and no progress bar: stderr is a file
  EXPECT_NE(run.out.find("wrote " + (dir / "dst.h5")), std::string::npos) << run.out;
  EXPECT_NE(run.out.find("/data/values: (100,) -> (7,)"), std::string::npos) << run.out;
  EXPECT_EQ(run.out.find("/data/short"), std::string::npos) << run.out;
  File f(dir / "dst.h5");
  EXPECT_EQ(f.dataset("data/values").read<std::vector<double>>(), (std::vector<double>{0, 1, 2, 3, 4, 5, 6}));
  EXPECT_TRUE(f.dereference(f.attrs().get<ObjectReference>("points_at")) == f.open("data/values"));
}

TEST(TruncateCommand, DefaultTargetAndTenRows) {
  TempDir dir;
  write_source(dir / "session.nwb");
  const CliResult run = run_cli(dir, "truncate -q " + shell_quote(dir / "session.nwb"));
  ASSERT_EQ(run.exit_code, 0) << run.err;
  EXPECT_EQ(run.out, "");
  File f(dir / "session_truncated.hdf5");
  EXPECT_EQ(f.dataset("data/values").shape(), Shape{10});
}

TEST(TruncateCommand, RowWindow) {
  TempDir dir;
  write_source(dir / "src.h5");
  const CliResult run =
      run_cli(dir, "truncate " + shell_quote(dir / "src.h5") + " " + shell_quote(dir / "dst.h5") + " --rows 40:43");
  ASSERT_EQ(run.exit_code, 0) << run.err;
  EXPECT_NE(run.out.find("(100,) -> (3,) from row 40"), std::string::npos) << run.out;
  File f(dir / "dst.h5");
  EXPECT_EQ(f.dataset("data/values").read<std::vector<double>>(), (std::vector<double>{40, 41, 42}));
}

TEST(TruncateCommand, NotesGoToStderrAndTheStatusStaysZero) {
  TempDir dir;
  {
    File f(dir / "src.h5", "w");
    std::vector<double> values(50, 1.0);
    Dataset d = f.create_dataset("values", values);
    f.attrs().set("late", d.region_reference({s(30, 40)}));
  }
  const CliResult run = run_cli(dir, "truncate -q " + shell_quote(dir / "src.h5") + " " + shell_quote(dir / "dst.h5"));
  EXPECT_EQ(run.exit_code, 0);
  EXPECT_EQ(run.err, "h5kit: note: region_emptied /@late: a region reference into /values selects only rows that were "
                     "cut: written as a null reference\n");
}

TEST(TruncateCommand, BadCallsAreOneLineErrors) {
  TempDir dir;
  write_source(dir / "src.h5");
  const std::string src = shell_quote(dir / "src.h5");
  expect_one_line_error(run_cli(dir, "truncate " + src + " " + src), 1, "is the source itself");
  expect_one_line_error(run_cli(dir, "truncate " + shell_quote(dir / "nope.h5")), 1, "no such file");
  expect_one_line_error(run_cli(dir, "truncate " + src + " --rows 5"), 1, "--rows '5' is not a row window");
  expect_one_line_error(run_cli(dir, "truncate " + src + " --rows 9:3"), 1, "stop must be greater");
  expect_one_line_error(run_cli(dir, "truncate " + src + " --rows 500:510"), 1, "starts past the end of every dataset");
  expect_one_line_error(run_cli(dir, "truncate " + src + " -n 0"), 105, "expected a whole number >= 1, got '0'");
  expect_one_line_error(run_cli(dir, "truncate " + src + " -n -3"), 105, "expected a whole number >= 1");
  const CliResult both = run_cli(dir, "truncate " + src + " -n 3 --rows 1:4");
  EXPECT_NE(both.exit_code, 0);
  EXPECT_NE(both.err.find("excludes"), std::string::npos) << both.err;
  EXPECT_FALSE(std::filesystem::exists(dir / "src_truncated.hdf5"));
}

TEST(TruncateCommand, TheProgressBarIsDrawnOnATerminalOnly) {
  TempDir dir;
  write_source(dir / "src.h5", 1u << 20);
  const std::string args = "truncate -q " + shell_quote(dir / "src.h5") + " " + shell_quote(dir / "dst.h5") +
                           " --rows 0:1000000";
  const CommandResult terminal = run_in_terminal(args);
  ASSERT_EQ(terminal.exit_code, 0) << terminal.output;
  EXPECT_NE(terminal.output.find("\rtruncate ["), std::string::npos) << terminal.output;
  EXPECT_NE(terminal.output.find("MiB"), std::string::npos) << terminal.output;
  EXPECT_NE(terminal.output.find("\r\x1b[K"), std::string::npos) << "the bar is erased at the end";
  const CliResult file = run_cli(dir, args);
  ASSERT_EQ(file.exit_code, 0) << file.err;
  EXPECT_EQ(file.err, "");
  EXPECT_EQ(file.out, "");
}

TEST(TruncateCommand, DumpShowsABarForALargeDatasetOnATerminalOnly) {
  TempDir dir;
  write_source(dir / "big.h5", 1u << 20);  // 8 MiB of doubles
  const std::string args = "dump " + shell_quote(dir / "big.h5") + " /data/values --compact > /dev/null";
  const CommandResult terminal = run_in_terminal(args);
  ASSERT_EQ(terminal.exit_code, 0) << terminal.output;
  EXPECT_NE(terminal.output.find("dump /data/values ["), std::string::npos) << terminal.output.substr(0, 300);
  const CliResult file = run_cli(dir, args);
  EXPECT_EQ(file.exit_code, 0);
  EXPECT_EQ(file.err, "");
}

}  // namespace
}  // namespace h5kit::test
