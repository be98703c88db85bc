#pragma once
// Several statistics from one pass over the file, like scipy.stats.describe: count, sum, mean,
// var, std, min and max. A file larger than memory costs its read time once, not once per number.
//
//     Description<double> d = describe(a);                 // every element
//     Description<double> s = describe(a, {.ddof = 1});    // sample variance
//     AxisDescription<double> cols = describe(a, 0);       // NDArrays, axis 0 reduced
//
// The numbers equal the separate reductions' (sum, mean, var, std_, min, max in reductions.hpp);
// the same pass computes them, in the same memory bound.
#include <cmath>
#include <optional>
#include <vector>

#include "h5kit/lazy/reductions.hpp"

namespace h5kit::lazy {

struct Describe {
  bool keepdims = false;
  Where where = {};
  int ddof = 0;  // var and std_dev divide by count - ddof
};

template <class T>
struct Description {
  std::size_t count = 0;
  detail::sum_type<T> sum{};
  double mean = NAN, var = NAN, std_dev = NAN;
  T min{}, max{};
};

// describe along an axis (or every axis, with keepdims): one NDArray per statistic.
template <class T>
struct AxisDescription {
  NDArray<std::size_t> count;
  NDArray<detail::sum_type<T>> sum;
  NDArray<double> mean, var, std_dev;
  NDArray<T> min, max;
};

namespace detail {

[[noreturn]] void throw_empty_description(const Dataset& dataset, const Shape& shape);

template <class T>
AxisDescription<T> describe(const H5Array<T>& a, std::optional<int> axis_arg, const Describe& opt) {
  constexpr std::string_view operation = "describe";
  const Dataset& ds = a.dataset();
  const Shape shape = a.shape();
  std::optional<std::size_t> axis;
  if (axis_arg) axis = normalize_axis(ds, operation, *axis_arg, shape.size());
  if (opt.where.active()) check_where(ds, operation, shape, opt.where);
  const Shape out_shape = reduced_shape(shape, axis, opt.keepdims);
  const std::size_t n = element_count(out_shape);
  AxisDescription<T> d{NDArray<std::size_t>(out_shape), NDArray<sum_type<T>>(out_shape), NDArray<double>(out_shape),
                       NDArray<double>(out_shape),      NDArray<double>(out_shape),      NDArray<T>(out_shape),
                       NDArray<T>(out_shape)};
  sum_type<T>* sum = d.sum.data();
  T* low = d.min.data();
  T* high = d.max.data();
  Fold<false, sum_type<T>> sums(n);  // as sum(): pairwise within blocks, compensated across
  std::vector<char> seen(n, 0);
  const Moments m = gather_moments(
      a, opt.where, axis, n,
      [&](std::size_t o, std::size_t, const T& v) {
    if (!seen[o]) {
      low[o] = high[o] = v;
      seen[o] = 1;
    }
    // min and max propagate NaN, as numpy's: once a NaN is in, it stays.
    if (v != v || (low[o] == low[o] && v < low[o])) low[o] = v;
    if (v != v || (high[o] == high[o] && v > high[o])) high[o] = v;
      },
      [&](const NDArray<T>& values, const bool* mask, const AxisMap& map) { sums.add_block(axis, values, mask, map); });
  for (std::size_t i = 0; i < n; ++i) {
    if (m.count[i] == 0) throw_empty_description(ds, shape);
    sum[i] = sums.value(i);
    d.count.data()[i] = m.count[i];
    d.mean.data()[i] = m.mean[i];
    d.var.data()[i] = m.variance(i, opt.ddof);
    d.std_dev.data()[i] = std::sqrt(d.var.data()[i]);
  }
  return d;
}

}  // namespace detail

template <class T>
Description<T> describe(const H5Array<T>& a, const Describe& opt = {}) {
  const AxisDescription<T> d = detail::describe(a, std::nullopt, opt);
  return {d.count.data()[0], d.sum.data()[0], d.mean.data()[0], d.var.data()[0], d.std_dev.data()[0],
          d.min.data()[0],   d.max.data()[0]};
}
template <class T>
AxisDescription<T> describe(const H5Array<T>& a, int axis, const Describe& opt = {}) {
  return detail::describe(a, axis, opt);
}
template <class T>
AxisDescription<T> describe(const H5Array<T>& a, AllAxes, const Describe& opt = {}) {
  return detail::describe(a, std::nullopt, opt);
}

}  // namespace h5kit::lazy
