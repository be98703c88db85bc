#pragma once
// String arrays on disk: H5Array<std::string> over fixed-length (h5py's "S10", fixed UTF-8) and
// variable-length string datasets.
//
//     H5Array<std::string> names(f["names"].as_dataset());   // 'S4'
//     std::string n = names.at({2});
//     names.set({2}, "a longer name");    // rewrites the dataset as 'S13' first: never truncated
//     NDArray<bool> hits = names == "bob";                      // chunk by chunk, in memory
//     H5Array<bool> mask = equal(names, "bob", Into{f, "is_bob"});  // chunk by chunk, on disk
//
// Widening creates the wider dataset under a staged name next to the old one, copies it chunk by
// chunk within the memory cap, copies the attributes, then unlinks the old name and moves the new
// dataset into its place. Object references to the old dataset, other hard links to it and open
// handles keep seeing the old, narrow dataset (as with ch5mpy, which also recreates it).
#include <concepts>
#include <string>
#include <string_view>

#include "h5kit/lazy/h5array.hpp"

namespace h5kit::lazy {

namespace detail {
// value == each element (or != when `equal` is false) over `region` of `dataset`.
NDArray<bool> compare_strings(const Dataset& dataset, const Block& region, std::string_view value, bool equal);
Dataset compare_strings_into(const Dataset& dataset, const Block& region, std::string_view value, bool equal,
                             const Into& into);
}  // namespace detail

// Element-wise comparison with one string, in memory (the array may be a view: a block).
inline NDArray<bool> operator==(const H5Array<std::string>& a, std::string_view value) {
  return detail::compare_strings(a.dataset(), a.region(), value, true);
}
inline NDArray<bool> operator!=(const H5Array<std::string>& a, std::string_view value) {
  return detail::compare_strings(a.dataset(), a.region(), value, false);
}

// The same into a new bool dataset (removed again if filling it fails). Templates only so that
// they win over the numeric equal/not_equal of lazy/elementwise.hpp for string literals.
template <class S>
  requires std::convertible_to<const S&, std::string_view>
H5Array<bool> equal(const H5Array<std::string>& a, const S& value, const Into& into) {
  return H5Array<bool>(detail::compare_strings_into(a.dataset(), a.region(), value, true, into));
}
template <class S>
  requires std::convertible_to<const S&, std::string_view>
H5Array<bool> not_equal(const H5Array<std::string>& a, const S& value, const Into& into) {
  return H5Array<bool>(detail::compare_strings_into(a.dataset(), a.region(), value, false, into));
}

}  // namespace h5kit::lazy
