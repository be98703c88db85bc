// `h5kit follow FILE PATH [--rows N] [--timeout S]`: prints the rows of a growing dataset as a SWMR
// writer flushes them, one line per row: the row index, a tab, then the values separated by spaces
// (numbers in their shortest round-trip form). It starts with the rows already there and stops after
// N rows (--rows), when no row arrived for S seconds (--timeout), or when interrupted.
#include <charconv>
#include <chrono>
#include <cmath>
#include <iostream>
#include <memory>
#include <string>
#include <thread>

#include <h5kit/daq/follow.hpp>
#include <h5kit/error.hpp>

#include "commands.hpp"

namespace h5kit::cli {

namespace {

struct FollowOptions {
  std::string file;
  std::string path;
  std::size_t rows = 0;   // 0: no limit
  double timeout = 0;     // seconds without a new row; 0: wait forever
  int interval_ms = 20;
};

// Whole numbers below 2^53 print as integers ("100000", not to_chars' shorter "1e+05"), like a
// counter or a sample index would be read; the rest in the shortest form that reads back exactly.
std::string number(double v) {
  char buf[32];
  const bool whole = v == std::trunc(v) && std::fabs(v) < 9007199254740992.0;
  const auto r = whole ? std::to_chars(buf, buf + sizeof buf, v, std::chars_format::fixed)
                       : std::to_chars(buf, buf + sizeof buf, v);
  return std::string(buf, r.ptr);
}

int run_follow(const FollowOptions& o) {
  daq::Follower follower(o.file);
  daq::FollowedArray& array = follower.follow(o.path);
  std::size_t printed = 0;
  auto last_row = std::chrono::steady_clock::now();
  const std::size_t width = element_count(array.row_shape());
  while (true) {
    follower.refresh();
    std::size_t limit = o.rows == 0 ? 0 : o.rows - printed;
    const NDArray<double> rows = array.new_rows<double>(limit);
    const std::size_t n = rows.shape()[0];
    for (std::size_t i = 0; i < n; ++i) {
      std::string line = std::to_string(array.seen() - n + i) + '\t';
      for (std::size_t j = 0; j < width; ++j) line += (j ? " " : "") + number(rows.data()[i * width + j]);
      std::cout << line << '\n';
    }
    if (n > 0) {
      std::cout.flush();
      printed += n;
      last_row = std::chrono::steady_clock::now();
    }
    if (o.rows != 0 && printed >= o.rows) return 0;
    if (o.timeout > 0 && std::chrono::duration<double>(std::chrono::steady_clock::now() - last_row).count() >= o.timeout)
      return 0;
    std::this_thread::sleep_for(std::chrono::milliseconds(o.interval_ms));
  }
}

}  // namespace

Command register_follow(CLI::App& parent) {
  auto options = std::make_shared<FollowOptions>();
  CLI::App* app = parent.add_subcommand("follow", "Print the rows of a growing dataset as a SWMR writer flushes them");
  app->add_option("FILE", options->file, "The HDF5 file being written")->required();
  app->add_option("PATH", options->path, "The dataset that grows along its first axis")->required();
  app->add_option("--rows", options->rows, "Stop after N rows")->type_name("N")->check(CLI::NonNegativeNumber);
  app->add_option("--timeout", options->timeout, "Stop when no row arrived for S seconds")
      ->type_name("S")
      ->check(CLI::NonNegativeNumber);
  app->add_option("--interval", options->interval_ms, "Milliseconds between looks (default 20)")
      ->type_name("MS")
      ->check(CLI::Range(1, 60000));
  return {app, [options] { return run_follow(*options); }};
}

}  // namespace h5kit::cli
