// Continuous (timed) saving that another process watches live: a DAQ logger appends one
// temperature sample and its time stamp at a time in pymodaq's timed layout, streaming with SWMR,
// while a forked child follows the file and checks every row it sees.
//
//   daq_logger OUT.h5      # exits 0 when the follower saw every row right and the file is right
//
// Layout (pymodaq's DataToExportTimedSaver, docs/daq_streaming.md):
//   /RawData/Detector000/Data0D/CH00/EnlData00   float64 (n, 1)  the samples (0-D data as (n, 1))
//   /RawData/Detector000/NavAxes/Axis00          float64 (n,)    time in s
#include <sys/wait.h>
#include <unistd.h>

#include <chrono>
#include <cmath>
#include <cstdio>
#include <stdexcept>
#include <string>
#include <thread>
#include <vector>

#include <h5kit/daq/follow.hpp>
#include <h5kit/daq/streaming.hpp>
#include <h5kit/h5kit.hpp>

namespace daq = h5kit::daq;

constexpr std::size_t samples = 600;
const char* const data_path = "/RawData/Detector000/Data0D/CH00/EnlData00";
const char* const time_path = "/RawData/Detector000/NavAxes/Axis00";

double temperature(std::size_t i) { return 293.15 + 0.001 * static_cast<double>(i); }
double time_s(std::size_t i) { return 0.002 * static_cast<double>(i); }

// The second process: follows both arrays until it saw every sample, checking each row as it comes.
int follower(const std::string& path) {
  try {
    daq::Follower f(path);
    daq::FollowedArray& data = f.follow(data_path);
    daq::FollowedArray& time = f.follow(time_path);
    std::size_t looks = 0, checked = 0;
    const auto give_up = std::chrono::steady_clock::now() + std::chrono::seconds(30);
    while (checked < samples) {
      if (std::chrono::steady_clock::now() > give_up) {
        std::fprintf(stderr, "follower: only %zu of %zu rows after 30 s\n", checked, samples);
        return 1;
      }
      f.refresh();
      ++looks;
      // Take the same rows of both arrays: the two extents are flushed one after the other, so one may
      // be ahead of the other for a moment (new_rows(0) would mean "all", hence the test first).
      const std::size_t common = std::min(time.rows(), data.rows());
      if (common <= checked) {
        std::this_thread::sleep_for(std::chrono::milliseconds(3));
        continue;
      }
      const h5kit::NDArray<double> t = time.new_rows<double>(common - checked);
      const h5kit::NDArray<double> v = data.new_rows<double>(common - checked);
      const std::size_t n = std::min(t.shape()[0], v.shape()[0]);
      for (std::size_t k = 0; k < n; ++k, ++checked) {
        if (t.data()[k] != time_s(checked) || v.data()[k] != temperature(checked)) {
          std::fprintf(stderr, "follower: row %zu is (%g s, %g K), expected (%g s, %g K)\n", checked, t.data()[k],
                       v.data()[k], time_s(checked), temperature(checked));
          return 1;
        }
      }
      if (checked < samples) std::this_thread::sleep_for(std::chrono::milliseconds(3));
    }
    std::printf("follower: saw all %zu rows, right, in %zu looks\n", checked, looks);
    std::fflush(stdout);  // the child ends with _exit, which does not flush stdio
    return looks > 1 ? 0 : 1;  // it must have watched the file grow, not read it once at the end
  } catch (const std::exception& e) {
    std::fprintf(stderr, "follower: %s\n", e.what());
    return 1;
  }
}

int main(int argc, char** argv) {
  if (argc != 2) {
    std::fprintf(stderr, "usage: daq_logger OUT.h5\n");
    return 2;
  }
  const std::string path = argv[1];
  // Fork before any HDF5 call: a child that inherited the writer's open file would share its
  // in-memory state (HDF5 reuses an already open file) instead of reading what is on disk.
  int ready[2];
  if (pipe(ready) != 0) return 1;
  const pid_t child = fork();
  if (child == 0) {
    close(ready[1]);
    char c;
    if (read(ready[0], &c, 1) != 1) _exit(1);  // the parent closed the pipe without starting
    _exit(follower(path));
  }
  close(ready[0]);
  try {
    // Flush every 40 samples or 20 ms, whichever comes first: readers lag by at most that.
    daq::StreamingWriter w(path, {.every_rows = 40, .every = std::chrono::milliseconds(20)});
    auto raw = w.get_set_group("/", "RawData");
    auto det = w.add_group("Detector000", daq::GroupType::detector, raw, "thermometer");
    auto dim = w.add_group("Data0D", daq::GroupType::data_dim, det);
    auto ch = w.add_group("CH00", daq::GroupType::ch, dim, "temperature");
    daq::Stream data = w.create_stream(ch, "EnlData00", daq::ElementType::float64, {1}, "temperature");
    w.set_attr(data_path, "units", "K");
    auto nav = w.get_set_group(det, "NavAxes");
    daq::Stream time = w.create_stream(nav, "Axis00", daq::ElementType::float64, {}, "time");
    w.set_attr(time_path, "label", "time");
    w.set_attr(time_path, "units", "s");
    w.start();  // every node exists: SWMR writing from here on

    const bool told = write(ready[1], "s", 1) == 1;  // the file is in SWMR mode: the child may open it
    close(ready[1]);
    ready[1] = -1;
    if (!told) throw std::runtime_error("cannot start the follower");

    for (std::size_t i = 0; i < samples; ++i) {
      data.append(std::vector<double>{temperature(i)});
      time.append(std::vector<double>{time_s(i)});
      std::this_thread::sleep_for(std::chrono::microseconds(300));  // the acquisition's pace
    }
    w.flush();
    int status = 0;
    waitpid(child, &status, 0);  // the follower keeps the file open until it saw everything
    w.close();                   // then the writer closes and rewrites pymodaq's `shape`
    if (!WIFEXITED(status) || WEXITSTATUS(status) != 0) {
      std::fprintf(stderr, "daq_logger: the follower failed\n");
      return 1;
    }

    // The finished file, opened normally: every sample, and `shape` tells the truth again.
    daq::H5Backend h5;
    h5.open_file(path, "r");
    const daq::Node node = h5.get_node(data_path);
    const h5kit::Shape shape = node.as_earray().shape();
    const std::vector<std::int64_t> attr = node.get_int_tuple("shape");
    h5.close_file();
    const bool ok = shape == h5kit::Shape{samples, 1} && attr == std::vector<std::int64_t>{samples, 1};
    std::printf("daq_logger: %zu samples in %s, shape attribute (%lld, %lld): %s\n", shape[0], data_path,
                static_cast<long long>(attr.size() > 0 ? attr[0] : -1),
                static_cast<long long>(attr.size() > 1 ? attr[1] : -1), ok ? "right" : "WRONG");
    return ok ? 0 : 1;
  } catch (const std::exception& e) {
    std::fprintf(stderr, "daq_logger: %s\n", e.what());
    if (ready[1] >= 0) close(ready[1]);  // the follower gives up at once
    waitpid(child, nullptr, 0);
    return 1;
  }
}
