#pragma once
// Internals of the graph layer: listing a group's links with one H5Literate call, path helpers.
#include <hdf5.h>

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "h5kit/link.hpp"

namespace h5kit::detail {

struct LinkEntry {
  std::string name;
  LinkKind kind = LinkKind::hard;
  std::uint64_t address = 0;  // hard links: the object's header address
  std::string target_path;    // soft / external
  std::string target_file;    // external
};

// The links of an open group in HDF5's native order of the name index, the order H5Iget_name's search
// uses (sorted by name for symbol-table and compact groups; hash order for dense storage). `path` only
// names the group in error messages.
std::vector<LinkEntry> list_links(hid_t group, const std::string& path);
// The link at `path` below `loc` (intermediate links followed); NotFoundError when there is none.
LinkEntry link_at(hid_t loc, const std::string& path, const char* operation);

std::string join_path(const std::string& parent, const std::string& name);
// Throws InvalidArgumentError for an empty path.
std::string checked_link_path(std::string_view path, hid_t loc, const char* operation);
// "/a//b/./c/" -> "/a/b/c"; a relative path is taken from the root.
std::string normalise_path(std::string_view path);

}  // namespace h5kit::detail
