#pragma once
// Sorting and set routines on 1-D datasets that stay within the memory cap: an external merge sort
// (sorted runs written to a scratch file, then merged k at a time with bounded buffers), and
// unique/isin built on it. NaNs sort last, as numpy.
//
//     H5Array<double> a(file.dataset("x"));
//     sort(a);                                      // in place
//     auto s = sort(a, file, "x_sorted");            // into a new dataset
//     auto u = unique(a, file, "x_unique");          // sorted distinct values
//     auto m = isin(a, std::vector<double>{1, 2}, file, "x_in");   // bool mask
//
// Design and memory bound: docs/lazy_routines.md.
#include <span>
#include <string_view>
#include <vector>

#include "h5kit/dataset.hpp"
#include "h5kit/group.hpp"
#include "h5kit/lazy/h5array.hpp"

namespace h5kit::lazy {

namespace detail {
// Sorts the 1-D `source` into `destination` (same shape; may be the same dataset).
template <class T>
void sort_into(const Dataset& source, const Dataset& destination);
template <class T>
Dataset sorted_copy(const Dataset& source, const Group& where, std::string_view path, const DatasetOptions& options);
template <class T>
Dataset unique_copy(const Dataset& source, const Group& where, std::string_view path, const DatasetOptions& options);
template <class T>
Dataset isin_copy(const Dataset& source, std::span<const T> values, const Group& where, std::string_view path,
                  const DatasetOptions& options);

// The element types the compiled sort is instantiated for (src/lazy/sort.cpp).
#define H5KIT_LAZY_SORT_TYPES(X)                                                                                      \
  X(signed char) X(unsigned char) X(short) X(unsigned short) X(int) X(unsigned int) X(long) X(unsigned long)          \
  X(long long) X(unsigned long long) X(float) X(double)
#define H5KIT_LAZY_SORT_EXTERN(T)                                                                                     \
  extern template void sort_into<T>(const Dataset&, const Dataset&);                                                 \
  extern template Dataset sorted_copy<T>(const Dataset&, const Group&, std::string_view, const DatasetOptions&);     \
  extern template Dataset unique_copy<T>(const Dataset&, const Group&, std::string_view, const DatasetOptions&);     \
  extern template Dataset isin_copy<T>(const Dataset&, std::span<const T>, const Group&, std::string_view,           \
                                       const DatasetOptions&);
H5KIT_LAZY_SORT_TYPES(H5KIT_LAZY_SORT_EXTERN)
#undef H5KIT_LAZY_SORT_EXTERN
}  // namespace detail

// Sorts a 1-D array in place, ascending, NaNs last.
template <class T>
void sort(H5Array<T>& array) {
  detail::sort_into<T>(array.dataset(), array.dataset());
}
// The sorted elements in a new dataset `path` below `where`.
template <class T>
H5Array<T> sort(const H5Array<T>& array, const Group& where, std::string_view path, const DatasetOptions& options = {}) {
  return H5Array<T>(detail::sorted_copy<T>(array.dataset(), where, path, options));
}
// numpy.unique: the sorted distinct values (all NaNs count as one, as numpy >= 1.24).
template <class T>
H5Array<T> unique(const H5Array<T>& array, const Group& where, std::string_view path,
                  const DatasetOptions& options = {}) {
  return H5Array<T>(detail::unique_copy<T>(array.dataset(), where, path, options));
}
// numpy.isin: a bool array of the array's shape, true where the element is one of `values` (held in
// memory; NaN is never in them, as numpy).
template <class T>
H5Array<bool> isin(const H5Array<T>& array, std::span<const T> values, const Group& where, std::string_view path,
                   const DatasetOptions& options = {}) {
  return H5Array<bool>(detail::isin_copy<T>(array.dataset(), values, where, path, options));
}
template <class T>
H5Array<bool> isin(const H5Array<T>& array, const std::vector<T>& values, const Group& where, std::string_view path,
                   const DatasetOptions& options = {}) {
  return isin(array, std::span<const T>(values), where, path, options);
}

}  // namespace h5kit::lazy
