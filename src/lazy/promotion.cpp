// numpy 1.24's value-based result types for an array and a scalar (include/h5kit/lazy/promotion.hpp).
#include "h5kit/lazy/promotion.hpp"

#include <cmath>

namespace h5kit::lazy {

const char* numpy_name(NumpyType type) noexcept {
  static constexpr const char* names[] = {"bool",   "int8",    "int16",   "int32",   "int64",   "uint8",     "uint16",
                                          "uint32", "uint64",  "float16", "float32", "float64", "longdouble"};
  return names[static_cast<int>(type)];
}

namespace {

NumpyType smallest_unsigned(std::uint64_t v) {
  return v <= 0xFFu ? NumpyType::uint8 : v <= 0xFFFFu ? NumpyType::uint16 : v <= 0xFFFFFFFFu ? NumpyType::uint32
                                                                                                : NumpyType::uint64;
}

NumpyType smallest_signed(std::int64_t v) {  // v < 0
  return v >= -128 ? NumpyType::int8 : v >= -32768 ? NumpyType::int16 : v >= INT32_MIN ? NumpyType::int32
                                                                                         : NumpyType::int64;
}

// numpy keeps a value below 2^(bits - 1) of its smallest unsigned type "small": next to a signed
// or floating type it counts as the signed type of that size (int8 array + 100 stays int8).
bool small_unsigned(const ScalarValue& v, NumpyType smallest) {
  const std::uint64_t value = v.type <= NumpyType::int64 ? static_cast<std::uint64_t>(v.signed_value) : v.unsigned_value;
  return value < (std::uint64_t{1} << (8 * detail::size_of(smallest) - 1));
}

}  // namespace

NumpyType min_scalar_type(const ScalarValue& v) noexcept {
  switch (detail::kind_of(v.type)) {
    case detail::NumpyKind::boolean: return NumpyType::bool_;
    case detail::NumpyKind::signed_int:
      return v.signed_value >= 0 ? smallest_unsigned(static_cast<std::uint64_t>(v.signed_value))
                                 : smallest_signed(v.signed_value);
    case detail::NumpyKind::unsigned_int: return smallest_unsigned(v.unsigned_value);
    case detail::NumpyKind::floating: break;
  }
  // Floats by range only (precision does not count); NaN and infinities fit float16.
  const long double x = v.floating;
  if (std::isnan(x) || std::isinf(x) || (x > -65000.0L && x < 65000.0L)) return NumpyType::float16;
  if (v.type == NumpyType::float32 || (x > -3.4e38L && x < 3.4e38L)) return NumpyType::float32;
  if (v.type == NumpyType::float64 || (x > -1.7e308L && x < 1.7e308L)) return NumpyType::float64;
  return NumpyType::longdouble;
}

NumpyType result_type(NumpyType array, const ScalarValue& v) noexcept {
  if (detail::category_of(v.type) > detail::category_of(array)) return promote_types(array, v.type);
  NumpyType smallest = min_scalar_type(v);
  const detail::NumpyKind k = detail::kind_of(array);
  if (detail::kind_of(smallest) == detail::NumpyKind::unsigned_int && k != detail::NumpyKind::boolean &&
      k != detail::NumpyKind::unsigned_int && small_unsigned(v, smallest))
    smallest = detail::signed_of_size(detail::size_of(smallest));
  return promote_types(array, smallest);
}

NumpyType loop_search_type(NumpyType array, const ScalarValue& v) noexcept {
  const bool by_value = detail::category_of(v.type) <= detail::category_of(array);
  const NumpyType smallest = by_value ? min_scalar_type(v) : v.type;
  const bool small = by_value && detail::kind_of(smallest) == detail::NumpyKind::unsigned_int && small_unsigned(v, smallest);
  static constexpr NumpyType loops[] = {NumpyType::int8,  NumpyType::uint8,   NumpyType::int16,   NumpyType::uint16,
                                        NumpyType::int32, NumpyType::uint32,  NumpyType::int64,   NumpyType::uint64,
                                        NumpyType::float16, NumpyType::float32, NumpyType::float64, NumpyType::longdouble};
  for (NumpyType t : loops) {
    if (promote_types(array, t) != t) continue;  // the array does not cast safely
    // A small unsigned value casts to a signed type of its size, as numpy's can_cast of a scalar.
    const NumpyType s = small && detail::kind_of(t) != detail::NumpyKind::unsigned_int
                            ? detail::signed_of_size(detail::size_of(smallest))
                            : smallest;
    if (promote_types(s, t) == t) return t;
  }
  return NumpyType::longdouble;
}

}  // namespace h5kit::lazy
