#pragma once
// Object identity, canonical paths, aliases and link kinds (spec: shared/specs/nwb_graph.md §2).
//
//   ObjectId         (file number, object header address) from H5Oget_info: the same for every path
//                    that reaches one object.
//   canonical path   the first path to an object in a depth-first, pre-order walk of hard links from the
//                    root in name order: what H5Iget_name gives for an object opened by dereferencing a
//                    reference, i.e. h5py's `.name` after `f[ref]`.
//   alias            any other hard link to the same object.
//
// FileIndex makes ONE such walk and keeps identity -> canonical path, so that resolving thousands of
// references costs a hash lookup each (H5Iget_name after a dereference searches the whole file every time).
#include <cstdint>
#include <functional>
#include <optional>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "h5kit/group.hpp"
#include "h5kit/link.hpp"
#include "h5kit/object.hpp"

namespace h5kit::graph {

struct ObjectId {
  std::uint64_t file = 0;     // H5O_info_t::fileno
  std::uint64_t address = 0;  // H5O_info_t::addr (what a 1.10 object reference stores)
  friend bool operator==(const ObjectId&, const ObjectId&) = default;
  friend auto operator<=>(const ObjectId&, const ObjectId&) = default;
};

struct ObjectIdHash {
  std::size_t operator()(const ObjectId& id) const noexcept {
    return std::hash<std::uint64_t>{}(id.address * 0x9E3779B97F4A7C15ULL ^ id.file);
  }
};

// The identity of an open object (InvalidArgumentError when it is closed).
ObjectId object_id(const Object& object);

// A link met in the walk, as the group holding it lists it.
struct ChildLink {
  std::string name;
  LinkKind kind = LinkKind::hard;
  std::optional<ObjectId> target;  // hard, or soft resolving inside this file; nullopt when dangling/external
  std::string target_path;         // soft and external: the stored path
  std::string target_file;         // external: the stored file name
  bool dangling = false;           // soft: nothing at the path; external: file or object missing
};

// One object reachable by hard links from the root.
struct IndexedObject {
  ObjectId id;
  ObjectKind kind = ObjectKind::unknown;
  std::string path;                   // canonical
  std::vector<std::string> aliases;   // every hard-link path (parent's canonical path + link name), canonical first
  std::vector<ChildLink> children;    // groups: their links in name order
};

class FileIndex {
 public:
  // Walks the whole file that holds `any_object_in_file` (from its root). `progress`, when given, is
  // called with the number of objects indexed so far (every 1024 objects and at the end).
  explicit FileIndex(const Object& any_object_in_file,
                     const std::function<void(std::size_t objects)>& progress = {});

  const Group& root() const noexcept { return root_; }
  std::uint64_t file_number() const noexcept { return file_number_; }

  // Every reachable object, in canonical (walk) order; the root first.
  const std::vector<IndexedObject>& objects() const noexcept { return objects_; }
  const IndexedObject* find(const ObjectId& id) const;
  // The object a 1.10 object reference (its stored address) points to, if reachable.
  const IndexedObject* find_address(std::uint64_t address) const;

  std::optional<std::string> canonical_path(const ObjectId& id) const;
  // NotFoundError when the object is not reachable by hard links from the root (or is in another file).
  std::string canonical_path(const Object& object) const;
  std::vector<std::string> aliases(const Object& object) const;

 private:
  Group root_;
  std::uint64_t file_number_ = 0;
  std::vector<IndexedObject> objects_;
  std::unordered_map<ObjectId, std::size_t, ObjectIdHash> by_id_;
};

// One-off conveniences (each builds a FileIndex: keep one FileIndex for repeated questions).
std::string canonical_path(const Object& object);
std::vector<std::string> aliases(const Object& object);

// What a path is, without following the last link: its kind, for soft/external links the stored target,
// whether it dangles, and (when it leads to an object in this file) that object's identity and canonical
// path. Intermediate components are followed as HDF5 does. NotFoundError when no link is at the path.
struct PathInfo {
  std::string path;  // as given
  LinkKind kind = LinkKind::hard;
  std::string target_path;
  std::string target_file;
  bool dangling = false;
  std::optional<ObjectId> target;
  std::optional<std::string> canonical;  // canonical path of the object it leads to (same file only)
  bool is_canonical = false;             // a hard link that is the object's canonical path
};
PathInfo path_info(const FileIndex& index, std::string_view path);
PathInfo path_info(const Group& root, std::string_view path);

}  // namespace h5kit::graph
