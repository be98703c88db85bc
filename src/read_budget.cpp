#include "h5kit/read_budget.hpp"

#include <atomic>
#include <optional>
#include <string>

#include "detail/checked.hpp"
#include "h5kit/detail/io.hpp"

namespace h5kit {

namespace {
std::atomic<std::size_t> budget{unlimited_read_budget};
}  // namespace

void set_read_budget(std::size_t bytes) noexcept { budget.store(bytes, std::memory_order_relaxed); }
std::size_t read_budget() noexcept { return budget.load(std::memory_order_relaxed); }

namespace detail {

namespace {
const char* read_operation(const IoTarget& target) { return target.is_attribute ? "read attribute" : "read dataset"; }

std::string what_is_read(const Shape& shape, std::size_t element_size) {
  return "the value of shape " + to_string(shape) + " in " + std::to_string(element_size) + "-byte elements";
}

constexpr const char* ask_for_less = "; read a selection of it";
}  // namespace

void reserve_read_memory(const IoTarget& target, const Shape& shape, std::size_t element_size) {
  const std::optional<std::size_t> bytes = byte_count(shape, element_size);
  if (!bytes)
    reject(ErrorKind::out_of_memory, read_operation(target), Where{target.id},
           what_is_read(shape, element_size) + " is more bytes than this machine can address" + ask_for_less);
  const std::size_t limit = read_budget();
  if (*bytes > limit)
    reject(ErrorKind::out_of_memory, read_operation(target), Where{target.id},
           what_is_read(shape, element_size) + " needs " + std::to_string(*bytes) +
               " bytes, more than the read budget of " + std::to_string(limit) +
               " bytes (h5kit::set_read_budget)" + ask_for_less);
}

void read_allocation_failed(const IoTarget& target, const Shape& shape, std::size_t element_size,
                            const std::exception& cause) {
  const std::optional<std::size_t> bytes = byte_count(shape, element_size);
  reject(ErrorKind::out_of_memory, read_operation(target), Where{target.id},
         what_is_read(shape, element_size) + " needs " + (bytes ? std::to_string(*bytes) : "more") +
             " bytes, which could not be allocated (" + cause.what() + ")" + ask_for_less);
}

}  // namespace detail
}  // namespace h5kit
