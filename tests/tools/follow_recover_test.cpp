// `h5kit follow` and `h5kit recover` against real writers in forked children: follow prints the rows
// of a file another process grows; recover makes a SIGKILLed SWMR writer's file open normally in
// h5kit, h5py, PyTables and h5dump without losing a flushed row.
#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cstdint>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>
#include <vector>

#include <gtest/gtest.h>

#include "cli_runner.hpp"
#include "h5kit/daq/streaming.hpp"
#include "h5kit/h5kit.hpp"

namespace h5kit::test {
namespace {

constexpr std::size_t width = 3;

double value(std::size_t row, std::size_t column) { return static_cast<double>(row * 1000 + column); }

// Writes `rows` rows (every `every_rows` flushed), reporting each flushed count on `report`; with
// `forever`, keeps appending until killed. Otherwise waits for `go_on` to close before closing.
[[noreturn]] void writer(const std::string& path, std::size_t rows, std::size_t every_rows, int report, int go_on,
                         bool forever, bool slow) {
  int status = 0;
  try {
    daq::StreamingWriter w(path, daq::FlushPolicy{.every_rows = every_rows});
    w.define_compression("zlib", 4);
    auto g = w.get_set_group("/", "RawData");
    daq::Stream data = w.create_stream(g, "EnlData00", daq::ElementType::float64, {width});
    daq::Stream time = w.create_stream(g, "time", daq::ElementType::float64, {});
    w.start();
    std::uint64_t reported = 0;
    if (write(report, &reported, sizeof reported) != sizeof reported) status = 4;  // started
    std::vector<double> row(width);
    for (std::size_t i = 0; forever || i < rows; ++i) {
      for (std::size_t j = 0; j < width; ++j) row[j] = value(i, j);
      data.append(row);
      time.append(std::vector<double>{0.5 * static_cast<double>(i)});
      const std::uint64_t visible = std::min(data.flushed_rows(), time.flushed_rows());
      if (visible != reported) {
        reported = visible;
        if (write(report, &reported, sizeof reported) != sizeof reported) status = 4;
      }
      if (slow) usleep(500);
    }
    w.flush();
    char c;
    while (read(go_on, &c, 1) > 0) {
    }
    w.close();
  } catch (const std::exception& e) {
    std::fprintf(stderr, "writer: %s\n", e.what());
    status = 3;
  }
  _exit(status);
}

struct Child {
  pid_t pid = -1;
  int report = -1;  // read end
  int go_on = -1;   // write end: closing it lets the writer close its file
};

Child start_writer(const std::string& path, std::size_t rows, std::size_t every_rows, bool forever, bool slow) {
  int report[2], go_on[2];
  EXPECT_EQ(pipe(report), 0);
  EXPECT_EQ(pipe(go_on), 0);
  const pid_t pid = fork();
  if (pid == 0) {
    close(report[0]);
    close(go_on[1]);
    writer(path, rows, every_rows, report[1], go_on[0], forever, slow);
  }
  close(report[1]);
  close(go_on[0]);
  return {pid, report[0], go_on[1]};
}

// Reads reports until one is at least `rows` (0: the "started" report); returns the last one.
std::uint64_t wait_for(const Child& child, std::uint64_t rows) {
  std::uint64_t got = 0;
  while (read(child.report, &got, sizeof got) == sizeof got)
    if (got >= rows) return got;
  ADD_FAILURE() << "the writer stopped before reporting " << rows << " rows";
  return got;
}

int finish(Child& child, bool kill_it) {
  if (kill_it) kill(child.pid, SIGKILL);
  close(child.go_on);
  int status = 0;
  waitpid(child.pid, &status, 0);
  close(child.report);
  return status;
}

TEST(CliFollow, PrintsEveryRowOfAFileAnotherProcessGrows) {
  TempDir dir;
  const std::string path = dir / "growing.h5";
  const std::size_t rows = 400;
  Child child = start_writer(path, rows, 7, /*forever=*/false, /*slow=*/true);
  wait_for(child, 0);  // in SWMR mode, (almost) nothing flushed yet
  const CliResult run = run_cli(dir, "follow " + shell_quote(path) + " /RawData/EnlData00 --rows " +
                                         std::to_string(rows) + " --timeout 20 --interval 5");
  const int status = finish(child, false);
  EXPECT_TRUE(WIFEXITED(status) && WEXITSTATUS(status) == 0) << status;
  ASSERT_EQ(run.exit_code, 0) << run.err;
  EXPECT_EQ(run.err, "");
  std::istringstream lines(run.out);
  std::string line;
  std::size_t i = 0;
  for (; std::getline(lines, line); ++i) {
    std::string want = std::to_string(i) + '\t';
    for (std::size_t j = 0; j < width; ++j) want += (j ? " " : "") + std::to_string(i * 1000 + j);
    ASSERT_EQ(line, want) << "row " << i;
  }
  EXPECT_EQ(i, rows);
}

TEST(CliFollow, TimeoutStopsWhenNoRowArrives) {
  TempDir dir;
  const std::string path = dir / "still.h5";
  Child child = start_writer(path, 25, 5, false, false);
  wait_for(child, 25);
  const CliResult run = run_cli(dir, "follow " + shell_quote(path) + " /RawData/time --timeout 0.3");
  finish(child, false);
  ASSERT_EQ(run.exit_code, 0) << run.err;
  std::istringstream lines(run.out);
  std::string line, last;
  std::size_t n = 0;
  for (; std::getline(lines, line); ++n) last = line;
  EXPECT_EQ(n, 25U);
  EXPECT_EQ(last, "24\t12");
}

TEST(CliRecover, KilledWriterFileOpensEverywhereWithEveryFlushedRow) {
  TempDir dir;
  const std::string path = dir / "killed.h5";
  Child child = start_writer(path, 0, 64, /*forever=*/true, false);
  const std::uint64_t flushed = wait_for(child, 20'000);
  const int status = finish(child, true);
  ASSERT_TRUE(WIFSIGNALED(status));
  const auto killed_size = std::filesystem::file_size(path);

  // The killed file refuses a normal open, in h5kit and in h5py.
  EXPECT_THROW(File(path, "r"), Error);

  const CliResult run = run_cli(dir, "recover " + shell_quote(path));
  ASSERT_EQ(run.exit_code, 0) << run.err;
  const std::string out = dir / "killed-recovered.h5";
  EXPECT_NE(run.out.find(out), std::string::npos) << run.out;
  // Never in place: the input is untouched; the copy is not truncated (h5clear -s would).
  EXPECT_EQ(std::filesystem::file_size(path), killed_size);
  EXPECT_THROW(File(path, "r"), Error);
  EXPECT_GE(std::filesystem::file_size(out), killed_size);

  {
    File f(out, "r");
    const Dataset data = f.dataset("RawData/EnlData00");
    EXPECT_GE(data.shape()[0], flushed);
  }
  const CommandResult peers = run_command(std::string(H5KIT_PEER_PYTHON) + " " +
                                          shell_quote(std::string(H5KIT_TEST_SOURCE_DIR) + "/tools/check_recovered.py") +
                                          " " + shell_quote(out) + " " + std::to_string(flushed));
  EXPECT_EQ(peers.exit_code, 0) << peers.output;
  const CommandResult dump = run_command("h5dump -d /RawData/time -s " + std::to_string(flushed - 1) + " -c 1 " +
                                         shell_quote(out));
  EXPECT_EQ(dump.exit_code, 0) << dump.output;
  std::ostringstream last;
  last << 0.5 * static_cast<double>(flushed - 1);
  EXPECT_NE(dump.output.find(last.str()), std::string::npos) << dump.output;

  // A second recover to the same output refuses to overwrite it.
  expect_one_line_error(run_cli(dir, "recover " + shell_quote(path)), 1, "exists");
  // -o OUT and --in-place.
  const std::string other = dir / "other.h5";
  ASSERT_EQ(run_cli(dir, "recover " + shell_quote(path) + " -o " + shell_quote(other)).exit_code, 0);
  EXPECT_NO_THROW(File(other, "r"));
  ASSERT_EQ(run_cli(dir, "recover --in-place " + shell_quote(path)).exit_code, 0);
  EXPECT_NO_THROW(File(path, "r"));
  EXPECT_GE(std::filesystem::file_size(path), killed_size);
}

TEST(CliFollowRecover, BadInputIsOneClearLine) {
  TempDir dir;
  const std::string missing = dir / "missing.h5";
  const std::string text = dir / "notes.h5";
  std::ofstream(text) << "not an HDF5 file\n";
  expect_one_line_error(run_cli(dir, "follow " + shell_quote(missing) + " /x --timeout 1"), 1, "missing.h5");
  expect_one_line_error(run_cli(dir, "follow " + shell_quote(text) + " /x --timeout 1"), 1, "notes.h5");
  expect_one_line_error(run_cli(dir, "recover " + shell_quote(missing)), 1, "missing.h5");
  expect_one_line_error(run_cli(dir, "recover " + shell_quote(text)), 1, "not an HDF5 file");
  expect_one_line_error(run_cli(dir, "recover " + shell_quote(text) + " -o " + shell_quote(text)), 1, "in-place");

  const std::string path = dir / "done.h5";
  Child child = start_writer(path, 10, 5, false, false);
  wait_for(child, 10);
  finish(child, false);
  expect_one_line_error(run_cli(dir, "follow " + shell_quote(path) + " /RawData --timeout 1"), 1, "/RawData");
  expect_one_line_error(run_cli(dir, "follow " + shell_quote(path) + " /RawData/nothing --timeout 1"), 1,
                        "/RawData/nothing");
}

}  // namespace
}  // namespace h5kit::test
