// Object identity and canonical paths: one depth-first, name-ordered walk of hard links from the root
// (the order of HDF5 1.10's H5G_get_name_by_addr, which H5Iget_name uses after a dereference).
#include "h5kit/graph/identity.hpp"

#include <hdf5.h>

#include <vector>

#include "detail/checked.hpp"
#include "graph/walk_support.hpp"

namespace h5kit::graph {

using detail::checked;
using detail::Handle;
using detail::Where;

ObjectId object_id(const Object& object) {
  if (!object.valid())
    detail::reject(ErrorKind::closed, "object identity", Where{}, "the object is closed");
  detail::silence_hdf5_errors();
  H5O_info_t info;
  checked(H5Oget_info2(object.id(), &info, H5O_INFO_BASIC), "object identity", Where{object.id()});
  return ObjectId{static_cast<std::uint64_t>(info.fileno), static_cast<std::uint64_t>(info.addr)};
}

namespace {

ObjectKind kind_of(H5O_type_t type) {
  switch (type) {
    case H5O_TYPE_GROUP: return ObjectKind::group;
    case H5O_TYPE_DATASET: return ObjectKind::dataset;
    case H5O_TYPE_NAMED_DATATYPE: return ObjectKind::datatype;
    default: return ObjectKind::unknown;
  }
}

struct Walker {
  std::uint64_t fileno;
  std::vector<IndexedObject>& objects;
  std::unordered_map<ObjectId, std::size_t, ObjectIdHash>& by_id;
  const std::function<void(std::size_t)>& progress;

  void group(hid_t gid, const std::string& path, std::size_t self) {
    std::vector<detail::LinkEntry> links = detail::list_links(gid, path);
    std::vector<ChildLink> children;
    children.reserve(links.size());
    for (detail::LinkEntry& link : links) {
      const std::string child_path = detail::join_path(path, link.name);
      ChildLink child;
      child.name = link.name;
      child.kind = link.kind;
      if (link.kind == LinkKind::hard) {
        const ObjectId id{fileno, link.address};
        child.target = id;
        if (auto it = by_id.find(id); it != by_id.end()) {
          objects[it->second].aliases.push_back(child_path);
          children.push_back(std::move(child));
          continue;
        }
        H5O_info_t info;
        detail::silence_hdf5_errors();
        if (H5Oget_info_by_name2(gid, link.name.c_str(), &info, H5O_INFO_BASIC, H5P_DEFAULT) < 0) {
          H5Eclear2(H5E_DEFAULT);  // an unreadable object header: listed as a link to nothing readable
          child.target.reset();
          child.dangling = true;
          children.push_back(std::move(child));
          continue;
        }
        const std::size_t index = objects.size();
        objects.push_back(IndexedObject{id, kind_of(info.type), child_path, {child_path}, {}});
        by_id.emplace(id, index);
        if (progress && objects.size() % 1024 == 0) progress(objects.size());
        if (info.type == H5O_TYPE_GROUP) {
          detail::silence_hdf5_errors();
          const hid_t sub = H5Gopen2(gid, link.name.c_str(), H5P_DEFAULT);
          if (sub >= 0) {
            Handle owned(sub);
            group(sub, child_path, index);
          } else {
            H5Eclear2(H5E_DEFAULT);
          }
        }
      } else {
        child.target_path = std::move(link.target_path);
        child.target_file = std::move(link.target_file);
        // Resolves without following into anything: H5Oget_info_by_name reads the target's header only.
        H5O_info_t info;
        detail::silence_hdf5_errors();
        if (H5Oget_info_by_name2(gid, link.name.c_str(), &info, H5O_INFO_BASIC, H5P_DEFAULT) < 0) {
          H5Eclear2(H5E_DEFAULT);
          child.dangling = true;
        } else if (link.kind == LinkKind::soft && static_cast<std::uint64_t>(info.fileno) == fileno) {
          child.target = ObjectId{fileno, static_cast<std::uint64_t>(info.addr)};
        }
      }
      children.push_back(std::move(child));
    }
    objects[self].children = std::move(children);
  }
};

}  // namespace

FileIndex::FileIndex(const Object& any_object_in_file, const std::function<void(std::size_t objects)>& progress) {
  if (!any_object_in_file.valid())
    detail::reject(ErrorKind::closed, "index file", Where{}, "the object is closed");
  detail::silence_hdf5_errors();
  root_ = Group(Handle(checked(H5Gopen2(any_object_in_file.id(), "/", H5P_DEFAULT), "index file",
                               Where{any_object_in_file.id()})));
  const ObjectId root_id = object_id(root_);
  file_number_ = root_id.file;
  objects_.push_back(IndexedObject{root_id, ObjectKind::group, "/", {"/"}, {}});
  by_id_.emplace(root_id, 0);
  Walker walker{file_number_, objects_, by_id_, progress};
  walker.group(root_.id(), "/", 0);
  if (progress) progress(objects_.size());
}

const IndexedObject* FileIndex::find(const ObjectId& id) const {
  const auto it = by_id_.find(id);
  return it == by_id_.end() ? nullptr : &objects_[it->second];
}

const IndexedObject* FileIndex::find_address(std::uint64_t address) const {
  return find(ObjectId{file_number_, address});
}

std::optional<std::string> FileIndex::canonical_path(const ObjectId& id) const {
  if (const IndexedObject* o = find(id)) return o->path;
  return std::nullopt;
}

std::string FileIndex::canonical_path(const Object& object) const {
  const ObjectId id = object_id(object);
  if (const IndexedObject* o = find(id)) return o->path;
  detail::reject(ErrorKind::not_found, "canonical path", Where{object.id()},
                 id.file == file_number_ ? "the object is not reachable by hard links from the root"
                                         : "the object is in another file than the one indexed");
}

std::vector<std::string> FileIndex::aliases(const Object& object) const {
  const ObjectId id = object_id(object);
  if (const IndexedObject* o = find(id)) return o->aliases;
  detail::reject(ErrorKind::not_found, "aliases", Where{object.id()},
                 "the object is not reachable by hard links from the root of the indexed file");
}

std::string canonical_path(const Object& object) { return FileIndex(object).canonical_path(object); }

std::vector<std::string> aliases(const Object& object) { return FileIndex(object).aliases(object); }

PathInfo path_info(const FileIndex& index, std::string_view path) {
  const char* op = "path info";
  const Group& root = index.root();
  const std::string p = detail::checked_link_path(path, root.id(), op);
  PathInfo out;
  out.path = std::string(path);
  detail::LinkEntry link = detail::link_at(root.id(), p, op);
  out.kind = link.kind;
  out.target_path = link.target_path;
  out.target_file = link.target_file;
  H5O_info_t info;
  detail::silence_hdf5_errors();
  if (H5Oget_info_by_name2(root.id(), p.c_str(), &info, H5O_INFO_BASIC, H5P_DEFAULT) < 0) {
    H5Eclear2(H5E_DEFAULT);
    out.dangling = true;
    return out;
  }
  if (static_cast<std::uint64_t>(info.fileno) != index.file_number()) return out;  // another file: no identity here
  out.target = ObjectId{index.file_number(), static_cast<std::uint64_t>(info.addr)};
  out.canonical = index.canonical_path(*out.target);
  if (out.kind == LinkKind::hard && out.canonical) {
    // The given spelling may be relative or carry "//" or "./": compare the normalised absolute path.
    out.is_canonical = detail::normalise_path(p) == *out.canonical;
  }
  return out;
}

PathInfo path_info(const Group& root, std::string_view path) { return path_info(FileIndex(root), path); }

}  // namespace h5kit::graph
