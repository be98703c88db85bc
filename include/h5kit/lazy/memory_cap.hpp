#pragma once
// How much memory the lazy containers' chunk-wise operations may hold at once (ch5mpy's
// MAX_MEMORY_USAGE): a process-wide setting and a scoped, per-thread override.
//
//     h5kit::lazy::set_memory_cap(64 << 20);               // every thread, from now on
//     { h5kit::lazy::ScopedMemoryCap small(3 * sizeof(double));  // this thread, this scope
//       auto total = h5kit::lazy::sum(array); }
#include <cstddef>

namespace h5kit::lazy {

inline constexpr std::size_t kDefaultMemoryCap = std::size_t{250} << 20;  // 250 MiB, as ch5mpy

// The cap in bytes in force on this thread: the innermost ScopedMemoryCap, else the global setting.
std::size_t memory_cap() noexcept;
// The global setting (all threads without a scoped override). InvalidArgumentError for 0.
void set_memory_cap(std::size_t bytes);

// Overrides the cap on this thread until destroyed; nests.
class ScopedMemoryCap {
 public:
  explicit ScopedMemoryCap(std::size_t bytes);  // InvalidArgumentError for 0
  ~ScopedMemoryCap();
  ScopedMemoryCap(const ScopedMemoryCap&) = delete;
  ScopedMemoryCap& operator=(const ScopedMemoryCap&) = delete;

 private:
  std::size_t previous_;
};

// How many elements of `element_size` bytes fit in the cap (at least 1: an operation always
// makes progress, one element at a time if it must).
std::size_t elements_within_cap(std::size_t element_size) noexcept;

}  // namespace h5kit::lazy
