// H5List: Python indices over members "0".."n-1", renumbered by H5Lmove on insert and erase.
#include "h5kit/lazy/list.hpp"

#include "detail/checked.hpp"

namespace h5kit::lazy {

using h5kit::detail::reject;
using h5kit::detail::Where;

H5List::H5List(Group group) : group_(std::move(group)) {
  impl::expect_group(group_, "open list", kListType);
  size_ = impl::list_size(group_);
}

H5List H5List::create(const Group& parent, std::string_view name) {
  return H5List(impl::create_container(parent, name, kListType, nullptr));
}

std::size_t H5List::synced_size() const {
  if (group_.has_link(std::to_string(size_)) || (size_ > 0 && !group_.has_link(std::to_string(size_ - 1))))
    size_ = impl::list_size(group_);
  return size_;
}

std::string H5List::name_of(std::ptrdiff_t index, const char* operation) const {
  const auto n = static_cast<std::ptrdiff_t>(synced_size());
  const std::ptrdiff_t i = index < 0 ? index + n : index;
  if (i < 0 || i >= n)
    reject(ErrorKind::invalid_argument, operation, Where{group_.id()},
           "index " + std::to_string(index) + " is out of range for a list of " + std::to_string(size_) + " elements");
  return std::to_string(i);
}

Value H5List::at(std::ptrdiff_t index) const { return Value(group_.open(name_of(index, "get list element"))); }

std::size_t H5List::insertion_point(std::ptrdiff_t index) const {
  // Python clamps insert positions instead of failing.
  const auto n = static_cast<std::ptrdiff_t>(synced_size());
  const std::ptrdiff_t i = index < 0 ? std::max<std::ptrdiff_t>(0, index + n) : std::min(index, n);
  return static_cast<std::size_t>(i);
}

void H5List::shift_up(std::size_t from) const {
  for (std::size_t i = size_; i > from; --i) group_.move(std::to_string(i - 1), std::to_string(i));
}

void H5List::erase(std::ptrdiff_t index) {
  const std::string name = name_of(index, "erase list element");
  group_.erase(name);
  for (std::size_t i = std::stoul(name) + 1; i < size_; ++i) group_.move(std::to_string(i), std::to_string(i - 1));
  --size_;
}

}  // namespace h5kit::lazy
