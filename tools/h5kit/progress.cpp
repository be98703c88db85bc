// The terminal-only progress bar (progress.hpp).
#include "progress.hpp"

#include <sys/ioctl.h>
#include <unistd.h>

#include <algorithm>

namespace h5kit::cli {

namespace {

std::size_t terminal_width(std::FILE* stream) {
  winsize size{};
  if (ioctl(fileno(stream), TIOCGWINSZ, &size) == 0 && size.ws_col >= 20) return size.ws_col;
  return 80;
}

std::string byte_amount(std::uint64_t bytes) {
  const char* units[] = {"B", "KiB", "MiB", "GiB", "TiB"};
  double value = static_cast<double>(bytes);
  std::size_t unit = 0;
  while (value >= 1024 && unit + 1 < std::size(units)) {
    value /= 1024;
    ++unit;
  }
  char text[32];
  std::snprintf(text, sizeof text, unit == 0 ? "%.0f %s" : "%.1f %s", value, units[unit]);
  return text;
}

}  // namespace

bool ProgressBar::stderr_is_terminal() { return isatty(STDERR_FILENO) == 1; }

ProgressBar::ProgressBar(std::string label, std::uint64_t total, ProgressUnit unit)
    : ProgressBar(std::move(label), total, unit, stderr, stderr_is_terminal()) {}

ProgressBar::ProgressBar(std::string label, std::uint64_t total, ProgressUnit unit, std::FILE* stream, bool enabled)
    : label_(std::move(label)), total_(total), unit_(unit), stream_(stream), enabled_(enabled && stream != nullptr) {}

ProgressBar::~ProgressBar() { finish(); }

void ProgressBar::update(std::uint64_t done, std::string_view detail) {
  done_ = done;
  if (!enabled_) return;
  const auto now = std::chrono::steady_clock::now();
  const bool complete = total_ > 0 && done_ >= total_;
  if (drawn_ && !complete && now - last_ < std::chrono::milliseconds(100)) return;
  last_ = now;
  draw(detail);
}

void ProgressBar::draw(std::string_view detail) {
  const std::size_t width = terminal_width(stream_);
  std::string line = label_ + " ";
  const std::size_t bar_width = std::min<std::size_t>(30, width / 3);
  if (total_ > 0) {
    const double fraction = std::min(1.0, static_cast<double>(done_) / static_cast<double>(total_));
    const auto filled = static_cast<std::size_t>(fraction * static_cast<double>(bar_width));
    line += "[" + std::string(filled, '#') + std::string(bar_width - filled, '-') + "] ";
    char percent[16];
    std::snprintf(percent, sizeof percent, "%3d%% ", static_cast<int>(fraction * 100));
    line += percent;
    line += unit_ == ProgressUnit::bytes ? byte_amount(done_) + " / " + byte_amount(total_)
                                         : std::to_string(done_) + " / " + std::to_string(total_) + " objects";
  } else {
    line += unit_ == ProgressUnit::bytes ? byte_amount(done_) : std::to_string(done_) + " objects";
  }
  if (!detail.empty()) line += "  " + std::string(detail);
  if (line.size() > width - 1) line.resize(width - 1);
  // \r back to the start, the line, then erase what a longer previous line left (ESC [ K).
  std::fprintf(stream_, "\r%s\x1b[K", line.c_str());
  std::fflush(stream_);
  drawn_ = true;
}

void ProgressBar::finish() {
  if (!drawn_) return;
  std::fprintf(stream_, "\r\x1b[K");
  std::fflush(stream_);
  drawn_ = false;
}

}  // namespace h5kit::cli
