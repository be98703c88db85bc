#pragma once
// Per-value work of the walkers that depends on the C++ type: constraint checks and unit conversion
// of numbers, strings, enums and arrays of them.
#include <cmath>
#include <iterator>
#include <limits>
#include <string>
#include <type_traits>

#include <boost/core/type_name.hpp>
#include <boost/describe/enum_to_string.hpp>

#include "h5kit/model/detail/checks.hpp"
#include "h5kit/model/detail/run.hpp"

namespace h5kit::detail::model {

template <class V>
inline constexpr bool is_number = std::is_arithmetic_v<V> && !std::is_same_v<V, bool>;

template <class V>
concept element_range = requires(const V& v) {
  std::begin(v);
  std::end(v);
  v.size();
} && !std::is_same_v<V, std::string>;

template <class V>
std::string check_one(const V& v, const FieldSchema& f) {
  if constexpr (is_number<V>) return check_number(f, static_cast<double>(v));
  else if constexpr (std::is_same_v<V, std::string>) return check_text(f, v);
  else if constexpr (std::is_enum_v<V> && boost::describe::has_describe_enumerators<V>::value) {
    if (boost::describe::enum_to_string(v, nullptr) == nullptr) {
      return not_an_enumerator(static_cast<long long>(v), boost::core::type_name<V>());
    }
    return {};
  } else {
    return {};
  }
}

// Constraints (and enum membership) of an in-memory value; arrays element by element, reporting the
// first element that fails.
template <class V>
constexpr bool holds_enums() {
  if constexpr (std::is_enum_v<V>) return true;
  else if constexpr (element_range<V>) return std::is_enum_v<std::remove_cvref_t<decltype(*std::begin(std::declval<const V&>()))>>;
  else return false;
}

template <class V>
void check_values(const V& v, const FieldSchema& f, Walk& walk) {
  constexpr bool enum_like = holds_enums<V>();  // a value the enum does not name is always checked
  if (f.constraints.empty() && !enum_like) return;
  if constexpr (element_range<V>) {
    if (std::string m = check_length(f, static_cast<std::size_t>(v.size())); !m.empty()) walk.problem(f, m);
    std::size_t i = 0;
    for (const auto& e : v) {
      if (std::string m = check_one(e, f); !m.empty()) {
        walk.problem(f, "element " + std::to_string(i) + " " + m);
        break;
      }
      ++i;
    }
  } else {
    if (std::string m = check_one(v, f); !m.empty()) walk.problem(f, m);
  }
}

// `stored` (in the file's unit) converted into `out` (the model's); an integer field needs a whole
// number that fits.
template <class N>
bool convert_number(double stored, N& out, const UnitConverter& convert, const FieldSchema& f, Walk& walk) {
  const double y = convert(stored);
  if constexpr (std::is_integral_v<N>) {
    // Bounds as exact powers of two: max() + 1 is 2^digits, which a double holds exactly (max() itself
    // it may not).
    constexpr int digits = std::numeric_limits<N>::digits;
    const std::string m = integral_after_conversion(y, std::is_signed_v<N> ? -std::ldexp(1.0, digits) : 0.0,
                                                    std::ldexp(1.0, digits));
    if (!m.empty()) {
      walk.problem(f, "stored in " + convert.from() + ": " + m + " in " + convert.to());
      return false;
    }
    out = static_cast<N>(std::round(y));
  } else {
    out = static_cast<N>(y);
  }
  return true;
}

// Converts a value loaded in the file's unit into the model's. Only numbers have units.
template <class V>
void convert_values(V& v, const UnitConverter& convert, const FieldSchema& f, Walk& walk) {
  if constexpr (is_number<V>) {
    convert_number(static_cast<double>(v), v, convert, f, walk);
  } else if constexpr (element_range<V>) {
    for (auto&& e : v) {
      if constexpr (is_number<std::remove_cvref_t<decltype(e)>>) {
        if (!convert_number(static_cast<double>(e), e, convert, f, walk)) break;
      }
    }
  }
}

}  // namespace h5kit::detail::model
