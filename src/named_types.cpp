// Named (committed) datatypes: committing, opening and listing them, and the bridge to Object.
#include "h5kit/named_type.hpp"

#include <hdf5.h>

#include "detail/checked.hpp"
#include "detail/paths.hpp"
#include "detail/plists.hpp"
#include "h5kit/group.hpp"

namespace h5kit {

using detail::checked;
using detail::Handle;
using detail::Where;

bool Datatype::is_committed() const {
  if (!valid()) return false;
  detail::silence_hdf5_errors();
  return checked(H5Tcommitted(id()), "test committed type", Where{}, ErrorKind::invalid_argument) > 0;
}

Datatype Group::commit_type(std::string_view path, const Datatype& type) const {
  const char* op = "commit type";
  require_valid(op);
  const std::string p = detail::checked_path(path, id(), op);
  const Where where{id(), p};
  if (!type.valid()) detail::reject(ErrorKind::invalid_argument, op, where, "no datatype given");
  if (detail::path_exists(id(), p, false))
    detail::reject(ErrorKind::already_exists, op, where, "the name is already taken; nothing was committed");
  detail::silence_hdf5_errors();
  // A copy is committed: predefined and shared h5kit types are locked, and a type that is already
  // committed elsewhere cannot be committed twice (H5Tcopy of a committed type is transient).
  Datatype copy{Handle(checked(H5Tcopy(type.id()), op, where, ErrorKind::invalid_argument))};
  if (H5Tcommit2(id(), p.c_str(), copy.id(), detail::link_creation_plist(), H5P_DEFAULT, H5P_DEFAULT) < 0)
    detail::fail_creation(op, where);
  return copy;
}

Datatype Group::open_type(std::string_view path) const {
  const char* op = "open named type";
  require_valid(op);
  const std::string p = detail::checked_path(path, id(), op);
  const Where where{id(), p};
  const ObjectKind kind = object_kind(p);  // NotFoundError when absent or dangling
  if (kind != ObjectKind::datatype)
    detail::reject(ErrorKind::type_mismatch, op, where, std::string("expected a named datatype, found a ") +
                                                            to_string(kind));
  detail::silence_hdf5_errors();
  return Datatype(Handle(checked(H5Topen2(id(), p.c_str(), H5P_DEFAULT), op, where, ErrorKind::not_found)));
}

std::vector<std::string> Group::type_names(IterationOrder order) const {
  std::vector<std::string> out;
  for (auto& name : keys(order))
    if (contains(name) && object_kind(name) == ObjectKind::datatype) out.push_back(std::move(name));
  return out;
}

Object as_object(const Datatype& committed) {
  if (!committed.is_committed())
    detail::reject(ErrorKind::invalid_argument, "use named type as object", Where{},
                   "the datatype " + (committed.valid() ? committed.name() + " " : std::string()) +
                       "is not committed (only a named type stored in a file is an object)");
  return Object(Handle::share(committed.id()));
}

Datatype as_datatype(const Object& object) {
  const ObjectKind kind = object.kind();
  if (kind != ObjectKind::datatype)
    detail::reject(ErrorKind::type_mismatch, "open named type", Where{object.id()},
                   std::string("expected a named datatype, found a ") + to_string(kind));
  return Datatype(Handle::share(object.id()));
}

}  // namespace h5kit
