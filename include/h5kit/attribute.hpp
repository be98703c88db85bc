#pragma once
// Attributes: small named values on any object, used as a map (h5py's `obj.attrs`).
#include <string>
#include <utility>
#include <string_view>
#include <vector>

#include "h5kit/datatype.hpp"
#include "h5kit/detail/handle.hpp"
#include "h5kit/detail/io.hpp"
#include "h5kit/detail/value_io.hpp"
#include "h5kit/raw_data.hpp"
#include "h5kit/shape.hpp"

namespace h5kit {

class Attribute : public detail::ValueIo<Attribute> {
 public:
  Attribute() = default;
  explicit Attribute(detail::Handle handle) : handle_(std::move(handle)) {}

  std::string name() const;
  Datatype dtype() const;
  Shape shape() const;
  std::size_t size() const;  // number of elements (0 when empty)
  bool is_empty() const;  // null dataspace

  // read<T>(), read(T&) and write(value) come from detail::ValueIo.
  RawData read_native() const;

  detail::hid id() const noexcept { return handle_.get(); }
  bool valid() const noexcept { return handle_.valid(); }

 private:
  friend class detail::ValueIo<Attribute>;
  static constexpr const char* read_operation = "read attribute";
  static constexpr const char* write_operation = "write attribute";
  detail::IoTarget target(const char* operation) const;
  detail::Handle handle_;
};

class AttributeEntry;

class AttributeManager {
 public:
  explicit AttributeManager(detail::Handle owner) : owner_(std::move(owner)) {}

  // attrs[name] = value: creates the attribute with the value's own type and shape, replacing any
  // attribute of that name. An old value is removed only once the new one is written; a new name
  // that fails to write is removed again.
  template <class T>
  void set(std::string_view name, const T& value) const {
    Shape shape;
    inspector<T>::shape(value, shape);
    write_new(name, value, shape, dtype<T>());
  }
  // attrs.create(name, value, dtype): the same with an explicit stored type (fixed-length string,
  // a narrower integer...). Values that do not fit the type are an error, never truncated.
  template <class T>
  void set(std::string_view name, const T& value, const Datatype& stored_type) const {
    Shape shape;
    inspector<T>::shape(value, shape);
    write_new(name, value, detail::shape_for_type(shape, stored_type), stored_type);
  }
  // h5py's attrs.modify(name, value): creates the attribute when there is none; otherwise writes in
  // place, keeping the stored type and shape. A value of another shape (other than axes of extent 1),
  // one that does not convert to the stored type, or any value for an empty attribute is refused
  // (ShapeMismatchError, TypeMismatchError) and the attribute is left as it was: use set() to replace.
  template <class T>
  void modify(std::string_view name, const T& value) const {
    if (!contains(name)) return set(name, value);
    open_to_modify(name).write(value);
  }
  template <class T>
  T get(std::string_view name) const {
    return open(name).read<T>();
  }
  // An attribute with a type and no dataspace (h5py's attrs[name] = h5py.Empty(dtype)); replaces
  // an attribute of that name.
  void set(std::string_view name, const Empty& empty) const;
  // An empty attribute of the given shape and type (then write() into it).
  Attribute create(std::string_view name, const Shape& shape, const Datatype& type) const;

  Attribute open(std::string_view name) const;
  // attrs[name]: a proxy that opens the attribute (Attribute a = attrs["k"]; attrs["k"].read<T>())
  // or sets it (attrs["k"] = value, as set()).
  AttributeEntry operator[](std::string_view name) const;
  bool contains(std::string_view name) const;
  void erase(std::string_view name) const;
  void rename(std::string_view from, std::string_view to) const;
  std::size_t size() const;
  // Names in creation order when the object tracks it, else in name order (as h5py).
  std::vector<std::string> keys() const;

 private:
  template <class T>
  void write_new(std::string_view name, const T& value, const Shape& shape, const Datatype& type) const {
    // A new name is written in place (h5py does the same); replacing stages under a temporary name.
    const bool replacing = contains(name);
    const std::string target = replacing ? staged_name(name) : std::string(name);
    if (replacing) discard(target);  // left over from a process that died mid-write
    Attribute fresh = create_unchecked(target, shape, type);
    try {
      fresh.write(value);
    } catch (...) {
      discard(target);
      throw;
    }
    if (replacing) commit_staged(name);
  }
  static std::string staged_name(std::string_view name);
  Attribute open_to_modify(std::string_view name) const;  // refuses empty attributes
  Attribute create_unchecked(std::string_view name, const Shape& shape, const Datatype& type) const;
  void commit_staged(std::string_view name) const;
  void discard(std::string_view name) const noexcept;

  detail::Handle owner_;
};

// The value of attrs[name]: converts to the Attribute (NotFoundError when there is none), or takes
// a value as h5py's attrs[name] = value does, replacing any attribute of that name.
class AttributeEntry {
 public:
  AttributeEntry(AttributeManager manager, std::string name) : manager_(std::move(manager)), name_(std::move(name)) {}
  AttributeEntry(const AttributeEntry&) = default;

  const std::string& name() const noexcept { return name_; }
  bool exists() const { return manager_.contains(name_); }
  Attribute open() const { return manager_.open(name_); }
  operator Attribute() const { return open(); }
  Datatype dtype() const { return open().dtype(); }
  Shape shape() const { return open().shape(); }
  template <class T>
  T read() const {
    return open().read<T>();
  }

  template <class T>
  AttributeEntry& operator=(const T& value) {
    manager_.set(name_, value);
    return *this;
  }
  AttributeEntry& operator=(const Empty& empty) {
    manager_.set(name_, empty);
    return *this;
  }
  // attrs["a"] = attrs["b"] would have to guess the C++ type to read: say it, attrs["a"] = attrs["b"].read<T>().
  AttributeEntry& operator=(const AttributeEntry&) = delete;

 private:
  AttributeManager manager_;
  std::string name_;
};

inline AttributeEntry AttributeManager::operator[](std::string_view name) const {
  return AttributeEntry(*this, std::string(name));
}

}  // namespace h5kit
