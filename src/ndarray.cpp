// Out-of-line errors for the header-only containers (inspector.hpp, ndarray.hpp), so the templates
// stay small.
#include "h5kit/ndarray.hpp"

#include "detail/checked.hpp"

namespace h5kit::detail {

void throw_ragged(std::size_t expected, std::size_t found) {
  reject(ErrorKind::shape_mismatch, "flatten nested containers", Where{},
         "nested rows must all have the same length: expected " + std::to_string(expected) + ", found " +
             std::to_string(found));
}

void throw_fixed_extent(std::size_t expected, std::size_t found) {
  reject(ErrorKind::shape_mismatch, "read into std::array", Where{},
         "the array holds " + std::to_string(expected) + " elements per axis, the data has " + std::to_string(found));
}

void throw_index_out_of_range(std::size_t axis, std::size_t index, std::size_t extent) {
  reject(ErrorKind::invalid_argument, "index NDArray", Where{},
         "index " + std::to_string(index) + " is out of range for axis " + std::to_string(axis) + " of extent " +
             std::to_string(extent));
}

void throw_view_shape(const Shape& view, const Shape& data) {
  reject(ErrorKind::shape_mismatch, "read into buffer", Where{},
         "the buffer has shape " + to_string(view) + " (" + std::to_string(element_count(view)) +
             " elements) but the data has shape " + to_string(data) + " (" + std::to_string(element_count(data)) +
             " elements); nothing was read");
}

void throw_reshape(const Shape& from, const Shape& to) {
  reject(ErrorKind::shape_mismatch, "reshape NDArray", Where{},
         "cannot arrange " + std::to_string(element_count(from)) + " elements as shape " + to_string(to));
}

}  // namespace h5kit::detail
