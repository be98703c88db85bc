#pragma once
// numpy's element-wise functions and operators over H5Arrays, block by block within the memory cap:
// into a new dataset, or in place.
//
//     H5Array<double> s = sin(a, Into{group, "sin_a"});   // a new dataset /group/sin_a
//     sqrt(a, in_place);                                   // a = sqrt(a), chunk by chunk
//     auto c = add(a, b, Into{group, "c"});                // numpy broadcasting: (3, 1) + (1, 4) -> (3, 4)
//     H5Array<bool> big = greater(a, 0.5, Into{group, "mask"});
//     auto f = unary<float>(Unary::exp, a, Into{group, "e"});  // the operation chosen at run time
//     a += 1;  a *= b;                                      // in place, in the file
//
// Result types follow numpy 1.24 (lazy/promotion.hpp): math functions of integers give double,
// predicates and comparisons give bool, divide gives double for integers, and two operands give
// numpy.promote_types of their types (uint32 - int32 is int64), value-based for a scalar
// (float32 + 1.0 stays float32, uint8 + 100 stays uint8). In place, the result is stored as the array's own
// type; an operation whose result would not fit that type (sin or divide of an integer array,
// a predicate) is an InvalidArgumentError before anything is written.
//
// Two arrays broadcast as in numpy (lazy/broadcast.hpp): into a new dataset the result has the
// broadcast shape and either operand may be the smaller; in place the result keeps a's shape, so b
// must broadcast to it. Blocks are planned over the result; each operand reads only its own block.
#include <cmath>
#include <memory>
#include <string>
#include <string_view>
#include <type_traits>

#include "h5kit/group.hpp"
#include "h5kit/lazy/broadcast.hpp"
#include "h5kit/lazy/h5array.hpp"
#include "h5kit/lazy/promotion.hpp"
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
[[noreturn]] void throw_in_place_type(std::string_view operation, const Dataset& a, const char* why);

template <class T>
using float_of = std::conditional_t<std::is_floating_point_v<T>, T, double>;

// One element of f(v); `op` is a template argument so that the loops below, instantiated once per
// operation, hold no switch (the switch folds to the one case).
template <Unary op, class R, class T>
R unary_value(T v) {
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

// numpy's (and Python's) float floor division and remainder, computed together so that
// floor_divide(x, y) * y + mod(x, y) == x up to rounding: 1.0 // 0.1 is 9 (0.1 is a little above
// one tenth), not floor(1.0 / 0.1) = 10. Division by zero gives inf or NaN, as numpy.
template <class F>
F float_mod(F x, F y) {
  F m = std::fmod(x, y);
  if (m != 0) {
    if ((y < 0) != (m < 0)) m += y;
  } else {
    m = std::copysign(F(0), y);
  }
  return m;
}
template <class F>
F float_floor_divide(F x, F y) {
  if (y == 0) return x / y;
  const F m = std::fmod(x, y);
  F div = (x - m) / y;
  if (m != 0 && ((y < 0) != (m < 0))) div -= 1;
  if (div == 0) return std::copysign(F(0), x / y);
  F floor_div = std::floor(div);
  if (div - floor_div > F(0.5)) floor_div += 1;
  return floor_div;
}

// One element of op(a, b) computed in C (numpy's loop type: the promoted type of the operands,
// lazy/promotion.hpp), then stored as R.
template <Binary op, class R, class C, class A, class B>
R binary_value(A a, B b) {
  // Arithmetic on two bools runs in int, as numpy's does before casting back.
  using W = std::conditional_t<std::is_same_v<C, bool>, int, C>;
  const W x = static_cast<W>(a), y = static_cast<W>(b);
  switch (op) {
    case Binary::add: return static_cast<R>(x + y);
    case Binary::subtract: return static_cast<R>(x - y);
    case Binary::multiply: return static_cast<R>(x * y);
    case Binary::divide: return static_cast<R>(static_cast<float_of<W>>(x) / static_cast<float_of<W>>(y));
    case Binary::floor_divide:
      if constexpr (std::is_integral_v<W>) {
        if (y == 0) return R{};  // numpy gives 0 (with a warning)
        const W q = static_cast<W>(x / y);
        if constexpr (std::is_unsigned_v<W>) return static_cast<R>(q);
        else return static_cast<R>((x % y != 0 && ((x < 0) != (y < 0))) ? q - 1 : q);
      } else {
        return static_cast<R>(float_floor_divide(x, y));
      }
    case Binary::mod:  // the sign of the divisor, as Python and numpy
      if constexpr (std::is_integral_v<W>) {
        if (y == 0) return R{};
        const W r = static_cast<W>(x % y);
        if constexpr (std::is_unsigned_v<W>) return static_cast<R>(r);
        else return static_cast<R>((r != 0 && ((r < 0) != (y < 0))) ? r + y : r);
      } else {
        return static_cast<R>(float_mod(x, y));
      }
    case Binary::power:
      if constexpr (std::is_integral_v<W>) {
        W result = 1, base = x;
        for (auto e = y; e > 0; e /= 2, base = static_cast<W>(base * base))
          if (e % 2) result = static_cast<W>(result * base);
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

// Calls f(std::integral_constant<Unary, op>{}) for the run-time `op`: the caller's loop is then
// compiled once per operation, dispatched once per block rather than once per element.
template <class F>
void with_unary(Unary op, F&& f) {
#define H5KIT_LAZY_CASE(name) \
  case Unary::name: return f(std::integral_constant<Unary, Unary::name>{});
  switch (op) {
    H5KIT_LAZY_CASE(sin) H5KIT_LAZY_CASE(cos) H5KIT_LAZY_CASE(tan) H5KIT_LAZY_CASE(arcsin) H5KIT_LAZY_CASE(arccos)
    H5KIT_LAZY_CASE(arctan) H5KIT_LAZY_CASE(sinh) H5KIT_LAZY_CASE(cosh) H5KIT_LAZY_CASE(tanh)
    H5KIT_LAZY_CASE(arcsinh) H5KIT_LAZY_CASE(arccosh) H5KIT_LAZY_CASE(arctanh) H5KIT_LAZY_CASE(floor)
    H5KIT_LAZY_CASE(ceil) H5KIT_LAZY_CASE(trunc) H5KIT_LAZY_CASE(exp) H5KIT_LAZY_CASE(expm1)
    H5KIT_LAZY_CASE(exp2) H5KIT_LAZY_CASE(log) H5KIT_LAZY_CASE(log10) H5KIT_LAZY_CASE(log2)
    H5KIT_LAZY_CASE(log1p) H5KIT_LAZY_CASE(sqrt) H5KIT_LAZY_CASE(cbrt) H5KIT_LAZY_CASE(negative)
    H5KIT_LAZY_CASE(square) H5KIT_LAZY_CASE(abs) H5KIT_LAZY_CASE(sign) H5KIT_LAZY_CASE(isfinite)
    H5KIT_LAZY_CASE(isinf) H5KIT_LAZY_CASE(isnan)
  }
#undef H5KIT_LAZY_CASE
}

template <class F>
void with_binary(Binary op, F&& f) {
#define H5KIT_LAZY_CASE(name) \
  case Binary::name: return f(std::integral_constant<Binary, Binary::name>{});
  switch (op) {
    H5KIT_LAZY_CASE(add) H5KIT_LAZY_CASE(subtract) H5KIT_LAZY_CASE(multiply) H5KIT_LAZY_CASE(divide)
    H5KIT_LAZY_CASE(floor_divide) H5KIT_LAZY_CASE(power) H5KIT_LAZY_CASE(mod) H5KIT_LAZY_CASE(maximum)
    H5KIT_LAZY_CASE(minimum) H5KIT_LAZY_CASE(equal) H5KIT_LAZY_CASE(not_equal) H5KIT_LAZY_CASE(less)
    H5KIT_LAZY_CASE(less_equal) H5KIT_LAZY_CASE(greater) H5KIT_LAZY_CASE(greater_equal)
    H5KIT_LAZY_CASE(logical_and) H5KIT_LAZY_CASE(logical_or) H5KIT_LAZY_CASE(logical_xor)
  }
#undef H5KIT_LAZY_CASE
}

template <class T>
using math_result = float_of<T>;
template <class T>
using same_result = T;
template <class T>
using predicate_result = bool;

// A buffer for the largest block of a plan, allocated once per operation and left uninitialised
// (every block is read or computed into it before use; no page is touched twice for nothing).
template <class T>
std::unique_ptr<T[]> block_buffer(std::size_t elements) {
  return std::unique_ptr<T[]>(new T[elements == 0 ? 1 : elements]);
}

// Where the results of a block go: the input buffer itself when R is its type and `alias` allows
// (computed in place between the read and the write, as raw C does), else `own`, made here.
template <class R, class T>
R* result_buffer(T* input, bool alias, std::size_t elements, std::unique_ptr<R[]>& own) {
  if constexpr (std::is_same_v<T, R>)
    if (alias) return input;
  own = block_buffer<R>(elements);
  return own.get();
}

template <class T, class R>
void unary_blocks(Unary op, const H5Array<T>& a, const H5Array<R>& out) {
  const ChunkPlan plan = a.plan(sizeof(T) + sizeof(R));
  if (plan.size() == 0) return;
  const std::size_t most = element_count(plan[0].count);  // the first block is the largest
  const std::unique_ptr<T[]> in = block_buffer<T>(most);
  std::unique_ptr<R[]> separate;
  R* const result = result_buffer(in.get(), true, most, separate);
  with_unary(op, [&](auto o) {
    for (const Block& b : plan) {
      a.read(b, in.get());
      const T* x = in.get();
      const std::size_t n = element_count(b.count);
      for (std::size_t i = 0; i < n; ++i) result[i] = unary_value<decltype(o)::value, R>(x[i]);
      out.write(result, b);
    }
  });
}

// result[i] = op(x[i * x_step], y[i * y_step]) for i < n; steps are 0 (a stretched operand) or 1.
// `result` may be `x` when x_step is 1 (in place).
template <Binary op, class C, class R, class A, class B>
void binary_run(const A* x, std::size_t x_step, const B* y, std::size_t y_step, R* result, std::size_t n) {
  if (x_step == 1 && y_step == 1) {
    for (std::size_t i = 0; i < n; ++i) result[i] = binary_value<op, R, C>(x[i], y[i]);
  } else if (x_step == 1) {
    const B v = *y;
    for (std::size_t i = 0; i < n; ++i) result[i] = binary_value<op, R, C>(x[i], v);
  } else if (y_step == 1) {
    const A u = *x;
    for (std::size_t i = 0; i < n; ++i) result[i] = binary_value<op, R, C>(u, y[i]);
  } else {
    const R r = binary_value<op, R, C>(*x, *y);
    for (std::size_t i = 0; i < n; ++i) result[i] = r;
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

// out = op(a, scalar) over `plan` (blocks of a's shape), computed in Arith (arithmetic) or Pred
// (comparisons and logic).
template <class Arith, class Pred, class A, class B, class R>
void scalar_blocks(Binary op, const H5Array<A>& a, const B& scalar, const H5Array<R>& out, const ChunkPlan& plan) {
  if (plan.size() == 0) return;
  const std::size_t most = element_count(plan[0].count);
  const std::unique_ptr<A[]> x = block_buffer<A>(most);
  std::unique_ptr<R[]> separate;
  R* const result = result_buffer(x.get(), true, most, separate);
  with_binary(op, [&](auto o) {
    for (const Block& b : plan) {
      a.read(b, x.get());
      constexpr Binary k = decltype(o)::value;
      binary_run<k, std::conditional_t<is_boolean(k), Pred, Arith>>(x.get(), 1, &scalar, 0, result, element_count(b.count));
      out.write(result, b);
    }
  });
}

// out = op(a, b) over `plan` (blocks of the result's shape, which both operands broadcast to):
// each operand reads its own block of each result block, and BroadcastWalk pairs the elements;
// computed in Arith (arithmetic) or Pred (comparisons and logic).
template <class Arith, class Pred, class A, class B, class R>
void array_blocks(Binary op, const H5Array<A>& a, const H5Array<B>& b, const H5Array<R>& out, const ChunkPlan& plan) {
  if (plan.size() == 0) return;
  const Shape a_shape = a.shape(), b_shape = b.shape();
  const Block first = plan[0];
  const std::unique_ptr<A[]> x = block_buffer<A>(element_count(operand_block(a_shape, first).count));
  const std::unique_ptr<B[]> y = block_buffer<B>(element_count(operand_block(b_shape, first).count));
  // When a is not stretched its block is the result's, element for element: compute over it.
  std::unique_ptr<R[]> separate;
  R* const result = result_buffer(x.get(), a_shape == plan.shape(), element_count(first.count), separate);
  with_binary(op, [&](auto o) {
    for (const Block& block : plan) {
      const Block from_a = operand_block(a_shape, block), from_b = operand_block(b_shape, block);
      a.read(from_a, x.get());
      b.read(from_b, y.get());
      BroadcastWalk walk(block.count, from_a.count, from_b.count);
      BroadcastWalk::Run run;
      for (R* r = result; walk.next(run); r += run.length)
        binary_run<decltype(o)::value, std::conditional_t<is_boolean(decltype(o)::value), Pred, Arith>>(x.get() + run.a, run.a_step, y.get() + run.b, run.b_step, r, run.length);
      out.write(result, block);
    }
  });
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

namespace detail {

constexpr bool uses_loop_search(Binary op) {
  return op == Binary::floor_divide || op == Binary::mod || op == Binary::power;
}

// numpy's result type of op on an array of A and X (an H5Array or a scalar), the scalar's value
// aside (lazy/promotion.hpp): the promoted type; bool for comparisons and logic; for divide, double
// when that type is an integer (numpy's true_divide).
template <Binary op, class A, class X>
auto binary_numpy_result() {
  using B = element_t<X>;
  using Base = std::conditional_t<is_h5array<X>::value, promoted_t<A, B>, scalar_result_t<A, B>>;
  if constexpr (is_boolean(op)) return bool{};
  else if constexpr (op == Binary::divide) return float_of<Base>{};
  else if constexpr (uses_loop_search(op) && std::is_same_v<Base, bool>) return std::int8_t{};  // numpy: bool // bool is int8
  else return Base{};
}
template <Binary op, class A, class X>
using binary_result_t = decltype(binary_numpy_result<op, A, X>());

// numpy 1.24's result type of op on an array of `array` and the scalar `v` (value-based).
NumpyType numpy_binary_type(Binary op, NumpyType array, const ScalarValue& v) noexcept;
// InvalidArgumentError: numpy gives `numpy_type` for this scalar's value where the compiled result is `fixed`.
[[noreturn]] void throw_scalar_widens(Binary op, const Dataset& a, NumpyType array, const ScalarValue& v,
                                      NumpyType numpy_type, NumpyType fixed);
// InvalidArgumentError unless numpy's same_kind casting stores `result` into `array` (in place).
void check_same_kind(Binary op, const Dataset& a, NumpyType result, NumpyType array);

// Whether numpy computes op(array of A, scalar b) in A's own kind of type (its value fits; see
// lazy/promotion.hpp), rather than the type A and S promote to.
template <class A, class S>
bool scalar_fits(const S& b) {
  return result_type(numpy_type_of<A>(), scalar_value(b)) == numpy_type_of<scalar_result_t<A, S>>();
}

// Runs scalar_blocks with Pred = N (the scalar fits, see scalar_fits) or W = promoted_t<A, S>;
// Arith is `arith` when given (void: the same as Pred).
template <class Arith, class A, class S, class R>
void scalar_blocks_for(Binary op, const H5Array<A>& a, const S& b, const H5Array<R>& out, const ChunkPlan& plan) {
  using N = scalar_result_t<A, S>;
  using W = promoted_t<A, S>;
  if constexpr (std::is_same_v<N, W>) {
    scalar_blocks<std::conditional_t<std::is_void_v<Arith>, N, Arith>, N>(op, a, b, out, plan);
  } else if (scalar_fits<A>(b)) {
    scalar_blocks<std::conditional_t<std::is_void_v<Arith>, N, Arith>, N>(op, a, b, out, plan);
  } else {
    scalar_blocks<std::conditional_t<std::is_void_v<Arith>, W, Arith>, W>(op, a, b, out, plan);
  }
}

// op(a, b) into a new dataset of element type R. With `numpy_type`, R is binary_result_t (the
// named functions) and a scalar whose value numpy would widen the result for is refused.
template <class R, class A, class X>
H5Array<R> binary_into(Binary op, const H5Array<A>& a, const X& b, const Into& into, bool numpy_type) {
  using B = element_t<X>;
  constexpr std::size_t bytes = sizeof(A) + sizeof(B) + sizeof(R);  // per result element
  if constexpr (is_h5array<X>::value) {
    const Shape a_shape = a.shape(), b_shape = b.shape();
    const Shape shape = broadcast_result_shape(to_string(op), a.dataset(), a_shape, b.dataset(), b_shape);
    return into_new<R>(into, shape, [&](const H5Array<R>& out) {
      // The plan follows the storage chunks of an operand of the result's shape when there is one.
      const ChunkPlan plan = a_shape == shape ? a.plan(bytes) : b_shape == shape ? b.plan(bytes) : out.plan(bytes);
      array_blocks<R, promoted_t<A, B>>(op, a, b, out, plan);
    });
  } else {
    static_assert(std::is_arithmetic_v<X>, "the second operand is an H5Array or a number (a bool, integer or float)");
    if (numpy_type && !is_boolean(op)) {
      const NumpyType expected = numpy_binary_type(op, numpy_type_of<A>(), scalar_value(b));
      if (expected != numpy_type_of<R>())
        throw_scalar_widens(op, a.dataset(), numpy_type_of<A>(), scalar_value(b), expected, numpy_type_of<R>());
    }
    return into_new<R>(into, a.shape(), [&](const H5Array<R>& out) {
      scalar_blocks_for<R>(op, a, b, out, a.plan(bytes));
    });
  }
}

}  // namespace detail

// op(a, b) into a new dataset of element type R (computed in R; comparisons in the operands'
// promoted type); b is an H5Array or a scalar. Two arrays broadcast (the result has the broadcast
// shape; ShapeMismatchError naming both when they do not, and no dataset is created).
template <class R, class A, class X>
H5Array<R> binary(Binary op, const H5Array<A>& a, const X& b, const Into& into) {
  return detail::binary_into<R>(op, a, b, into, false);
}

// a = op(a, b), chunk by chunk; b is a scalar or an H5Array that broadcasts to a's shape
// (InvalidArgumentError naming both otherwise, before anything is written). Computed in numpy's
// type, then stored as A when numpy's same_kind casting allows it (int64 into uint32 is refused,
// as numpy's `a -= b` for uint32 a and int32 b).
template <class A, class X>
void binary(Binary op, const H5Array<A>& a, const X& b, InPlace) {
  using B = detail::element_t<X>;
  if constexpr (detail::is_h5array<X>::value)
    detail::check_broadcasts_to(detail::to_string(op), a.dataset(), a.shape(), b.dataset(), b.shape());
  if (detail::is_boolean(op) && !std::is_same_v<A, bool>)
    detail::throw_in_place_type(detail::to_string(op), a.dataset(), "a comparison gives bool values");
  if (op == Binary::divide && std::is_integral_v<A>)
    detail::throw_in_place_type(detail::to_string(op), a.dataset(),
                                "true division gives floating point and the array holds integers");
  const ChunkPlan plan = a.plan(sizeof(A) + sizeof(B) + sizeof(A));
  if constexpr (detail::is_h5array<X>::value) {
    if (!detail::is_boolean(op))
      detail::check_same_kind(op, a.dataset(), numpy_type_of<promoted_t<A, B>>(), numpy_type_of<A>());
    detail::array_blocks<promoted_t<A, B>, promoted_t<A, B>>(op, a, b, a, plan);
  } else {
    static_assert(std::is_arithmetic_v<X>, "the second operand is an H5Array or a number (a bool, integer or float)");
    if (!detail::is_boolean(op))
      detail::check_same_kind(op, a.dataset(), detail::numpy_binary_type(op, numpy_type_of<A>(), scalar_value(b)),
                              numpy_type_of<A>());
    detail::scalar_blocks_for<void>(op, a, b, a, plan);
  }
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
// H5Array (broadcast as above) or a scalar. Without R: numpy 1.24's result type (lazy/promotion.hpp):
// promote_types of the two element types, value-based for a scalar; double for divide of integers;
// bool for comparisons and logic.
#define H5KIT_LAZY_BINARY(name, kind)                                                                       \
  template <class R = numpy_default, class A, class X>                                                      \
  auto name(const H5Array<A>& a, const X& b, const Into& into) {                                            \
    constexpr bool numpy_type = std::is_same_v<R, numpy_default>;                                           \
    using Out = std::conditional_t<numpy_type, detail::binary_result_t<Binary::name, A, X>, R>;            \
    return detail::binary_into<Out>(Binary::name, a, b, into, numpy_type);                                  \
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

// In place, in the file: a += 1, a *= b (b a scalar or an H5Array that broadcasts to a's shape).
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
