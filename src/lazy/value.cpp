// lazy::Value: what kind of member an object is, decided once from its kind and __h5_type__.
#include "h5kit/lazy/value.hpp"

#include "detail/checked.hpp"
#include "h5kit/lazy/dict.hpp"

namespace h5kit::lazy {
namespace {

ValueKind kind_of(const Object& object) {
  if (object.kind() == ObjectKind::dataset) {
    const Dataset ds = object.as_dataset();
    if (ds.is_empty()) return ValueKind::empty;
    return ds.is_scalar() ? ValueKind::scalar : ValueKind::array;
  }
  if (object.kind() != ObjectKind::group)
    h5kit::detail::reject(ErrorKind::type_mismatch, "open lazy value", h5kit::detail::Where{object.id()},
                          std::string("expected a dataset or a group, found a ") + to_string(object.kind()));
  const std::string type = impl::h5_type_of(object);
  if (type == kListType) return ValueKind::list;
  if (type == kObjectType) return ValueKind::object;
  return ValueKind::dict;
}

}  // namespace

const char* to_string(ValueKind kind) noexcept {
  switch (kind) {
    case ValueKind::empty: return "none";
    case ValueKind::scalar: return "scalar";
    case ValueKind::array: return "array";
    case ValueKind::dict: return "dict";
    case ValueKind::list: return "list";
    case ValueKind::object: return "object";
  }
  return "unknown";
}

Value::Value(Object object) : object_(std::move(object)), kind_(kind_of(object_)) {}

std::string Value::type_tag() const { return kind_ == ValueKind::object ? impl::class_tag_of(object_) : std::string(); }

Dataset Value::dataset(const char* operation) const {
  if (object_.kind() != ObjectKind::dataset)
    impl::wrong_kind(object_, operation, std::string("a dataset, found a ") + to_string(kind_));
  return object_.as_dataset();
}

Group Value::group(const char* operation, ValueKind expected) const {
  if (kind_ != expected)
    impl::wrong_kind(object_, operation, std::string("a ") + to_string(expected) + ", found a " + to_string(kind_));
  return object_.as_group();
}

H5Dict Value::as_dict() const { return H5Dict(group("open value as dict", ValueKind::dict)); }
H5List Value::as_list() const { return H5List(group("open value as list", ValueKind::list)); }

}  // namespace h5kit::lazy
