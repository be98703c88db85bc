#pragma once
// Shapes of datasets and attributes: one extent per axis, row-major like numpy.
#include <cstddef>
#include <limits>
#include <string>
#include <vector>

namespace h5kit {

using Shape = std::vector<std::size_t>;

// A maxshape entry that lets the axis grow without bound (h5py's `None`).
inline constexpr std::size_t unlimited = std::numeric_limits<std::size_t>::max();

// Number of elements; 1 for a scalar (empty shape).
std::size_t element_count(const Shape& shape) noexcept;

// "(3, 2)", "()" for a scalar, "None" for unlimited axes; used in messages and the CLI.
std::string to_string(const Shape& shape);

}  // namespace h5kit
