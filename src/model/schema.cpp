#include "h5kit/model/schema.hpp"

namespace h5kit {

const char* to_string(FieldKind kind) noexcept {
  switch (kind) {
    case FieldKind::attribute: return "attribute";
    case FieldKind::dataset: return "dataset";
    case FieldKind::group: return "group";
    case FieldKind::list: return "list";
    case FieldKind::map: return "map";
    case FieldKind::one_of: return "one_of";
  }
  return "?";
}

const FieldSchema* ModelSchema::find_member(std::string_view member) const noexcept {
  for (const FieldSchema& f : fields) {
    if (f.member == member) return &f;
  }
  return nullptr;
}

const FieldSchema* ModelSchema::find_name(std::string_view stored_name) const noexcept {
  for (const FieldSchema& f : fields) {
    if (f.name == stored_name) return &f;
  }
  return nullptr;
}

}  // namespace h5kit
