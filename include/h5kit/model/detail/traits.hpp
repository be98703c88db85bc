#pragma once
// What kind of field a member type is, decided at compile time. The walkers and the schema builder
// dispatch on these; everything else about a field is run-time data (FieldSchema).
#include <array>
#include <chrono>
#include <complex>
#include <deque>
#include <list>
#include <map>
#include <memory>
#include <optional>
#include <set>
#include <tuple>
#include <unordered_map>
#include <unordered_set>
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

// Whether a member type can be a model field, decided without instantiating inspector<T> (whose
// primary template fails the build with a cascade of errors that never name the model). Types known
// not to be storable are refused; a class type h5kit does not know is taken to have a user's
// inspector (docs/types.md), as the core takes it.
template <class T>
struct storable_member : std::true_type {};  // arithmetic, described enums and structs, user inspectors
template <class T>
inline constexpr bool storable = storable_member<std::remove_cv_t<T>>::value;

template <class T>
  requires(std::is_enum_v<T> && !boost::describe::has_describe_enumerators<T>::value)
struct storable_member<T> : std::false_type {};  // an enum without BOOST_DESCRIBE_ENUM has no names to store
template <class T>
struct storable_member<T*> : std::false_type {};
template <class T, std::size_t N>
struct storable_member<T[N]> : std::false_type {};
template <class T>
struct storable_member<std::optional<T>> : std::bool_constant<storable<T> && !optional_of<T>::value> {};
template <class T, class A>
struct storable_member<std::vector<T, A>> : std::bool_constant<storable<T> && !optional_of<T>::value> {};
template <class T, std::size_t N>
struct storable_member<std::array<T, N>> : std::bool_constant<storable<T> && !is_node_model<T>> {};
template <class K, class T, class C, class A>
struct storable_member<std::map<K, T, C, A>> : std::bool_constant<std::is_same_v<K, std::string> && is_node_model<T>> {};
template <class... T>
struct storable_member<std::variant<T...>> : std::bool_constant<(is_dataset_model<T> && ...)> {};
template <class... T>
struct storable_member<std::unordered_map<T...>> : std::false_type {};
template <class... T>
struct storable_member<std::set<T...>> : std::false_type {};
template <class... T>
struct storable_member<std::unordered_set<T...>> : std::false_type {};
template <class... T>
struct storable_member<std::multimap<T...>> : std::false_type {};
template <class... T>
struct storable_member<std::list<T...>> : std::false_type {};
template <class... T>
struct storable_member<std::deque<T...>> : std::false_type {};
template <class... T>
struct storable_member<std::pair<T...>> : std::false_type {};
template <class... T>
struct storable_member<std::tuple<T...>> : std::false_type {};
template <class... T>
struct storable_member<std::unique_ptr<T...>> : std::false_type {};
template <class T>
struct storable_member<std::shared_ptr<T>> : std::false_type {};
template <class T>
struct storable_member<std::complex<T>> : std::bool_constant<std::is_floating_point_v<T>> {};

// The one error for a member h5kit cannot store. GCC and Clang print the template arguments above
// the message: the model, the member (&Model::member) and its C++ type.
template <class Model, auto Member, class Type>
struct unsupported_model_member {
  static_assert(storable<Type>,
                "h5kit: a model member of a type h5kit cannot store; the line above names the model, the member and "
                "its C++ type (unsupported_model_member<Model, &Model::member, Type>). A model member is one of: "
                "std::optional<X> of any of these; h5kit::DatasetOf<T, extents...> (or a struct derived from it); "
                "a nested model (a BOOST_DESCRIBE_STRUCT struct); std::vector<Model>; "
                "std::map<std::string, Model>; std::variant<DatasetOf...> (dataset models only); or a value the core "
                "stores: arithmetic types, bool, std::complex, std::string, BOOST_DESCRIBE_ENUM enums, described "
                "structs (compound attributes), std::chrono time points and durations, h5kit::VarLen, std::vector "
                "and std::array of these, h5kit::NDArray, or a type you gave an h5kit::inspector (docs/types.md)");
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
