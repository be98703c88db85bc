#pragma once
// numpy's broadcasting, for writes: which source element each element of a selection receives.
#include <cstddef>
#include <vector>

#include "h5kit/shape.hpp"

namespace h5kit::detail {

// True when data of shape `from` spreads over `to` by numpy's rules: trailing axes aligned, each axis
// of `from` either 1 or equal to the one it meets (missing leading axes count as 1).
bool broadcastable(const Shape& from, const Shape& to);

// For each element of `to` in row-major order, the row-major index of the element of `from` it repeats.
std::vector<std::size_t> broadcast_sources(const Shape& from, const Shape& to);

}  // namespace h5kit::detail
