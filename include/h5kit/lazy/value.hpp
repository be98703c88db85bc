#pragma once
// lazy::Value: one member of an H5Dict or H5List, opened but not read (ch5mpy returns the same
// things: 0-D datasets as their value, N-D datasets as H5Array, groups as H5Dict / H5List / objects).
#include <optional>
#include <string>

#include "h5kit/dataset.hpp"
#include "h5kit/group.hpp"
#include "h5kit/lazy/h5array.hpp"

namespace h5kit::lazy {

class H5Dict;
class H5List;

// Python's None: a dataset with a null dataspace (h5py reads it as h5py.Empty), or the attribute
// string "__ATTRIBUTE_None__" (ch5mpy's sentinel) in an attribute map. It is h5kit::none itself
// (std::nullopt, the open bound of s(2, none) in selection.hpp), so `none` names one object under
// both `using namespace h5kit;` and `using namespace h5kit::lazy;`: write_object(g, "n", none).
using None = std::nullopt_t;
using h5kit::none;

// The attribute names and values of ch5mpy's conventions (docs/lazy_containers.md).
inline constexpr const char* kTypeAttribute = "__h5_type__";    // "list" or "object" on a group
inline constexpr const char* kClassAttribute = "__h5_class__";  // the type tag of an "object" group
inline constexpr const char* kVariantAttribute = "__h5_variant__";  // the alternative a std::variant held
inline constexpr const char* kListType = "list";
inline constexpr const char* kObjectType = "object";
inline constexpr const char* kNoneAttribute = "__ATTRIBUTE_None__";

enum class ValueKind {
  empty,   // None: a dataset with a null dataspace
  scalar,  // a 0-D dataset
  array,   // an N-D dataset
  dict,    // a group without __h5_type__
  list,    // a group with __h5_type__ = "list"
  object,  // a group with __h5_type__ = "object" and a __h5_class__ tag
};
const char* to_string(ValueKind kind) noexcept;

class Value {
 public:
  explicit Value(Object object);

  ValueKind kind() const noexcept { return kind_; }
  bool is_none() const noexcept { return kind_ == ValueKind::empty; }
  bool is_scalar() const noexcept { return kind_ == ValueKind::scalar; }
  bool is_array() const noexcept { return kind_ == ValueKind::array; }
  bool is_dict() const noexcept { return kind_ == ValueKind::dict; }
  bool is_list() const noexcept { return kind_ == ValueKind::list; }
  bool is_object() const noexcept { return kind_ == ValueKind::object; }
  // The __h5_class__ tag of an object ("" for anything else).
  std::string type_tag() const;

  // A dataset's value read whole as T (a 0-D dataset as a number or string, an N-D one into a
  // std::vector or NDArray); TypeMismatchError for groups.
  template <class T>
  T get() const {
    return dataset("read value").template read<T>();
  }
  // An N-D (or 0-D) dataset left on disk.
  template <class T>
  H5Array<T> as_array() const {
    return H5Array<T>(dataset("open value as array"));
  }
  H5Dict as_dict() const;  // TypeMismatchError unless is_dict()
  H5List as_list() const;  // TypeMismatchError unless is_list()
  // Any type write_object can store, rebuilt with read_object (h5kit/lazy/object.hpp).
  template <class T>
  T read() const;

  const Object& object() const noexcept { return object_; }

 private:
  Dataset dataset(const char* operation) const;
  Group group(const char* operation, ValueKind expected) const;
  Object object_;
  ValueKind kind_;
};

}  // namespace h5kit::lazy
