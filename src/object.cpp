#include "h5kit/object.hpp"

#include <hdf5.h>

#include "detail/checked.hpp"
#include "h5kit/attribute.hpp"
#include "h5kit/file.hpp"

namespace h5kit {

using detail::checked;
using detail::Handle;
using detail::Where;

const char* to_string(ObjectKind kind) noexcept {
  switch (kind) {
    case ObjectKind::group: return "group";
    case ObjectKind::dataset: return "dataset";
    case ObjectKind::datatype: return "datatype";
    case ObjectKind::unknown: break;
  }
  return "unknown";
}

void Object::require_valid(const char* operation) const {
  if (!valid())
    detail::reject(ErrorKind::closed, operation, Where{}, "the object is closed (or its file was closed)");
}

ObjectKind Object::kind() const {
  require_valid("get object kind");
  switch (H5Iget_type(id())) {
    case H5I_GROUP: return ObjectKind::group;
    case H5I_DATASET: return ObjectKind::dataset;
    case H5I_DATATYPE: return ObjectKind::datatype;
    default: return ObjectKind::unknown;
  }
}

std::string Object::path() const {
  require_valid("get object path");
  return detail::path_of(Where{id()});
}

std::string Object::file_name() const {
  require_valid("get file name");
  return detail::file_name_of(id());
}

File Object::file() const {
  require_valid("get file");
  detail::silence_hdf5_errors();
  Handle file(checked(H5Iget_file_id(id()), "get file", Where{id()}));
  Handle root(checked(H5Gopen2(file.get(), "/", H5P_DEFAULT), "open root group", Where{id()}));
  return File(std::move(file), std::move(root));
}

AttributeManager Object::attrs() const {
  require_valid("get attributes");
  return AttributeManager(handle_);
}

ObjectReference Object::reference() const {
  require_valid("create reference");
  detail::silence_hdf5_errors();
  hobj_ref_t ref = 0;
  checked(H5Rcreate(&ref, id(), ".", H5R_OBJECT, -1), "create reference", Where{id()});
  return ObjectReference{ref};
}

Group Object::as_group() const {
  if (kind() != ObjectKind::group)
    detail::reject(ErrorKind::type_mismatch, "open group", Where{id()},
                   std::string("expected a group, found a ") + to_string(kind()));
  return Group(handle_);
}

Dataset Object::as_dataset() const {
  if (kind() != ObjectKind::dataset)
    detail::reject(ErrorKind::type_mismatch, "open dataset", Where{id()},
                   std::string("expected a dataset, found a ") + to_string(kind()));
  return Dataset(handle_);
}

bool operator==(const Object& a, const Object& b) {
  if (!a.valid() || !b.valid()) return !a.valid() && !b.valid();
  detail::silence_hdf5_errors();
  H5O_info_t ia{}, ib{};
  checked(H5Oget_info2(a.id(), &ia, H5O_INFO_BASIC), "compare objects", Where{a.id()});
  checked(H5Oget_info2(b.id(), &ib, H5O_INFO_BASIC), "compare objects", Where{b.id()});
  return ia.fileno == ib.fileno && ia.addr == ib.addr;
}

}  // namespace h5kit
