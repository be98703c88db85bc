#pragma once
// Internals: reading the references of one object (used by the inventory, find_references and the graph).
#include <hdf5.h>

#include <array>
#include <functional>
#include <map>
#include <vector>

#include "h5kit/graph/references.hpp"

namespace h5kit::graph::detail {

// The objects of `index` reachable by hard links from `start` (start first, each once, walk order),
// leaving out those `skip` matches and everything below them.
std::vector<const IndexedObject*> subtree(const FileIndex& index, const ObjectId& start,
                                          const std::function<bool(const std::string&)>& skip);

// Resolves stored references against one FileIndex, caching region references (each costs a heap read).
class Resolver {
 public:
  explicit Resolver(const FileIndex& index) : index_(index) {}
  const FileIndex& index() const noexcept { return index_; }
  // Fills kind, stored value, is_null, target, target_path, selection from the reference's bytes.
  void resolve(ReferenceKind kind, const std::byte* bytes, StoredReference& out);

 private:
  struct Region {
    std::optional<ObjectId> target;
    std::optional<std::string> path;
    std::optional<Selection> selection;
  };
  const FileIndex& index_;
  std::map<std::array<std::uint8_t, 12>, Region> regions_;
};

// Every reference of an open object (`id`, canonical path `owner`); true when `visit` stopped the walk.
bool visit_object(hid_t id, const std::string& owner, Resolver& resolver,
                  const std::function<bool(const StoredReference&)>& visit, std::size_t block_elements);

// A memory type holding only the reference-bearing parts of `type` (compound members without references
// dropped, arrays and vlens of the filtered base); an invalid hid (<0) when it holds none.
hid_t references_only_type(hid_t type);

}  // namespace h5kit::graph::detail
