#pragma once
// Enum fields stored as integers (LoadOptions::integer_enums): h5pydantic, and many h5py scripts,
// write an enum as its int64 value, and HDF5 converts no integer into an enum type. Such a value is
// read as int64 of the field's shape (integer_shadow) and each integer is taken only when it is the
// value of a member of the enum, never cast blindly: 300 into an enum of uint8 must not wrap to 44.
#include <array>
#include <cstdint>
#include <iterator>
#include <string>
#include <type_traits>
#include <vector>

#include <boost/core/type_name.hpp>
#include <boost/describe/enumerators.hpp>
#include <boost/mp11/algorithm.hpp>

#include "h5kit/model/detail/run.hpp"
#include "h5kit/ndarray.hpp"

namespace h5kit::detail::model {

template <class E>
concept described_enum = std::is_enum_v<E> && boost::describe::has_describe_enumerators<E>::value;

// The field's type with its enum replaced by std::int64_t; void when it holds no described enum.
template <class V>
struct integer_shadow {
  using type = void;
};
template <described_enum E>
struct integer_shadow<E> {
  using type = std::int64_t;
};
template <described_enum E, class A>
struct integer_shadow<std::vector<E, A>> {
  using type = std::vector<std::int64_t>;
};
template <described_enum E, std::size_t N>
struct integer_shadow<std::array<E, N>> {
  using type = std::array<std::int64_t, N>;
};
template <described_enum E>
struct integer_shadow<NDArray<E>> {
  using type = NDArray<std::int64_t>;
};

// The member of E whose value is `stored`, into `out`; false when no member has it.
template <described_enum E>
bool enum_member(std::int64_t stored, E& out) {
  bool found = false;
  boost::mp11::mp_for_each<boost::describe::describe_enumerators<E>>([&](auto d) {
    if (!found && static_cast<std::int64_t>(d.value) == stored) {
      out = d.value;
      found = true;
    }
  });
  return found;
}

// `stored` (integer_shadow<V>) into `out`, member by member; false, with a problem naming the value
// (and, in an array, its element), at the first integer that is no member's value.
template <class V, class S>
bool enums_from_integers(const S& stored, V& out, const FieldSchema& f, Walk& walk) {
  if constexpr (std::is_enum_v<V>) {
    if (enum_member(stored, out)) return true;
    walk.problem(f, not_an_enumerator(stored, boost::core::type_name<V>()));
    return false;
  } else {
    using E = std::remove_cvref_t<decltype(*std::begin(out))>;
    if constexpr (requires { out.resize(std::size_t{}); }) out.resize(stored.size());
    else if constexpr (requires { stored.shape(); }) out = V(stored.shape());
    auto into = std::begin(out);
    std::size_t i = 0;
    for (const std::int64_t value : stored) {
      if (!enum_member(value, *into)) {
        walk.problem(f, "element " + std::to_string(i) + " " + not_an_enumerator(value, boost::core::type_name<E>()));
        return false;
      }
      ++into;
      ++i;
    }
    return true;
  }
}

// Whether `source` holds integers that `V`'s enums are to be read from (LoadOptions::integer_enums).
template <class V, class Source>
bool reads_enums_as_integers(const Source& source, const LoadRun& run) {
  if constexpr (std::is_void_v<typename integer_shadow<V>::type>) {
    return false;
  } else {
    return run.options().integer_enums && source.dtype().type_class() == TypeClass::integer;
  }
}

// Reads `source` (an Attribute or a Dataset) into `value`: directly, or through integers as above.
// False when an integer names no member (a problem is recorded); HDF5 errors propagate.
template <class V, class Source>
bool read_stored(const Source& source, V& value, const FieldSchema& f, LoadRun& run) {
  if constexpr (!std::is_void_v<typename integer_shadow<V>::type>) {
    if (reads_enums_as_integers<V>(source, run)) {
      typename integer_shadow<V>::type stored{};
      source.read(stored);
      return enums_from_integers(stored, value, f, run);
    }
  }
  source.read(value);
  return true;
}

}  // namespace h5kit::detail::model
