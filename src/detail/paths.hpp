#pragma once
// POSIX-style paths inside a file: "a/b" relative to a group, "/a/b" from the root.
#include <hdf5.h>

#include <string>
#include <string_view>

namespace h5kit::detail {

// `path` without "." components and repeated or trailing slashes, as HDF5 and h5py resolve it:
// "./x", "x/./y", ".//x/" become "x", "x/y", "x"; "/./" becomes "/", "./" becomes ".".
std::string normalized_path(std::string_view path);
// normalized_path(path); throws InvalidArgumentError for an empty path.
std::string checked_path(std::string_view path, hid_t loc, std::string_view operation);
// True when every component of `path` is a link; with `resolve_last`, the last must also lead to
// an object (false for a dangling soft link). Never lists a group; never throws.
bool path_exists(hid_t loc, const std::string& path, bool resolve_last);
// The path up to its last '/' ("" for a bare name, "/" for "/x").
std::string parent_path(const std::string& path);

}  // namespace h5kit::detail
