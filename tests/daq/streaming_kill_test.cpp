// Crash safety, measured: a StreamingWriter is killed with SIGKILL at a random moment while it
// reports each flushed row count on a pipe. Every killed file must open for SWMR reading, in h5kit
// and in h5py, with at least the last reported rows, every value right.
//
// H5KIT_SWMR_KILL_TRIALS sets the number of trials (default 50; scripts/swmr_kill_trials.sh runs
// 200); the test prints a tally line "swmr kill trials: ..." that the script reports.
#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>

#include <algorithm>
#include <chrono>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <fstream>
#include <random>
#include <string>
#include <thread>
#include <vector>

#include <gtest/gtest.h>

#include "h5kit/daq/follow.hpp"
#include "h5kit/daq/streaming.hpp"
#include "h5kit/error.hpp"
#include "h5kit/h5kit.hpp"
#include "support/temp_dir.hpp"

namespace h5kit::daq {
namespace {

constexpr std::size_t width = 6;

// The writer: compressed (the harder case: partial chunks are rewritten elsewhere), flushing every
// `every_rows`, appending until killed; after each flush it writes the flushed count to `report`.
[[noreturn]] void killable_writer(const std::string& path, std::size_t every_rows, int report) {
  int status = 0;
  try {
    StreamingWriter w(path, FlushPolicy{.every_rows = every_rows});
    w.define_compression("zlib", 4);
    auto g = w.get_set_group("/", "RawData");
    Stream data = w.create_stream(g, "EnlData00", ElementType::float64, {width});
    Stream time = w.create_stream(g, "time", ElementType::float64, {});
    w.start();
    std::vector<double> row(width);
    std::uint64_t reported = 0;
    for (std::size_t i = 0; i < 2'000'000; ++i) {
      for (std::size_t j = 0; j < width; ++j) row[j] = static_cast<double>(i * 1000 + j);
      data.append(row);
      time.append(std::vector<double>{0.5 * static_cast<double>(i)});
      const std::uint64_t visible = std::min(data.flushed_rows(), time.flushed_rows());
      if (visible != reported) {
        reported = visible;
        if (write(report, &reported, sizeof reported) != sizeof reported) status = 4;
      }
    }
  } catch (const std::exception& e) {
    std::fprintf(stderr, "writer: %s\n", e.what());
    status = 3;
  }
  _exit(status);
}

struct Trial {
  std::string path;
  std::uint64_t reported = 0;
};

TEST(StreamingKill, EveryKilledFileHoldsEveryReportedRow) {
  const char* env = std::getenv("H5KIT_SWMR_KILL_TRIALS");
  const int trials = env ? std::max(1, std::atoi(env)) : 50;
  test::TempDir dir;
  std::mt19937 rng(12345);
  std::vector<Trial> done;
  int h5kit_ok = 0, killed_writing = 0;
  std::size_t max_rows = 0;
  for (int t = 0; t < trials; ++t) {
    const std::string path = dir / ("kill" + std::to_string(t) + ".h5");
    const std::size_t every_rows = std::uniform_int_distribution<std::size_t>(1, 200)(rng);
    const int delay_us = std::uniform_int_distribution<int>(0, 60000)(rng);
    int fds[2];
    ASSERT_EQ(pipe(fds), 0);
    const pid_t pid = fork();
    ASSERT_GE(pid, 0);
    if (pid == 0) {
      close(fds[0]);
      killable_writer(path, every_rows, fds[1]);
    }
    close(fds[1]);
    std::this_thread::sleep_for(std::chrono::microseconds(delay_us));
    kill(pid, SIGKILL);
    int status = 0;
    waitpid(pid, &status, 0);
    if (WIFSIGNALED(status)) ++killed_writing;
    Trial trial{path, 0};
    std::uint64_t value = 0;
    while (read(fds[0], &value, sizeof value) == sizeof value) trial.reported = value;
    close(fds[0]);
    if (!std::filesystem::exists(path)) continue;  // killed before the file existed
    // Killed before start(): a file that is not in SWMR mode yet may not open; only started ones count.
    try {
      Follower f(path);
      auto& data = f.follow("/RawData/EnlData00");
      auto& time = f.follow("/RawData/time");
      const std::size_t rows = f.rows();
      EXPECT_GE(rows, trial.reported) << path;
      const NDArray<double> d = data.read_rows<double>(0, data.rows());
      bool right = true;
      for (std::size_t i = 0; i < data.rows() && right; ++i)
        for (std::size_t j = 0; j < width; ++j) right = right && d.data()[i * width + j] == double(i * 1000 + j);
      const NDArray<double> tv = time.read_rows<double>(0, time.rows());
      for (std::size_t i = 0; i < time.rows() && right; ++i) right = tv.data()[i] == 0.5 * double(i);
      EXPECT_TRUE(right) << path << ": a wrong value";
      if (right && rows >= trial.reported) ++h5kit_ok;
      max_rows = std::max(max_rows, rows);
      done.push_back(trial);
    } catch (const Error& e) {
      if (trial.reported > 0) ADD_FAILURE() << path << " (reported " << trial.reported << "): " << e.what();
    }
  }
  std::ofstream list(dir / "list.txt");
  for (const Trial& t : done) list << t.path << ' ' << t.reported << ' ' << width << '\n';
  list.close();
  const auto peer = test::run_peer_script("h5py_swmr_check.py", test::shell_quote(dir / "list.txt"));
  EXPECT_EQ(peer.exit_code, 0) << peer.output;
  const bool h5py_ok = peer.exit_code == 0;
  std::printf("swmr kill trials: %d trials, %d killed while writing, %zu files in SWMR mode, %d right in h5kit, "
              "%s in h5py, largest extent %zu rows\n",
              trials, killed_writing, done.size(), h5kit_ok, h5py_ok ? "all right" : "FAILED", max_rows);
  EXPECT_GE(done.size() * 2, static_cast<std::size_t>(trials)) << "most trials should reach SWMR mode";
}

}  // namespace
}  // namespace h5kit::daq
