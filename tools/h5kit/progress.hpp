#pragma once
// A progress bar for long commands (truncate, dump of a large dataset, refs over a large file). It
// draws on stderr only when stderr is a terminal, so pipes, logs and scripts never see it:
//
//   ProgressBar bar("truncate", total_bytes);
//   ... bar.update(done, "/acquisition/data"); ...
//   bar.finish();   // also done by the destructor
//
// Redraws at most 10 times a second; the line is erased when the bar finishes, so the command's own
// output starts on a clean line.
#include <chrono>
#include <cstdint>
#include <cstdio>
#include <string>
#include <string_view>

namespace h5kit::cli {

// What the bar counts: bytes are shown as "3.2 MiB / 8.0 MiB", objects as "1200 / 100001 objects".
enum class ProgressUnit { bytes, objects };

class ProgressBar {
 public:
  // `total` in `unit`s (bytes for truncate and dump, objects for refs); 0 when unknown.
  ProgressBar(std::string label, std::uint64_t total, ProgressUnit unit = ProgressUnit::bytes);
  // For tests: draw on `stream` when `enabled`, whatever it is.
  ProgressBar(std::string label, std::uint64_t total, ProgressUnit unit, std::FILE* stream, bool enabled);
  ~ProgressBar();
  ProgressBar(const ProgressBar&) = delete;
  ProgressBar& operator=(const ProgressBar&) = delete;

  // True when the bar draws (stderr is a terminal).
  bool active() const noexcept { return enabled_; }
  void set_total(std::uint64_t total) noexcept { total_ = total; }
  void update(std::uint64_t done, std::string_view detail = {});
  // Erases the bar (a no-op when it never drew).
  void finish();

  // Whether stderr is a terminal (isatty(2)): what the first constructor decides with.
  static bool stderr_is_terminal();

 private:
  void draw(std::string_view detail);

  std::string label_;
  std::uint64_t total_ = 0, done_ = 0;
  ProgressUnit unit_ = ProgressUnit::bytes;
  std::FILE* stream_ = nullptr;
  bool enabled_ = false;
  bool drawn_ = false;
  std::chrono::steady_clock::time_point last_{};
};

}  // namespace h5kit::cli
