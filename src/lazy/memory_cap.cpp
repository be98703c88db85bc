#include "h5kit/lazy/memory_cap.hpp"

#include <algorithm>
#include <atomic>

#include "h5kit/error.hpp"

namespace h5kit::lazy {

namespace {
std::atomic<std::size_t> global_cap{kDefaultMemoryCap};
thread_local std::size_t scoped_cap = 0;  // 0: no override on this thread

void require_positive(std::size_t bytes, const char* operation) {
  if (bytes == 0) throw_error(ErrorKind::invalid_argument, operation, "", "", "the memory cap must be at least 1 byte");
}
}  // namespace

std::size_t memory_cap() noexcept { return scoped_cap != 0 ? scoped_cap : global_cap.load(std::memory_order_relaxed); }

void set_memory_cap(std::size_t bytes) {
  require_positive(bytes, "set memory cap");
  global_cap.store(bytes, std::memory_order_relaxed);
}

ScopedMemoryCap::ScopedMemoryCap(std::size_t bytes) : previous_(scoped_cap) {
  require_positive(bytes, "set scoped memory cap");
  scoped_cap = bytes;
}

ScopedMemoryCap::~ScopedMemoryCap() { scoped_cap = previous_; }

std::size_t elements_within_cap(std::size_t element_size) noexcept {
  return std::max<std::size_t>(1, memory_cap() / std::max<std::size_t>(1, element_size));
}

}  // namespace h5kit::lazy
