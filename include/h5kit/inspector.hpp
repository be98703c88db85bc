#pragma once
// The one customisation point that maps C++ types to HDF5: inspector<T>.
//
// A *scalar* inspector describes one element:
//     using element = T;                  // the element type itself
//     static constexpr int rank = 0;
//     static Datatype datatype();         // HDF5 memory type of one element
//   (derive from h5kit::scalar_inspector<T> and add datatype() to get the rest).
// A *container* inspector describes an N-d arrangement of elements:
//     using element = ...;                // leaf element type (it has a scalar inspector)
//     static constexpr int rank;          // number of axes, -1 when only known at run time
//     static constexpr bool contiguous;   // elements stored row-major in one block (data() exists)
//     static void shape(const T&, Shape&);                     // appends this level's extents
//     static void prepare(T&, const std::size_t* dims);        // resize (or check) to `dims`
//     static const element* data(const T&); static element* data(T&);        // when contiguous
//     static void flatten(const T&, const std::size_t* dims, element*& out);   // when not
//     static void unflatten(T&, const element*& in);
// Users add their own types by specialising inspector<MyType> in one place (see docs/types.md).
#include <array>
#include <complex>
#include <cstddef>
#include <cstdint>
#include <string>
#include <type_traits>
#include <vector>

#include <boost/describe/enum.hpp>  // BOOST_DESCRIBE_ENUM, for the users of this header
#include <boost/describe/enumerators.hpp>
#include <boost/mp11/algorithm.hpp>

#include "h5kit/datatype.hpp"
#include "h5kit/reference.hpp"
#include "h5kit/shape.hpp"

namespace h5kit {

namespace detail {
// False for every type: the condition of the primary inspector's static_assert, so that the compiler's
// note under the error names the type ("'inspector_exists_for<std::map<int, int> >' evaluates to false").
template <class T>
inline constexpr bool inspector_exists_for = false;
}  // namespace detail

template <class T, class Enable = void>
struct inspector {
  static_assert(detail::inspector_exists_for<T>,
                "h5kit: no inspector<T> for this type. Supported: arithmetic types, bool, std::complex, "
                "std::string, BOOST_DESCRIBE_ENUM enums, BOOST_DESCRIBE_STRUCT structs (h5kit/compound.hpp), "
                "h5kit::VarLen (h5kit/vlen.hpp), std::vector, std::array, h5kit::NDArray, h5kit::NDView; "
                "add your own by specialising h5kit::inspector (docs/types.md). The note below names the type; for a struct "
                "member, the member_codec<Struct, &Struct::member> line above it names the member");
};

namespace detail {
[[noreturn]] void throw_ragged(std::size_t expected, std::size_t found);
[[noreturn]] void throw_fixed_extent(std::size_t expected, std::size_t found);
Datatype enum_type_from(const Datatype& base, const char* const* names, const std::int64_t* values, std::size_t n);
}  // namespace detail

// Everything but datatype() for a single element stored as itself.
template <class T>
struct scalar_inspector {
  using element = T;
  static constexpr int rank = 0;
  static constexpr bool contiguous = true;
  static void shape(const T&, Shape&) {}
  static void prepare(T&, const std::size_t*) {}
  static const element* data(const T& v) { return &v; }
  static element* data(T& v) { return &v; }
  static void flatten(const T& v, const std::size_t*, element*& out) { *out++ = v; }
  static void unflatten(T& v, const element*& in) { v = *in++; }
};

namespace detail {
template <class T>
Datatype arithmetic_datatype() {
  if constexpr (std::is_same_v<T, bool>) return Datatype::boolean();
  else if constexpr (std::is_floating_point_v<T>) {
    static_assert(sizeof(T) == 4 || sizeof(T) == 8, "h5kit: long double is not supported");
    return sizeof(T) == 4 ? Datatype::float32() : Datatype::float64();
  } else if constexpr (std::is_signed_v<T>) {
    if constexpr (sizeof(T) == 1) return Datatype::int8();
    else if constexpr (sizeof(T) == 2) return Datatype::int16();
    else if constexpr (sizeof(T) == 4) return Datatype::int32();
    else return Datatype::int64();
  } else {
    if constexpr (sizeof(T) == 1) return Datatype::uint8();
    else if constexpr (sizeof(T) == 2) return Datatype::uint16();
    else if constexpr (sizeof(T) == 4) return Datatype::uint32();
    else return Datatype::uint64();
  }
}
}  // namespace detail

template <class T>
struct inspector<T, std::enable_if_t<std::is_arithmetic_v<T>>> : scalar_inspector<T> {
  static Datatype datatype() { return detail::arithmetic_datatype<T>(); }
};

template <class T>
struct inspector<std::complex<T>> : scalar_inspector<std::complex<T>> {
  static_assert(std::is_same_v<T, float> || std::is_same_v<T, double>, "h5kit: complex<float> or complex<double>");
  static Datatype datatype() { return sizeof(T) == 4 ? Datatype::complex64() : Datatype::complex128(); }
};

// std::string: variable-length UTF-8 by default; reads fixed-length strings too.
template <>
struct inspector<std::string> : scalar_inspector<std::string> {
  static Datatype datatype() { return Datatype::variable_string(CharSet::utf8); }
  static void unflatten(std::string& v, const std::string*& in) { v = *in++; }
};

// String literals and C strings are written as std::string.
template <>
struct inspector<const char*> {
  using element = std::string;
  static constexpr int rank = 0;
  static constexpr bool contiguous = false;
  static void shape(const char*, Shape&) {}
  static void flatten(const char* v, const std::size_t*, element*& out) { *out++ = v; }
};
template <std::size_t N>
struct inspector<char[N]> : inspector<const char*> {};

template <>
struct inspector<ObjectReference> : scalar_inspector<ObjectReference> {
  static Datatype datatype() { return Datatype::object_reference(); }
};
template <>
struct inspector<RegionReference> : scalar_inspector<RegionReference> {
  static Datatype datatype() { return Datatype::region_reference(); }
};

// C++ enums described with BOOST_DESCRIBE_ENUM become HDF5 enums with the enumerator names.
template <class E>
struct inspector<E, std::enable_if_t<std::is_enum_v<E> && boost::describe::has_describe_enumerators<E>::value>>
    : scalar_inspector<E> {
  static Datatype datatype() {
    using D = boost::describe::describe_enumerators<E>;
    constexpr std::size_t n = boost::mp11::mp_size<D>::value;
    const char* names[n > 0 ? n : 1] = {};
    std::int64_t values[n > 0 ? n : 1] = {};
    std::size_t i = 0;
    boost::mp11::mp_for_each<D>([&](auto d) {
      names[i] = d.name;
      values[i] = static_cast<std::int64_t>(d.value);
      ++i;
    });
    return detail::enum_type_from(detail::arithmetic_datatype<std::underlying_type_t<E>>(), names, values, n);
  }
};

template <class V, class A>
struct inspector<std::vector<V, A>> {
  using value_inspector = inspector<V>;
  using element = typename value_inspector::element;
  static_assert(value_inspector::rank >= 0, "h5kit: a std::vector of run-time-rank arrays is not supported");
  static constexpr int rank = 1 + value_inspector::rank;
  static constexpr bool contiguous =
      value_inspector::rank == 0 && value_inspector::contiguous && !std::is_same_v<V, bool>;

  static void shape(const std::vector<V, A>& v, Shape& s) {
    s.push_back(v.size());
    if constexpr (value_inspector::rank > 0) {
      if (v.empty()) s.resize(s.size() + value_inspector::rank, 0);
      else value_inspector::shape(v.front(), s);
    }
  }
  static void prepare(std::vector<V, A>& v, const std::size_t* dims) {
    v.resize(dims[0]);
    if constexpr (value_inspector::rank > 0)
      for (auto& e : v) value_inspector::prepare(e, dims + 1);
  }
  static const element* data(const std::vector<V, A>& v) requires contiguous { return v.data(); }
  static element* data(std::vector<V, A>& v) requires contiguous { return v.data(); }
  static void flatten(const std::vector<V, A>& v, const std::size_t* dims, element*& out) {
    if (v.size() != dims[0]) detail::throw_ragged(dims[0], v.size());
    for (const auto& e : v) value_inspector::flatten(e, dims + 1, out);
  }
  static void unflatten(std::vector<V, A>& v, const element*& in) {
    if constexpr (std::is_same_v<V, bool>) {
      for (std::size_t i = 0; i < v.size(); ++i) v[i] = *in++;
    } else {
      for (auto& e : v) value_inspector::unflatten(e, in);
    }
  }
};

template <class V, std::size_t N>
struct inspector<std::array<V, N>> {
  using value_inspector = inspector<V>;
  using element = typename value_inspector::element;
  static_assert(value_inspector::rank >= 0, "h5kit: a std::array of run-time-rank arrays is not supported");
  static constexpr int rank = 1 + value_inspector::rank;
  static constexpr bool contiguous = value_inspector::rank == 0 && value_inspector::contiguous;

  static void shape(const std::array<V, N>& v, Shape& s) {
    s.push_back(N);
    if constexpr (value_inspector::rank > 0) {
      if constexpr (N == 0) s.resize(s.size() + value_inspector::rank, 0);
      else value_inspector::shape(v.front(), s);
    }
  }
  static void prepare(std::array<V, N>& v, const std::size_t* dims) {
    if (dims[0] != N) detail::throw_fixed_extent(N, dims[0]);
    if constexpr (value_inspector::rank > 0)
      for (auto& e : v) value_inspector::prepare(e, dims + 1);
  }
  static const element* data(const std::array<V, N>& v) requires contiguous { return v.data(); }
  static element* data(std::array<V, N>& v) requires contiguous { return v.data(); }
  static void flatten(const std::array<V, N>& v, const std::size_t* dims, element*& out) {
    for (const auto& e : v) value_inspector::flatten(e, dims + 1, out);
  }
  static void unflatten(std::array<V, N>& v, const element*& in) {
    for (auto& e : v) value_inspector::unflatten(e, in);
  }
};

// The HDF5 memory type of T's leaf element.
template <class T>
Datatype dtype() {
  return inspector<typename inspector<T>::element>::datatype();
}

}  // namespace h5kit
