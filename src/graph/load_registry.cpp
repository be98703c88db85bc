#include "h5kit/graph/load_registry.hpp"

#include "h5kit/error.hpp"

namespace h5kit::graph {

TypeRegistry::TypeRegistry(std::vector<std::string> type_attributes) : attributes_(std::move(type_attributes)) {
  if (attributes_.empty()) {
    throw_error(ErrorKind::invalid_argument, "type registry", "", "",
                "name at least one type attribute (neurodata_type, data_type...)");
  }
}

void TypeRegistry::add_entry(Entry entry) {
  if (entry.type_value.empty()) {
    throw_error(ErrorKind::invalid_argument, "register model type", "", "",
                "model " + entry.model_name + " needs a non-empty type value");
  }
  if (const Entry* taken = find(entry.type_value)) {
    throw_error(ErrorKind::invalid_argument, "register model type", "", "",
                "type \"" + entry.type_value + "\" is already registered for model " + taken->model_name +
                    "; cannot register model " + entry.model_name + " for it too");
  }
  std::string key = entry.type_value;
  entries_.emplace(std::move(key), std::move(entry));
}

const TypeRegistry::Entry* TypeRegistry::find(std::string_view type_value) const {
  const auto it = entries_.find(type_value);
  return it == entries_.end() ? nullptr : &it->second;
}

}  // namespace h5kit::graph
