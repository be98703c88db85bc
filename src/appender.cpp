// The compiled half of Appender<E> (appender.hpp): its checks and its last-resort report.
#include "h5kit/appender.hpp"

#include <cstdio>
#include <string>

#include "detail/checked.hpp"

namespace h5kit::detail {

namespace {
constexpr const char* kAppender = "append rows";
}

std::size_t appender_row_size(const Dataset& dataset) {
  const std::size_t axis = dataset.append_axis();  // refuses scalars, Empty and datasets that cannot grow
  const Shape shape = dataset.shape();
  if (axis != 0)
    reject(ErrorKind::invalid_argument, kAppender, Where{dataset.id()},
           "an Appender grows axis 0, but this dataset (shape " + to_string(shape) + ", maxshape " +
               to_string(dataset.maxshape()) + ") grows along axis " + std::to_string(axis) +
               ": use Dataset::append(value, axis)");
  std::size_t row = 1;
  for (std::size_t i = 1; i < shape.size(); ++i) row *= shape[i];
  if (row == 0)
    reject(ErrorKind::invalid_argument, kAppender, Where{dataset.id()},
           "the rows of a dataset of shape " + to_string(shape) + " hold no elements");
  return row;
}

void reject_appender_row(const Dataset& dataset, std::size_t given, std::size_t row_size, bool whole_rows) {
  reject(ErrorKind::shape_mismatch, kAppender, Where{dataset.id()},
         whole_rows ? std::to_string(given) + " elements are not a whole number of rows of " + std::to_string(row_size)
                    : "a row of " + std::to_string(given) + " elements, expected " + std::to_string(row_size) +
                          " (the dataset's shape is " + to_string(dataset.shape()) + ")");
}

void report_appender_loss(const Dataset& dataset, std::size_t rows, const char* what) noexcept {
  std::string where;
  try {
    where = "'" + dataset.path() + "' in '" + dataset.file_name() + "'";
  } catch (...) {
    where = "a dataset";
  }
  std::fprintf(stderr, "h5kit: an Appender destroyed with %zu buffered rows of %s could not write them: %s\n", rows,
               where.c_str(), what);
}

}  // namespace h5kit::detail
