// Group: opening, creating, testing, listing and removing members.
#include "h5kit/group.hpp"

#include <hdf5.h>

#include "detail/checked.hpp"
#include "detail/paths.hpp"
#include "detail/plists.hpp"

namespace h5kit {

using detail::checked;
using detail::Handle;
using detail::Where;

Entry Group::operator[](std::string_view path) const { return Entry(*this, std::string(path)); }

Entry Entry::operator[](std::string_view sub) const {
  std::string joined = path_;
  if (!joined.empty() && joined.back() != '/') joined += '/';
  joined += sub;
  return Entry(parent_, std::move(joined));
}

Object Group::open(std::string_view path) const {
  require_valid("open object");
  const std::string p = detail::checked_path(path, id(), "open object");
  const Where where{id(), p};
  if (!detail::path_exists(id(), p, true)) {
    const bool dangling = detail::path_exists(id(), p, false);
    detail::reject(ErrorKind::not_found, "open object", where,
                   dangling ? "the link exists but its target does not (dangling soft or external link)"
                            : "no such object");
  }
  return Object(Handle(checked(H5Oopen(id(), p.c_str(), H5P_DEFAULT), "open object", where, ErrorKind::not_found)));
}

std::optional<Object> Group::try_open(std::string_view path) const {
  require_valid("open object");
  const std::string p = detail::checked_path(path, id(), "open object");
  detail::silence_hdf5_errors();
  const hid_t object = H5Oopen(id(), p.c_str(), H5P_DEFAULT);
  if (object < 0) {
    H5Eclear2(H5E_DEFAULT);
    return std::nullopt;
  }
  return Object(Handle(object));
}

Group Group::group(std::string_view path) const { return open(path).as_group(); }
Dataset Group::dataset(std::string_view path) const { return dataset(path, DatasetAccess{}); }

Group Group::create_group(std::string_view path, const GroupOptions& options) const {
  require_valid("create group");
  const std::string p = detail::checked_path(path, id(), "create group");
  detail::silence_hdf5_errors();
  const hid_t g = H5Gcreate2(id(), p.c_str(), detail::link_creation_plist(), detail::group_creation_plist(options),
                             H5P_DEFAULT);
  if (g < 0) detail::fail_creation("create group", Where{id(), p});
  return Group(Handle(g));
}

Group Group::require_group(std::string_view path) const {
  require_valid("require group");
  const std::string p = detail::checked_path(path, id(), "require group");
  if (detail::path_exists(id(), p, true)) return group(p);
  return create_group(p);
}

bool Group::contains(std::string_view path) const {
  require_valid("test membership");
  if (path.empty()) return false;
  return detail::path_exists(id(), std::string(path), true);
}

bool Group::has_link(std::string_view path) const {
  require_valid("test link");
  if (path.empty()) return false;
  return detail::path_exists(id(), std::string(path), false);
}

std::size_t Group::size() const {
  require_valid("count members");
  detail::silence_hdf5_errors();
  H5G_info_t info{};
  checked(H5Gget_info(id(), &info), "count members", Where{id()});
  return static_cast<std::size_t>(info.nlinks);
}

bool Group::tracks_creation_order() const {
  require_valid("get group options");
  detail::silence_hdf5_errors();
  Handle gcpl(checked(H5Gget_create_plist(id()), "get group options", Where{id()}));
  unsigned flags = 0;
  checked(H5Pget_link_creation_order(gcpl.get(), &flags), "get group options", Where{id()});
  return (flags & H5P_CRT_ORDER_TRACKED) != 0;  // h5py lists by creation order when tracked
}

namespace {
herr_t collect_link_name(hid_t, const char* name, const H5L_info_t*, void* data) {
  static_cast<std::vector<std::string>*>(data)->emplace_back(name);
  return 0;
}
}  // namespace

std::vector<std::string> Group::keys(IterationOrder order) const {
  require_valid("list members");
  const bool by_creation = order == IterationOrder::creation ||
                           (order == IterationOrder::automatic && tracks_creation_order());
  if (order == IterationOrder::creation && !tracks_creation_order())
    detail::reject(ErrorKind::invalid_argument, "list members", Where{id()},
                   "the group does not track creation order (create it with track_order)");
  std::vector<std::string> names;
  hsize_t idx = 0;
  if (H5Literate(id(), by_creation ? H5_INDEX_CRT_ORDER : H5_INDEX_NAME, H5_ITER_INC, &idx, collect_link_name,
                 &names) >= 0)
    return names;
  if (!by_creation || order == IterationOrder::creation) detail::fail(ErrorKind::file, "list members", Where{id()});
  // Tracked but never indexed, in dense storage: HDF5 cannot list by creation order; use names.
  H5Eclear2(H5E_DEFAULT);
  names.clear();
  idx = 0;
  checked(H5Literate(id(), H5_INDEX_NAME, H5_ITER_INC, &idx, collect_link_name, &names), "list members", Where{id()});
  return names;
}

std::vector<std::pair<std::string, Object>> Group::items(IterationOrder order) const {
  std::vector<std::pair<std::string, Object>> out;
  for (auto& name : keys(order)) {
    // A dangling link has no object: it is listed with an invalid Object, as keys() lists it.
    Object obj = contains(name) ? open(name) : Object();
    out.emplace_back(std::move(name), std::move(obj));
  }
  return out;
}

void Group::erase(std::string_view path) const {
  require_valid("delete member");
  const std::string p = detail::checked_path(path, id(), "delete member");
  const Where where{id(), p};
  if (!detail::path_exists(id(), p, false)) detail::reject(ErrorKind::not_found, "delete member", where, "no such link");
  checked(H5Ldelete(id(), p.c_str(), H5P_DEFAULT), "delete member", where);
}

void Group::move(std::string_view from, std::string_view to) const {
  require_valid("move member");
  const std::string f = detail::checked_path(from, id(), "move member");
  const std::string t = detail::checked_path(to, id(), "move member");
  if (!detail::path_exists(id(), f, false))
    detail::reject(ErrorKind::not_found, "move member", Where{id(), f}, "no such link");
  if (f == t) return;  // h5py: moving a link onto itself does nothing
  if (detail::path_exists(id(), t, false))
    detail::reject(ErrorKind::already_exists, "move member", Where{id(), t}, "the destination name is taken");
  checked(H5Lmove(id(), f.c_str(), id(), t.c_str(), detail::link_creation_plist(), H5P_DEFAULT), "move member",
          Where{id(), f});
}

void Group::discard_new(std::string_view path) const noexcept {
  const std::string p(path);
  H5Ldelete(id(), p.c_str(), H5P_DEFAULT);
  H5Eclear2(H5E_DEFAULT);
}

}  // namespace h5kit
