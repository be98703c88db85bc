#pragma once
// What kind of field a member type is, decided at compile time. The walkers and the schema builder
// dispatch on these; everything else about a field is run-time data (FieldSchema).
#include <map>
#include <optional>
#include <string>
#include <type_traits>
#include <variant>
#include <vector>

#include <boost/describe/bases.hpp>
#include <boost/describe/members.hpp>
#include <boost/describe/modifiers.hpp>
#include <boost/mp11/algorithm.hpp>

#include "h5kit/model/dataset_of.hpp"
#include "h5kit/model/spec.hpp"

namespace h5kit::detail::model {

template <class T, bool = boost::describe::has_describe_members<T>::value>
struct members_of {
  using type = boost::describe::describe_members<T, boost::describe::mod_public | boost::describe::mod_inherited>;
};
template <class T>
struct members_of<T, false> {  // a bare DatasetOf: no fields of its own
  using type = boost::mp11::mp_list<>;
};
template <class T>
using members = typename members_of<T>::type;

template <class T>
inline constexpr bool is_dataset_model = std::is_base_of_v<DatasetFieldBase, T>;
template <class T>
inline constexpr bool is_group_model =
    std::is_class_v<T> && boost::describe::has_describe_members<T>::value && !is_dataset_model<T>;
template <class T>
inline constexpr bool is_node_model = is_dataset_model<T> || is_group_model<T>;

template <class T>
struct optional_of {
  using type = T;
  static constexpr bool value = false;
};
template <class T>
struct optional_of<std::optional<T>> {
  using type = T;
  static constexpr bool value = true;
};

template <class T>
struct list_of {
  static constexpr bool value = false;
};
template <class T, class A>
struct list_of<std::vector<T, A>> {
  using element = T;
  static constexpr bool value = is_node_model<T>;
};

template <class T>
struct map_of {
  static constexpr bool value = false;
};
template <class T, class C, class A>
struct map_of<std::map<std::string, T, C, A>> {
  using element = T;
  static constexpr bool value = is_node_model<T>;
};

template <class T>
struct variant_of {
  static constexpr bool value = false;
};
template <class... T>
struct variant_of<std::variant<T...>> {
  static constexpr bool value = true;
  static_assert((is_dataset_model<T> && ...), "h5kit: a std::variant field holds dataset models (DatasetOf) only");
};

// The model's metadata: h5kit_model(const T*) found by argument-dependent lookup, or none.
template <class T>
constexpr auto spec_of() {
  if constexpr (requires { h5kit_model(static_cast<const T*>(nullptr)); }) {
    return h5kit_model(static_cast<const T*>(nullptr));
  } else {
    return ModelSpec<>{};
  }
}
template <class T>
inline constexpr auto spec = spec_of<T>();

template <class Spec, class Pointer>
constexpr bool names_member(const Spec& field, Pointer pointer) {
  if constexpr (std::is_same_v<decltype(field.member), Pointer>) return field.member == pointer;
  else return false;
}

// The metadata of described member D of T (defaults when h5kit_model() does not mention it).
template <class T, class D>
constexpr FieldMeta meta_of() {
  FieldMeta found{};
  std::apply([&](const auto&... f) { ((names_member(f, D::pointer) ? (found = f.meta, 0) : 0), ...); },
             spec<T>.fields);
  return found;
}

template <class T, class Field>
constexpr int times_described(const Field& field) {
  int n = 0;
  boost::mp11::mp_for_each<members<T>>([&](auto d) { n += names_member(field, d.pointer) ? 1 : 0; });
  return n;
}

template <class T>
constexpr bool every_field_described() {
  return std::apply([](const auto&... f) { return ((times_described<T>(f) == 1) && ...); }, spec<T>.fields);
}

template <class T>
constexpr bool no_member_twice() {
  bool ok = true;
  boost::mp11::mp_for_each<members<T>>([&](auto d) {
    int n = 0;
    std::apply([&](const auto&... f) { ((n += names_member(f, d.pointer) ? 1 : 0), ...); }, spec<T>.fields);
    ok = ok && n <= 1;
  });
  return ok;
}

}  // namespace h5kit::detail::model
