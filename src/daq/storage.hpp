#pragma once
// What the daq layer needs from HDF5 below h5kit's core API (all through the checked C layer):
// PyTables' attribute storage, the element types of §6, and PyTables' chunk shapes.
#include <hdf5.h>

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "detail/checked.hpp"
#include "h5kit/daq/element_type.hpp"
#include "h5kit/daq/py_value.hpp"
#include "h5kit/detail/handle.hpp"
#include "h5kit/shape.hpp"

namespace h5kit::daq::detail {

using h5kit::detail::Handle;
using h5kit::detail::Where;

// ---- attributes as PyTables stores them (spec §3.3) ----

// A scalar, fixed-length, NULLTERM string of exactly the text's bytes with the given character set;
// the empty text as STRSIZE 1 with a null dataspace. Replaces an attribute of that name only once
// the new value is written.
void write_string_attribute(hid_t obj, std::string_view name, std::string_view text, H5T_cset_t cset);
// A scalar H5T_STD_I32LE (EXTDIM).
void write_int32_attribute(hid_t obj, std::string_view name, std::int32_t value);

// An attribute read back in whatever storage it has: strings (fixed or variable length, any pad,
// ASCII or UTF-8, scalar or a one-element array; a null dataspace reads as ""), integers, floats,
// bools, and 1-D arrays of those (as a list). nullopt when the attribute does not exist.
struct StoredAttribute {
  bool is_text = false;
  std::string text;  // when is_text
  PyValue value;     // otherwise
};
std::optional<StoredAttribute> read_attribute(hid_t obj, std::string_view name);
std::vector<std::string> attribute_names(hid_t obj);

// ---- element types (spec §6) ----

// The HDF5 type PyTables stores: H5T_STD_B8LE, H5T_STD_I32LE, H5T_IEEE_F64LE, {r, i} compound...
Handle file_type(ElementType type);
// The matching native memory type (bool as an 8-bit bitfield holding the C++ bool's byte).
Handle memory_type(ElementType type);
// The element type a stored type holds, or nullopt for one pymodaq never writes. Accepts h5py's
// enum bool and any byte order.
std::optional<ElementType> element_type_of_stored(hid_t type);

// ---- chunk shapes (PyTables' leaf.py _calc_chunkshape with calc_chunksize) ----
// `shape` has the main dimension (axis 0) set to `expected_rows` for the size estimate.
Shape pytables_chunkshape(const Shape& shape, std::size_t expected_rows, std::size_t item_size);

// The file name and object path of an open object, for messages.
std::string file_of(hid_t obj);
std::string path_of(hid_t obj);

}  // namespace h5kit::daq::detail
