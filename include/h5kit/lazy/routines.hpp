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
// Into a new dataset, named by Into{group, name, options} as for the element-wise functions:
//     auto c = concatenate<int>({a, b}, 0, Into{file, "c"});
//     auto t = transpose(m, Into{file, "m_T"});
//     auto f = astype<float>(a, Into{file, "a_f32"});   // a converted copy
//     auto v = copy(a.view(s(0, 2)), Into{file, "top"});  // a view's block as a dataset of its own
//     H5Array<float> g = astype<float>(a, in_place);    // the dataset at a's path, rewritten as float
#include <initializer_list>
#include <span>
#include <string_view>
#include <type_traits>
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
// numpy's positions: an insert index in [-n, n], a delete index in [-n, n); negative ones count from the end.
void insert(const Dataset& ds, std::ptrdiff_t index, const void* values, const Datatype& values_type,
            const Shape& values_shape, std::size_t axis);
// One entry before each of `indices` (positions in the array before the insert, any order, repeats
// allowed: numpy.insert with a list); `values` has one entry per index or one for all.
void insert_at(const Dataset& ds, std::span<const std::ptrdiff_t> indices, const void* values,
               const Datatype& values_type, const Shape& values_shape, std::size_t axis);
void erase(const Dataset& ds, Range range, std::size_t axis);
void erase_at(const Dataset& ds, std::span<const std::ptrdiff_t> indices, std::size_t axis);

Dataset concatenate(const std::vector<Dataset>& inputs, std::size_t axis, const Group& where, std::string_view path,
                    const DatasetOptions& options);
Dataset stack(const std::vector<Dataset>& inputs, std::size_t axis, const Group& where, std::string_view path,
              const DatasetOptions& options);
Dataset repeat(const Dataset& ds, std::size_t repeats, std::size_t axis, const Group& where, std::string_view path,
               const DatasetOptions& options);
Dataset take(const Dataset& ds, std::span<const std::size_t> indices, std::size_t axis, const Group& where,
             std::string_view path, const DatasetOptions& options);
Dataset transpose(const Dataset& ds, std::span<const int> axes, const Group& where, std::string_view path,
                  const DatasetOptions& options);
void copyto(const Dataset& destination, const Dataset& source);
// The dataset at ds's path, replaced by a copy with element type `type` (src/lazy/retype.cpp).
Dataset retype(const Dataset& ds, const Datatype& type, std::string_view operation);
Dataset astype(const Dataset& ds, const Datatype& type, const Group& where, std::string_view path,
               const DatasetOptions& options);

// The routines work on whole datasets: a view (H5Array::view) is refused rather than taken whole.
[[noreturn]] void throw_view_not_supported(const Dataset& ds, std::string_view operation);
template <class T>
const Dataset& whole(const H5Array<T>& array, std::string_view operation) {
  if (array.is_view()) throw_view_not_supported(array.dataset(), operation);
  return array.dataset();
}
template <class T>
std::vector<Dataset> datasets(const std::vector<H5Array<T>>& arrays) {
  std::vector<Dataset> out;
  out.reserve(arrays.size());
  for (const auto& a : arrays) out.push_back(whole(a, "join arrays"));
  return out;
}
}  // namespace detail

// ---- in place, resizing ----------------------------------------------------------------------

// Adds `n` entries at the end of `axis` (they read as the fill value).
template <class T>
void expand(H5Array<T>& array, std::size_t n, std::size_t axis = 0) {
  detail::expand(detail::whole(array, "expand"), n, axis);
}
// Drops the last `n` entries of `axis`.
template <class T>
void contract(H5Array<T>& array, std::size_t n, std::size_t axis = 0) {
  detail::contract(detail::whole(array, "contract"), n, axis);
}

// numpy.insert, in the file: `values` has the array's shape except along `axis` (where its extent
// is the number inserted), or the array's shape without `axis` (one entry). Entries from `index`
// on move up, chunk by chunk. `index` is numpy's: in [-n, n], negative counting from the end, so
// insert(a, -1, v) goes before the last entry.
template <class T>
void insert(H5Array<T>& array, std::ptrdiff_t index, const NDArray<T>& values, std::size_t axis = 0) {
  detail::insert(detail::whole(array, "insert"), index, values.data(), dtype<T>(), values.shape(), axis);
}
// One entry filled with `value` (for a 1-D array, one element).
template <class T>
void insert(H5Array<T>& array, std::ptrdiff_t index, const std::type_identity_t<T>& value, std::size_t axis = 0) {
  Shape slice = array.shape();
  if (axis < slice.size()) slice[axis] = 1;
  const NDArray<T> values(slice, value);
  detail::insert(detail::whole(array, "insert"), index, values.data(), dtype<T>(), values.shape(), axis);
}
// numpy.insert with several positions: one entry before each of `indices` (positions in the array as
// it was, any order, repeats allowed, negative from the end); `values` holds one entry per index
// (extent len(indices) along `axis`, in the order of `indices`) or one entry for all of them.
//     insert(a, {1, 3, -1}, 0);   // [1, 2, 3, 4, 5] -> [1, 0, 2, 3, 0, 4, 0, 5]
template <class T>
void insert(H5Array<T>& array, std::span<const std::ptrdiff_t> indices, const NDArray<T>& values,
            std::size_t axis = 0) {
  detail::insert_at(detail::whole(array, "insert"), indices, values.data(), dtype<T>(), values.shape(), axis);
}
template <class T>
void insert(H5Array<T>& array, std::span<const std::ptrdiff_t> indices, const std::type_identity_t<T>& value,
            std::size_t axis = 0) {
  Shape slice = array.shape();
  if (axis < slice.size()) slice.erase(slice.begin() + static_cast<std::ptrdiff_t>(axis));
  const NDArray<T> values(slice, value);
  detail::insert_at(detail::whole(array, "insert"), indices, values.data(), dtype<T>(), values.shape(), axis);
}
template <class T>
void insert(H5Array<T>& array, std::initializer_list<std::ptrdiff_t> indices, const NDArray<T>& values,
            std::size_t axis = 0) {
  insert(array, std::span<const std::ptrdiff_t>(indices.begin(), indices.size()), values, axis);
}
template <class T>
void insert(H5Array<T>& array, std::initializer_list<std::ptrdiff_t> indices, const std::type_identity_t<T>& value,
            std::size_t axis = 0) {
  insert(array, std::span<const std::ptrdiff_t>(indices.begin(), indices.size()), value, axis);
}

// numpy.delete, in the file: removes entry `index` (numpy's: in [-n, n), negative from the end), the
// entries of `range`, or the entries at several `indices` (any order; repeats count once) along
// `axis`; the entries after them move down, chunk by chunk, then the dataset shrinks.
template <class T>
void erase(H5Array<T>& array, std::ptrdiff_t index, std::size_t axis = 0) {
  const std::ptrdiff_t one[] = {index};
  detail::erase_at(detail::whole(array, "delete"), one, axis);
}
template <class T>
void erase(H5Array<T>& array, Range range, std::size_t axis = 0) {
  detail::erase(detail::whole(array, "delete"), range, axis);
}
template <class T>
void erase(H5Array<T>& array, std::span<const std::ptrdiff_t> indices, std::size_t axis = 0) {
  detail::erase_at(detail::whole(array, "delete"), indices, axis);
}
template <class T>
void erase(H5Array<T>& array, std::initializer_list<std::ptrdiff_t> indices, std::size_t axis = 0) {
  detail::erase_at(detail::whole(array, "delete"), std::span<const std::ptrdiff_t>(indices.begin(), indices.size()),
                   axis);
}

// ---- into new datasets -----------------------------------------------------------------------

// numpy.concatenate: the arrays' shapes agree except along `axis`.
template <class T>
H5Array<T> concatenate(const std::vector<H5Array<T>>& arrays, std::size_t axis, const Into& into) {
  return H5Array<T>(detail::concatenate(detail::datasets(arrays), axis, into.group, into.name, into.options));
}
// numpy.stack: equal shapes, joined along a new axis `axis` (0..rank).
template <class T>
H5Array<T> stack(const std::vector<H5Array<T>>& arrays, std::size_t axis, const Into& into) {
  return H5Array<T>(detail::stack(detail::datasets(arrays), axis, into.group, into.name, into.options));
}
// numpy.repeat: every entry along `axis` `repeats` times in a row.
template <class T>
H5Array<T> repeat(const H5Array<T>& array, std::size_t repeats, std::size_t axis, const Into& into) {
  return H5Array<T>(detail::repeat(detail::whole(array, "repeat"), repeats, axis, into.group, into.name, into.options));
}
// numpy.take: the entries at `indices` along `axis`, in that order (repeats allowed).
template <class T>
H5Array<T> take(const H5Array<T>& array, std::span<const std::size_t> indices, std::size_t axis, const Into& into) {
  return H5Array<T>(detail::take(detail::whole(array, "take"), indices, axis, into.group, into.name, into.options));
}
// numpy.transpose: the axes reversed, or permuted by `axes` (out axis i is input axis axes[i];
// negative axes count from the end).
template <class T>
H5Array<T> transpose(const H5Array<T>& array, const Into& into) {
  return H5Array<T>(detail::transpose(detail::whole(array, "transpose"), {}, into.group, into.name, into.options));
}
template <class T>
H5Array<T> transpose(const H5Array<T>& array, std::span<const int> axes, const Into& into) {
  return H5Array<T>(detail::transpose(detail::whole(array, "transpose"), axes, into.group, into.name, into.options));
}
template <class T>
H5Array<T> transpose(const H5Array<T>& array, std::initializer_list<int> axes, const Into& into) {
  return transpose(array, std::span<const int>(axes.begin(), axes.size()), into);
}
// numpy.copyto(destination, source): equal shapes; the elements convert to the destination's type.
template <class T, class U>
void copyto(H5Array<T>& destination, const H5Array<U>& source) {
  detail::copyto(detail::whole(destination, "copyto"), detail::whole(source, "copyto"));
}
// numpy.copy: the array's elements (a view's own block) in a new dataset of the stored type, block by
// block within the cap. The way to hand a view to the routines that take whole datasets.
template <class T>
H5Array<T> copy(const H5Array<T>& array, const Into& into) {
  return H5Array<T>(detail::create_filled(into.group, into.name, array.shape(), array.dtype(), into.options,
                                          [&](const Dataset& out) {
                                            const H5Array<T> target(out);
                                            NDArray<T> block;
                                            for (const Block& b : array.plan()) {
                                              array.read(b, block);
                                              target.write(block, b.offset);
                                            }
                                          }));
}

// A copy with elements of type U (HDF5's conversion, as a read into U).
template <class U, class T>
H5Array<U> astype(const H5Array<T>& array, const Into& into) {
  return H5Array<U>(detail::astype(detail::whole(array, "convert array"), dtype<U>(), into.group, into.name, into.options));
}
// The dataset at the array's path rewritten with element type U, as a copy staged beside it then
// swapped in: same shape, chunks, filters, maxshape and attributes. HDF5 fixes a dataset's type when
// it is created, so this is the only way to change it. A value that does not fit U fails before the
// swap and leaves the dataset as it was. `array` keeps the old, now unlinked, dataset: use the
// returned array. Object references to the old dataset, and other hard links to it, keep the old one.
template <class U, class T>
H5Array<U> astype(const H5Array<T>& array, InPlace) {
  return H5Array<U>(detail::retype(detail::whole(array, "convert array in place"), dtype<U>(), "convert array in place"));
}

}  // namespace h5kit::lazy
