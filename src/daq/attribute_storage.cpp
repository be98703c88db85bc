// PyTables' attribute storage (spec §3.3): scalar fixed-length NULLTERM strings, written through
// the checked C layer because h5kit's core writes strings as h5py does (variable length).
#include <cstring>
#include <memory>

#include "daq/storage.hpp"
#include "detail/dataspace.hpp"

namespace h5kit::daq::detail {

using h5kit::detail::checked;

namespace {

std::string quoted(std::string_view name) { return "attribute \"" + std::string(name) + "\""; }

// h5kit's staging prefix (attribute.cpp): an attribute being replaced is written under this name first.
std::string staged(std::string_view name) { return "__h5kit_staged__" + std::string(name); }

// Creates `name` with `type` and `space`, writes `data` (unless null), and replaces the old one.
void replace_attribute(hid_t obj, std::string_view name, hid_t type, hid_t space, hid_t mem_type, const void* data) {
  const Where where{obj};
  const std::string n(name);
  h5kit::detail::silence_hdf5_errors();
  const bool replacing = checked(H5Aexists(obj, n.c_str()), "test attribute", where, ErrorKind::file, quoted(name)) > 0;
  const std::string target = replacing ? staged(name) : n;
  if (replacing && H5Aexists(obj, target.c_str()) > 0) H5Adelete(obj, target.c_str());
  H5Eclear2(H5E_DEFAULT);
  const hid_t id = H5Acreate2(obj, target.c_str(), type, space, H5P_DEFAULT, H5P_DEFAULT);
  if (id < 0) h5kit::detail::fail(ErrorKind::file, "create attribute", where, quoted(name));
  Handle attr(id);
  if (data != nullptr && H5Awrite(attr.get(), mem_type, data) < 0) {
    attr.reset();
    const std::string stack = h5kit::detail::take_error_stack();
    H5Adelete(obj, target.c_str());
    H5Eclear2(H5E_DEFAULT);
    throw_error(ErrorKind::file, "write attribute", file_of(obj), path_of(obj), quoted(name), stack);
  }
  attr.reset();
  if (replacing) {
    checked(H5Adelete(obj, n.c_str()), "replace attribute", where, ErrorKind::file, quoted(name));
    checked(H5Arename(obj, target.c_str(), n.c_str()), "replace attribute", where, ErrorKind::file, quoted(name));
  }
}

}  // namespace

std::string file_of(hid_t obj) { return h5kit::detail::file_name_of(obj); }
std::string path_of(hid_t obj) { return h5kit::detail::path_of(Where{obj}); }

void write_string_attribute(hid_t obj, std::string_view name, std::string_view text, H5T_cset_t cset) {
  const Where where{obj};
  Handle type(checked(H5Tcopy(H5T_C_S1), "create string type", where));
  checked(H5Tset_size(type.get(), text.empty() ? 1 : text.size()), "create string type", where);
  checked(H5Tset_strpad(type.get(), H5T_STR_NULLTERM), "create string type", where);
  checked(H5Tset_cset(type.get(), cset), "create string type", where);
  if (text.empty()) {
    Handle space = h5kit::detail::null_space("create attribute", where);
    replace_attribute(obj, name, type.get(), space.get(), type.get(), nullptr);
    return;
  }
  Handle space(checked(H5Screate(H5S_SCALAR), "create attribute", where));
  replace_attribute(obj, name, type.get(), space.get(), type.get(), text.data());
}

void write_int32_attribute(hid_t obj, std::string_view name, std::int32_t value) {
  const Where where{obj};
  Handle space(checked(H5Screate(H5S_SCALAR), "create attribute", where));
  replace_attribute(obj, name, H5T_STD_I32LE, space.get(), H5T_NATIVE_INT32, &value);
}

namespace {

std::string trim_fixed(const char* data, std::size_t size, H5T_str_t pad) {
  std::size_t len = size;
  if (pad == H5T_STR_NULLTERM) {
    const void* nul = std::memchr(data, '\0', size);
    if (nul) len = static_cast<std::size_t>(static_cast<const char*>(nul) - data);
  } else {
    const char fill = pad == H5T_STR_SPACEPAD ? ' ' : '\0';
    while (len > 0 && data[len - 1] == fill) --len;
  }
  return std::string(data, len);
}

// Every string of a string attribute, decoded per element.
std::vector<std::string> read_strings(hid_t attr, hid_t type, std::size_t count, const Where& where) {
  std::vector<std::string> out;
  const H5T_cset_t cset = H5Tget_cset(type);
  if (H5Tis_variable_str(type) > 0) {
    Handle mem(checked(H5Tcopy(H5T_C_S1), "read attribute", where));
    checked(H5Tset_size(mem.get(), H5T_VARIABLE), "read attribute", where);
    checked(H5Tset_cset(mem.get(), cset), "read attribute", where);
    std::vector<char*> ptrs(count, nullptr);
    checked(H5Aread(attr, mem.get(), ptrs.data()), "read attribute", where);
    for (char* p : ptrs) out.emplace_back(p ? p : "");
    Handle space(checked(H5Aget_space(attr), "read attribute", where));
    H5Dvlen_reclaim(mem.get(), space.get(), H5P_DEFAULT, ptrs.data());
    return out;
  }
  const std::size_t size = H5Tget_size(type);
  std::vector<char> buf(size * count);
  Handle mem(checked(H5Tcopy(type), "read attribute", where));
  checked(H5Aread(attr, mem.get(), buf.data()), "read attribute", where);
  const H5T_str_t pad = H5Tget_strpad(type);
  for (std::size_t k = 0; k < count; ++k) out.push_back(trim_fixed(buf.data() + k * size, size, pad));
  return out;
}

}  // namespace

std::optional<StoredAttribute> read_attribute(hid_t obj, std::string_view name) {
  const Where where{obj};
  const std::string n(name);
  h5kit::detail::silence_hdf5_errors();
  if (checked(H5Aexists(obj, n.c_str()), "test attribute", where, ErrorKind::file, quoted(name)) <= 0)
    return std::nullopt;
  Handle attr(checked(H5Aopen(obj, n.c_str(), H5P_DEFAULT), "open attribute", where, ErrorKind::file, quoted(name)));
  Handle type(checked(H5Aget_type(attr.get()), "read attribute", where, ErrorKind::file, quoted(name)));
  Handle space(checked(H5Aget_space(attr.get()), "read attribute", where, ErrorKind::file, quoted(name)));
  const H5S_class_t space_class = H5Sget_simple_extent_type(space.get());
  const H5T_class_t cls = H5Tget_class(type.get());
  StoredAttribute out;
  if (space_class == H5S_NULL) {
    // PyTables' empty string; an empty attribute of another type reads as None.
    out.is_text = cls == H5T_STRING;
    return out;
  }
  const Shape extent = h5kit::detail::extent_of(space.get());
  const std::size_t count = element_count(extent);
  const bool scalar = extent.empty() || (extent.size() == 1 && extent[0] == 1 && cls == H5T_STRING);
  if (cls == H5T_STRING) {
    std::vector<std::string> strings = read_strings(attr.get(), type.get(), count, where);
    if (scalar) {
      out.is_text = true;
      out.text = strings.empty() ? std::string() : std::move(strings[0]);
      return out;
    }
    PyList items;
    for (auto& s : strings) items.emplace_back(std::move(s));
    out.value = PyValue::list(std::move(items));
    return out;
  }
  const auto element = element_type_of_stored(type.get());
  if (!element || *element == ElementType::complex64 || *element == ElementType::complex128 || extent.size() > 1)
    throw_error(ErrorKind::type_mismatch, "read attribute", file_of(obj), path_of(obj),
                quoted(name) + " is not a string, a number or a 1-D array of numbers, which is all pymodaq stores");
  PyList items;
  if (*element == ElementType::boolean) {
    std::vector<std::uint8_t> v(count);
    Handle mem = memory_type(ElementType::boolean);
    if (H5Tget_class(type.get()) == H5T_ENUM) {
      checked(H5Aread(attr.get(), H5T_NATIVE_INT8, v.data()), "read attribute", where, ErrorKind::type_mismatch,
              quoted(name));
    } else {
      checked(H5Aread(attr.get(), mem.get(), v.data()), "read attribute", where, ErrorKind::type_mismatch,
              quoted(name));
    }
    for (auto b : v) items.emplace_back(b != 0);
  } else if (cls == H5T_INTEGER && !(*element == ElementType::uint64)) {
    std::vector<std::int64_t> v(count);
    checked(H5Aread(attr.get(), H5T_NATIVE_INT64, v.data()), "read attribute", where, ErrorKind::type_mismatch,
            quoted(name));
    for (auto i : v) items.emplace_back(i);
  } else if (cls == H5T_INTEGER) {
    std::vector<std::uint64_t> v(count);
    checked(H5Aread(attr.get(), H5T_NATIVE_UINT64, v.data()), "read attribute", where, ErrorKind::type_mismatch,
            quoted(name));
    for (auto u : v) {
      if (u > static_cast<std::uint64_t>(INT64_MAX)) items.emplace_back(static_cast<double>(u));
      else items.emplace_back(static_cast<std::int64_t>(u));
    }
  } else {
    std::vector<double> v(count);
    checked(H5Aread(attr.get(), H5T_NATIVE_DOUBLE, v.data()), "read attribute", where, ErrorKind::type_mismatch,
            quoted(name));
    for (auto d : v) items.emplace_back(d);
  }
  if (extent.empty()) out.value = items.at(0);
  else out.value = PyValue::list(std::move(items));
  return out;
}

namespace {
herr_t collect(hid_t, const char* name, const H5A_info_t*, void* data) {
  static_cast<std::vector<std::string>*>(data)->emplace_back(name);
  return 0;
}
}  // namespace

std::vector<std::string> attribute_names(hid_t obj) {
  std::vector<std::string> names;
  hsize_t idx = 0;
  h5kit::detail::silence_hdf5_errors();
  checked(H5Aiterate2(obj, H5_INDEX_NAME, H5_ITER_INC, &idx, collect, &names), "list attributes", Where{obj});
  return names;
}

}  // namespace h5kit::daq::detail
