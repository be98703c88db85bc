#pragma once
// numpy's element-wise functions and operators over H5Arrays, block by block within the memory cap:
// into a new dataset, or in place.
//
//     H5Array<double> s = sin(a, Into{group, "sin_a"});   // a new dataset /group/sin_a
//     sqrt(a, in_place);                                   // a = sqrt(a), chunk by chunk
//     auto c = add(a, b, Into{group, "c"});                // shapes must be equal (no broadcasting)
//     H5Array<bool> big = greater(a, 0.5, Into{group, "mask"});
//     auto f = unary<float>(Unary::exp, a, Into{group, "e"});  // the operation chosen at run time
//     a += 1;  a *= b;                                      // in place, in the file
//
// Result types follow numpy: math functions of integers give double, predicates and comparisons
// give bool, divide gives double for integers. In place, the result is stored as the array's own
// type; an operation whose result would not fit that type (sin or divide of an integer array,
// a predicate) is an InvalidArgumentError before anything is written.
#include <cmath>
#include <string>
#include <string_view>
#include <type_traits>

#include "h5kit/group.hpp"
#include "h5kit/lazy/h5array.hpp"
#include "h5kit/lazy/reductions.hpp"
#include "h5kit/storage.hpp"

namespace h5kit::lazy {

enum class Unary {
  sin, cos, tan, arcsin, arccos, arctan, sinh, cosh, tanh, arcsinh, arccosh, arctanh,
  floor, ceil, trunc, exp, expm1, exp2, log, log10, log2, log1p, sqrt, cbrt,
  negative, square, abs, sign,
  isfinite, isinf, isnan
};
enum class Binary {
  add, subtract, multiply, divide, floor_divide, power, mod, maximum, minimum,
  equal, not_equal, less, less_equal, greater, greater_equal,
  logical_and, logical_or, logical_xor
};

namespace detail {

const char* to_string(Unary op) noexcept;
const char* to_string(Binary op) noexcept;
constexpr bool is_predicate(Unary op) { return op >= Unary::isfinite; }
constexpr bool keeps_type(Unary op) { return op >= Unary::negative && op <= Unary::sign; }
constexpr bool is_boolean(Binary op) { return op >= Binary::equal; }
[[noreturn]] void throw_shape_mismatch(std::string_view operation, const Dataset& a, const Shape& a_shape,
                                       const Dataset& b, const Shape& b_shape);
[[noreturn]] void throw_in_place_type(std::string_view operation, const Dataset& a, const char* why);

template <class T>
using float_of = std::conditional_t<std::is_floating_point_v<T>, T, double>;

template <class R, class T>
R unary_value(Unary op, T v) {
  using F = float_of<T>;
  const F x = static_cast<F>(v);
  switch (op) {
    case Unary::sin: return static_cast<R>(std::sin(x));
    case Unary::cos: return static_cast<R>(std::cos(x));
    case Unary::tan: return static_cast<R>(std::tan(x));
    case Unary::arcsin: return static_cast<R>(std::asin(x));
    case Unary::arccos: return static_cast<R>(std::acos(x));
    case Unary::arctan: return static_cast<R>(std::atan(x));
    case Unary::sinh: return static_cast<R>(std::sinh(x));
    case Unary::cosh: return static_cast<R>(std::cosh(x));
    case Unary::tanh: return static_cast<R>(std::tanh(x));
    case Unary::arcsinh: return static_cast<R>(std::asinh(x));
    case Unary::arccosh: return static_cast<R>(std::acosh(x));
    case Unary::arctanh: return static_cast<R>(std::atanh(x));
    case Unary::floor: return static_cast<R>(std::floor(x));
    case Unary::ceil: return static_cast<R>(std::ceil(x));
    case Unary::trunc: return static_cast<R>(std::trunc(x));
    case Unary::exp: return static_cast<R>(std::exp(x));
    case Unary::expm1: return static_cast<R>(std::expm1(x));
    case Unary::exp2: return static_cast<R>(std::exp2(x));
    case Unary::log: return static_cast<R>(std::log(x));
    case Unary::log10: return static_cast<R>(std::log10(x));
    case Unary::log2: return static_cast<R>(std::log2(x));
    case Unary::log1p: return static_cast<R>(std::log1p(x));
    case Unary::sqrt: return static_cast<R>(std::sqrt(x));
    case Unary::cbrt: return static_cast<R>(std::cbrt(x));
    // These stay in the element type: exact for integers.
    case Unary::negative:
      if constexpr (std::is_same_v<T, bool>) return static_cast<R>(!v);  // numpy refuses; logical not here
      else return static_cast<R>(-v);                                   // unsigned wraps, as numpy
    case Unary::square: return static_cast<R>(v * v);
    case Unary::abs:
      if constexpr (std::is_unsigned_v<T>) return static_cast<R>(v);
      else return static_cast<R>(v < T{} ? -v : v);
    case Unary::sign:
      if constexpr (std::is_unsigned_v<T>) return static_cast<R>(v != T{});
      else return static_cast<R>(v != v ? v : (v > T{}) - (v < T{}));
    case Unary::isfinite: return static_cast<R>(std::isfinite(x));
    case Unary::isinf: return static_cast<R>(std::isinf(x));
    case Unary::isnan: return static_cast<R>(std::isnan(x));
  }
  return R{};
}

template <class R, class A, class B>
R binary_value(Binary op, A a, B b) {
  // Arithmetic on two bools runs in int, as numpy's does before casting back.
  using Common = std::common_type_t<A, B>;
  using C = std::conditional_t<std::is_same_v<Common, bool>, int, Common>;
  const C x = static_cast<C>(a), y = static_cast<C>(b);
  switch (op) {
    case Binary::add: return static_cast<R>(x + y);
    case Binary::subtract: return static_cast<R>(x - y);
    case Binary::multiply: return static_cast<R>(x * y);
    case Binary::divide: return static_cast<R>(static_cast<float_of<C>>(x) / static_cast<float_of<C>>(y));
    case Binary::floor_divide:
      if constexpr (std::is_integral_v<C>) {
        if (y == 0) return R{};  // numpy gives 0 (with a warning)
        const C q = static_cast<C>(x / y);
        if constexpr (std::is_unsigned_v<C>) return static_cast<R>(q);
        else return static_cast<R>((x % y != 0 && ((x < 0) != (y < 0))) ? q - 1 : q);
      } else {
        return static_cast<R>(std::floor(x / y));
      }
    case Binary::mod:  // the sign of the divisor, as Python and numpy
      if constexpr (std::is_integral_v<C>) {
        if (y == 0) return R{};
        const C r = static_cast<C>(x % y);
        if constexpr (std::is_unsigned_v<C>) return static_cast<R>(r);
        else return static_cast<R>((r != 0 && ((r < 0) != (y < 0))) ? r + y : r);
      } else {
        C r = std::fmod(x, y);
        if (r != 0 && ((r < 0) != (y < 0))) r += y;
        return static_cast<R>(r);
      }
    case Binary::power:
      if constexpr (std::is_integral_v<C>) {
        C result = 1, base = x;
        for (auto e = y; e > 0; e /= 2, base = static_cast<C>(base * base))
          if (e % 2) result = static_cast<C>(result * base);
        return static_cast<R>(result);  // negative integer powers give 1 here; numpy rejects them
      } else {
        return static_cast<R>(std::pow(x, y));
      }
    case Binary::maximum: return static_cast<R>(x != x ? x : (y != y ? y : (x < y ? y : x)));
    case Binary::minimum: return static_cast<R>(x != x ? x : (y != y ? y : (y < x ? y : x)));
    case Binary::equal: return static_cast<R>(x == y);
    case Binary::not_equal: return static_cast<R>(x != y);
    case Binary::less: return static_cast<R>(x < y);
    case Binary::less_equal: return static_cast<R>(x <= y);
    case Binary::greater: return static_cast<R>(x > y);
    case Binary::greater_equal: return static_cast<R>(x >= y);
    case Binary::logical_and: return static_cast<R>(static_cast<bool>(a) && static_cast<bool>(b));
    case Binary::logical_or: return static_cast<R>(static_cast<bool>(a) || static_cast<bool>(b));
    case Binary::logical_xor: return static_cast<R>(static_cast<bool>(a) != static_cast<bool>(b));
  }
  return R{};
}

template <class T>
using math_result = float_of<T>;
template <class T>
using same_result = T;
template <class T>
using predicate_result = bool;

template <class T, class R>
void unary_blocks(Unary op, const H5Array<T>& a, const H5Array<R>& out) {
  for (const Block& b : a.plan(sizeof(T) + sizeof(R))) {
    const NDArray<T> in = a.read(b);
    NDArray<R> result = NDArray<R>::uninitialized(b.count);
    for (std::size_t i = 0; i < in.size(); ++i) result.data()[i] = unary_value<R>(op, in.data()[i]);
    out.write(result, b.offset);
  }
}

template <class T>
struct is_h5array : std::false_type {};
template <class T>
struct is_h5array<H5Array<T>> : std::true_type {};

template <class X>
auto element_of() {
  if constexpr (is_h5array<X>::value) return typename X::value_type{};
  else return X{};
}
template <class X>
using element_t = decltype(element_of<X>());

// out = op(a, other) block by block; `other` is an H5Array of a's shape or a scalar.
template <class A, class X, class R>
void binary_blocks(Binary op, const H5Array<A>& a, const X& other,
                   const H5Array<R>& out) {
  using B = element_t<X>;
  for (const Block& b : a.plan(sizeof(A) + sizeof(B) + sizeof(R))) {
    const NDArray<A> x = a.read(b);
    NDArray<R> result = NDArray<R>::uninitialized(b.count);
    if constexpr (is_h5array<X>::value) {
      const NDArray<B> y = other.read(b);
      for (std::size_t i = 0; i < x.size(); ++i) result.data()[i] = binary_value<R>(op, x.data()[i], y.data()[i]);
    } else {
      for (std::size_t i = 0; i < x.size(); ++i) result.data()[i] = binary_value<R>(op, x.data()[i], other);
    }
    out.write(result, b.offset);
  }
}

template <class A, class X>
void check_same_shape(std::string_view operation, const H5Array<A>& a, const X& other) {
  if constexpr (is_h5array<X>::value)
    if (a.shape() != other.shape()) throw_shape_mismatch(operation, a.dataset(), a.shape(), other.dataset(), other.shape());
}

}  // namespace detail

// f(a) into a new dataset of element type R (the named functions below pick numpy's type).
template <class R, class T>
H5Array<R> unary(Unary op, const H5Array<T>& a, const Into& into) {
  return detail::into_new<R>(into, a.shape(), [&](const H5Array<R>& out) { detail::unary_blocks(op, a, out); });
}

// f(a) stored back into a.
template <class T>
void unary(Unary op, const H5Array<T>& a, InPlace) {
  if (detail::is_predicate(op) && !std::is_same_v<T, bool>)
    detail::throw_in_place_type(detail::to_string(op), a.dataset(), "a predicate gives bool values");
  if (!std::is_floating_point_v<T> && !detail::keeps_type(op) && !detail::is_predicate(op))
    detail::throw_in_place_type(detail::to_string(op), a.dataset(),
                                "the result is floating point and the array holds integers");
  detail::unary_blocks(op, a, a);
}

// op(a, b) into a new dataset of element type R; b is an H5Array of a's shape or a scalar.
template <class R, class A, class X>
H5Array<R> binary(Binary op, const H5Array<A>& a, const X& b, const Into& into) {
  detail::check_same_shape(detail::to_string(op), a, b);
  return detail::into_new<R>(into, a.shape(), [&](const H5Array<R>& out) {
    detail::binary_blocks(op, a, b, out);
  });
}

// a = op(a, b), chunk by chunk.
template <class A, class X>
void binary(Binary op, const H5Array<A>& a, const X& b, InPlace) {
  detail::check_same_shape(detail::to_string(op), a, b);
  if (detail::is_boolean(op) && !std::is_same_v<A, bool>)
    detail::throw_in_place_type(detail::to_string(op), a.dataset(), "a comparison gives bool values");
  if (op == Binary::divide && std::is_integral_v<A>)
    detail::throw_in_place_type(detail::to_string(op), a.dataset(),
                                "true division gives floating point and the array holds integers");
  detail::binary_blocks(op, a, b, a);
}

// The named functions: f(a, Into{group, name}) or f(a, in_place). Without R the result type is
// numpy's: `math` ops give double for integers (T for floating point), `same` ops keep T,
// predicates give bool.
#define H5KIT_LAZY_UNARY(name, kind)                                                                  \
  template <class R = numpy_default, class T>                                                         \
  auto name(const H5Array<T>& a, const Into& into) {                                                  \
    using Out = std::conditional_t<std::is_same_v<R, numpy_default>, detail::kind##_result<T>, R>;    \
    return unary<Out>(Unary::name, a, into);                                                          \
  }                                                                                                   \
  template <class T>                                                                                  \
  void name(const H5Array<T>& a, InPlace) {                                                           \
    unary(Unary::name, a, in_place);                                                                  \
  }
H5KIT_LAZY_UNARY(sin, math) H5KIT_LAZY_UNARY(cos, math) H5KIT_LAZY_UNARY(tan, math)
H5KIT_LAZY_UNARY(arcsin, math) H5KIT_LAZY_UNARY(arccos, math) H5KIT_LAZY_UNARY(arctan, math)
H5KIT_LAZY_UNARY(sinh, math) H5KIT_LAZY_UNARY(cosh, math) H5KIT_LAZY_UNARY(tanh, math)
H5KIT_LAZY_UNARY(arcsinh, math) H5KIT_LAZY_UNARY(arccosh, math) H5KIT_LAZY_UNARY(arctanh, math)
H5KIT_LAZY_UNARY(floor, math) H5KIT_LAZY_UNARY(ceil, math) H5KIT_LAZY_UNARY(trunc, math)
H5KIT_LAZY_UNARY(exp, math) H5KIT_LAZY_UNARY(expm1, math) H5KIT_LAZY_UNARY(exp2, math)
H5KIT_LAZY_UNARY(log, math) H5KIT_LAZY_UNARY(log10, math) H5KIT_LAZY_UNARY(log2, math)
H5KIT_LAZY_UNARY(log1p, math) H5KIT_LAZY_UNARY(sqrt, math) H5KIT_LAZY_UNARY(cbrt, math)
H5KIT_LAZY_UNARY(negative, same) H5KIT_LAZY_UNARY(square, same) H5KIT_LAZY_UNARY(abs, same)
H5KIT_LAZY_UNARY(sign, same)
H5KIT_LAZY_UNARY(isfinite, predicate) H5KIT_LAZY_UNARY(isinf, predicate) H5KIT_LAZY_UNARY(isnan, predicate)
#undef H5KIT_LAZY_UNARY

// The named two-operand functions: f(a, b, Into{group, name}) or f(a, b, in_place); b is an
// H5Array of a's shape or a scalar. Without R: the common type; double for divide of integers;
// bool for comparisons and logic.
#define H5KIT_LAZY_BINARY(name, kind)                                                                       \
  template <class R = numpy_default, class A, class X>                                                      \
  auto name(const H5Array<A>& a, const X& b, const Into& into) {                                            \
    using C = std::common_type_t<A, detail::element_t<X>>;                                                  \
    using Out = std::conditional_t<std::is_same_v<R, numpy_default>, detail::kind##_result<C>, R>;          \
    return binary<Out>(Binary::name, a, b, into);                                                           \
  }                                                                                                         \
  template <class A, class X>                                                                               \
  void name(const H5Array<A>& a, const X& b, InPlace) {                                                     \
    binary(Binary::name, a, b, in_place);                                                                   \
  }
H5KIT_LAZY_BINARY(add, same) H5KIT_LAZY_BINARY(subtract, same) H5KIT_LAZY_BINARY(multiply, same)
H5KIT_LAZY_BINARY(divide, math) H5KIT_LAZY_BINARY(floor_divide, same) H5KIT_LAZY_BINARY(power, same)
H5KIT_LAZY_BINARY(mod, same) H5KIT_LAZY_BINARY(maximum, same) H5KIT_LAZY_BINARY(minimum, same)
H5KIT_LAZY_BINARY(equal, predicate) H5KIT_LAZY_BINARY(not_equal, predicate) H5KIT_LAZY_BINARY(less, predicate)
H5KIT_LAZY_BINARY(less_equal, predicate) H5KIT_LAZY_BINARY(greater, predicate)
H5KIT_LAZY_BINARY(greater_equal, predicate) H5KIT_LAZY_BINARY(logical_and, predicate)
H5KIT_LAZY_BINARY(logical_or, predicate) H5KIT_LAZY_BINARY(logical_xor, predicate)
#undef H5KIT_LAZY_BINARY

// In place, in the file: a += 1, a *= b (b an H5Array of a's shape or a scalar).
#define H5KIT_LAZY_COMPOUND(symbol, op)                                   \
  template <class A, class X>                                             \
  const H5Array<A>& operator symbol(const H5Array<A>& a, const X& b) {    \
    binary(Binary::op, a, b, in_place);                                   \
    return a;                                                             \
  }
H5KIT_LAZY_COMPOUND(+=, add)
H5KIT_LAZY_COMPOUND(-=, subtract)
H5KIT_LAZY_COMPOUND(*=, multiply)
H5KIT_LAZY_COMPOUND(/=, divide)
H5KIT_LAZY_COMPOUND(%=, mod)
#undef H5KIT_LAZY_COMPOUND

}  // namespace h5kit::lazy
