#pragma once
// Every Ref<T> field of a loaded model, wherever it sits: in the model itself, nested models, dataset
// models, optionals, lists, maps, variants, and std::vector<Ref<T>> attributes. A loader uses it to
// bind references after load() (h5kit/graph/load.hpp).
//
//     h5kit::for_each_ref(series, [](h5kit::RefBase& r, const std::string& where) {
//       std::cout << where << " -> " << r.reference().address << '\n';   // "ElectricalSeries.electrodes.table"
//     });
#include <string>
#include <type_traits>
#include <variant>

#include "h5kit/model/detail/schema_of.hpp"
#include "h5kit/model/ref.hpp"

namespace h5kit {

namespace detail::model {

template <class M>
inline constexpr bool is_ref_field = std::is_base_of_v<RefBase, M>;

template <class T, class F>
void refs_of_members(T& object, const std::string& where, F& visit);

// `where`: the model path of `value`, as Problem::model_path spells it ("Series.electrodes.table",
// "Table.columns[2]", "Map.entries.name").
template <class M, class F>
void refs_of_value(M& value, const std::string& where, F& visit) {
  if constexpr (is_ref_field<M>) {
    visit(static_cast<RefBase&>(value), where);
  } else if constexpr (optional_of<M>::value) {
    if (value) refs_of_value(*value, where, visit);
  } else if constexpr (variant_of<M>::value) {
    std::visit([&](auto& alternative) { refs_of_value(alternative, where, visit); }, value);
  } else if constexpr (map_of<M>::value) {
    for (auto& [key, element] : value) refs_of_value(element, where + "." + key, visit);
  } else if constexpr (list_of<M>::value) {
    std::size_t i = 0;
    for (auto& element : value) refs_of_value(element, where + "[" + std::to_string(i++) + "]", visit);
  } else if constexpr (is_node_model<M>) {
    refs_of_members(value, where, visit);
  } else if constexpr (requires { typename M::value_type; value.begin(); }) {
    // A plain container of references (std::vector<Ref<T>>, an attribute array).
    if constexpr (is_ref_field<typename M::value_type>) {
      std::size_t i = 0;
      for (auto& element : value) visit(static_cast<RefBase&>(element), where + "[" + std::to_string(i++) + "]");
    }
  }
}

template <class T, class F>
void refs_of_members(T& object, const std::string& where, F& visit) {
  boost::mp11::mp_for_each<members<T>>([&](auto d) { refs_of_value(object.*d.pointer, where + "." + d.name, visit); });
}

}  // namespace detail::model

// Calls visit(RefBase&, const std::string& model_path) for each Ref field of `model`, in declaration
// order (the elements of lists in order, of maps in key order).
template <class T, class F>
void for_each_ref(T& model, F&& visit) {
  static_assert(detail::model::is_node_model<T>, "h5kit: for_each_ref() takes a model (a described struct or DatasetOf)");
  detail::model::refs_of_members(model, schema_of<T>().name, visit);
}

}  // namespace h5kit
