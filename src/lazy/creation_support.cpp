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
  return n > 0 ? static_cast<std::size_t>(n) : 0;
}

}  // namespace h5kit::lazy::detail
