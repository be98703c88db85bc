#pragma once
// Structs declared once with Boost.Describe become HDF5 compounds:
//
//     struct Point { double x, y, z; };
//     BOOST_DESCRIBE_STRUCT(Point, (), (x, y, z))
//     file.create_dataset("points", std::vector<Point>{...});
//
// Member names come from the description, offsets from the struct itself (never written by hand).
// Members may be numbers, bool, std::complex, described enums, std::array (HDF5 array types,
// nested arrays multi-dimensional), other described structs, std::string (variable-length UTF-8)
// and h5kit::VarLen (include vlen.hpp). Reading matches members by name, so a struct may read a
// subset of a stored compound, in any order (docs/types.md).
#include <cstddef>
#include <type_traits>
#include <utility>
#include <vector>

#include <boost/describe/class.hpp>  // BOOST_DESCRIBE_STRUCT, for the users of this header
#include <boost/describe/enum.hpp>   // BOOST_DESCRIBE_ENUM
#include <boost/describe/members.hpp>
#include <boost/describe/modifiers.hpp>
#include <boost/mp11/algorithm.hpp>

#include "h5kit/detail/element_codec.hpp"
#include "h5kit/inspector.hpp"

namespace h5kit {

namespace detail {
template <class T>
using described_members =
    boost::describe::describe_members<T, boost::describe::mod_public | boost::describe::mod_inherited>;

// The codec of one member, through a template on the member pointer: when the member's type has no
// inspector, the compiler's instantiation chain shows member_codec<Struct, &Struct::member>.
template <class T, auto Member>
const ElementCodec& member_codec() {
  return codec_of<std::remove_cvref_t<decltype(std::declval<const T&>().*Member)>>();
}

template <class T>
ElementCodec described_struct_codec() {
  static_assert(std::is_default_constructible_v<T>, "h5kit: a described struct must be default-constructible");
  // Offsets are measured on a real object through the member pointers: offsetof without naming members.
  const T probe{};
  const auto* base = reinterpret_cast<const unsigned char*>(&probe);
  std::vector<CodecMember> members;
  boost::mp11::mp_for_each<described_members<T>>([&](auto d) {
    const auto* at = reinterpret_cast<const unsigned char*>(&(probe.*d.pointer));
    members.push_back({d.name, static_cast<std::size_t>(at - base), &member_codec<T, decltype(d)::pointer>()});
  });
  return compound_codec(std::move(members), sizeof(T), alignof(T));
}
}  // namespace detail

template <class T>
struct inspector<T, std::enable_if_t<std::is_class_v<T> && boost::describe::has_describe_members<T>::value>>
    : scalar_inspector<T> {
  static const detail::ElementCodec& codec() {
    static thread_local const detail::ElementCodec codec = detail::described_struct_codec<T>();
    return codec;
  }
  static Datatype datatype() { return detail::default_type(codec()); }
};

}  // namespace h5kit
