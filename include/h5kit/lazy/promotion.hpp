#pragma once
// numpy's result types for the element-wise operations (lazy/elementwise.hpp), as numpy 1.24 (the
// version of the peer tests: Debian's python3-numpy 1.24.2) gives them.
//
// Two arrays: numpy.promote_types of the two element types, decided when the call is compiled:
//     uint32 - int32 -> int64,  uint64 + int64 -> float64,  int16 + float32 -> float32,
//     int32 + float32 -> float64,  bool + int8 -> int8.
// An array and a scalar: numpy 1.24's value-based casting (NEP 50 changed it in numpy 2). A C++
// scalar counts as a numpy scalar of its own type (int as numpy.int32, double as numpy.float64,
// float as numpy.float32). When the scalar's kind (bool < integer < floating) is above the array's,
// the types promote as for two arrays (int32 array + 1.5 -> float64, bool array + 1 -> int32);
// otherwise only the scalar's *value* counts, through its smallest type (numpy.min_scalar_type), so
// float32 + 1.0 stays float32 and uint8 + 100 stays uint8, but uint8 + 1000 is uint16 and
// float32 + 100000 is float64 in numpy 1.24. A C++ result type is fixed when the call is compiled,
// so h5kit takes the array's own type there and refuses (InvalidArgumentError, before anything is
// created) a scalar whose value numpy would widen the result for, naming numpy's type: give the
// result type (add<std::uint16_t>(a, 1000, ...)) or a scalar of a higher kind.
#include <algorithm>
#include <cstdint>
#include <type_traits>

namespace h5kit::lazy {

// numpy's numeric dtypes, in the C++ types h5kit maps them to (float16 only as numpy's
// min_scalar_type of a small float: no H5Array element type is float16).
enum class NumpyType : std::uint8_t {
  bool_, int8, int16, int32, int64, uint8, uint16, uint32, uint64, float16, float32, float64, longdouble
};

// numpy's name of the dtype ("int64", "float32", "bool", "longdouble").
const char* numpy_name(NumpyType type) noexcept;

namespace detail {

enum class NumpyKind : std::uint8_t { boolean, unsigned_int, signed_int, floating };

constexpr NumpyKind kind_of(NumpyType t) {
  if (t == NumpyType::bool_) return NumpyKind::boolean;
  if (t <= NumpyType::int64) return NumpyKind::signed_int;
  if (t <= NumpyType::uint64) return NumpyKind::unsigned_int;
  return NumpyKind::floating;
}
// bool < integer < floating: numpy's categories for value-based casting.
constexpr int category_of(NumpyType t) {
  const NumpyKind k = kind_of(t);
  return k == NumpyKind::boolean ? 0 : k == NumpyKind::floating ? 2 : 1;
}
constexpr int size_of(NumpyType t) {
  switch (t) {
    case NumpyType::bool_: case NumpyType::int8: case NumpyType::uint8: return 1;
    case NumpyType::int16: case NumpyType::uint16: case NumpyType::float16: return 2;
    case NumpyType::int32: case NumpyType::uint32: case NumpyType::float32: return 4;
    case NumpyType::int64: case NumpyType::uint64: case NumpyType::float64: return 8;
    case NumpyType::longdouble: return 16;
  }
  return 0;
}
constexpr NumpyType signed_of_size(int bytes) {
  return bytes == 1 ? NumpyType::int8 : bytes == 2 ? NumpyType::int16 : bytes == 4 ? NumpyType::int32 : NumpyType::int64;
}
constexpr NumpyType float_of_size(int bytes) {
  return bytes <= 2 ? NumpyType::float16 : bytes == 4 ? NumpyType::float32 : bytes == 8 ? NumpyType::float64
                                                                                          : NumpyType::longdouble;
}

}  // namespace detail

// numpy.promote_types(a, b).
constexpr NumpyType promote_types(NumpyType a, NumpyType b) {
  using detail::NumpyKind;
  if (a == b) return a;
  if (a == NumpyType::bool_) return b;
  if (b == NumpyType::bool_) return a;
  const NumpyKind ka = detail::kind_of(a), kb = detail::kind_of(b);
  const int sa = detail::size_of(a), sb = detail::size_of(b);
  if (ka == kb) return sa >= sb ? a : b;
  if (ka == NumpyKind::floating || kb == NumpyKind::floating) {
    const NumpyType f = ka == NumpyKind::floating ? a : b;
    const int int_size = ka == NumpyKind::floating ? sb : sa;
    // The float that holds every value of the integer: float16 for 8 bits, float32 for 16, else float64.
    const int needed = int_size == 1 ? 2 : int_size == 2 ? 4 : 8;
    return detail::float_of_size(std::max(detail::size_of(f), needed));
  }
  // One signed, one unsigned: the signed type wins if wider, else a signed type twice the unsigned's
  // size, and float64 past 64 bits.
  const int s = ka == NumpyKind::signed_int ? sa : sb, u = ka == NumpyKind::signed_int ? sb : sa;
  if (s > u) return detail::signed_of_size(s);
  return u < 8 ? detail::signed_of_size(2 * u) : NumpyType::float64;
}

// The numpy dtype of a C++ arithmetic type (char, short, int, long, long long by their size).
template <class T>
constexpr NumpyType numpy_type_of() {
  static_assert(std::is_arithmetic_v<T>, "numpy's promotion is defined for numbers and bool only");
  if constexpr (std::is_same_v<T, bool>) return NumpyType::bool_;
  else if constexpr (std::is_floating_point_v<T>)
    return sizeof(T) == 4 ? NumpyType::float32 : sizeof(T) == 8 ? NumpyType::float64 : NumpyType::longdouble;
  else if constexpr (std::is_signed_v<T>) return detail::signed_of_size(static_cast<int>(sizeof(T)));
  else
    return sizeof(T) == 1 ? NumpyType::uint8 : sizeof(T) == 2 ? NumpyType::uint16 : sizeof(T) == 4 ? NumpyType::uint32
                                                                                                  : NumpyType::uint64;
}

namespace detail {
template <NumpyType t>
struct cpp_type;
template <> struct cpp_type<NumpyType::bool_> { using type = bool; };
template <> struct cpp_type<NumpyType::int8> { using type = std::int8_t; };
template <> struct cpp_type<NumpyType::int16> { using type = std::int16_t; };
template <> struct cpp_type<NumpyType::int32> { using type = std::int32_t; };
template <> struct cpp_type<NumpyType::int64> { using type = std::int64_t; };
template <> struct cpp_type<NumpyType::uint8> { using type = std::uint8_t; };
template <> struct cpp_type<NumpyType::uint16> { using type = std::uint16_t; };
template <> struct cpp_type<NumpyType::uint32> { using type = std::uint32_t; };
template <> struct cpp_type<NumpyType::uint64> { using type = std::uint64_t; };
template <> struct cpp_type<NumpyType::float32> { using type = float; };
template <> struct cpp_type<NumpyType::float64> { using type = double; };
template <> struct cpp_type<NumpyType::longdouble> { using type = long double; };
}  // namespace detail

// The C++ type of a numpy dtype (float16 has none).
template <NumpyType t>
using cpp_type_t = typename detail::cpp_type<t>::type;

// numpy.promote_types of two C++ element types, as a C++ type: promoted_t<std::uint32_t, std::int32_t>
// is std::int64_t.
template <class A, class B>
using promoted_t = cpp_type_t<promote_types(numpy_type_of<A>(), numpy_type_of<B>())>;

// The type an array of A and a scalar of type S give when the scalar's value does not widen it
// (see the top of this header): promote_types when S's kind is above A's, else A.
template <class A, class S>
using scalar_result_t =
    std::conditional_t<(detail::category_of(numpy_type_of<S>()) > detail::category_of(numpy_type_of<A>())),
                       promoted_t<A, S>, A>;

// A scalar for value-based casting: its dtype and its value (integers exactly).
struct ScalarValue {
  NumpyType type = NumpyType::int64;
  long double floating = 0;         // floating-point scalars
  std::int64_t signed_value = 0;    // signed integers and bool
  std::uint64_t unsigned_value = 0; // unsigned integers
};
template <class S>
ScalarValue scalar_value(S v) {
  ScalarValue s;
  s.type = numpy_type_of<S>();
  if constexpr (std::is_floating_point_v<S>) s.floating = v;
  else if constexpr (std::is_same_v<S, bool> || std::is_signed_v<S>) s.signed_value = v;
  else s.unsigned_value = v;
  return s;
}

// floor_divide, mod (numpy's remainder) and power pick their loop by numpy's linear search instead:
// the first loop type (int8, uint8, int16, uint16, ... float64) both operands cast to safely. For
// two arrays that is promote_types, except that two bools give int8; for a scalar it can differ
// from result_type: numpy 1.24 gives int16 for uint8 // 1000 (but uint16 for uint8 + 1000).
constexpr NumpyType loop_search_type(NumpyType a, NumpyType b) {
  const NumpyType t = promote_types(a, b);
  return t == NumpyType::bool_ ? NumpyType::int8 : t;
}
NumpyType loop_search_type(NumpyType array, const ScalarValue& v) noexcept;

// numpy.min_scalar_type(v) as numpy 1.24's value-based casting uses it.
NumpyType min_scalar_type(const ScalarValue& v) noexcept;
// numpy 1.24's numpy.result_type(array of `array`, scalar `v`).
NumpyType result_type(NumpyType array, const ScalarValue& v) noexcept;

}  // namespace h5kit::lazy
