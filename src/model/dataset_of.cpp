#include "h5kit/model/dataset_of.hpp"

#include "h5kit/error.hpp"
#include "h5kit/model/detail/checks.hpp"

namespace h5kit::detail {

void check_declared_shape(const std::int64_t* declared, std::size_t rank, const Shape& found, const char* operation) {
  const std::string problem = model::check_shape(std::vector<std::int64_t>(declared, declared + rank), false, found);
  if (!problem.empty()) throw_error(ErrorKind::shape_mismatch, operation, "", "", problem);
}

std::size_t flat_index(const Shape& shape, std::initializer_list<std::size_t> index) {
  if (index.size() != shape.size()) {
    throw_error(ErrorKind::invalid_argument, "dataset field element", "", "",
                "an index of " + std::to_string(index.size()) + " axes for values of shape " + to_string(shape));
  }
  std::size_t flat = 0, axis = 0;
  for (const std::size_t i : index) {
    if (i >= shape[axis]) {
      throw_error(ErrorKind::invalid_argument, "dataset field element", "", "",
                  "index " + std::to_string(i) + " is out of range for axis " + std::to_string(axis) + " of length " +
                      std::to_string(shape[axis]) + " (values of shape " + to_string(shape) + ")");
    }
    flat = flat * shape[axis] + i;
    ++axis;
  }
  return flat;
}

void check_block_inside(const Shape& shape, const Shape& offset, const Shape& count) {
  bool inside = offset.size() == shape.size() && count.size() == shape.size();
  for (std::size_t a = 0; inside && a < shape.size(); ++a) inside = offset[a] + count[a] <= shape[a];
  if (!inside) {
    throw_error(ErrorKind::invalid_argument, "read dataset field block", "", "",
                "the block of " + to_string(count) + " elements from " + to_string(offset) +
                    " is not inside the values of shape " + to_string(shape));
  }
}

void throw_unset_dataset_field() {
  throw_error(ErrorKind::invalid_argument, "read dataset field", "", "",
              "the field was never given data (assign it, or load it from a file)");
}

}  // namespace h5kit::detail
