// Group: h5py's dictionary methods (get, pop, clear, update, setdefault) and what g[name] = x places.
#include <hdf5.h>

#include <algorithm>

#include "detail/checked.hpp"
#include "detail/paths.hpp"
#include "h5kit/group.hpp"

namespace h5kit {

using detail::checked;
using detail::Where;

// ---- Member: one placing function per kind of value --------------------------------------------

void Member::place_hard_link(const Group& g, std::string_view path, const void* value) {
  g.link(path, *static_cast<const Object*>(value));
}
void Member::place_entry(const Group& g, std::string_view path, const void* value) {
  g.link(path, static_cast<const Entry*>(value)->open());
}
void Member::place_soft_link(const Group& g, std::string_view path, const void* value) {
  g.link(path, *static_cast<const SoftLink*>(value));
}
void Member::place_external_link(const Group& g, std::string_view path, const void* value) {
  g.link(path, *static_cast<const ExternalLink*>(value));
}
void Member::place_type(const Group& g, std::string_view path, const void* value) {
  g.commit_type(path, *static_cast<const Datatype*>(value));  // h5py: g[name] = numpy.dtype(...)
}
void Member::place_empty(const Group& g, std::string_view path, const void* value) {
  g.create_dataset(path, *static_cast<const Empty*>(value));
}

// ---- lookups that answer "nothing there" instead of throwing ----------------------------------

std::optional<Object> Group::get(std::string_view path) const {
  require_valid("get member");
  const std::string p = detail::checked_path(path, id(), "get member");
  if (!detail::path_exists(id(), p, true)) return std::nullopt;
  return open(p);
}

std::optional<LinkInfo> Group::get_link(std::string_view path) const {
  require_valid("get link");
  const std::string p = detail::checked_path(path, id(), "get link");
  if (!detail::path_exists(id(), p, false)) return std::nullopt;
  return link_info(p);
}

std::optional<ObjectKind> Group::get_kind(std::string_view path) const {
  require_valid("get object kind");
  const std::string p = detail::checked_path(path, id(), "get object kind");
  if (!detail::path_exists(id(), p, true)) return std::nullopt;
  return object_kind(p);
}

// ---- removing ------------------------------------------------------------------------------------

namespace {
// "." and "/" name the group itself (or the root), which has no link in it to remove.
bool names_the_group_itself(const std::string& p) { return p == "." || p == "/"; }
}  // namespace

Object Group::pop(std::string_view path) const {
  require_valid("pop member");
  const std::string p = detail::checked_path(path, id(), "pop member");
  const Where where{id(), p};
  if (names_the_group_itself(p))
    detail::reject(ErrorKind::invalid_argument, "pop member", where,
                   "expected the name of a member, found a path to the group itself");
  if (!detail::path_exists(id(), p, true)) {
    const bool dangling = detail::path_exists(id(), p, false);
    detail::reject(ErrorKind::not_found, "pop member", where,
                   dangling ? "expected an object, found a dangling link (erase() removes the link itself)"
                            : "expected an object, found no link of that name");
  }
  Object object = open(p);
  checked(H5Ldelete(id(), p.c_str(), H5P_DEFAULT), "pop member", where);
  return object;
}

void Group::clear() const {
  require_valid("clear group");
  // Names first: deleting while HDF5 iterates would change the index it walks.
  for (const std::string& name : keys(IterationOrder::name))
    checked(H5Ldelete(id(), name.c_str(), H5P_DEFAULT), "clear group", Where{id(), name});
}

// ---- adding --------------------------------------------------------------------------------------

void Group::update(std::initializer_list<std::pair<std::string_view, Member>> members) const {
  update_members(std::vector<std::pair<std::string_view, Member>>(members.begin(), members.end()));
}

void Group::update_members(const std::vector<std::pair<std::string_view, Member>>& members) const {
  require_valid("update members");
  std::vector<std::string> paths;
  paths.reserve(members.size());
  for (const auto& [name, value] : members) {
    std::string p = detail::checked_path(name, id(), "update members");
    if (std::find(paths.begin(), paths.end(), p) != paths.end())
      detail::reject(ErrorKind::invalid_argument, "update members", Where{id(), p},
                     "expected each name once, found this one twice");
    if (detail::path_exists(id(), p, false))
      detail::reject(ErrorKind::already_exists, "update members", Where{id(), p},
                     "expected a free name, found an existing link (as h5py, update() never replaces; "
                     "erase() it first)");
    paths.push_back(std::move(p));
  }
  std::size_t placed = 0;
  try {
    for (; placed < members.size(); ++placed) members[placed].second.place(*this, paths[placed]);
  } catch (...) {
    for (std::size_t i = 0; i < placed; ++i) discard_new(paths[i]);  // all or nothing
    throw;
  }
}

Object Group::setdefault(std::string_view path, const Member& value) const {
  require_valid("setdefault");
  const std::string p = detail::checked_path(path, id(), "setdefault");
  if (detail::path_exists(id(), p, true)) return open(p);
  if (detail::path_exists(id(), p, false))
    detail::reject(ErrorKind::already_exists, "setdefault", Where{id(), p},
                   "expected an object or a free name, found a dangling link");
  value.place(*this, p);
  return open(p);
}

}  // namespace h5kit
