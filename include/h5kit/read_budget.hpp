#pragma once
// How much memory one read may take when the file decides how much. A valid file of a few
// kilobytes can declare a dataset of terabytes (an unwritten chunked dataset costs nothing on disk),
// so a program that reads files it did not write sets a budget: a whole-value or selection read
// whose elements would take more bytes is an OutOfMemoryError naming the object, before anything
// is allocated. A read that fails to allocate under the budget is the same error, never a
// std::bad_alloc. docs/errors.md has the rules.
#include <cstddef>
#include <limits>

namespace h5kit {

// No budget: reads are limited by memory only, as in h5py.
inline constexpr std::size_t unlimited_read_budget = std::numeric_limits<std::size_t>::max();

// The budget for each read of values into memory (Dataset/Attribute read, read_native, model
// loads), in bytes of the elements in memory. Process-wide and safe to change from any thread.
void set_read_budget(std::size_t bytes) noexcept;
std::size_t read_budget() noexcept;

// Sets the budget for a scope and puts the previous one back (a tool's command, a test).
class ScopedReadBudget {
 public:
  explicit ScopedReadBudget(std::size_t bytes) noexcept : previous_(read_budget()) { set_read_budget(bytes); }
  ~ScopedReadBudget() { set_read_budget(previous_); }
  ScopedReadBudget(const ScopedReadBudget&) = delete;
  ScopedReadBudget& operator=(const ScopedReadBudget&) = delete;

 private:
  std::size_t previous_;
};

}  // namespace h5kit
