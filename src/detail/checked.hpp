#pragma once
// The single layer through which h5kit calls HDF5's C API. Every call goes through checked(),
// which turns a negative return into an h5kit::Error carrying the file, the object path, the
// operation and a summary of HDF5's error stack.
#include <hdf5.h>

#include <string>
#include <utility>
#include <vector>
#include <string_view>

#include "h5kit/error.hpp"

namespace h5kit::detail {

// Where an operation happens: an open HDF5 location plus an optional path below it. The names are
// looked up only when an error is reported, so a successful call costs nothing extra.
struct Where {
  hid_t loc = H5I_INVALID_HID;
  std::string_view sub_path = {};
  std::string_view file_hint = {};  // a file name known before the file is open
};

// Turns off HDF5's automatic error printing for the calling thread (HDF5's thread-safe build keeps
// this setting per thread); cheap after the first call on a thread.
void silence_hdf5_errors() noexcept;

// HDF5's current error stack as one line ("major: minor: description; ...") and clears it.
std::string take_error_stack();

// The file name and object path for messages.
std::string file_name_of(hid_t loc);
std::string path_of(const Where& where);

// Throws the Error for a failed `operation`. The kind is `fallback` unless the HDF5 stack says
// more precisely (not found, already exists, cannot convert).
[[noreturn]] void fail(ErrorKind fallback, std::string_view operation, const Where& where,
                       std::string detail = {});
// For calls that run first and are explained afterwards: a failed creation is most often a taken
// name, but asking HDF5 clears its error stack, so the stack is taken before the question.
[[noreturn]] void fail_creation(std::string_view operation, const Where& where);
// Throws an Error of exactly `kind` without consulting HDF5's stack (for h5kit's own checks).
[[noreturn]] void reject(ErrorKind kind, std::string_view operation, const Where& where, std::string detail);

// Runs one HDF5 call; a negative result becomes an exception.
template <class R>
R checked(R result, std::string_view operation, const Where& where, ErrorKind fallback = ErrorKind::file,
          std::string_view detail = {}) {
  if (result < 0) fail(fallback, operation, where, std::string(detail));
  return result;
}

// The same for HDF5 functions that must be called after silence_hdf5_errors().
template <class F>
auto call(std::string_view operation, const Where& where, ErrorKind fallback, F&& f) {
  silence_hdf5_errors();
  return checked(f(), operation, where, fallback);
}

// Runs `f` with each id in `ids` holding a single reference, then restores the others. HDF5 1.10's
// object refresh (H5Drefresh, H5Fstart_swmr_write) closes an object and registers it again under
// the same id, and fails with "ID already in use" when the id had more references (h5kit's copies
// of one object share an id through H5Iinc_ref).
template <class Ids, class F>
void with_single_references(const Ids& ids, F&& f) {
  std::vector<std::pair<hid_t, int>> extra;
  for (const hid_t id : ids) {
    const int refs = H5Iget_ref(id);
    if (refs > 1) extra.emplace_back(id, refs - 1);
  }
  for (const auto& [id, n] : extra)
    for (int i = 0; i < n; ++i) H5Idec_ref(id);
  f();
  for (const auto& [id, n] : extra)
    for (int i = 0; i < n; ++i) H5Iinc_ref(id);
}

}  // namespace h5kit::detail
