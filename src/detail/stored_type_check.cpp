#include "detail/stored_type_check.hpp"

#include "detail/h5_text.hpp"

namespace h5kit::detail {

namespace {

const char* kind_of(H5T_class_t type_class) {
  switch (type_class) {
    case H5T_INTEGER: return "an integer";
    case H5T_FLOAT: return "a float";
    case H5T_BITFIELD: return "a bitfield";
    default: return "a type";
  }
}

// Integers, floats and bitfields place `precision` bits at bit `offset` of `size` bytes.
std::string bits_damage(hid_t type, H5T_class_t type_class) {
  const std::size_t size = H5Tget_size(type);
  const std::size_t precision = H5Tget_precision(type);
  const int offset = H5Tget_offset(type);
  if (size == 0 || precision == 0 || offset < 0 || precision + static_cast<std::size_t>(offset) > 8 * size)
    return std::string(kind_of(type_class)) + " of " + std::to_string(size) + " bytes cannot hold " +
           std::to_string(precision) + " bits of precision at offset " + std::to_string(offset);
  return "";
}

std::string in_base_type(hid_t type, const char* what) {
  const hid_t base = H5Tget_super(type);
  if (base < 0) return std::string("its ") + what + " base type cannot be read";
  std::string damage = stored_type_damage(base);
  H5Tclose(base);
  return damage.empty() ? damage : std::string(what) + " base: " + damage;
}

}  // namespace

std::string stored_type_damage(hid_t type) {
  const H5T_class_t type_class = H5Tget_class(type);
  switch (type_class) {
    case H5T_INTEGER:
    case H5T_FLOAT:
    case H5T_BITFIELD: return bits_damage(type, type_class);
    case H5T_ENUM: return in_base_type(type, "enum");
    case H5T_ARRAY: return in_base_type(type, "array");
    case H5T_VLEN: return in_base_type(type, "sequence");
    case H5T_COMPOUND: {
      const int members = H5Tget_nmembers(type);
      for (int i = 0; i < members; ++i) {
        const hid_t member = H5Tget_member_type(type, static_cast<unsigned>(i));
        if (member < 0) return "member " + std::to_string(i) + "'s type cannot be read";
        const std::string damage = stored_type_damage(member);
        H5Tclose(member);
        if (!damage.empty())
          return "member '" + take_h5_string(H5Tget_member_name(type, static_cast<unsigned>(i))) + "': " + damage;
      }
      return "";
    }
    default: return "";
  }
}

}  // namespace h5kit::detail
