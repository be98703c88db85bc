#pragma once
// Shapes of datasets and attributes: one extent per axis, row-major like numpy.
#include <cstddef>
#include <limits>
#include <optional>
#include <string>
#include <vector>

namespace h5kit {

using Shape = std::vector<std::size_t>;

// A maxshape entry that lets the axis grow without bound (h5py's `None`).
inline constexpr std::size_t unlimited = std::numeric_limits<std::size_t>::max();

// Number of elements; 1 for a scalar (empty shape). A product past size_t saturates at
// SIZE_MAX, so a buffer sized from an absurd shape fails to allocate instead of coming out small.
std::size_t element_count(const Shape& shape) noexcept;

// Bytes that `shape` elements of `element_size` bytes take, or nullopt when that is more than a
// size_t can count (a shape a file declares can be).
std::optional<std::size_t> byte_count(const Shape& shape, std::size_t element_size) noexcept;

// "(3, 2)", "()" for a scalar, "None" for unlimited axes; used in messages and the CLI.
std::string to_string(const Shape& shape);

}  // namespace h5kit
