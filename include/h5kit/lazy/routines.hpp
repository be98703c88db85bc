#pragma once
// numpy's array routines on datasets that stay on disk (ch5mpy's H5Array functions), each working
// block by block within the memory cap (lazy/memory_cap.hpp). The templates only name the element
// type; the block loops are compiled once and move elements as bytes (src/lazy/routines_*.cpp).
//
// In place, on a chunked dataset that can grow (maxshape unlimited, or large enough, along the axis):
//     H5Array<int> a(file.dataset("a"));          // [1, 2, 3, 4, 5]
//     insert(a, 2, 0);                            // [1, 2, 0, 3, 4, 5]
//     erase(a, 2);                                // [1, 2, 3, 4, 5]
//     expand(a, 3);  contract(a, 3);              // resize along an axis
// Into a new dataset (`where` + `path`, created with `options`):
//     auto c = concatenate<int>({a, b}, 0, file, "c");
//     auto t = transpose(m, file, "m_T");
#include <span>
#include <string_view>
#include <vector>

#include "h5kit/dataset.hpp"
#include "h5kit/group.hpp"
#include "h5kit/lazy/h5array.hpp"

namespace h5kit::lazy {

// Half-open [start, stop) along one axis.
struct Range {
  std::size_t start = 0, stop = 0;
};

namespace detail {
void expand(const Dataset& ds, std::size_t n, std::size_t axis);
void contract(const Dataset& ds, std::size_t n, std::size_t axis);
void insert(const Dataset& ds, std::size_t index, const void* values, const Datatype& values_type,
            const Shape& values_shape, std::size_t axis);
void erase(const Dataset& ds, Range range, std::size_t axis);

Dataset concatenate(const std::vector<Dataset>& inputs, std::size_t axis, const Group& where, std::string_view path,
                    const DatasetOptions& options);
Dataset stack(const std::vector<Dataset>& inputs, std::size_t axis, const Group& where, std::string_view path,
              const DatasetOptions& options);
Dataset repeat(const Dataset& ds, std::size_t repeats, std::size_t axis, const Group& where, std::string_view path,
               const DatasetOptions& options);
Dataset take(const Dataset& ds, std::span<const std::size_t> indices, std::size_t axis, const Group& where,
             std::string_view path, const DatasetOptions& options);
Dataset transpose(const Dataset& ds, const Group& where, std::string_view path, const DatasetOptions& options);
void copyto(const Dataset& destination, const Dataset& source);
Dataset astype(const Dataset& ds, const Datatype& type, const Group& where, std::string_view path,
               const DatasetOptions& options);

template <class T>
std::vector<Dataset> datasets(const std::vector<H5Array<T>>& arrays) {
  std::vector<Dataset> out;
  out.reserve(arrays.size());
  for (const auto& a : arrays) out.push_back(a.dataset());
  return out;
}
}  // namespace detail

// ---- in place, resizing ----------------------------------------------------------------------

// Adds `n` entries at the end of `axis` (they read as the fill value).
template <class T>
void expand(H5Array<T>& array, std::size_t n, std::size_t axis = 0) {
  detail::expand(array.dataset(), n, axis);
}
// Drops the last `n` entries of `axis`.
template <class T>
void contract(H5Array<T>& array, std::size_t n, std::size_t axis = 0) {
  detail::contract(array.dataset(), n, axis);
}

// numpy.insert, in the file: `values` has the array's shape except along `axis` (where its extent
// is the number inserted), or the array's shape without `axis` (one entry). Entries from `index`
// on move up, chunk by chunk.
template <class T>
void insert(H5Array<T>& array, std::size_t index, const NDArray<T>& values, std::size_t axis = 0) {
  detail::insert(array.dataset(), index, values.data(), dtype<T>(), values.shape(), axis);
}
// One entry filled with `value` (for a 1-D array, one element).
template <class T>
void insert(H5Array<T>& array, std::size_t index, const T& value, std::size_t axis = 0) {
  Shape slice = array.shape();
  if (axis < slice.size()) slice[axis] = 1;
  const NDArray<T> values(slice, value);
  detail::insert(array.dataset(), index, values.data(), dtype<T>(), values.shape(), axis);
}

// numpy.delete, in the file: removes entry `index` (or the entries of `range`) along `axis`; the
// entries after it move down, chunk by chunk, then the dataset shrinks.
template <class T>
void erase(H5Array<T>& array, std::size_t index, std::size_t axis = 0) {
  detail::erase(array.dataset(), Range{index, index + 1}, axis);
}
template <class T>
void erase(H5Array<T>& array, Range range, std::size_t axis = 0) {
  detail::erase(array.dataset(), range, axis);
}

// ---- into new datasets -----------------------------------------------------------------------

// numpy.concatenate: the arrays' shapes agree except along `axis`.
template <class T>
H5Array<T> concatenate(const std::vector<H5Array<T>>& arrays, std::size_t axis, const Group& where,
                       std::string_view path, const DatasetOptions& options = {}) {
  return H5Array<T>(detail::concatenate(detail::datasets(arrays), axis, where, path, options));
}
// numpy.stack: equal shapes, joined along a new axis `axis` (0..rank).
template <class T>
H5Array<T> stack(const std::vector<H5Array<T>>& arrays, std::size_t axis, const Group& where, std::string_view path,
                 const DatasetOptions& options = {}) {
  return H5Array<T>(detail::stack(detail::datasets(arrays), axis, where, path, options));
}
// numpy.repeat: every entry along `axis` `repeats` times in a row.
template <class T>
H5Array<T> repeat(const H5Array<T>& array, std::size_t repeats, std::size_t axis, const Group& where,
                  std::string_view path, const DatasetOptions& options = {}) {
  return H5Array<T>(detail::repeat(array.dataset(), repeats, axis, where, path, options));
}
// numpy.take: the entries at `indices` along `axis`, in that order (repeats allowed).
template <class T>
H5Array<T> take(const H5Array<T>& array, std::span<const std::size_t> indices, std::size_t axis, const Group& where,
                std::string_view path, const DatasetOptions& options = {}) {
  return H5Array<T>(detail::take(array.dataset(), indices, axis, where, path, options));
}
// numpy.transpose of a 2-D array.
template <class T>
H5Array<T> transpose(const H5Array<T>& array, const Group& where, std::string_view path,
                     const DatasetOptions& options = {}) {
  return H5Array<T>(detail::transpose(array.dataset(), where, path, options));
}
// numpy.copyto(destination, source): equal shapes; the elements convert to the destination's type.
template <class T, class U>
void copyto(H5Array<T>& destination, const H5Array<U>& source) {
  detail::copyto(destination.dataset(), source.dataset());
}
// A copy with elements of type U (HDF5's conversion, as a read into U).
template <class U, class T>
H5Array<U> astype(const H5Array<T>& array, const Group& where, std::string_view path,
                  const DatasetOptions& options = {}) {
  return H5Array<U>(detail::astype(array.dataset(), dtype<U>(), where, path, options));
}

}  // namespace h5kit::lazy
