#pragma once
// Which h5kit models the graph loader builds, keyed by the value of a type attribute:
//
//     h5kit::graph::TypeRegistry types;                      // reads neurodata_type, else data_type
//     types.add<ElectricalSeries>("ElectricalSeries")        // group models
//          .add<DynamicTableRegion>("DynamicTableRegion");   // dataset models (DatasetOf, derived)
//     h5kit::graph::TypeRegistry hdmf({"data_type"});        // hdmf-common files only
//
// A node whose type attribute names a registered type is loaded with h5kit::load<T> (with the
// LoadOptions given to add(), validated as any model load); every other node stays a generic Node.
#include <map>
#include <memory>
#include <string>
#include <string_view>
#include <typeinfo>
#include <utility>
#include <vector>

#include "h5kit/model.hpp"

namespace h5kit::graph {

// What a registered loader made of one object: the model, and where its Ref<T> fields are (so the
// graph loader can bind them to the models already loaded).
struct LoadedModel {
  std::shared_ptr<void> model;
  std::vector<std::pair<RefBase*, std::string>> refs;  // each Ref field and its model path
};

class TypeRegistry {
 public:
  struct Entry {
    std::string type_value;              // "ElectricalSeries"
    const std::type_info* cpp_type = nullptr;
    std::string model_name;              // the model's schema name, for messages
    bool dataset_model = false;          // loaded from a dataset (else from a group)
    LoadOptions options;
    // Loads the model from `object` (a group or dataset as dataset_model says). Throws what
    // h5kit::load throws: ValidationError with every problem, or another h5kit::Error.
    void (*load)(const Object& object, const LoadOptions& options, LoadedModel& out) = nullptr;
  };

  // A node's type is the string value of the first of these attributes it has.
  explicit TypeRegistry(std::vector<std::string> type_attributes = {"neurodata_type", "data_type"});

  // Registers model T for nodes whose type attribute is `type_value`. InvalidArgumentError when the
  // value is empty or already registered.
  template <class T>
  TypeRegistry& add(std::string type_value, const LoadOptions& options = {});

  const std::vector<std::string>& type_attributes() const noexcept { return attributes_; }
  const Entry* find(std::string_view type_value) const;
  std::size_t size() const noexcept { return entries_.size(); }

 private:
  void add_entry(Entry entry);
  std::vector<std::string> attributes_;
  std::map<std::string, Entry, std::less<>> entries_;
};

namespace detail {
template <class T>
void load_registered(const Object& object, const LoadOptions& options, LoadedModel& out) {
  std::shared_ptr<T> model;
  if constexpr (h5kit::detail::model::is_dataset_model<T>) {
    model = std::make_shared<T>(h5kit::load<T>(object.as_dataset(), options));
  } else {
    model = std::make_shared<T>(h5kit::load<T>(object.as_group(), options));
  }
  // The model lives on the heap from here on: pointers to its Ref fields stay valid.
  for_each_ref(*model, [&](RefBase& ref, const std::string& where) { out.refs.emplace_back(&ref, where); });
  out.model = std::move(model);
}
}  // namespace detail

template <class T>
TypeRegistry& TypeRegistry::add(std::string type_value, const LoadOptions& options) {
  static_assert(h5kit::detail::model::is_node_model<T>,
                "h5kit: register a model (a described struct, a DatasetOf or a struct derived from one)");
  Entry e;
  e.type_value = std::move(type_value);
  e.cpp_type = &typeid(T);
  e.model_name = schema_of<T>().name;
  e.dataset_model = h5kit::detail::model::is_dataset_model<T>;
  e.options = options;
  e.load = &detail::load_registered<T>;
  add_entry(std::move(e));
  return *this;
}

}  // namespace h5kit::graph
