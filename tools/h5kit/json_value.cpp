#include "json_value.hpp"

#include <bit>
#include <charconv>
#include <cmath>
#include <cstring>
#include <memory>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include <hdf5.h>  // hvl_t: the layout HDF5 gives variable-length sequences in memory

#include "numpy_time.hpp"

namespace h5kit::cli {

// A datatype decoded once into plain data. Asking HDF5 about the type costs a library call; doing
// it once per type instead of once per element keeps a large dump fast.
struct ElementLayout {
  enum class Kind {
    signed_integer,
    unsigned_integer,  // also bitfields
    floating,
    boolean,      // h5py's enum {FALSE, TRUE}
    enumeration,  // children[0]: the base integer
    fixed_string,
    variable_string,
    complex,   // h5py's compound {r, i}: children[0..1] at offsets[0..1]
    compound,  // children[i] named names[i] at offsets[i]
    reference,
    region_reference,  // hdset_reg_ref_t: followed with Group::dereference
    datetime,          // h5py's numpy datetime64 opaque ("NUMPY:<M8[ns]")
    timedelta,         // h5py's numpy timedelta64 opaque ("NUMPY:<m8[ms]")
    array,  // children[0] repeated by dims
    vlen,   // children[0] repeated by each element's length
    opaque,
    unsupported,  // HDF5's time class, integers of odd sizes: written as null
  };
  Kind kind = Kind::unsupported;
  std::size_t size = 0;
  std::vector<std::pair<std::string, std::int64_t>> enum_members;
  std::vector<std::string> names;
  std::vector<std::size_t> offsets;
  std::vector<ElementLayout> children;
  Shape dims;
  NumpyTime time;  // datetime, timedelta
};

namespace {

using Layout = ElementLayout;

bool is_plain_width(std::size_t size) { return size == 1 || size == 2 || size == 4 || size == 8; }

Layout layout_of(const Datatype& type) {
  using Kind = Layout::Kind;
  Layout layout;
  layout.size = type.size();
  switch (type.type_class()) {
    case TypeClass::integer:
      if (is_plain_width(layout.size)) layout.kind = type.is_signed() ? Kind::signed_integer : Kind::unsigned_integer;
      break;
    case TypeClass::bitfield:
      if (is_plain_width(layout.size)) layout.kind = Kind::unsigned_integer;
      break;
    case TypeClass::floating:
      if (layout.size == sizeof(float) || layout.size == sizeof(double) || layout.size == sizeof(long double))
        layout.kind = Kind::floating;
      break;
    case TypeClass::string:
      layout.kind = type.is_variable_string() ? Kind::variable_string : Kind::fixed_string;
      break;
    case TypeClass::enumeration:
      if (type.is_bool()) {
        layout.kind = Kind::boolean;
      } else {
        layout.children.push_back(layout_of(type.super()));
        const Kind base = layout.children.front().kind;
        if (base == Kind::signed_integer || base == Kind::unsigned_integer) {
          layout.kind = Kind::enumeration;
          layout.enum_members = type.enum_members();
        }
      }
      break;
    case TypeClass::compound:
      layout.kind = type.is_complex() ? Kind::complex : Kind::compound;
      for (const CompoundMember& member : type.members()) {
        layout.names.push_back(member.name);
        layout.offsets.push_back(member.offset);
        layout.children.push_back(layout_of(member.type));
      }
      break;
    case TypeClass::reference:
      // Object references are a file address (hobj_ref_t); region references (hdset_reg_ref_t) are
      // a heap ID that HDF5 itself decodes.
      if (type.is_region_reference())
        layout.kind = Kind::region_reference;
      else if (layout.size == sizeof(ObjectReference::address))
        layout.kind = Kind::reference;
      break;
    case TypeClass::array:
      layout.kind = Kind::array;
      layout.dims = type.array_dims();
      layout.children.push_back(layout_of(type.super()));
      break;
    case TypeClass::vlen:
      layout.kind = Kind::vlen;
      layout.children.push_back(layout_of(type.super()));
      break;
    case TypeClass::opaque:
      layout.kind = Kind::opaque;
      if (const auto time = parse_numpy_time_tag(type.tag()); time && layout.size == sizeof(std::int64_t)) {
        layout.kind = time->is_duration ? Kind::timedelta : Kind::datetime;
        layout.time = *time;
      }
      break;
    default:
      break;
  }
  return layout;
}

// Values in the buffer may sit at any offset inside a compound, so they are copied out, never cast.
template <class T>
T load(const std::byte* at) {
  T value;
  std::memcpy(&value, at, sizeof value);
  return value;
}

std::int64_t load_signed(const std::byte* at, std::size_t size) {
  switch (size) {
    case 1: return load<std::int8_t>(at);
    case 2: return load<std::int16_t>(at);
    case 4: return load<std::int32_t>(at);
    default: return load<std::int64_t>(at);
  }
}

std::uint64_t load_unsigned(const std::byte* at, std::size_t size) {
  switch (size) {
    case 1: return load<std::uint8_t>(at);
    case 2: return load<std::uint16_t>(at);
    case 4: return load<std::uint32_t>(at);
    default: return load<std::uint64_t>(at);
  }
}

// JSON has no nan or infinity; they become strings a reader can recognise.
Json non_finite(double value) {
  if (std::isnan(value)) return "nan";
  return value > 0 ? "inf" : "-inf";
}

Json float_value(const std::byte* at, std::size_t size) {
  if (size == sizeof(float)) {
    const float value = load<float>(at);
    if (!std::isfinite(value)) return non_finite(value);
    // The shortest text that gives back this float (0.1f prints as 0.1, as numpy shows it), read
    // back as the double JSON stores. A plain widening would print 0.10000000149011612.
    char text[32];
    const auto printed = std::to_chars(text, text + sizeof text, value);
    double widened = value;
    std::from_chars(text, printed.ptr, widened);
    return widened;
  }
  const double value = size == sizeof(double) ? load<double>(at) : static_cast<double>(load<long double>(at));
  if (!std::isfinite(value)) return non_finite(value);
  return value;
}

std::string base64(const std::byte* data, std::size_t size) {
  static constexpr char alphabet[] = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
  std::string out;
  out.reserve((size + 2) / 3 * 4);
  for (std::size_t i = 0; i < size; i += 3) {
    const std::size_t n = std::min<std::size_t>(3, size - i);
    std::uint32_t group = 0;
    for (std::size_t k = 0; k < 3; ++k)
      group = (group << 8) | (k < n ? std::to_integer<std::uint32_t>(data[i + k]) : 0U);
    for (std::size_t k = 0; k < 4; ++k)
      out += k <= n ? alphabet[(group >> (18 - 6 * k)) & 0x3FU] : '=';
  }
  return out;
}

// Strict UTF-8: no overlong forms, no surrogates, nothing above U+10FFFF.
bool is_valid_utf8(std::string_view text) {
  std::size_t i = 0;
  while (i < text.size()) {
    const auto lead = static_cast<unsigned char>(text[i]);
    std::size_t extra = 0;
    std::uint32_t code = 0;
    if (lead < 0x80) {
      ++i;
      continue;
    } else if (lead >= 0xC2 && lead <= 0xDF) {
      extra = 1, code = lead & 0x1FU;
    } else if (lead >= 0xE0 && lead <= 0xEF) {
      extra = 2, code = lead & 0x0FU;
    } else if (lead >= 0xF0 && lead <= 0xF4) {
      extra = 3, code = lead & 0x07U;
    } else {
      return false;
    }
    if (i + extra >= text.size()) return false;  // cut short
    for (std::size_t k = 1; k <= extra; ++k) {
      const auto next = static_cast<unsigned char>(text[i + k]);
      if ((next & 0xC0U) != 0x80U) return false;
      code = (code << 6) | (next & 0x3FU);
    }
    if ((extra == 2 && (code < 0x800 || (code >= 0xD800 && code <= 0xDFFF))) ||
        (extra == 3 && (code < 0x10000 || code > 0x10FFFF)))
      return false;
    i += extra + 1;
  }
  return true;
}

// Text is a JSON string when it is valid UTF-8. Other bytes (Latin-1 names, binary kept in "S"
// strings) would be lost to U+FFFD replacement, so they come out whole as {"base64": "..."}.
Json text_value(std::string_view text) {
  if (is_valid_utf8(text)) return std::string(text);
  return Json{{"base64", base64(reinterpret_cast<const std::byte*>(text.data()), text.size())}};
}

std::int64_t load_time_count(const std::byte* at, bool big_endian) {
  auto count = load<std::uint64_t>(at);
  // h5py writes numpy's bytes as they are; the tag says their order.
  if (big_endian != (std::endian::native == std::endian::big)) count = __builtin_bswap64(count);
  return static_cast<std::int64_t>(count);
}

// A time the ISO forms cannot show (a year past 9999): the raw count, with its numpy type.
Json out_of_range_time(std::int64_t count, const NumpyTime& time) {
  return Json{{"count", count}, {"dtype", time.numpy_name()}};
}

class Decoder {
 public:
  explicit Decoder(ReferenceResolver& references) : references_(references) {}

  // Elements laid out row-major from `data`, as nested lists over shape[axis...].
  Json block(const Layout& element, const std::byte* data, const Shape& shape, std::size_t axis = 0) {
    if (axis == shape.size()) return value(element, data);
    std::size_t stride = element.size;
    for (std::size_t k = axis + 1; k < shape.size(); ++k) stride *= shape[k];
    Json list = Json::array();
    for (std::size_t i = 0; i < shape[axis]; ++i) list.push_back(block(element, data + i * stride, shape, axis + 1));
    return list;
  }

  Json value(const Layout& layout, const std::byte* at) {
    using Kind = Layout::Kind;
    switch (layout.kind) {
      case Kind::signed_integer: return load_signed(at, layout.size);
      case Kind::unsigned_integer: return load_unsigned(at, layout.size);
      case Kind::floating: return float_value(at, layout.size);
      case Kind::boolean: return load_unsigned(at, layout.size) != 0;
      case Kind::enumeration: return enum_value(layout, at);
      case Kind::fixed_string: {
        std::string_view text(reinterpret_cast<const char*>(at), layout.size);
        while (!text.empty() && text.back() == '\0') text.remove_suffix(1);  // NUL padding
        return text_value(text);
      }
      case Kind::variable_string: {
        const char* text = load<const char*>(at);
        return text ? text_value(text) : Json(std::string());  // never written: HDF5 leaves a null pointer
      }
      case Kind::complex:
        return Json::array({value(layout.children[0], at + layout.offsets[0]),
                            value(layout.children[1], at + layout.offsets[1])});
      case Kind::compound: {
        Json fields = Json::object();
        for (std::size_t i = 0; i < layout.children.size(); ++i)
          fields[layout.names[i]] = value(layout.children[i], at + layout.offsets[i]);
        return fields;
      }
      case Kind::reference: return references_.path_of(load<std::uint64_t>(at));
      case Kind::region_reference: return references_.region_of(at);
      case Kind::datetime: {
        const std::int64_t count = load_time_count(at, layout.time.big_endian);
        if (auto text = format_datetime(count, layout.time)) return *text;
        return out_of_range_time(count, layout.time);
      }
      case Kind::timedelta: {
        const std::int64_t count = load_time_count(at, layout.time.big_endian);
        if (auto text = format_duration(count, layout.time)) return *text;
        return out_of_range_time(count, layout.time);
      }
      case Kind::array: return block(layout.children.front(), at, layout.dims);
      case Kind::vlen: {
        const auto sequence = load<hvl_t>(at);
        const Layout& element = layout.children.front();
        Json list = Json::array();
        const auto* items = static_cast<const std::byte*>(sequence.p);
        for (std::size_t i = 0; items && i < sequence.len; ++i) list.push_back(value(element, items + i * element.size));
        return list;
      }
      case Kind::opaque: return base64(at, layout.size);
      case Kind::unsupported: break;
    }
    return nullptr;
  }

 private:
  Json enum_value(const Layout& layout, const std::byte* at) {
    const Layout& base = layout.children.front();
    const std::int64_t number = base.kind == Layout::Kind::signed_integer
                                    ? load_signed(at, base.size)
                                    : static_cast<std::int64_t>(load_unsigned(at, base.size));
    for (const auto& [name, member_value] : layout.enum_members)
      if (member_value == number) return name;
    return value(base, at);  // a value no member names: keep the number rather than lose it
  }

  ReferenceResolver& references_;
};

}  // namespace

Json ReferenceResolver::path_of(std::uint64_t address) {
  if (address == 0) return nullptr;
  if (const auto it = cache_.find(address); it != cache_.end()) return it->second;
  Json path;
  try {
    path = root_.dereference(ObjectReference{address}).path();
  } catch (const Error&) {
    path = nullptr;  // the object was deleted, or the reference is garbage
  }
  cache_.emplace(address, path);
  return path;
}

Json ReferenceResolver::region_of(const std::byte* reference) {
  RegionReference ref;
  std::memcpy(ref.bytes.data(), reference, ref.bytes.size());
  if (ref.is_null()) return nullptr;
  try {
    const DatasetSelection region = root_.dereference(ref);
    const Selection& selection = region.selection();
    Json shown;
    switch (selection.kind()) {
      case SelectionKind::none: shown = Json{{"type", "none"}}; break;
      case SelectionKind::all: shown = Json{{"type", "all"}}; break;
      case SelectionKind::points: shown = Json{{"type", "points"}, {"points", selection.point_list()}}; break;
      case SelectionKind::blocks: {
        // Each block as [start, stop) per axis (stop exclusive, like Python slices).
        Json blocks = Json::array();
        for (const Block& block : selection.block_list()) {
          Json axes = Json::array();
          for (std::size_t axis = 0; axis < block.offset.size(); ++axis)
            axes.push_back(Json::array({block.offset[axis], block.offset[axis] + block.count[axis]}));
          blocks.push_back(std::move(axes));
        }
        shown = Json{{"type", "blocks"}, {"blocks", std::move(blocks)}};
        break;
      }
    }
    return Json{{"path", region.dataset().path()}, {"selection", std::move(shown)}};
  } catch (const Error&) {
    return nullptr;  // the dataset was deleted, or the reference is garbage
  }
}

Json to_json(const RawData& raw, ReferenceResolver& references) {
  if (raw.is_empty()) return nullptr;
  const Layout layout = layout_of(raw.type());
  return Decoder(references).block(layout, raw.data(), raw.shape());
}

ElementDecoder::ElementDecoder(const Datatype& native_type, ReferenceResolver& references)
    : layout_(std::make_unique<const ElementLayout>(layout_of(native_type))), references_(references) {}

ElementDecoder::~ElementDecoder() = default;

std::size_t ElementDecoder::element_size() const noexcept { return layout_->size; }

Json ElementDecoder::operator()(const std::byte* element) const { return Decoder(references_).value(*layout_, element); }

}  // namespace h5kit::cli
