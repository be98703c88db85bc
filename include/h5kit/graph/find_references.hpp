#pragma once
// Who refers to an object? (spec §5.5; nwb-linkml's find_references compares names and finds nothing.)
// Objects are compared by identity, so an alias, a soft-link path or a relative path finds the same
// referrers. Every object is visited, the root included, and every location kind of the inventory.
#include <cstddef>
#include <functional>
#include <string_view>
#include <vector>

#include "h5kit/graph/references.hpp"

namespace h5kit::graph {

struct FindOptions {
  bool first_only = false;  // stop at the first referrer found
  // Called after each object is inspected with (objects done, objects to do).
  std::function<void(std::size_t done, std::size_t total)> progress;
};

// Every stored reference (object or region) whose target is the object at `path` (absolute, relative to
// the root, an alias or a link path). NotFoundError when nothing is at `path`; an external link leads to
// another file, whose objects no reference here can point at: the result is empty.
std::vector<StoredReference> find_references(const Group& root, std::string_view path, const FindOptions& options = {});
std::vector<StoredReference> find_references(const FileIndex& index, std::string_view path,
                                             const FindOptions& options = {});
// The same for an open object.
std::vector<StoredReference> find_references(const FileIndex& index, const Object& target,
                                             const FindOptions& options = {});

}  // namespace h5kit::graph
