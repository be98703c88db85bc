#pragma once
// write_object / read_object: C++ values stored with ch5mpy's conventions (plain HDF5 + attributes).
//   numbers, strings, describe-enums, std::complex     -> a 0-D dataset
//   std::vector / std::array / NDArray of those          -> an N-D dataset
//   std::map / std::unordered_map<std::string, V>, Map   -> a group (creation order tracked)
//   std::vector / std::array of anything else, tuple,    -> a group tagged __h5_type__ = "list",
//   pair, List                                              members "0".."n-1"
//   std::optional (nullopt), None                        -> a dataset with a null dataspace
//   std::variant                                         -> the alternative, + __h5_variant__ = index
//   types with an object_traits<T> specialisation        -> a group tagged __h5_type__ = "object",
//                                                           __h5_class__ = object_traits<T>::tag
// Writing over an existing member compares first and writes nothing when the value is unchanged.
#include <array>
#include <complex>
#include <cstddef>
#include <cstring>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <tuple>
#include <type_traits>
#include <unordered_map>
#include <utility>
#include <variant>
#include <vector>

#include <boost/describe/enum.hpp>

#include "h5kit/lazy/value.hpp"

namespace h5kit::lazy {

// The customisation point for user types (ch5mpy's __h5_write__ / __h5_read__):
//   template <> struct h5kit::lazy::object_traits<Point> {
//     static constexpr const char* tag = "Point";              // stored in __h5_class__
//     static void write(const Group& group, const Point& p);    // fills a fresh, empty group
//     static Point read(const Group& group);
//   };
template <class T>
struct object_traits;

namespace impl {
template <class T> struct is_complex : std::false_type {};
template <class T> struct is_complex<std::complex<T>> : std::true_type {};
template <class T> struct is_vector : std::false_type {};
template <class V, class A> struct is_vector<std::vector<V, A>> : std::true_type {};
template <class T> struct is_std_array : std::false_type {};
template <class V, std::size_t N> struct is_std_array<std::array<V, N>> : std::true_type {};
template <class T> struct is_ndarray : std::false_type {};
template <class V> struct is_ndarray<NDArray<V>> : std::true_type {};
template <class T> struct is_string_map : std::false_type {};
template <class V, class C, class A> struct is_string_map<std::map<std::string, V, C, A>> : std::true_type {};
template <class V, class H, class E, class A>
struct is_string_map<std::unordered_map<std::string, V, H, E, A>> : std::true_type {};
template <class T> struct is_tuple : std::false_type {};
template <class... V> struct is_tuple<std::tuple<V...>> : std::true_type {};
template <class A, class B> struct is_tuple<std::pair<A, B>> : std::true_type {};
template <class T> struct is_optional : std::false_type {};
template <class V> struct is_optional<std::optional<V>> : std::true_type {};
template <class T> struct is_variant : std::false_type {};
template <class... V> struct is_variant<std::variant<V...>> : std::true_type {};

template <class T>
concept UserObject = requires {
  { object_traits<T>::tag } -> std::convertible_to<const char*>;
};
// One element of a dataset.
template <class T>
concept Scalar = std::is_arithmetic_v<T> || std::is_same_v<T, std::string> || is_complex<T>::value ||
                 (std::is_enum_v<T> && boost::describe::has_describe_enumerators<T>::value);
// A whole N-d dataset of scalars.
template <class T>
concept ScalarArray = is_ndarray<T>::value || ((is_vector<T>::value || is_std_array<T>::value) &&
                                               Scalar<typename T::value_type>);
// Arrays whose elements lie contiguous in memory as their stored bytes (not strings, not
// std::vector<bool>): compared with the file block by block.
template <class T>
concept ByteComparableArray = ScalarArray<T> && !std::is_same_v<typename T::value_type, std::string> &&
                              !(is_vector<T>::value && std::is_same_v<typename T::value_type, bool>);
// Scalars whose bytes are all value (long double has padding): compared as bytes.
template <class T>
concept ByteComparableScalar = !std::is_same_v<T, long double> &&
                               (std::is_arithmetic_v<T> || is_complex<T>::value || std::is_enum_v<T>);
// A group tagged "list".
template <class T>
concept ListLike = (is_vector<T>::value || is_std_array<T>::value) && !ScalarArray<T>;

// ---- compiled helpers (src/lazy/object.cpp) ----
// The __h5_type__ attribute of an object ("" when absent).
std::string h5_type_of(const Object& object);
std::string class_tag_of(const Object& object);
bool is_none_dataset(const Object& object);
// A dataset whose type and shape match, to compare values with before writing.
std::optional<Dataset> comparable_dataset(const std::optional<Object>& existing, const Datatype& type,
                                          const Shape& shape);
// True when `ds` (of type `type`, the shape of the caller's buffer) holds exactly the bytes at
// `data`, compared block by block within the memory cap: assigning a large array that is already
// stored costs no second copy of it in memory.
bool holds_bytes(const Dataset& ds, const Datatype& type, const void* data);
// InvalidArgumentError unless `name` can be one member's link name: not empty, no '/', not "." or
// "..". HDF5 would read "a/b" as a path and write into (or create) a group "a".
void check_member_name(const Group& parent, std::string_view name);
// A dict key: a member name that is not under h5kit's staging prefix either (a key there would be
// taken for a leftover and discarded).
void check_key(const Group& parent, std::string_view key);
// A group with tracked creation order, tagged with __h5_type__ (and __h5_class__) when given.
Group create_container(const Group& parent, std::string_view name, const char* h5_type, const char* class_tag);
void write_none(const Group& parent, std::string_view name);
// Removes every member whose name is not in `keep`; true when one was removed.
bool keep_only(const Group& group, const std::vector<std::string>& keep);
// Removes members "n", "n+1"... of a list group; true when one was removed.
bool truncate_list(const Group& group, std::size_t n);
std::size_t list_size(const Group& group);  // checks the members are exactly "0".."n-1"
// Replacing a member: the new value is written under a staged name, then linked in its place, so
// a write that fails leaves the old member as it was.
std::string staged_name(std::string_view name);
// The group's members without staged names: a process that died mid-write can leave one behind,
// and it is neither a key nor a list element (the next write under that name discards it).
std::vector<std::string> member_keys(const Group& group, IterationOrder order = IterationOrder::automatic);
void discard(const Group& parent, std::string_view name) noexcept;
void commit_staged(const Group& parent, std::string_view name, std::string_view staged);
void register_tag(const char* tag);
// TypeMismatchError: `path` in `object`'s file holds something else than `expected`.
[[noreturn]] void wrong_kind(const Object& object, const char* operation, std::string expected);
// TypeMismatchError naming the tag found and the tags registered by this process.
[[noreturn]] void wrong_tag(const Object& object, const char* expected, const std::string& found);
void set_variant_index(const Object& object, std::size_t index);
std::size_t variant_index(const Object& object, std::size_t alternatives);
Group expect_group(const Object& object, const char* operation, const char* h5_type);

template <class T>
void register_user_tag() {
  static const bool registered = (register_tag(object_traits<T>::tag), true);
  (void)registered;
}

// Writes a value that replaces whatever `name` held (or fills a free name), staged.
template <class F>
bool write_fresh(const Group& parent, std::string_view name, bool exists, F&& write_to) {
  const std::string staged = exists ? staged_name(name) : std::string(name);
  if (exists) discard(parent, staged);  // left by a process that died mid-write
  try {
    write_to(parent, std::string_view(staged));
  } catch (...) {
    discard(parent, staged);
    throw;
  }
  if (exists) commit_staged(parent, name, staged);
  return true;
}
}  // namespace impl

class Map;
class List;

// Stores `value` as member `name` of `parent`; false when an equal value was already there (nothing
// was written).
template <class T>
bool write_object(const Group& parent, std::string_view name, const T& value);
// Rebuilds a T from what write_object<T> stored.
template <class T>
T read_object(const Object& object);
template <class T>
T read_object(const Group& parent, std::string_view name) {
  return read_object<T>(parent.open(name));
}

namespace impl {
// InvalidArgumentError for the first map key, at any depth of `value`, that cannot be a link name
// (check_member_name): write_object checks a whole value before writing any of it.
template <class T>
void check_names(const Group& parent, const T& value);
}  // namespace impl

// A value of any storable type, for heterogeneous Map and List literals.
class Item {
 public:
  template <class T>
    requires(!std::is_same_v<std::decay_t<T>, Item>)
  Item(const T& value) : holder_(make(value)) {}  // NOLINT: implicit on purpose, for literals

  bool write(const Group& parent, std::string_view name) const { return holder_->write(parent, name); }
  void check_names(const Group& parent) const { holder_->check_names(parent); }

 private:
  struct Holder {
    virtual ~Holder() = default;
    virtual bool write(const Group& parent, std::string_view name) const = 0;
    virtual void check_names(const Group& parent) const = 0;
  };
  template <class T>
  struct Typed final : Holder {
    explicit Typed(T v) : value(std::move(v)) {}
    bool write(const Group& parent, std::string_view name) const override {
      return write_object(parent, name, value);
    }
    void check_names(const Group& parent) const override { impl::check_names(parent, value); }
    T value;
  };
  template <class T>
  static std::shared_ptr<const Holder> make(const T& value) {
    if constexpr (std::is_convertible_v<const T&, const char*>) return std::make_shared<Typed<std::string>>(value);
    else return std::make_shared<Typed<T>>(value);
  }
  std::shared_ptr<const Holder> holder_;
};

// An ordered, heterogeneous map literal (a Python dict): Map{{"a", 1}, {"b", std::vector{1, 2}}}.
class Map {
 public:
  Map() = default;
  Map(std::initializer_list<std::pair<std::string, Item>> items) : items_(items) {}
  void add(std::string key, Item value) { items_.emplace_back(std::move(key), std::move(value)); }
  const std::vector<std::pair<std::string, Item>>& items() const noexcept { return items_; }

 private:
  std::vector<std::pair<std::string, Item>> items_;
};

// A heterogeneous list literal (a Python list): List{1.0, 2, "4.", Map{...}}.
class List {
 public:
  List() = default;
  List(std::initializer_list<Item> items) : items_(items) {}
  void add(Item value) { items_.push_back(std::move(value)); }
  const std::vector<Item>& items() const noexcept { return items_; }

 private:
  std::vector<Item> items_;
};

namespace impl {
template <class T> concept MapLike = is_string_map<T>::value || std::is_same_v<T, Map>;

template <class Range, class F>
bool write_members(const Group& parent, std::string_view name, const std::optional<Object>& existing,
                   const char* h5_type, F&& write_all) {
  // An existing container of the same kind is updated member by member (unchanged ones stay).
  if (existing && existing->kind() == ObjectKind::group && h5_type_of(*existing) == (h5_type ? h5_type : ""))
    return write_all(existing->as_group());
  return write_fresh(parent, name, existing.has_value(), [&](const Group& p, std::string_view target) {
    write_all(create_container(p, target, h5_type, nullptr));
  });
}

template <class T, std::size_t... I>
T read_variant(const Object& object, std::size_t index, std::index_sequence<I...>) {
  T result;
  ((index == I ? (result = T(std::in_place_index<I>, read_object<std::variant_alternative_t<I, T>>(object)), 0) : 0),
   ...);
  return result;
}
}  // namespace impl

namespace impl {
template <class T>
void check_names(const Group& parent, const T& value) {
  if constexpr (std::is_same_v<T, Map>) {
    for (const auto& [key, item] : value.items()) check_key(parent, key), item.check_names(parent);
  } else if constexpr (is_string_map<T>::value) {
    for (const auto& [key, item] : value) check_key(parent, key), check_names(parent, item);
  } else if constexpr (std::is_same_v<T, List>) {
    for (const Item& item : value.items()) item.check_names(parent);
  } else if constexpr (ListLike<T>) {
    for (const auto& item : value) check_names(parent, item);
  } else if constexpr (is_tuple<T>::value) {
    std::apply([&](const auto&... e) { (check_names(parent, e), ...); }, value);
  }
}
}  // namespace impl

template <class T>
bool write_object(const Group& parent, std::string_view name, const T& value) {
  if constexpr (std::is_convertible_v<const T&, const char*>) {
    return write_object(parent, name, std::string(value));
  } else {
    impl::check_member_name(parent, name);
    impl::check_names(parent, value);  // every key, at every depth, before the first member is written
    const std::optional<Object> existing = parent.try_open(name);
    if constexpr (std::is_same_v<T, None>) {
      if (existing && impl::is_none_dataset(*existing)) return false;
      return impl::write_fresh(parent, name, existing.has_value(), impl::write_none);
    } else if constexpr (impl::Scalar<T> || impl::ScalarArray<T>) {
      Shape shape;
      inspector<T>::shape(value, shape);
      if (const auto ds = impl::comparable_dataset(existing, dtype<T>(), shape)) {
        // Fixed-size numbers compare as stored bytes, arrays block by block (a NaN already stored is
        // unchanged; -0.0 over 0.0 is a change); strings and std::vector<bool> through a whole read.
        if constexpr (impl::ByteComparableArray<T>) {
          if (impl::holds_bytes(*ds, dtype<T>(), inspector<T>::data(value))) return false;
        } else if constexpr (impl::ByteComparableScalar<T>) {
          const T stored = ds->template read<T>();
          if (std::memcmp(&stored, &value, sizeof(T)) == 0) return false;
        } else if (ds->template read<T>() == value) {
          return false;
        }
        ds->write(value);  // same type and shape: in place
        return true;
      }
      return impl::write_fresh(parent, name, existing.has_value(), [&](const Group& p, std::string_view target) {
        p.create_dataset(target, value);
      });
    } else if constexpr (impl::MapLike<T>) {
      return impl::write_members<T>(parent, name, existing, nullptr, [&](const Group& g) {
        bool changed = false;
        std::vector<std::string> keys;
        if constexpr (std::is_same_v<T, Map>) {
          for (const auto& [key, item] : value.items()) changed |= item.write(g, key), keys.push_back(key);
        } else {
          for (const auto& [key, item] : value) changed |= write_object(g, key, item), keys.push_back(key);
        }
        return impl::keep_only(g, keys) || changed;
      });
    } else if constexpr (impl::ListLike<T> || impl::is_tuple<T>::value || std::is_same_v<T, List>) {
      return impl::write_members<T>(parent, name, existing, kListType, [&](const Group& g) {
        bool changed = false;
        std::size_t i = 0;
        if constexpr (std::is_same_v<T, List>) {
          for (const Item& item : value.items()) changed |= item.write(g, std::to_string(i++));
        } else if constexpr (impl::is_tuple<T>::value) {
          std::apply([&](const auto&... e) { ((changed |= write_object(g, std::to_string(i++), e)), ...); }, value);
        } else {
          for (const auto& e : value) changed |= write_object(g, std::to_string(i++), e);
        }
        return impl::truncate_list(g, i) || changed;
      });
    } else if constexpr (impl::is_optional<T>::value) {
      return value ? write_object(parent, name, *value) : write_object(parent, name, none);
    } else if constexpr (impl::is_variant<T>::value) {
      bool changed = std::visit([&](const auto& v) { return write_object(parent, name, v); }, value);
      const Object written = parent.open(name);
      if (!changed && impl::variant_index(written, std::variant_size_v<T>) == value.index()) return false;
      impl::set_variant_index(written, value.index());
      return true;
    } else if constexpr (impl::UserObject<T>) {
      impl::register_user_tag<T>();
      if constexpr (std::equality_comparable<T>) {
        if (existing && impl::h5_type_of(*existing) == kObjectType &&
            impl::class_tag_of(*existing) == object_traits<T>::tag && read_object<T>(*existing) == value)
          return false;
      }
      return impl::write_fresh(parent, name, existing.has_value(), [&](const Group& p, std::string_view target) {
        object_traits<T>::write(impl::create_container(p, target, kObjectType, object_traits<T>::tag), value);
      });
    } else {
      static_assert(sizeof(T) == 0,
                    "h5kit::lazy::write_object: no storage for this type; specialise h5kit::lazy::object_traits<T>");
    }
  }
}

namespace impl {
// A list group as a vector, std::array or tuple.
template <class T>
T read_list(const Object& object) {
  const Group g = impl::expect_group(object, "read object", kListType);
  const std::size_t n = impl::list_size(g);
  T result{};
  if constexpr (impl::is_vector<T>::value) {
    result.reserve(n);
    for (std::size_t i = 0; i < n; ++i)
      result.push_back(read_object<typename T::value_type>(g.open(std::to_string(i))));
  } else {
    if (n != std::tuple_size_v<T>)
      impl::wrong_kind(object, "read object", "a list of " + std::to_string(std::tuple_size_v<T>) +
                                                  " elements, found " + std::to_string(n));
    if constexpr (impl::is_std_array<T>::value) {
      for (std::size_t i = 0; i < n; ++i)
        result[i] = read_object<typename T::value_type>(g.open(std::to_string(i)));
    } else {
      std::size_t i = 0;
      std::apply(
          [&](auto&... e) { ((e = read_object<std::decay_t<decltype(e)>>(g.open(std::to_string(i++)))), ...); },
          result);
    }
  }
  return result;
}
}  // namespace impl

template <class T>
T read_object(const Object& object) {
  if constexpr (std::is_same_v<T, None>) {
    if (!impl::is_none_dataset(object)) impl::wrong_kind(object, "read object", "None (a null dataspace)");
    return none;
  } else if constexpr (impl::Scalar<T> || impl::ScalarArray<T>) {
    // A list of numbers written element by element (an H5List) reads as a vector too.
    if constexpr (impl::is_vector<T>::value)
      if (object.kind() == ObjectKind::group) return impl::read_list<T>(object);
    if (object.kind() != ObjectKind::dataset) impl::wrong_kind(object, "read object", "a dataset");
    return object.as_dataset().template read<T>();
  } else if constexpr (impl::is_string_map<T>::value) {
    const Group g = impl::expect_group(object, "read object", "");
    T result;
    for (const std::string& key : impl::member_keys(g))
      result.emplace(key, read_object<typename T::mapped_type>(g.open(key)));
    return result;
  } else if constexpr (impl::ListLike<T> || impl::is_tuple<T>::value) {
    return impl::read_list<T>(object);
  } else if constexpr (impl::is_optional<T>::value) {
    if (impl::is_none_dataset(object)) return std::nullopt;
    return read_object<typename T::value_type>(object);
  } else if constexpr (impl::is_variant<T>::value) {
    const std::size_t index = impl::variant_index(object, std::variant_size_v<T>);
    if (index >= std::variant_size_v<T>)
      impl::wrong_kind(object, "read object", "a __h5_variant__ attribute below " +
                                                  std::to_string(std::variant_size_v<T>));
    return impl::read_variant<T>(object, index, std::make_index_sequence<std::variant_size_v<T>>{});
  } else if constexpr (impl::UserObject<T>) {
    impl::register_user_tag<T>();
    const Group g = impl::expect_group(object, "read object", kObjectType);
    const std::string found = impl::class_tag_of(g);
    if (found != object_traits<T>::tag) impl::wrong_tag(g, object_traits<T>::tag, found);
    return object_traits<T>::read(g);
  } else {
    static_assert(sizeof(T) == 0,
                  "h5kit::lazy::read_object: no storage for this type; specialise h5kit::lazy::object_traits<T>");
  }
}

template <class T>
T Value::read() const {
  return read_object<T>(object_);
}

}  // namespace h5kit::lazy
