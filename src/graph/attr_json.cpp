#include "graph/attr_json.hpp"

#include <hdf5.h>

#include <cmath>
#include <cstring>

#include "h5kit/attribute.hpp"

namespace h5kit::graph::detail {

namespace {

template <class T>
T load(const std::byte* p) {
  T v;
  std::memcpy(&v, p, sizeof v);
  return v;
}

Json number(double v) {
  if (std::isnan(v)) return "nan";
  if (std::isinf(v)) return v > 0 ? "inf" : "-inf";
  return v;
}

Json text(std::string s) {
  while (!s.empty() && s.back() == '\0') s.pop_back();
  // Invalid UTF-8 would make dump() throw: replace such bytes.
  return Json(Json::string_t(std::move(s)));
}

Json element(const Datatype& t, const std::byte* p, Resolver& resolver) {
  switch (t.type_class()) {
    case TypeClass::integer: {
      const std::size_t n = t.size();
      if (t.is_signed()) {
        switch (n) {
          case 1: return load<std::int8_t>(p);
          case 2: return load<std::int16_t>(p);
          case 4: return load<std::int32_t>(p);
          default: return load<std::int64_t>(p);
        }
      }
      switch (n) {
        case 1: return load<std::uint8_t>(p);
        case 2: return load<std::uint16_t>(p);
        case 4: return load<std::uint32_t>(p);
        default: return load<std::uint64_t>(p);
      }
    }
    case TypeClass::floating:
      if (t.size() == 4) return number(load<float>(p));
      if (t.size() == 8) return number(load<double>(p));
      return nullptr;
    case TypeClass::string:
      if (t.is_variable_string()) {
        const char* s = load<const char*>(p);
        return s ? text(s) : Json(nullptr);
      }
      return text(std::string(reinterpret_cast<const char*>(p), t.size()));
    case TypeClass::enumeration: {
      const Datatype base = t.super();
      const Json v = element(base, p, resolver);
      const std::int64_t value = v.is_number_integer() ? v.get<std::int64_t>() : 0;
      if (t.is_bool()) return value != 0;
      for (const auto& [name, member] : t.enum_members())
        if (member == value) return name;
      return v;
    }
    case TypeClass::compound: {
      Json out = Json::object();
      if (t.is_complex()) {
        const auto m = t.members();
        return Json::array({element(m[0].type, p + m[0].offset, resolver), element(m[1].type, p + m[1].offset, resolver)});
      }
      for (const CompoundMember& m : t.members()) out[m.name] = element(m.type, p + m.offset, resolver);
      return out;
    }
    case TypeClass::array: {
      const Datatype base = t.super();
      std::size_t n = 1;
      for (std::size_t d : t.array_dims()) n *= d;
      Json out = Json::array();
      for (std::size_t i = 0; i < n; ++i) out.push_back(element(base, p + i * base.size(), resolver));
      return out;
    }
    case TypeClass::vlen: {
      const hvl_t vl = load<hvl_t>(p);
      const Datatype base = t.super();
      Json out = Json::array();
      const auto* items = static_cast<const std::byte*>(vl.p);
      for (std::size_t i = 0; items && i < vl.len; ++i) out.push_back(element(base, items + i * base.size(), resolver));
      return out;
    }
    case TypeClass::reference: {
      StoredReference ref;
      resolver.resolve(t.is_region_reference() ? ReferenceKind::region : ReferenceKind::object, p, ref);
      if (!ref.target_path) return nullptr;
      if (ref.kind == ReferenceKind::object) return *ref.target_path;
      Json out = {{"path", *ref.target_path}};
      out["selection"] = ref.selection ? selection_json(*ref.selection) : Json(nullptr);
      return out;
    }
    default: return nullptr;  // opaque, bitfield, time: not metadata anyone reads from a graph
  }
}

Json shaped(const Datatype& t, const std::byte* data, const Shape& shape, std::size_t axis, std::size_t& at,
            Resolver& resolver) {
  if (axis == shape.size()) {
    Json v = element(t, data + at * t.size(), resolver);
    ++at;
    return v;
  }
  Json out = Json::array();
  for (std::size_t i = 0; i < shape[axis]; ++i) out.push_back(shaped(t, data, shape, axis + 1, at, resolver));
  return out;
}

}  // namespace

Json selection_json(const Selection& selection) {
  Json out;
  switch (selection.kind()) {
    case SelectionKind::all: out["type"] = "all"; break;
    case SelectionKind::none: out["type"] = "none"; break;
    case SelectionKind::points: {
      out["type"] = "points";
      Json pts = Json::array();
      for (const Shape& p : selection.point_list()) pts.push_back(p);
      out["points"] = pts;
      break;
    }
    case SelectionKind::blocks: {
      out["type"] = "blocks";
      Json blocks = Json::array();
      for (const Block& b : selection.block_list()) blocks.push_back({{"offset", b.offset}, {"count", b.count}});
      out["blocks"] = blocks;
      break;
    }
  }
  return out;
}

std::vector<NodeAttribute> attributes_as_json(const Object& object, Resolver& resolver) {
  std::vector<NodeAttribute> out;
  const AttributeManager attrs = object.attrs();
  for (const std::string& name : attrs.keys()) {
    Json value;
    try {
      const RawData raw = attrs.open(name).read_native();
      if (raw.is_empty()) {
        value = nullptr;
      } else {
        std::size_t at = 0;
        value = shaped(raw.type(), raw.data(), raw.shape(), 0, at, resolver);
      }
    } catch (const std::exception& e) {
      value = {{"error", e.what()}};
    }
    out.push_back({name, value.dump(-1, ' ', false, Json::error_handler_t::replace)});
  }
  return out;
}

}  // namespace h5kit::graph::detail
