#include "h5kit/model/dataset_of.hpp"

#include "h5kit/error.hpp"
#include "h5kit/model/detail/checks.hpp"

namespace h5kit::detail {

void check_declared_shape(const std::int64_t* declared, std::size_t rank, const Shape& found, const char* operation) {
  const std::string problem = model::check_shape(std::vector<std::int64_t>(declared, declared + rank), false, found);
  if (!problem.empty()) throw_error(ErrorKind::shape_mismatch, operation, "", "", problem);
}

void throw_unset_dataset_field() {
  throw_error(ErrorKind::invalid_argument, "read dataset field", "", "",
              "the field was never given data (assign it, or load it from a file)");
}

}  // namespace h5kit::detail
