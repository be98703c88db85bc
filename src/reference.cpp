// Following object references (region references: src/region_reference.cpp).
#include <hdf5.h>

#include "detail/checked.hpp"
#include "h5kit/group.hpp"

namespace h5kit {

using detail::checked;
using detail::Handle;
using detail::Where;

static_assert(sizeof(ObjectReference) == sizeof(hobj_ref_t), "ObjectReference must be laid out as hobj_ref_t");

Object Group::dereference(const ObjectReference& ref) const {
  const char* op = "dereference";
  require_valid(op);
  if (ref.is_null())
    detail::reject(ErrorKind::invalid_argument, op, Where{id()}, "the reference is null (it points at nothing)");
  detail::silence_hdf5_errors();
  hobj_ref_t raw = ref.address;
  const hid_t obj = H5Rdereference2(id(), H5P_DEFAULT, H5R_OBJECT, &raw);
  if (obj < 0) {
    // A reference is a bare address: one made in another file (or to an object since deleted)
    // points at nothing valid here. That is all HDF5 can tell us.
    H5Eclear2(H5E_DEFAULT);
    detail::reject(ErrorKind::not_found, op, Where{id()},
                 "no object at address " + std::to_string(ref.address) +
                     " in this file; the reference was made in another file or its object was deleted");
  }
  return Object(Handle(obj));
}

}  // namespace h5kit
