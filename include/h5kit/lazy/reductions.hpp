#pragma once
// numpy's reductions over an H5Array, block by block within the memory cap (ch5mpy's H5Array
// functions): sum, prod, mean, min, max, all_of, any_of (numpy's all/any), var, std_, argmin,
// argmax; and diff.
//
//     double total = sum(a);                                  // a scalar over every element
//     NDArray<double> cols = sum(a, 0);                       // along axis 0 (negative axes count from the end)
//     NDArray<double> kept = sum(a, all_axes, {.keepdims = true});  // shape (1, 1)
//     auto n = sum<std::int64_t>(a, {.initial = 1, .where = mask});
//     double s = std_(a, {.ddof = 1});
//
// The result of an axis reduction is an NDArray in memory: the reduced shape must fit in memory
// (it is not counted against the cap, which bounds the blocks read from the file).
#include <cmath>
#include <cstdint>
#include <limits>
#include <memory>
#include <optional>
#include <span>
#include <string_view>
#include <type_traits>
#include <vector>

#include "h5kit/group.hpp"
#include "h5kit/lazy/h5array.hpp"

namespace h5kit::lazy {

// Reduce over every axis, keeping an NDArray result (numpy's axis=None with keepdims).
struct AllAxes {};
inline constexpr AllAxes all_axes{};

// A boolean mask of the array's shape (numpy's where=): only elements where it is true take part.
// A mask on disk is held as a handle (copied, cheap); a mask in memory is referred to, so it must
// outlive the options, unless it is a temporary, which the options then own.
class Where {
 public:
  Where() = default;
  Where(const H5Array<bool>& mask) : lazy_(mask) {}
  Where(const NDArray<bool>& mask) : memory_(&mask) {}
  Where(NDArray<bool>&& mask) : owned_(std::make_shared<const NDArray<bool>>(std::move(mask))), memory_(owned_.get()) {}
  bool active() const noexcept { return lazy_ || memory_; }
  Shape shape() const { return lazy_ ? lazy_->shape() : memory_->shape(); }
  NDArray<bool> block(const Block& block) const;  // the mask over one block of the array

 private:
  std::optional<H5Array<bool>> lazy_;
  std::shared_ptr<const NDArray<bool>> owned_;
  const NDArray<bool>* memory_ = nullptr;
};

// Options of a reduction; R is the result type. `initial` takes part in sum, prod, min and max
// (it makes min/max of nothing well defined); `ddof` is var/std's delta degrees of freedom.
template <class R>
struct Reduce {
  bool keepdims = false;
  std::optional<R> initial = std::nullopt;
  Where where = {};
  int ddof = 0;
};

enum class Reduction { sum, prod, min, max, all, any, mean, var, std, argmin, argmax };

// Picks numpy's result type when the caller leaves the first template argument at `numpy_default`.
struct numpy_default {};

namespace detail {

const char* to_string(Reduction r) noexcept;
std::size_t normalize_axis(const Dataset& dataset, std::string_view operation, int axis, std::size_t rank);
void check_where(const Dataset& dataset, std::string_view operation, const Shape& shape, const Where& where);
[[noreturn]] void throw_empty_reduction(const Dataset& dataset, Reduction r, const Shape& shape);
// The flat (row-major) index of `index` in `shape`.
std::size_t flat_index(const Shape& shape, const Shape& index) noexcept;
// A block's elements seen as [outer][length][inner] around the reduced axis, with the flat output
// index of each (outer, inner) pair.
struct AxisMap {
  std::size_t outer = 1, length = 1, inner = 1, start = 0;
  std::vector<std::size_t> out;
};
AxisMap axis_map(const Shape& shape, std::size_t axis, const Block& block);
Shape reduced_shape(const Shape& shape, std::optional<std::size_t> axis, bool keepdims);

template <class T>
using sum_type = std::conditional_t<
    std::is_same_v<T, bool> || (std::is_integral_v<T> && std::is_signed_v<T> && sizeof(T) < 8), std::int64_t,
    std::conditional_t<std::is_integral_v<T> && std::is_unsigned_v<T> && sizeof(T) < 8, std::uint64_t, T>>;

template <Reduction K, class T>
using numpy_result = std::conditional_t<
    K == Reduction::sum || K == Reduction::prod, sum_type<T>,
    std::conditional_t<K == Reduction::all || K == Reduction::any, bool,
                       std::conditional_t<K == Reduction::argmin || K == Reduction::argmax, std::size_t,
                                          std::conditional_t<K == Reduction::min || K == Reduction::max, T, double>>>>;

template <Reduction K, class R, class T>
using result = std::conditional_t<std::is_same_v<R, numpy_default>, numpy_result<K, T>, R>;

// Calls f(output index, position, value) for every element of one block (`values`, read at `b`)
// that the mask lets through. `position` is the flat index over the whole array (no axis) or the
// index along the reduced axis.
template <class T, class F>
void for_each_in_block(const Shape& shape, const Block& b, std::optional<std::size_t> axis, const NDArray<T>& values,
                       const bool* mask, const AxisMap* map, F&& f) {
  const T* v = values.data();
  if (!axis) {
    const std::size_t first = flat_index(shape, b.offset);  // a plan's blocks are contiguous runs
    for (std::size_t j = 0; j < values.size(); ++j)
      if (!mask || mask[j]) f(std::size_t{0}, first + j, v[j]);
    return;
  }
  std::size_t j = 0;
  for (std::size_t o = 0; o < map->outer; ++o)
    for (std::size_t k = 0; k < map->length; ++k)
      for (std::size_t i = 0; i < map->inner; ++i, ++j)
        if (!mask || mask[j]) f(map->out[o * map->inner + i], map->start + k, v[j]);
}

// Calls block_done(block, touched outputs, values, mask, axis map) after visiting each block with f (see for_each_in_block); the
// plan counts the block, its mask and the axis map against the cap.
template <class T, class F, class Done>
void for_each_block(const H5Array<T>& a, const Where& where, std::optional<std::size_t> axis, F&& f,
                    Done&& block_done) {
  const Shape shape = a.shape();
  static const std::vector<std::size_t> only_output_zero{0};
  // Per element: the value, its mask entry, and (axis reductions) at most one output index.
  const std::size_t bytes = sizeof(T) + (where.active() ? sizeof(bool) : 0) + (axis ? sizeof(std::size_t) : 0);
  NDArray<T> values;
  for (const Block& b : a.plan(bytes)) {
    a.read(b, values);
    const NDArray<bool> mask = where.active() ? where.block(b) : NDArray<bool>();
    const AxisMap map = axis ? axis_map(shape, *axis, b) : AxisMap{};
    const bool* m = where.active() ? mask.data() : nullptr;
    for_each_in_block(shape, b, axis, values, m, &map, f);
    block_done(b, axis ? map.out : only_output_zero, values, m, map);
  }
}

template <class T, class F>
void for_each_element(const H5Array<T>& a, const Where& where, std::optional<std::size_t> axis, F&& f) {
  for_each_block(a, where, axis, std::forward<F>(f), [](const auto&...) {});
}

// ---- accurate sums and products (numpy's pairwise summation, and better across blocks) ----------

// Whether R accumulates with rounding (floating point): pairwise within a block, compensated across.
template <class R>
inline constexpr bool rounds = std::is_floating_point_v<R>;

// The type a floating-point sum or product of R accumulates in: float in double; double sums in
// double (numpy's pairwise scheme over a whole block, compensated across blocks: numpy's accuracy or
// better at the speed of a plain loop), double products in long double (every rounding of a
// product reaches the result, so pairwise alone does not help).
template <bool product, class R>
using accumulator_t =
    std::conditional_t<std::is_same_v<R, float>, double,
                       std::conditional_t<rounds<R> && (product || !std::is_same_v<R, double>), long double, R>>;

template <bool product, class R>
constexpr R fold_identity() {
  return product ? R(1) : R(0);  // numpy's sum of [-0.0] is 0.0 too
}
template <bool product, class R>
R combine(R a, R b) {
  if constexpr (product) return static_cast<R>(a * b);
  else return static_cast<R>(a + b);
}

// The sum (or product) of the n values at v[0], v[stride], ... (masked-out ones skipped) by numpy's
// pairwise scheme: 8 running partial results over runs of at most 128 values, halves above that,
// so the rounding error grows as log(n), not n.
template <bool product, class R, class T>
R pairwise(const T* v, const bool* mask, std::size_t n, std::size_t stride) {
  const auto at = [&](std::size_t i) -> R {
    if (mask && !mask[i * stride]) return fold_identity<product, R>();
    return static_cast<R>(v[i * stride]);
  };
  if (n < 8) {
    R r = fold_identity<product, R>();
    for (std::size_t i = 0; i < n; ++i) r = combine<product>(r, at(i));
    return r;
  }
  if (n <= 128) {
    R acc[8];
    if (!mask && stride == 1) {  // the common case, in a loop the compiler can vectorise
      for (std::size_t j = 0; j < 8; ++j) acc[j] = static_cast<R>(v[j]);
      std::size_t i = 8;
      for (; i + 8 <= n; i += 8)
        for (std::size_t j = 0; j < 8; ++j) acc[j] = combine<product>(acc[j], static_cast<R>(v[i + j]));
      R r = combine<product>(combine<product>(combine<product>(acc[0], acc[1]), combine<product>(acc[2], acc[3])),
                             combine<product>(combine<product>(acc[4], acc[5]), combine<product>(acc[6], acc[7])));
      for (; i < n; ++i) r = combine<product>(r, static_cast<R>(v[i]));
      return r;
    }
    for (std::size_t j = 0; j < 8; ++j) acc[j] = at(j);
    std::size_t i = 8;
    for (; i + 8 <= n; i += 8)
      for (std::size_t j = 0; j < 8; ++j) acc[j] = combine<product>(acc[j], at(i + j));
    R r = combine<product>(combine<product>(combine<product>(acc[0], acc[1]), combine<product>(acc[2], acc[3])),
                           combine<product>(combine<product>(acc[4], acc[5]), combine<product>(acc[6], acc[7])));
    for (; i < n; ++i) r = combine<product>(r, at(i));
    return r;
  }
  std::size_t half = n / 2;
  half -= half % 8;
  return combine<product>(pairwise<product, R>(v, mask, half, stride),
                          pairwise<product, R>(v + half * stride, mask ? mask + half * stride : nullptr, n - half,
                                               stride));
}

// Per-output running sums (or products) across blocks, in accumulator_t<R>. Floating point folds each
// block's pairwise result with a compensation term: Neumaier's for sums, the error-free product (an
// FMA) for products, so a cap of one element is as accurate as one block. Integers simply add.
template <bool product, class R>
class Fold {
  using Acc = accumulator_t<product, R>;

 public:
  explicit Fold(std::size_t n) : value_(n, fold_identity<product, Acc>()), error_(rounds<R> ? n : 0, Acc(0)) {}
  void add(std::size_t o, Acc x) {
    if constexpr (!rounds<R>) {
      value_[o] = combine<product>(value_[o], x);
    } else if constexpr (product) {
      const Acc p = value_[o] * x;
      if (std::isfinite(p)) error_[o] = std::fma(error_[o], x, std::fma(value_[o], x, -p));
      value_[o] = p;
    } else {
      const Acc s = value_[o], t = s + x;
      if (std::isfinite(t)) error_[o] += std::fabs(s) >= std::fabs(x) ? (s - t) + x : (x - t) + s;
      value_[o] = t;
    }
  }
  R value(std::size_t o) const {
    if constexpr (rounds<R>) {
      if (std::isfinite(value_[o])) return static_cast<R>(value_[o] + error_[o]);
    }
    return static_cast<R>(value_[o]);
  }

  // Folds in one block (see for_each_block): the whole block for no axis, else each lane along it.
  template <class T>
  void add_block(std::optional<std::size_t> axis, const NDArray<T>& values, const bool* mask, const AxisMap& map) {
    const T* v = values.data();
    if (!axis) {
      add(0, pairwise<product, Acc>(v, mask, values.size(), 1));
      return;
    }
    for (std::size_t o = 0; o < map.outer; ++o)
      for (std::size_t i = 0; i < map.inner; ++i) {
        const std::size_t first = o * map.length * map.inner + i;
        add(map.out[o * map.inner + i],
            pairwise<product, Acc>(v + first, mask ? mask + first : nullptr, map.length, map.inner));
      }
  }

 private:
  std::vector<Acc> value_, error_;
};

// Per-output running moments in one pass over the file: each block's count, mean and sum of squared
// deviations are taken in memory (two passes over the block), then folded into the running ones
// with Chan et al.'s pairwise update, which stays accurate where sum-of-squares formulas cancel.
struct Moments {
  std::vector<std::size_t> count;
  std::vector<double> mean, m2;
  explicit Moments(std::size_t n) : count(n, 0), mean(n, 0.0), m2(n, 0.0) {}
  // numpy's: divided by max(count - ddof, 0), so ddof >= count gives inf (NaN when m2 is 0 too).
  double variance(std::size_t o, int ddof) const {
    const double dof = std::max(static_cast<double>(count[o]) - ddof, 0.0);
    return m2[o] / dof;
  }
};
// Folds `block`'s touched outputs into `running` and clears them in `block` for the next block.
void fold_block_moments(Moments& running, Moments& block, std::span<const std::size_t> touched);

// Gathers Moments over `a`; `also(o, position, value)` sees every element on the way and
// `also_block(values, mask, axis map)` every block (describe's sum, min and max ride along).
template <class T, class Also, class AlsoBlock>
Moments gather_moments(const H5Array<T>& a, const Where& where, std::optional<std::size_t> axis, std::size_t n,
                       Also&& also, AlsoBlock&& also_block) {
  Moments running(n), block(n);
  const Shape shape = a.shape();
  for_each_block(
      a, where, axis,
      [&](std::size_t o, std::size_t pos, const T& v) {
        block.mean[o] += static_cast<double>(v);  // the block's sum until block_done divides
        ++block.count[o];
        also(o, pos, v);
      },
      [&](const Block& b, const std::vector<std::size_t>& touched, const NDArray<T>& values, const bool* mask,
          const AxisMap& map) {
        for (std::size_t o : touched)
          if (block.count[o]) block.mean[o] /= static_cast<double>(block.count[o]);
        for_each_in_block(shape, b, axis, values, mask, &map, [&](std::size_t o, std::size_t, const T& v) {
          const double d = static_cast<double>(v) - block.mean[o];
          block.m2[o] += d * d;
        });
        fold_block_moments(running, block, touched);
        also_block(values, mask, map);
      });
  return running;
}
template <Reduction K, class R, class T>
NDArray<R> reduce(const H5Array<T>& a, std::optional<int> axis_arg, const Reduce<R>& opt) {
  const Dataset& ds = a.dataset();
  const Shape shape = a.shape();
  std::optional<std::size_t> axis;
  if (axis_arg) axis = normalize_axis(ds, to_string(K), *axis_arg, shape.size());
  if (opt.where.active()) check_where(ds, to_string(K), shape, opt.where);
  const Shape out_shape = reduced_shape(shape, axis, opt.keepdims);
  const std::size_t n = element_count(out_shape);
  NDArray<R> out(out_shape);
  R* r = out.data();

  if constexpr (K == Reduction::sum || K == Reduction::prod) {
    Fold<K == Reduction::prod, R> fold(n);
    if (opt.initial)
      for (std::size_t o = 0; o < n; ++o) fold.add(o, *opt.initial);
    for_each_block(
        a, opt.where, axis, [](std::size_t, std::size_t, const T&) {},
        [&](const Block&, const std::vector<std::size_t>&, const NDArray<T>& values, const bool* mask,
            const AxisMap& map) { fold.add_block(axis, values, mask, map); });
    for (std::size_t o = 0; o < n; ++o) r[o] = fold.value(o);
  } else if constexpr (K == Reduction::all || K == Reduction::any) {
    std::fill_n(r, n, static_cast<R>(K == Reduction::all));
    for_each_element(a, opt.where, axis, [&](std::size_t o, std::size_t, const T& v) {
      if constexpr (K == Reduction::all) r[o] = r[o] && static_cast<bool>(v);
      else r[o] = r[o] || static_cast<bool>(v);
    });
  } else if constexpr (K == Reduction::min || K == Reduction::max) {
    std::vector<char> seen(n, opt.initial.has_value());
    if (opt.initial) std::fill_n(r, n, *opt.initial);
    for_each_element(a, opt.where, axis, [&](std::size_t o, std::size_t, const T& v) {
      const R x = static_cast<R>(v);
      if (seen[o] && r[o] != r[o]) return;  // NaN wins, as in numpy's min/max
      if (!seen[o] || (K == Reduction::min ? x < r[o] : x > r[o]) || x != x) {
        r[o] = x;
        seen[o] = 1;
      }
    });
    for (char s : seen)
      if (!s) throw_empty_reduction(ds, K, shape);
  } else if constexpr (K == Reduction::argmin || K == Reduction::argmax) {
    std::vector<T> best(n);
    std::vector<char> seen(n, 0);
    for_each_element(a, opt.where, axis, [&](std::size_t o, std::size_t pos, const T& v) {
      if (seen[o] && best[o] != best[o]) return;  // the first NaN stays, as in numpy
      if (!seen[o] || (K == Reduction::argmin ? v < best[o] : v > best[o]) || v != v) {
        best[o] = v;
        r[o] = static_cast<R>(pos);
        seen[o] = 1;
      }
    });
    for (char s : seen)
      if (!s) throw_empty_reduction(ds, K, shape);
  } else {  // mean, var, std: one pass (gather_moments)
    const Moments m = gather_moments(
        a, opt.where, axis, n, [](std::size_t, std::size_t, const T&) {}, [](const auto&...) {});
    for (std::size_t i = 0; i < n; ++i) {
      const double mean = m.count[i] ? m.mean[i] : NAN;
      const double var = m.variance(i, opt.ddof);
      r[i] = static_cast<R>(K == Reduction::mean ? mean : K == Reduction::std ? std::sqrt(var) : var);
    }
  }
  return out;
}

}  // namespace detail

// Three forms per reduction: f(a, opts) a scalar over every element; f(a, axis, opts) an NDArray
// with that axis reduced; f(a, all_axes, opts) an NDArray over every axis (shape () or, with
// keepdims, all ones). The first template argument sets the result type.
#define H5KIT_LAZY_REDUCTION(name, kind)                                                                        \
  template <class R = numpy_default, class T>                                                                  \
  detail::result<Reduction::kind, R, T> name(const H5Array<T>& a,                                               \
                                             const Reduce<detail::result<Reduction::kind, R, T>>& opt = {}) {   \
    return detail::reduce<Reduction::kind>(a, std::nullopt, opt).data()[0];                                    \
  }                                                                                                            \
  template <class R = numpy_default, class T>                                                                  \
  NDArray<detail::result<Reduction::kind, R, T>> name(                                                          \
      const H5Array<T>& a, int axis, const Reduce<detail::result<Reduction::kind, R, T>>& opt = {}) {           \
    return detail::reduce<Reduction::kind>(a, axis, opt);                                                      \
  }                                                                                                            \
  template <class R = numpy_default, class T>                                                                  \
  NDArray<detail::result<Reduction::kind, R, T>> name(                                                          \
      const H5Array<T>& a, AllAxes, const Reduce<detail::result<Reduction::kind, R, T>>& opt = {}) {            \
    return detail::reduce<Reduction::kind>(a, std::nullopt, opt);                                              \
  }
H5KIT_LAZY_REDUCTION(sum, sum)
H5KIT_LAZY_REDUCTION(prod, prod)
H5KIT_LAZY_REDUCTION(min, min)
H5KIT_LAZY_REDUCTION(max, max)
H5KIT_LAZY_REDUCTION(all_of, all)  // numpy's all/any: `all` is h5kit's whole-axis index
H5KIT_LAZY_REDUCTION(any_of, any)
H5KIT_LAZY_REDUCTION(mean, mean)
H5KIT_LAZY_REDUCTION(var, var)
H5KIT_LAZY_REDUCTION(std_, std)  // std_: `std` is the standard library's namespace
H5KIT_LAZY_REDUCTION(argmin, argmin)
H5KIT_LAZY_REDUCTION(argmax, argmax)
#undef H5KIT_LAZY_REDUCTION

// numpy's diff: the n-th discrete difference along `axis`, written block by block into a new
// dataset (the axis shrinks by n, to 0 at least): diff(a, Into{g, "d"}), diff(a, 2, 0, Into{g, "d2"}).
// Each block read holds n extra positions along the axis beyond the block written. On failure the new dataset is removed.
template <class T>
H5Array<T> diff(const H5Array<T>& a, std::size_t n, int axis, const Into& into) {
  const Group& group = into.group;
  const std::string& name = into.name;
  const Shape shape = a.shape();
  const std::size_t ax = detail::normalize_axis(a.dataset(), "diff", axis, shape.size());
  Shape out_shape = shape;
  out_shape[ax] = shape[ax] > n ? shape[ax] - n : 0;
  Dataset out = group.create_dataset(name, out_shape, dtype<T>(), into.options);
  try {
    const H5Array<T> result(out);
    // An output block of c entries along the axis (r elements each) reads (c + n) r and holds
    // both: (2c + n) r <= (n + 2) c r, so output blocks of cap / (n + 2) elements fit the cap. Below
    // that, one output element still needs its n + 1 inputs at once.
    const ChunkPlan plan(out_shape, std::max<std::size_t>(1, elements_within_cap(sizeof(T)) / (n + 2)), out.chunks());
    for (const Block& b : plan) {
      Block in = b;
      in.count[ax] += n;
      NDArray<T> values = a.read(in);
      const detail::AxisMap map = detail::axis_map(shape, ax, in);
      std::size_t length = map.length;
      for (std::size_t step = 0; step < n; ++step, --length) {  // in place: [o][k][i] <- [o][k+1][i] - [o][k][i]
        T* v = values.data();
        for (std::size_t o = 0; o < map.outer; ++o)
          for (std::size_t k = 0; k + 1 < length; ++k)
            for (std::size_t i = 0; i < map.inner; ++i) {
              const std::size_t here = (o * map.length + k) * map.inner + i;
              v[here] = static_cast<T>(v[here + map.inner] - v[here]);
            }
      }
      NDArray<T> piece(b.count);
      T* p = piece.data();
      const T* v = values.data();
      for (std::size_t o = 0; o < map.outer; ++o)
        for (std::size_t k = 0; k < b.count[ax]; ++k)
          for (std::size_t i = 0; i < map.inner; ++i) *p++ = v[(o * map.length + k) * map.inner + i];
      result.write(piece, b.offset);
    }
    return result;
  } catch (...) {
    group.erase(name);
    throw;
  }
}
// The first difference along the last axis.
template <class T>
H5Array<T> diff(const H5Array<T>& a, const Into& into) {
  return diff(a, 1, -1, into);
}

}  // namespace h5kit::lazy
