// Group: hard, soft and external links, and what a link points at.
#include <hdf5.h>

#include <vector>

#include "detail/checked.hpp"
#include "detail/links.hpp"
#include "detail/paths.hpp"
#include "detail/plists.hpp"
#include "h5kit/group.hpp"

namespace h5kit {

namespace detail {
LinkInfo link_info_of(hid_t loc, const char* name, const H5L_info_t& info, const char* operation) {
  const Where where{loc, name};
  if (info.type == H5L_TYPE_HARD) return LinkInfo{LinkKind::hard, {}, {}};
  std::vector<char> value(info.u.val_size + 1, '\0');
  checked(H5Lget_val(loc, name, value.data(), value.size(), H5P_DEFAULT), operation, where);
  if (info.type == H5L_TYPE_SOFT) return LinkInfo{LinkKind::soft, std::string(value.data()), {}};
  if (info.type == H5L_TYPE_EXTERNAL) {
    unsigned flags = 0;
    const char* file = nullptr;
    const char* object = nullptr;
    checked(H5Lunpack_elink_val(value.data(), info.u.val_size, &flags, &file, &object), operation, where);
    return LinkInfo{LinkKind::external, object ? object : "", file ? file : ""};
  }
  reject(ErrorKind::type_mismatch, operation, where,
         "expected a hard, soft or external link, found a user-defined link type (" + std::to_string(info.type) +
             ")");
}
}  // namespace detail

using detail::checked;
using detail::Handle;
using detail::Where;

namespace {
std::string new_link_path(const Group& g, std::string_view path, const char* op) {
  std::string p = detail::checked_path(path, g.id(), op);
  if (detail::path_exists(g.id(), p, false))
    detail::reject(ErrorKind::already_exists, op, Where{g.id(), p}, "the name is already taken");
  return p;
}
}  // namespace

void Group::link(std::string_view path, const Object& target) const {
  require_valid("create hard link");
  if (!target.valid()) detail::reject(ErrorKind::closed, "create hard link", Where{id(), path}, "the target is closed");
  const std::string p = new_link_path(*this, path, "create hard link");
  checked(H5Lcreate_hard(target.id(), ".", id(), p.c_str(), detail::link_creation_plist(), H5P_DEFAULT),
          "create hard link", Where{id(), p}, ErrorKind::invalid_argument);
}

void Group::link(std::string_view path, const SoftLink& link) const {
  require_valid("create soft link");
  const std::string p = new_link_path(*this, path, "create soft link");
  if (link.path.empty())
    detail::reject(ErrorKind::invalid_argument, "create soft link", Where{id(), p}, "the target path is empty");
  checked(H5Lcreate_soft(link.path.c_str(), id(), p.c_str(), detail::link_creation_plist(), H5P_DEFAULT),
          "create soft link", Where{id(), p});
}

void Group::link(std::string_view path, const ExternalLink& link) const {
  require_valid("create external link");
  const std::string p = new_link_path(*this, path, "create external link");
  if (link.file.empty() || link.path.empty())
    detail::reject(ErrorKind::invalid_argument, "create external link", Where{id(), p},
                   "an external link needs a file name and a path");
  checked(H5Lcreate_external(link.file.c_str(), link.path.c_str(), id(), p.c_str(), detail::link_creation_plist(),
                             H5P_DEFAULT),
          "create external link", Where{id(), p});
}

LinkInfo Group::link_info(std::string_view path) const {
  require_valid("get link info");
  const std::string p = detail::checked_path(path, id(), "get link info");
  const Where where{id(), p};
  if (!detail::path_exists(id(), p, false)) detail::reject(ErrorKind::not_found, "get link info", where, "no such link");
  H5L_info_t info{};
  checked(H5Lget_info(id(), p.c_str(), &info, H5P_DEFAULT), "get link info", where);
  return detail::link_info_of(id(), p.c_str(), info, "get link info");
}

ObjectKind Group::object_kind(std::string_view path) const {
  require_valid("get object kind");
  const std::string p = detail::checked_path(path, id(), "get object kind");
  const Where where{id(), p};
  if (!detail::path_exists(id(), p, true))
    detail::reject(ErrorKind::not_found, "get object kind", where, "no such object (or a dangling link)");
  H5O_info_t info{};
  checked(H5Oget_info_by_name2(id(), p.c_str(), &info, H5O_INFO_BASIC, H5P_DEFAULT), "get object kind", where);
  switch (info.type) {
    case H5O_TYPE_GROUP: return ObjectKind::group;
    case H5O_TYPE_DATASET: return ObjectKind::dataset;
    case H5O_TYPE_NAMED_DATATYPE: return ObjectKind::datatype;
    default: return ObjectKind::unknown;
  }
}

}  // namespace h5kit
