#pragma once
// What the daq tests check below h5kit's API: how an attribute is stored (HDF5 type, pad, character
// set, dataspace), read with HDF5's C API.
#include <hdf5.h>

#include <string>

#include "h5kit/object.hpp"

namespace h5kit::test {

struct StoredString {
  bool exists = false;
  bool is_string = false;
  bool variable = false;
  std::size_t size = 0;  // STRSIZE
  H5T_str_t pad = H5T_STR_ERROR;
  H5T_cset_t cset = H5T_CSET_ERROR;
  H5S_class_t space = H5S_NO_CLASS;
  H5T_class_t type_class = H5T_NO_CLASS;
  std::string type_name;  // "I32LE" for H5T_STD_I32LE, "I64LE"
};

inline StoredString stored_attribute(const h5kit::Object& obj, const std::string& name) {
  StoredString out;
  if (H5Aexists(obj.id(), name.c_str()) <= 0) return out;
  out.exists = true;
  const hid_t a = H5Aopen(obj.id(), name.c_str(), H5P_DEFAULT);
  const hid_t t = H5Aget_type(a);
  const hid_t s = H5Aget_space(a);
  out.type_class = H5Tget_class(t);
  out.is_string = out.type_class == H5T_STRING;
  out.size = H5Tget_size(t);
  if (out.is_string) {
    out.variable = H5Tis_variable_str(t) > 0;
    out.pad = H5Tget_strpad(t);
    out.cset = H5Tget_cset(t);
  }
  if (H5Tequal(t, H5T_STD_I32LE) > 0) out.type_name = "I32LE";
  if (H5Tequal(t, H5T_STD_I64LE) > 0) out.type_name = "I64LE";
  out.space = H5Sget_simple_extent_type(s);
  H5Sclose(s);
  H5Tclose(t);
  H5Aclose(a);
  return out;
}

}  // namespace h5kit::test
