#include "h5kit/storage.hpp"

#include <algorithm>
#include <cmath>

#include "h5kit/strings.hpp"

namespace h5kit {

DatasetOptions& DatasetOptions::fill_value(const Bytes& value) {
  fill_string_ = FillString{value.str(), false};
  fill_bytes_.clear();
  return *this;
}

Shape guess_chunk(const Shape& shape, const std::optional<Shape>& maxshape, std::size_t type_size) {
  constexpr double base = 16 * 1024, smallest = 8 * 1024, largest = 1024 * 1024;
  if (shape.empty()) return {};
  // Empty axes are sized as if they held 1024 elements. Like h5py, the guess looks at the current
  // shape only; maxshape does not change it.
  (void)maxshape;
  std::vector<double> chunk(shape.size());
  for (std::size_t i = 0; i < shape.size(); ++i) chunk[i] = shape[i] == 0 ? 1024.0 : static_cast<double>(shape[i]);
  double total = static_cast<double>(type_size);
  for (double c : chunk) total *= c;
  // Bigger datasets get bigger chunks: base size times 2^(log10 of the size in MiB).
  double target = base * std::pow(2.0, std::log10(total / (1024.0 * 1024.0)));
  target = std::clamp(target, smallest, largest);
  // Halve the axes in turn until the chunk fits the target (or is one element).
  for (std::size_t turn = 0;; ++turn) {
    double bytes = static_cast<double>(type_size);
    for (double c : chunk) bytes *= c;
    const bool fits = bytes < target || std::abs(bytes - target) / target < 0.5;
    if ((fits && bytes < largest) || bytes <= static_cast<double>(type_size)) break;
    double& axis = chunk[turn % chunk.size()];
    axis = std::ceil(axis / 2.0);
  }
  Shape out(chunk.size());
  for (std::size_t i = 0; i < chunk.size(); ++i) out[i] = static_cast<std::size_t>(std::max(1.0, chunk[i]));
  return out;
}

}  // namespace h5kit
