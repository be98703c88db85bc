// The length of numpy's arange, checked (include/h5kit/lazy/creation.hpp).
#include <cmath>
#include <cstdint>
#include <string>

#include "detail/checked.hpp"
#include "h5kit/lazy/creation.hpp"

namespace h5kit::lazy::detail {

std::size_t arange_length(const Into& into, double start, double stop, double step) {
  if (step == 0 || !std::isfinite(start) || !std::isfinite(stop) || !std::isfinite(step))
    h5kit::detail::reject(ErrorKind::invalid_argument, "arange", h5kit::detail::Where{into.group.id(), into.name},
                          "expected finite bounds and a non-zero step, found start " + std::to_string(start) +
                              ", stop " + std::to_string(stop) + ", step " + std::to_string(step) +
                              "; nothing was written");
  const double n = std::ceil((stop - start) / step);
  if (!(n < 0x1p63))  // also refuses NaN
    h5kit::detail::reject(ErrorKind::invalid_argument, "arange", h5kit::detail::Where{into.group.id(), into.name},
                          "expected a length below 2^63, found (" + std::to_string(stop) + " - " +
                              std::to_string(start) + ") / " + std::to_string(step) + "; nothing was written");
  return n > 0 ? static_cast<std::size_t>(n) : 0;
}

namespace {
void reject_zero_step(const Into& into) {
  h5kit::detail::reject(ErrorKind::invalid_argument, "arange", h5kit::detail::Where{into.group.id(), into.name},
                        "expected a non-zero step, found 0; nothing was written");
}
// ceil(span / step) for a span and step of equal sign, as magnitudes; below 2^63 like the floating
// point lengths (HDF5 keeps 2^64 - 1 for an unlimited extent).
std::size_t checked_length(const Into& into, std::uint64_t span, std::uint64_t step) {
  const std::uint64_t n = span / step + (span % step != 0 ? 1 : 0);
  if (n >= (std::uint64_t{1} << 63))
    h5kit::detail::reject(ErrorKind::invalid_argument, "arange", h5kit::detail::Where{into.group.id(), into.name},
                          "expected a length below 2^63, found " + std::to_string(n) + "; nothing was written");
  return n;
}
}  // namespace

// Magnitudes in uint64 hold the difference of any two int64 values exactly.
std::size_t arange_length(const Into& into, std::int64_t start, std::int64_t stop, std::int64_t step) {
  if (step == 0) reject_zero_step(into);
  const auto u = [](std::int64_t v) { return static_cast<std::uint64_t>(v); };
  if (step > 0) return stop > start ? checked_length(into, u(stop) - u(start), u(step)) : 0;
  return stop < start ? checked_length(into, u(start) - u(stop), u(-(step + 1)) + 1) : 0;  // -(step + 1): no overflow at INT64_MIN
}

std::size_t arange_length(const Into& into, std::uint64_t start, std::uint64_t stop, std::uint64_t step) {
  if (step == 0) reject_zero_step(into);
  return stop > start ? checked_length(into, stop - start, step) : 0;
}

void reject_distribution(const Into& into, const std::string& detail) {
  h5kit::detail::reject(ErrorKind::invalid_argument, "random", h5kit::detail::Where{into.group.id(), into.name},
                        "expected " + detail + "; nothing was written");
}

}  // namespace h5kit::lazy::detail
