#pragma once
// schema_of<T>(): the run-time ModelSchema of a model type, built once. The compile-time part is only
// the dispatch on member types; names, metadata and checks are plain data for compiled code.
#include <string>

#include <boost/core/type_name.hpp>
#include <boost/pfr/tuple_size.hpp>

#include "h5kit/inspector.hpp"
#include "h5kit/model/detail/traits.hpp"
#include "h5kit/model/schema.hpp"

namespace h5kit::detail::model {

// Member name, on-disk name, doc, unit, constraints and storage of a field (src/model/schema_build.cpp).
FieldSchema field_from_meta(std::string_view member, const FieldMeta& meta);
ModelSchema model_from_info(const ModelInfo& info, std::string type_name);
// InvalidArgumentError when two fields of one model are stored under the same name, or one under a
// name h5kit writes itself.
void check_unique_names(const ModelSchema& schema);
// InvalidArgumentError when a field declares a unit and its dataset model has a `units` field.
void check_dataset_note_fields(const ModelSchema& schema);
std::vector<std::string> enum_names_of(const Datatype& type);

template <class T>
ValueSchema value_schema() {
  using I = inspector<T>;
  ValueSchema v;
  const Datatype type = dtype<T>();
  v.dtype = type.name();
  if (type.type_class() == TypeClass::enumeration && !type.is_bool()) v.enum_names = enum_names_of(type);
  if constexpr (I::rank < 0) {
    v.any_rank = true;
  } else if constexpr (I::rank > 0) {
    // Axes a default value leaves at 0 (vectors) take any length; std::array axes are fixed.
    Shape s;
    I::shape(T{}, s);
    for (std::size_t n : s) v.shape.push_back(n == 0 ? kAnyExtent : static_cast<std::int64_t>(n));
  }
  return v;
}

template <class T>
ModelSchema build_schema();

// InvalidArgumentError: a model that contains itself (directly or through other models).
[[noreturn]] void throw_recursive_model(const std::string& type_name);

template <class T>
const ModelSchema& cached_schema() {
  // Checked before the static: entering its initialisation again from inside it would be a
  // recursive_init_error that terminates the program.
  thread_local bool building = false;
  if (building) throw_recursive_model(boost::core::type_name<T>());
  building = true;
  struct Done {
    ~Done() { building = false; }
  } done;
  static const ModelSchema schema = build_schema<T>();
  return schema;
}

// A plain container stored as a dataset (Placement::dataset): a dataset model without attributes.
template <class T>
ModelSchema plain_dataset_schema() {
  ModelSchema m;
  m.name = "dataset";
  m.is_dataset = true;
  m.value = value_schema<T>();
  return m;
}

template <class T, Placement placement>
constexpr FieldKind kind_of() {
  using V = typename optional_of<T>::type;
  if constexpr (variant_of<V>::value) return FieldKind::one_of;
  else if constexpr (list_of<V>::value) return FieldKind::list;
  else if constexpr (map_of<V>::value) return FieldKind::map;
  else if constexpr (is_dataset_model<V>) return FieldKind::dataset;
  else if constexpr (is_group_model<V> && placement != Placement::attribute) return FieldKind::group;
  else if constexpr (placement == Placement::dataset) return FieldKind::dataset;
  else return FieldKind::attribute;
}

template <class... A>
std::vector<ModelSchema> alternatives_of(std::variant<A...>*) {
  return {cached_schema<A>()...};
}

// Metadata the field's kind would silently ignore, or that HDF5 would refuse only at dump time.
template <class T, class D>
void check_placement_and_storage() {
  using M = std::remove_cvref_t<decltype(std::declval<T&>().*D::pointer)>;
  using V = typename optional_of<M>::type;
  static constexpr FieldMeta meta = meta_of<T, D>();
  static constexpr FieldKind kind = kind_of<M, meta.placement>();
  static_assert(meta.placement != Placement::attribute || kind == FieldKind::attribute,
                "h5kit: .attribute() applies to scalars, arrays and described structs (compound attributes), not "
                "to DatasetOf, lists or maps of models, or std::variant fields");
  static_assert(meta.placement != Placement::dataset || kind == FieldKind::dataset,
                "h5kit: .dataset() applies to scalars and arrays; a nested model is a group (or a compound "
                "attribute with .attribute()), a list or map of models a group of members");
  static_assert(kind != FieldKind::attribute || (meta.gzip < 0 && !meta.shuffle && meta.chunk_rank == 0),
                "h5kit: gzip(), shuffle() and chunks() apply to datasets; this field is an attribute (add .dataset() "
                "to store it as a dataset)");
  static_assert(kind != FieldKind::group || (meta.gzip < 0 && !meta.shuffle && meta.chunk_rank == 0),
                "h5kit: gzip(), shuffle() and chunks() apply to datasets; this field is a group");
  static_assert(meta.gzip >= -1 && meta.gzip <= 9, "h5kit: gzip levels are 0 to 9");
  if constexpr (is_dataset_model<V> && meta.chunk_rank != 0) {
    static_assert(meta.chunk_rank == V::rank, "h5kit: chunks() needs one extent per axis of the dataset");
    static_assert(
        [] {
          for (std::size_t i = 0; i < V::rank; ++i) {
            const auto declared = V::extents[i];
            if (meta.chunks[i] == 0) return false;
            if (declared != kAnyExtent && meta.chunks[i] > static_cast<std::size_t>(declared)) return false;
          }
          return true;
        }(),
        "h5kit: chunk extents are positive and no larger than a fixed extent of the dataset");
  }
}

template <class T, class D>
FieldSchema build_field() {
  using M = std::remove_cvref_t<decltype(std::declval<T&>().*D::pointer)>;
  using V = typename optional_of<M>::type;
  static constexpr FieldMeta meta = meta_of<T, D>();
  static constexpr FieldKind kind = kind_of<M, meta.placement>();
  check_placement_and_storage<T, D>();
  FieldSchema f = field_from_meta(D::name, meta);
  f.optional = optional_of<M>::value;
  f.kind = kind;
  if constexpr (variant_of<V>::value) f.models = alternatives_of(static_cast<V*>(nullptr));
  else if constexpr (list_of<V>::value) f.models = {cached_schema<typename list_of<V>::element>()};
  else if constexpr (map_of<V>::value) f.models = {cached_schema<typename map_of<V>::element>()};
  else if constexpr (is_dataset_model<V> || (is_group_model<V> && meta.placement != Placement::attribute)) {
    f.models = {cached_schema<V>()};
  } else if constexpr (meta.placement == Placement::dataset) {
    f.models = {plain_dataset_schema<V>()};
  } else {
    f.value = value_schema<V>();
  }
  return f;
}

// build_field through a template on the member pointer: when a field's type cannot be stored, the
// compiler's instantiation chain shows build_field_of<Model, ..., &Model::field>, naming the field.
// A member h5kit cannot store is one error (unsupported_model_member), not a cascade: nothing else is
// instantiated for it, here or in the walkers (for_each_field skips it).
template <class T, class D, auto Member>
FieldSchema build_field_of() {
  using M = std::remove_cvref_t<decltype(std::declval<T&>().*D::pointer)>;
  if constexpr (!storable<M>) {
    (void)sizeof(unsupported_model_member<T, Member, M>);
    return FieldSchema{};
  } else {
    return build_field<T, D>();
  }
}

template <class T>
constexpr bool aggregate_fully_described() {
  if constexpr (std::is_aggregate_v<T> && !is_dataset_model<T> && boost::describe::has_describe_bases<T>::value) {
    using bases = boost::describe::describe_bases<T, boost::describe::mod_any_access>;
    if constexpr (boost::mp11::mp_empty<bases>::value) {
      return boost::pfr::tuple_size_v<T> == boost::mp11::mp_size<members<T>>::value;
    } else {
      return true;  // Boost.PFR cannot count the members of a struct with bases
    }
  } else {
    return true;
  }
}

// A dataset's own fields become its attributes: it cannot hold groups or other datasets.
template <class T>
constexpr bool only_attribute_fields() {
  bool ok = true;
  boost::mp11::mp_for_each<members<T>>([&](auto d) {
    using D = decltype(d);
    using M = std::remove_cvref_t<decltype(std::declval<T&>().*D::pointer)>;
    ok = ok && kind_of<M, meta_of<T, D>().placement>() == FieldKind::attribute;
  });
  return ok;
}

template <class T>
ModelSchema build_schema() {
  static_assert(is_node_model<T>, "h5kit: a model is a struct described with BOOST_DESCRIBE_STRUCT, or a DatasetOf");
  static_assert(every_field_described<T>(),
                "h5kit: h5kit_model() gives metadata for a member that BOOST_DESCRIBE_STRUCT does not list");
  static_assert(no_member_twice<T>(), "h5kit: h5kit_model() describes the same member twice");
  static_assert(aggregate_fully_described<T>(),
                "h5kit: the struct has data members that BOOST_DESCRIBE_STRUCT does not list");
  static_assert(!is_dataset_model<T> || only_attribute_fields<T>(),
                "h5kit: a dataset model (derived from DatasetOf) can only have attribute fields");
  // A bare DatasetOf (often behind an alias) has no name of its own worth showing.
  ModelSchema m = model_from_info(spec<T>.info, boost::describe::has_describe_members<T>::value || !is_dataset_model<T>
                                                    ? boost::core::type_name<T>()
                                                    : std::string("dataset"));
  if constexpr (is_dataset_model<T>) {
    m.is_dataset = true;
    m.value = value_schema<typename T::value_type>();
    m.value.shape.assign(T::extents.begin(), T::extents.end());
  }
  boost::mp11::mp_for_each<members<T>>(
      [&](auto d) { m.fields.push_back(build_field_of<T, decltype(d), decltype(d)::pointer>()); });
  check_unique_names(m);
  check_dataset_note_fields(m);
  return m;
}

}  // namespace h5kit::detail::model

namespace h5kit {
template <class T>
const ModelSchema& schema_of() {
  return detail::model::cached_schema<T>();
}
}  // namespace h5kit
