#include "h5kit/shape.hpp"

#include <algorithm>

namespace h5kit {

std::size_t element_count(const Shape& shape) noexcept {
  if (std::find(shape.begin(), shape.end(), 0) != shape.end()) return 0;  // even past an overflow
  std::size_t n = 1;
  for (std::size_t d : shape)
    if (__builtin_mul_overflow(n, d, &n)) return std::numeric_limits<std::size_t>::max();
  return n;
}

std::optional<std::size_t> byte_count(const Shape& shape, std::size_t element_size) noexcept {
  if (std::find(shape.begin(), shape.end(), 0) != shape.end()) return 0;
  std::size_t n = element_size;
  for (std::size_t d : shape)
    if (__builtin_mul_overflow(n, d, &n)) return std::nullopt;
  return n;
}

std::string to_string(const Shape& shape) {
  std::string out = "(";
  for (std::size_t i = 0; i < shape.size(); ++i) {
    if (i) out += ", ";
    out += shape[i] == unlimited ? "None" : std::to_string(shape[i]);
  }
  if (shape.size() == 1) out += ",";
  return out + ")";
}

}  // namespace h5kit
