#pragma once
// numpy.sort, numpy.unique and numpy.isin on N-d datasets within the memory cap. Each lane along the
// sorted axis is sorted on its own: many lanes at once in a slab read from the file when one lane
// fits in the cap, else lane by lane with an external merge sort (sorted runs in a scratch file,
// merged k at a time through bounded buffers). NaNs sort last, as numpy.
//
//     H5Array<double> a(file.dataset("x"));             // any rank
//     sort(a);                                           // in place, along the last axis
//     sort(a, 0);                                        // in place, along axis 0
//     auto s = sort(a, Into{file, "x_sorted"});          // a new dataset, along the last axis
//     auto c = sort(a, 0, Into{file, "x_by_column"});    // a new dataset, along axis 0
//     auto f = sort(a, flatten, Into{file, "x_flat"});   // numpy's axis=None: all elements, 1-D
//     auto u = unique(a, Into{file, "x_unique"});        // sorted distinct values, 1-D
//     auto m = isin(a, std::vector<double>{1, 2}, Into{file, "x_in"});   // bool mask of a's shape
//
// A view (H5Array::view) sorts only its own block. Design and memory bound: docs/lazy_routines.md.
#include <span>
#include <vector>

#include "h5kit/dataset.hpp"
#include "h5kit/lazy/h5array.hpp"

namespace h5kit::lazy {

namespace detail {
// `region` is the block of `source` the array covers (H5Array::region()); `axis` may be negative
// (counted from the end) and is checked against the region's rank before anything is written.
template <class T>
void sort_in_place(const Dataset& source, const Block& region, int axis);
template <class T>
Dataset sorted_copy(const Dataset& source, const Block& region, int axis, const Into& into);
template <class T>
Dataset flat_sorted_copy(const Dataset& source, const Block& region, const Into& into);
template <class T>
Dataset unique_copy(const Dataset& source, const Block& region, const Into& into);
template <class T>
Dataset isin_copy(const Dataset& source, const Block& region, std::span<const T> values, const Into& into);

// The element types the compiled sort is instantiated for (src/lazy/sort.cpp).
#define H5KIT_LAZY_SORT_TYPES(X)                                                                                      \
  X(signed char) X(unsigned char) X(short) X(unsigned short) X(int) X(unsigned int) X(long) X(unsigned long)          \
  X(long long) X(unsigned long long) X(float) X(double)
#define H5KIT_LAZY_SORT_EXTERN(T)                                                                                     \
  extern template void sort_in_place<T>(const Dataset&, const Block&, int);                                           \
  extern template Dataset sorted_copy<T>(const Dataset&, const Block&, int, const Into&);                            \
  extern template Dataset flat_sorted_copy<T>(const Dataset&, const Block&, const Into&);                            \
  extern template Dataset unique_copy<T>(const Dataset&, const Block&, const Into&);                                 \
  extern template Dataset isin_copy<T>(const Dataset&, const Block&, std::span<const T>, const Into&);
H5KIT_LAZY_SORT_TYPES(H5KIT_LAZY_SORT_EXTERN)
#undef H5KIT_LAZY_SORT_EXTERN
}  // namespace detail

// numpy's axis=None for sort: every element, in row-major order, into one 1-D result.
struct Flatten {};
inline constexpr Flatten flatten{};

// Sorts every lane along `axis` in place, ascending, NaNs last (ndarray.sort). `axis` counts from
// the end when negative; InvalidArgumentError (naming the dataset, its rank and the axis) outside
// [-rank, rank).
template <class T>
void sort(const H5Array<T>& array, int axis = -1) {
  detail::sort_in_place<T>(array.dataset(), array.region(), axis);
}
// numpy.sort(array, axis): the array with every lane along `axis` sorted, in a new dataset.
template <class T>
H5Array<T> sort(const H5Array<T>& array, int axis, const Into& into) {
  return H5Array<T>(detail::sorted_copy<T>(array.dataset(), array.region(), axis, into));
}
template <class T>
H5Array<T> sort(const H5Array<T>& array, const Into& into) {
  return sort(array, -1, into);
}
// numpy.sort(array, axis=None): all elements sorted, in a new 1-D dataset.
template <class T>
H5Array<T> sort(const H5Array<T>& array, Flatten, const Into& into) {
  return H5Array<T>(detail::flat_sorted_copy<T>(array.dataset(), array.region(), into));
}

// numpy.unique: the sorted distinct values of all elements (any rank, flattened as numpy), 1-D.
// All NaNs count as one, as numpy >= 1.24.
template <class T>
H5Array<T> unique(const H5Array<T>& array, const Into& into) {
  return H5Array<T>(detail::unique_copy<T>(array.dataset(), array.region(), into));
}

// numpy.isin: a bool array of the array's shape, true where the element is one of `values` (held in
// memory; NaN is never in them, as numpy).
template <class T>
H5Array<bool> isin(const H5Array<T>& array, std::span<const T> values, const Into& into) {
  return H5Array<bool>(detail::isin_copy<T>(array.dataset(), array.region(), values, into));
}
template <class T>
H5Array<bool> isin(const H5Array<T>& array, const std::vector<T>& values, const Into& into) {
  return isin(array, std::span<const T>(values), into);
}

}  // namespace h5kit::lazy
