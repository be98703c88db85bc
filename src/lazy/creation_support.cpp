// The length of numpy's arange, checked (include/h5kit/lazy/creation.hpp).
#include <cmath>
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

std::size_t arange_length(const Into& into, __int128 start, __int128 stop, __int128 step) {
  if (step == 0)
    h5kit::detail::reject(ErrorKind::invalid_argument, "arange", h5kit::detail::Where{into.group.id(), into.name},
                          "expected a non-zero step, found 0; nothing was written");
  const __int128 span = stop - start;  // both within 64 bits: exact in 128
  if ((span > 0) != (step > 0) || span == 0) return 0;
  const __int128 a = span > 0 ? span : -span, b = step > 0 ? step : -step;
  return static_cast<std::size_t>((a + b - 1) / b);  // at most 2^64 - 1: the extent is the count of values
}

void reject_distribution(const Into& into, const std::string& detail) {
  h5kit::detail::reject(ErrorKind::invalid_argument, "random", h5kit::detail::Where{into.group.id(), into.name},
                        "expected " + detail + "; nothing was written");
}

}  // namespace h5kit::lazy::detail
