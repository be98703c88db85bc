// Follower and FollowedArray (include/h5kit/daq/follow.hpp).
#include "h5kit/daq/follow.hpp"

#include <algorithm>
#include <thread>

#include "h5kit/error.hpp"

namespace h5kit::daq {

FollowedArray::FollowedArray(h5kit::Dataset dataset) : dataset_(std::move(dataset)) {
  const Shape shape = dataset_.shape();
  if (shape.empty() || dataset_.is_empty())
    throw_error(ErrorKind::type_mismatch, "follow dataset", dataset_.file_name(), dataset_.path(),
                "a followed dataset grows along axis 0: it needs at least one axis, this one is scalar or empty");
  row_shape_ = Shape(shape.begin() + 1, shape.end());
  rows_ = shape[0];
}

std::size_t FollowedArray::refresh() {
  dataset_.refresh();
  const Shape shape = dataset_.shape();
  rows_ = shape.empty() ? 0 : shape[0];
  return rows_;
}

void FollowedArray::check_range(std::size_t first, std::size_t count) const {
  if (first > rows_ || count > rows_ - first)
    throw_error(ErrorKind::invalid_argument, "read rows", dataset_.file_name(), dataset_.path(),
                "rows " + std::to_string(first) + " to " + std::to_string(first + count) + " asked, " +
                    std::to_string(rows_) + " rows seen (call refresh() to see new rows)");
}

Shape FollowedArray::with_rows(std::size_t count) const {
  Shape s = row_shape_;
  s.insert(s.begin(), count);
  return s;
}

Follower::Follower(const std::string& path) : file_(path, "r", FileOptions{.swmr = true}) {}

Follower::Follower(h5kit::File file) : file_(std::move(file)) {}

FollowedArray& Follower::follow(std::string_view path) {
  arrays_.emplace_back(file_.dataset(path));
  return arrays_.back();
}

std::size_t Follower::refresh() {
  for (auto& a : arrays_) a.refresh();
  return rows();
}

std::size_t Follower::rows() const {
  if (arrays_.empty()) return 0;
  std::size_t n = arrays_.front().rows();
  for (const auto& a : arrays_) n = std::min(n, a.rows());
  return n;
}

std::size_t Follower::wait_for(std::size_t rows, std::chrono::milliseconds timeout,
                               std::chrono::milliseconds interval) {
  const auto end = std::chrono::steady_clock::now() + timeout;
  while (refresh() < rows && std::chrono::steady_clock::now() < end) std::this_thread::sleep_for(interval);
  return this->rows();
}

}  // namespace h5kit::daq
