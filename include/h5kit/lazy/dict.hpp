#pragma once
// H5Dict: a group seen as a map of lazily opened values (ch5mpy's H5Dict). Keys come in creation
// order when the group tracks it (every group h5kit::lazy creates does), else in name order.
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "h5kit/lazy/list.hpp"
#include "h5kit/lazy/object.hpp"

namespace h5kit::lazy {

// An object's attributes with ch5mpy's None sentinel: set(name, none) stores the string
// "__ATTRIBUTE_None__", and is_none()/get<std::optional<T>>() read it back as None.
class Attributes {
 public:
  explicit Attributes(Object owner) : owner_(std::move(owner)) {}

  template <class T>
  void set(std::string_view name, const T& value) const {
    if constexpr (std::is_same_v<T, None>) owner_.attrs().set(name, std::string(kNoneAttribute));
    else if constexpr (impl::is_optional<T>::value) value ? set(name, *value) : set(name, none);
    else owner_.attrs().set(name, value);
  }
  // T = std::optional<U>: nullopt for the None sentinel.
  template <class T>
  T get(std::string_view name) const {
    if constexpr (impl::is_optional<T>::value) {
      if (is_none(name)) return std::nullopt;
      return owner_.attrs().get<typename T::value_type>(name);
    } else {
      return owner_.attrs().get<T>(name);
    }
  }
  bool is_none(std::string_view name) const;  // NotFoundError when absent
  bool contains(std::string_view name) const { return owner_.attrs().contains(name); }
  void erase(std::string_view name) const { owner_.attrs().erase(name); }
  std::size_t size() const { return owner_.attrs().size(); }
  std::vector<std::string> keys() const { return owner_.attrs().keys(); }

 private:
  Object owner_;
};

class H5Dict {
 public:
  // TypeMismatchError when the group is tagged as a list or an object.
  explicit H5Dict(Group group);
  // A new, empty dict at parent/name (creation order tracked); AlreadyExistsError if taken.
  static H5Dict create(const Group& parent, std::string_view name);

  const Group& group() const noexcept { return group_; }
  std::vector<std::string> keys() const;
  std::size_t size() const;
  bool contains(std::string_view key) const;
  Value operator[](std::string_view key) const { return at(key); }
  Value at(std::string_view key) const;  // NotFoundError naming the key

  // d[key] = value: false when an equal value was already stored (nothing written). A map over a
  // sub-dict replaces its contents: keys absent from the map are removed.
  template <class T>
  bool set(std::string_view key, const T& value) const {
    impl::check_key(group_, key);
    return write_object(group_, key, value);
  }
  // Python's d |= map: sets every key of `map`, keeps the others.
  template <class M>
  bool merge(const M& map) const {
    bool changed = false;
    impl::check_names(group_, map);  // every key, at every depth, before any write
    if constexpr (std::is_same_v<M, Map>) {
      for (const auto& [key, item] : map.items()) changed |= item.write(group_, key);
    } else {
      for (const auto& [key, item] : map) changed |= write_object(group_, key, item);
    }
    return changed;
  }
  void erase(std::string_view key) const;  // NotFoundError when absent
  Attributes attributes() const { return Attributes(group_); }
  // The whole dict as a C++ map (or any type read_object knows).
  template <class T>
  T read() const {
    return read_object<T>(group_);
  }

 private:
  Group group_;
};

}  // namespace h5kit::lazy
