#include "detail/fill_string.hpp"

#include <algorithm>
#include <cstdio>
#include <vector>

#include "detail/utf8.hpp"

namespace h5kit::detail {

namespace {

constexpr const char* kCreate = "create dataset";
constexpr const char* kRead = "read fill value";

std::string byte_at(const std::string& s, std::size_t offset) {
  char text[8];
  std::snprintf(text, sizeof text, "0x%02x", static_cast<unsigned char>(s[offset]));
  return std::string(text) + " at offset " + std::to_string(offset);
}

// The value as a message shows it: control bytes escaped (a NUL would end the message), and the
// high bytes too when the value is not UTF-8; long values cut with "...".
std::string shown(const std::string& v) {
  const bool text = !first_invalid_utf8(v);
  std::string out = "\"";
  for (std::size_t i = 0; i < v.size() && i < 40; ++i) {
    const auto c = static_cast<unsigned char>(v[i]);
    if (c < 0x20 || c == 0x7f || (c >= 0x80 && !text)) {
      char escaped[5];
      std::snprintf(escaped, sizeof escaped, "\\x%02x", c);
      out += escaped;
    } else {
      out += static_cast<char>(c);
    }
  }
  return out + (v.size() > 40 ? "...\"" : "\"");
}

// The same rules as a written value (detail/io.cpp, check_string_values and the fixed-length fit).
void check_fits(const Datatype& type, const DatasetOptions::FillString& fill, const Where& where) {
  const std::string& v = fill.value;
  const bool utf8 = type.charset() == CharSet::utf8;
  const std::string prefix = "the fill value " + shown(v) + " ";
  if (utf8)
    if (const auto bad = first_invalid_utf8(v))
      reject(ErrorKind::invalid_argument, kCreate, where,
             prefix + "is not valid UTF-8 (byte " + byte_at(v, *bad) + ") and the type " + type.name() +
                 " is UTF-8 text; nothing was created");
  if (!utf8 && fill.text)
    if (const auto high = std::find_if(v.begin(), v.end(), [](char c) { return static_cast<unsigned char>(c) >= 0x80; });
        high != v.end())
      reject(ErrorKind::invalid_argument, kCreate, where,
             prefix + "is not ASCII (byte " + byte_at(v, static_cast<std::size_t>(high - v.begin())) + ") and the type " +
                 type.name() + " is ASCII text; use a UTF-8 string type, or give h5kit::Bytes; nothing was created");
  if (type.is_variable_string()) {
    if (const std::size_t nul = v.find('\0'); nul != std::string::npos)
      reject(ErrorKind::invalid_argument, kCreate, where,
             prefix + "holds a NUL byte at offset " + std::to_string(nul) +
                 ", where a variable-length string would end; nothing was created");
  } else if (v.size() > type.size()) {
    reject(ErrorKind::invalid_argument, kCreate, where,
           prefix + "has " + std::to_string(v.size()) + " bytes and does not fit the fixed length of " +
               std::to_string(type.size()) + " bytes; nothing was created");
  }
}

bool space_padded(hid_t type) { return H5Tget_strpad(type) == H5T_STR_SPACEPAD; }

}  // namespace

void set_string_fill_value(hid_t dcpl, const Datatype& type, const DatasetOptions::FillString& fill,
                           const Where& where) {
  if (type.type_class() != TypeClass::string)
    reject(ErrorKind::type_mismatch, kCreate, where,
           "a string fill value needs a string type; the dataset's type is " + type.name());
  check_fits(type, fill, where);
  if (type.is_variable_string()) {
    const char* value = fill.value.c_str();
    checked(H5Pset_fill_value(dcpl, type.id(), &value), kCreate, where, ErrorKind::type_mismatch);
    return;
  }
  std::vector<char> slot(type.size(), space_padded(type.id()) ? ' ' : '\0');
  std::copy(fill.value.begin(), fill.value.end(), slot.begin());
  checked(H5Pset_fill_value(dcpl, type.id(), slot.data()), kCreate, where, ErrorKind::type_mismatch);
}

std::optional<std::string> read_string_fill_value(hid_t dcpl, hid_t stored_type, const Where& where) {
  H5D_fill_value_t status = H5D_FILL_VALUE_UNDEFINED;
  checked(H5Pfill_value_defined(dcpl, &status), kRead, where);
  if (status == H5D_FILL_VALUE_UNDEFINED) return std::nullopt;
  // The default is zero bytes: an empty string. Asking HDF5 to convert it into a variable-length
  // string is what crashes h5py 3.7 (a null pointer), so it is answered here.
  if (status == H5D_FILL_VALUE_DEFAULT) return std::string();
  if (H5Tis_variable_str(stored_type) > 0) {
    char* value = nullptr;
    checked(H5Pget_fill_value(dcpl, stored_type, &value), kRead, where, ErrorKind::type_mismatch);
    std::string out = value ? value : "";
    H5free_memory(value);
    return out;
  }
  const std::size_t width = H5Tget_size(stored_type);
  std::vector<char> slot(width);
  checked(H5Pget_fill_value(dcpl, stored_type, slot.data()), kRead, where, ErrorKind::type_mismatch);
  std::size_t len = width;
  const bool spaces = space_padded(stored_type);
  while (len > 0 && (slot[len - 1] == '\0' || (spaces && slot[len - 1] == ' '))) --len;
  return std::string(slot.data(), len);
}

}  // namespace h5kit::detail
