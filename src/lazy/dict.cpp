// H5Dict and the attribute map with ch5mpy's None sentinel.
#include "h5kit/lazy/dict.hpp"

#include "detail/checked.hpp"

namespace h5kit::lazy {

using h5kit::detail::reject;
using h5kit::detail::Where;

bool Attributes::is_none(std::string_view name) const {
  const Attribute a = owner_.attrs().open(name);
  return a.dtype().type_class() == TypeClass::string && a.shape().empty() && a.read<std::string>() == kNoneAttribute;
}

H5Dict::H5Dict(Group group) : group_(std::move(group)) {
  const std::string type = impl::h5_type_of(group_);
  if (!type.empty())
    reject(ErrorKind::type_mismatch, "open dict", Where{group_.id()},
           std::string("expected a group without ") + kTypeAttribute + ", found one tagged '" + type + "'");
}

H5Dict H5Dict::create(const Group& parent, std::string_view name) {
  return H5Dict(impl::create_container(parent, name, nullptr, nullptr));
}

std::vector<std::string> H5Dict::keys() const { return impl::member_keys(group_); }
std::size_t H5Dict::size() const { return keys().size(); }
bool H5Dict::contains(std::string_view key) const { return group_.has_link(key); }

Value H5Dict::at(std::string_view key) const {
  if (!group_.has_link(key)) reject(ErrorKind::not_found, "get dict value", Where{group_.id(), key}, "no such key");
  return Value(group_.open(key));
}

void H5Dict::erase(std::string_view key) const {
  if (!group_.has_link(key)) reject(ErrorKind::not_found, "erase dict key", Where{group_.id(), key}, "no such key");
  group_.erase(key);
}

}  // namespace h5kit::lazy
