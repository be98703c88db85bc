// Group: recursive visits and copies.
#include <hdf5.h>

#include <optional>

#include "detail/checked.hpp"
#include "detail/paths.hpp"
#include "detail/plists.hpp"
#include "detail/visit_callback.hpp"
#include "h5kit/group.hpp"

namespace h5kit {

using detail::checked;
using detail::Handle;
using detail::Where;

namespace {
using ObjectCallback = std::function<bool(const std::string& name, hid_t start)>;

struct VisitState : detail::VisitCallbackState {
  const ObjectCallback* callback = nullptr;
};

herr_t visit_one(hid_t obj, const char* name, const H5O_info_t*, void* data) {
  auto* state = static_cast<VisitState*>(data);
  if (name[0] == '.' && name[1] == '\0') return 0;  // the group itself, as h5py skips it
  return state->step(name, [&] { return (*state->callback)(name, obj); });
}

std::optional<std::string> run_visit(hid_t group, const ObjectCallback& callback) {
  VisitState state;
  state.callback = &callback;
  detail::prepare_visit();
  const herr_t status = H5Ovisit2(group, H5_INDEX_NAME, H5_ITER_INC, visit_one, &state, H5O_INFO_BASIC);
  return state.finish(status, "visit", group);
}
}  // namespace

std::optional<std::string> Group::visit(const std::function<bool(const std::string& name)>& callback) const {
  require_valid("visit");
  return run_visit(id(), [&](const std::string& name, hid_t) { return callback(name); });
}

std::optional<std::string> Group::visit_items(
    const std::function<bool(const std::string& name, const Object& object)>& callback) const {
  require_valid("visit");
  return run_visit(id(), [&](const std::string& name, hid_t start) {
    Object obj(Handle(checked(H5Oopen(start, name.c_str(), H5P_DEFAULT), "visit", Where{start, name})));
    return callback(name, obj);
  });
}

namespace {
Handle copy_plist(const CopyOptions& options) {
  Handle ocpypl(checked(H5Pcreate(H5P_OBJECT_COPY), "copy", Where{}));
  unsigned flags = 0;
  if (options.without_attrs) flags |= H5O_COPY_WITHOUT_ATTR_FLAG;
  if (options.shallow) flags |= H5O_COPY_SHALLOW_HIERARCHY_FLAG;
  if (options.expand_soft) flags |= H5O_COPY_EXPAND_SOFT_LINK_FLAG;
  if (options.expand_external) flags |= H5O_COPY_EXPAND_EXT_LINK_FLAG;
  if (options.expand_refs) flags |= H5O_COPY_EXPAND_REFERENCE_FLAG;
  checked(H5Pset_copy_object(ocpypl.get(), flags), "copy", Where{});
  return ocpypl;
}

Object copy_object(hid_t src_loc, const std::string& src_name, const Group& dest, std::string_view dest_name,
                   const CopyOptions& options) {
  if (!dest.valid()) detail::reject(ErrorKind::closed, "copy", Where{src_loc, src_name}, "the destination is closed");
  const std::string d = detail::checked_path(dest_name, dest.id(), "copy");
  if (detail::path_exists(dest.id(), d, false))
    detail::reject(ErrorKind::already_exists, "copy", Where{dest.id(), d},
                   "expected a free destination name, found an existing link");
  Handle ocpypl = copy_plist(options);
  checked(H5Ocopy(src_loc, src_name.c_str(), dest.id(), d.c_str(), ocpypl.get(), detail::link_creation_plist()),
          "copy", Where{src_loc, src_name});
  return dest.open(d);
}

// The last component of the path an object was opened through: h5py's posixpath.basename(obj.name).
std::string base_name_of(const Object& object, const Where& where) {
  const std::string path = object.path();
  const std::size_t slash = path.find_last_of('/');
  std::string base = slash == std::string::npos ? path : path.substr(slash + 1);
  if (base.empty())
    detail::reject(ErrorKind::invalid_argument, "copy", where,
                   "expected a source with a name to copy under, found " +
                       (path.empty() ? std::string("an object without a path") : "the root group \"" + path + "\"") +
                       " (give a destination name)");
  return base;
}

std::string checked_source(const Group& g, std::string_view source) {
  const std::string s = detail::checked_path(source, g.id(), "copy");
  if (!detail::path_exists(g.id(), s, true)) {
    const bool dangling = detail::path_exists(g.id(), s, false);
    detail::reject(ErrorKind::not_found, "copy", Where{g.id(), s},
                   dangling ? "expected an object to copy, found a dangling link"
                            : "expected an object to copy, found no link of that name");
  }
  return s;
}
}  // namespace

Object Group::copy(std::string_view source, const Group& dest, std::string_view dest_name,
                   const CopyOptions& options) const {
  require_valid("copy");
  return copy_object(id(), checked_source(*this, source), dest, dest_name, options);
}

Object Group::copy(const Object& source, const Group& dest, std::string_view dest_name,
                   const CopyOptions& options) const {
  if (!source.valid()) detail::reject(ErrorKind::closed, "copy", Where{}, "the source object is closed");
  return copy_object(source.id(), ".", dest, dest_name, options);
}

Object Group::copy(std::string_view source, const Group& dest, const CopyOptions& options) const {
  require_valid("copy");
  const std::string s = checked_source(*this, source);
  return copy_object(id(), s, dest, base_name_of(open(s), Where{id(), s}), options);
}

Object Group::copy(const Object& source, const Group& dest, const CopyOptions& options) const {
  if (!source.valid()) detail::reject(ErrorKind::closed, "copy", Where{}, "the source object is closed");
  return copy_object(source.id(), ".", dest, base_name_of(source, Where{source.id()}), options);
}

Object Group::copy(std::string_view source, std::string_view dest_path, const CopyOptions& options) const {
  require_valid("copy");
  return copy_object(id(), checked_source(*this, source), *this, dest_path, options);
}

}  // namespace h5kit
