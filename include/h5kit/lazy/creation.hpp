#pragma once
// numpy's array constructors, writing a new dataset block by block within the memory cap.
//
//     auto z = zeros<double>(Into{g, "z"}, {1000, 1000});
//     auto r = arange<std::int64_t>(Into{g, "r"}, 0, 100, 3);       // 0, 3, ..., 99
//     auto u = random_uniform<double>(Into{g, "u"}, {50, 50}, 0.0, 1.0, /*seed=*/42);
//
// Random values come from std::mt19937_64 seeded with `seed`, drawn in row-major order: the same
// seed gives the same dataset whatever the cap and chunking.
#include <cmath>
#include <cstdint>
#include <random>
#include <string>
#include <type_traits>

#include "h5kit/lazy/h5array.hpp"

namespace h5kit::lazy {

namespace detail {
// Writes block after block of `into`'s new dataset, each filled by `fill(data, count)` in row-major order.
template <class T, class F>
H5Array<T> generate(const Into& into, const Shape& shape, F&& fill) {
  return into_new<T>(into, shape, [&](const H5Array<T>& out) {
    for (const Block& b : out.plan()) {
      NDArray<T> values = NDArray<T>::uninitialized(b.count);
      fill(values.data(), values.size());
      out.write(values, b.offset);
    }
  });
}
std::size_t arange_length(const Into& into, double start, double stop, double step);
// Integers count exactly: int64 bounds beyond 2^53 would collapse in double.
std::size_t arange_length(const Into& into, std::int64_t start, std::int64_t stop, std::int64_t step);
std::size_t arange_length(const Into& into, std::uint64_t start, std::uint64_t stop, std::uint64_t step);
[[noreturn]] void reject_distribution(const Into& into, const std::string& detail);
}  // namespace detail

// A new dataset left as HDF5 creates it: reads give the fill value until written.
template <class T>
H5Array<T> empty(const Into& into, const Shape& shape) {
  return H5Array<T>(into.group.create_dataset(into.name, shape, dtype<T>(), into.options));
}

template <class T>
H5Array<T> full(const Into& into, const Shape& shape, const T& value) {
  return detail::generate<T>(into, shape, [&](T* data, std::size_t n) { std::fill_n(data, n, value); });
}
template <class T>
H5Array<T> zeros(const Into& into, const Shape& shape) { return full<T>(into, shape, T(0)); }
template <class T>
H5Array<T> ones(const Into& into, const Shape& shape) { return full<T>(into, shape, T(1)); }

// start, start + step, ... below stop (above it for a negative step): numpy's arange, 1-D.
// InvalidArgumentError for a zero step; an empty dataset when the range is empty.
template <class T>
H5Array<T> arange(const Into& into, T start, T stop, T step = T(1)) {
  using Bound = std::conditional_t<std::is_integral_v<T>,
                                   std::conditional_t<std::is_signed_v<T>, std::int64_t, std::uint64_t>, double>;
  const std::size_t n = detail::arange_length(into, static_cast<Bound>(start), static_cast<Bound>(stop),
                                              static_cast<Bound>(step));
  std::size_t next = 0;
  return detail::generate<T>(into, Shape{n}, [&](T* data, std::size_t count) {
    // start + i * step, not a running sum: no drift for floating point.
    for (std::size_t i = 0; i < count; ++i, ++next) {
      if constexpr (std::is_integral_v<T>) {  // in unsigned arithmetic: i * step may pass T's range on the way
        using U = std::make_unsigned_t<T>;
        data[i] = static_cast<T>(static_cast<U>(static_cast<U>(start) + static_cast<U>(next) * static_cast<U>(step)));
      } else {
        data[i] = static_cast<T>(start + static_cast<T>(next) * step);
      }
    }
  });
}

// Uniform in [low, high) for floating point, [low, high] for integers (std's distributions).
template <class T>
H5Array<T> random_uniform(const Into& into, const Shape& shape, T low, T high, std::uint64_t seed) {
  bool valid = low <= high;  // false for NaN bounds too
  if constexpr (std::is_floating_point_v<T>) valid = valid && std::isfinite(high - low);  // std's precondition
  if (!valid)
    detail::reject_distribution(into, "low <= high with a finite high - low, found low " + std::to_string(low) +
                                          " and high " + std::to_string(high));
  std::mt19937_64 engine(seed);
  using Distribution = std::conditional_t<std::is_floating_point_v<T>, std::uniform_real_distribution<T>,
                                          std::uniform_int_distribution<T>>;
  Distribution distribution(low, high);
  return detail::generate<T>(into, shape, [&](T* data, std::size_t n) {
    for (std::size_t i = 0; i < n; ++i) data[i] = distribution(engine);
  });
}

template <class T>
  requires std::is_floating_point_v<T>
H5Array<T> random_normal(const Into& into, const Shape& shape, T mean, T stddev, std::uint64_t seed) {
  if (!(stddev >= 0) || !std::isfinite(stddev) || !std::isfinite(mean))
    detail::reject_distribution(into, "a finite mean and a finite stddev >= 0, found mean " + std::to_string(mean) +
                                          " and stddev " + std::to_string(stddev));
  if (stddev == 0) return full<T>(into, shape, mean);  // numpy's scale=0; std's distribution needs > 0
  std::mt19937_64 engine(seed);
  std::normal_distribution<T> distribution(mean, stddev);
  return detail::generate<T>(into, shape, [&](T* data, std::size_t n) {
    for (std::size_t i = 0; i < n; ++i) data[i] = distribution(engine);
  });
}

}  // namespace h5kit::lazy
