#include "detail/plists.hpp"

#include "detail/checked.hpp"
#include "detail/numpy_time.hpp"
#include "h5kit/datatype.hpp"

namespace h5kit::detail {

hid_t link_creation_plist() {
  // Shared by every thread and never modified after creation.
  static const hid_t lcpl = [] {
    const hid_t p = checked(H5Pcreate(H5P_LINK_CREATE), "create link properties", Where{});
    checked(H5Pset_create_intermediate_group(p, 1), "create link properties", Where{});
    checked(H5Pset_char_encoding(p, H5T_CSET_UTF8), "create link properties", Where{});
    return p;
  }();
  return lcpl;
}

hid_t group_creation_plist(bool track_order) {
  if (!track_order) return H5P_DEFAULT;
  static const hid_t tracked = [] {
    const hid_t p = checked(H5Pcreate(H5P_GROUP_CREATE), "create group properties", Where{});
    checked(H5Pset_link_creation_order(p, H5P_CRT_ORDER_TRACKED | H5P_CRT_ORDER_INDEXED), "create group properties",
            Where{});
    checked(H5Pset_attr_creation_order(p, H5P_CRT_ORDER_TRACKED | H5P_CRT_ORDER_INDEXED), "create group properties",
            Where{});
    return p;
  }();
  return tracked;
}

hid_t attribute_creation_plist() {
  static const hid_t acpl = [] {
    const hid_t p = checked(H5Pcreate(H5P_ATTRIBUTE_CREATE), "create attribute properties", Where{});
    checked(H5Pset_char_encoding(p, H5T_CSET_UTF8), "create attribute properties", Where{});
    return p;
  }();
  return acpl;
}

void build_shared_constants() {
  link_creation_plist();
  group_creation_plist(true);
  attribute_creation_plist();
  range_checked_conversion();
  Datatype::boolean();
  Datatype::complex64();
  Datatype::complex128();
  Datatype::variable_string();  // builds the UTF-8 and the ASCII type
  Datatype::float16();
  register_numpy_time_conversion();
}

}  // namespace h5kit::detail
