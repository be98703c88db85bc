#include "type_name.hpp"

#include <hdf5.h>  // H5Tdetect_class: whether any part of a type is opaque (no Datatype query for it yet)

#include "numpy_time.hpp"

namespace h5kit::cli {

std::string type_name(const Datatype& type) {
  // Only types with an opaque part differ from the library's name; the rest keep its spelling exactly.
  if (H5Tdetect_class(type.id(), H5T_OPAQUE) <= 0) return type.name();
  switch (type.type_class()) {
    case TypeClass::opaque: {
      const std::string tag = type.tag();
      if (const auto time = parse_numpy_time_tag(tag); time && type.size() == 8) return time->numpy_name();
      const std::string size = std::to_string(type.size());
      return tag.empty() ? "opaque(" + size + ")" : "opaque(" + size + ",\"" + tag + "\")";
    }
    case TypeClass::compound: {
      std::string out = "compound{";
      bool first = true;
      for (const CompoundMember& member : type.members()) {
        out += (first ? "" : ",") + member.name + ":" + type_name(member.type);
        first = false;
      }
      return out + "}";
    }
    case TypeClass::array: return "array(" + type_name(type.super()) + "," + to_string(type.array_dims()) + ")";
    case TypeClass::vlen: return "vlen(" + type_name(type.super()) + ")";
    default: return type.name();
  }
}

}  // namespace h5kit::cli
