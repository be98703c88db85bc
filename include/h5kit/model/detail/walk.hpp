#pragma once
// The typed walkers behind validate(), dump() and load(): one pass over a model's described members,
// in declaration order, each paired with its FieldSchema (schema_of<T>().fields[i]). The field kind
// is known at compile time; names, constraints, units and problems are handled by run.hpp's
// compiled code.
#include <cstddef>
#include <typeinfo>
#include <string>
#include <type_traits>
#include <utility>

#include "h5kit/atomic_file.hpp"
#include "h5kit/model/detail/enum_integers.hpp"
#include "h5kit/model/detail/run.hpp"
#include "h5kit/model/detail/schema_of.hpp"
#include "h5kit/model/detail/values.hpp"

namespace h5kit::detail::model {

// Calls visit(member descriptor, FieldSchema, kind) for each field; the kind is a compile-time
// constant (std::integral_constant<FieldKind, ...>) so each walker instantiates only what applies.
template <class T, class F>
void for_each_field(const ModelSchema& schema, F&& visit) {
  std::size_t i = 0;
  boost::mp11::mp_for_each<members<T>>([&](auto d) {
    using D = decltype(d);
    using M = std::remove_cvref_t<decltype(std::declval<T&>().*D::pointer)>;
    if constexpr (storable<M>) {  // else the one error of schema_of's unsupported_model_member, no cascade
      visit(d, schema.fields[i], std::integral_constant<FieldKind, kind_of<M, meta_of<T, D>().placement>()>{});
    }
    ++i;
  });
}

template <class V>
struct element_of {
  using type = typename list_of<V>::element;
};
template <class T, class C, class A>
struct element_of<std::map<std::string, T, C, A>> {
  using type = T;
};

// ---------------------------------------------------------------- validate (in memory)

struct ValidateRun : Walk {
  ValidateRun(const ModelSchema& model, bool allow_partial) : Walk("", model.name), partial(allow_partial) {}
  bool partial;
};

template <class T>
void validate_members(const T& object, const ModelSchema& schema, ValidateRun& run);

// `name`: the node's own scope (its attributes' problems are reported there), empty when the caller
// already entered it (list and map elements).
template <class V>
void validate_node(const V& value, const FieldSchema& f, const ModelSchema& schema, std::string_view name,
                   ValidateRun& run) {
  if constexpr (is_dataset_model<V>) {
    if (!value.has_value()) {
      if (!run.partial) run.problem(f, "is a mandatory dataset that was never given data");
      return;
    }
    if (value.is_loaded()) check_values(value.values(), f, run);
  }
  if (name.empty()) return validate_members(value, schema, run);
  Scope in(run, name, f.member);
  validate_members(value, schema, run);
}

template <FieldKind K, class M>
void validate_field(const M& m, const FieldSchema& f, ValidateRun& run) {
  using V = typename optional_of<M>::type;
  if constexpr (optional_of<M>::value) {
    if (m) validate_field<K>(*m, f, run);
  } else if constexpr (variant_of<V>::value) {
    std::visit([&](const auto& alt) { validate_node(alt, f, f.models[m.index()], f.name, run); }, m);
  } else if constexpr (list_of<V>::value || map_of<V>::value) {
    if (std::string msg = check_length(f, m.size()); !msg.empty()) run.problem(f, msg);
    Scope in(run, f.name, f.member);
    const FieldSchema item = element_schema(f);
    std::size_t i = 0;
    for (const auto& element : m) {
      std::string key;
      if constexpr (list_of<V>::value) key = std::to_string(i++);
      else key = element.first;
      if constexpr (map_of<V>::value) {
        if (std::string msg = check_member_name(key); !msg.empty()) {
          run.problem("", "", std::move(msg));
          continue;
        }
      }
      Scope at(run, key, key);
      if constexpr (list_of<V>::value) validate_node(element, item, f.models[0], {}, run);
      else validate_node(element.second, item, f.models[0], {}, run);
    }
  } else if constexpr (is_dataset_model<V>) {
    validate_node(m, f, f.models[0], f.name, run);
  } else if constexpr (K == FieldKind::group) {
    validate_node(m, f, f.models[0], f.name, run);
  } else {
    check_values(m, f, run);
  }
}

template <class T>
void validate_members(const T& object, const ModelSchema& schema, ValidateRun& run) {
  for_each_field<T>(schema, [&](auto d, const FieldSchema& f, auto kind) {
    validate_field<decltype(kind)::value>(object.*d.pointer, f, run);
  });
}

// ---------------------------------------------------------------- dump

template <class T>
void dump_members(const T& object, const ModelSchema& schema, const Object& owner, const Group* group,
                  const DumpOptions& options, OpenDatasets* open = nullptr);

// `open` (the dumper, model/dumper.hpp): a dataset model without data is created ready to be
// written (wildcard axes growable) and recorded there, instead of being a partial dump's.
template <class V>
void dump_node(const V& value, const FieldSchema& f, const ModelSchema& schema, const Group& parent,
               const std::string& name, const DumpOptions& options, OpenDatasets* open) {
  if constexpr (is_dataset_model<V>) {
    Dataset ds;
    if (value.has_value()) {
      ds = parent.create_dataset(name, value.values(), storage_options(f, value.shape()));
    } else if (open != nullptr) {
      using E = typename V::value_type;
      ds = create_open_dataset(parent, name, dtype<E>(), schema, f);
      open->add(ds, f, schema, typeid(E), boost::core::type_name<E>());
    } else if (options.unset_datasets == UnsetDatasets::empty) {  // a partial dump (validate() refused it otherwise)
      ds = create_unset_dataset(parent, name, dtype<typename V::value_type>(), schema, f);
    } else {
      return;
    }
    write_dataset_notes(ds, f, schema);
    dump_members(value, schema, ds, nullptr, options, open);
  } else {
    const Group g = parent.create_group(name, group_options(schema));
    dump_members(value, schema, g, &g, options, open);
  }
}

template <FieldKind K, class M>
void dump_field(const M& m, const FieldSchema& f, const Object& owner, const Group* group, const DumpOptions& options,
                OpenDatasets* open) {
  using V = typename optional_of<M>::type;
  if constexpr (optional_of<M>::value) {
    if (m) dump_field<K>(*m, f, owner, group, options, open);
  } else if constexpr (K == FieldKind::attribute) {
    owner.attrs().set(f.name, m);  // a described struct placed as an attribute is a compound
  } else if constexpr (K == FieldKind::dataset && !is_dataset_model<V>) {  // a plain container placed as a dataset
    Shape shape;
    inspector<M>::shape(m, shape);
    const Dataset ds = group->create_dataset(f.name, m, storage_options(f, shape));
    write_dataset_notes(ds, f, f.models[0]);
  } else if constexpr (is_group_model<V> || is_dataset_model<V>) {
    dump_node(m, f, f.models[0], *group, f.name, options, open);
  } else if constexpr (variant_of<V>::value) {
    std::visit([&](const auto& alt) { dump_node(alt, f, f.models[m.index()], *group, f.name, options, open); }, m);
  } else {  // list or map
    const Group g = group->create_group(f.name);
    std::size_t i = 0;
    for (const auto& element : m) {
      if constexpr (list_of<V>::value) dump_node(element, f, f.models[0], g, std::to_string(i++), options, open);
      else dump_node(element.second, f, f.models[0], g, element.first, options, open);
    }
  }
}

template <class T>
void dump_members(const T& object, const ModelSchema& schema, const Object& owner, const Group* group,
                  const DumpOptions& options, OpenDatasets* open) {
  for_each_field<T>(schema, [&](auto d, const FieldSchema& f, auto kind) {
    dump_field<decltype(kind)::value>(object.*d.pointer, f, owner, group, options, open);
  });
}

// ---------------------------------------------------------------- load

template <class T>
void load_members(T& object, const ModelSchema& schema, const Object& owner, const Group* group, LoadRun& run);

template <class E, class V>
void load_dataset_values(V& value, const FieldSchema& f, const Dataset& ds, LoadRun& run) {
  bool units_ok = true;
  const std::optional<UnitConverter> convert = run.unit_conversion(f, &ds, units_ok);
  if (!units_ok) return;
  // Values that need converting or checking against an enum's members are read now.
  if (run.options().lazy && !convert && !reads_enums_as_integers<NDArray<E>>(ds, run)) {
    value.defer_to(ds);
    return;
  }
  try {
    NDArray<E> values;
    if (!read_stored(ds, values, f, run)) return;
    value.assign(std::move(values));
  } catch (const Error& e) {
    run.problem(f, e.detail());
    return;
  }
  if (convert) convert_values(value.values(), *convert, f, run);
  check_values(value.values(), f, run);
}

// A dataset that fits `schema` (type and shape), without reporting anything.
bool dataset_fits(const Dataset& ds, const ModelSchema& schema, const LoadRun& run);
// The same, reporting the mismatch as a problem of `f`.
bool dataset_matches(const Dataset& ds, const FieldSchema& f, const ModelSchema& schema, LoadRun& run);

// `name` as in validate_node. A dataset whose type or shape does not fit has its values skipped, but
// its `units` attribute and the model's attribute fields are still checked: load() reports every
// problem at once, and attributes can be read whatever the data is.
template <class V>
void load_dataset_node(V& value, const FieldSchema& f, const ModelSchema& schema, const Dataset& ds,
                       std::string_view name, LoadRun& run) {
  if (dataset_matches(ds, f, schema, run)) {
    load_dataset_values<typename V::value_type>(value, f, ds, run);
  } else {
    bool units_ok = true;
    (void)run.unit_conversion(f, &ds, units_ok);  // for its problem only
  }
  if (name.empty()) return load_members(value, schema, ds, nullptr, run);
  Scope in(run, name, f.member, f.name);
  load_members(value, schema, ds, nullptr, run);
}

template <class V>
void load_node(V& value, const FieldSchema& f, const ModelSchema& schema, const Object& object, std::string_view name,
               LoadRun& run) {
  if constexpr (is_dataset_model<V>) {
    load_dataset_node(value, f, schema, Dataset(object.as_dataset()), name, run);
  } else {
    const Group g = object.as_group();
    if (name.empty()) return load_members(value, schema, g, &g, run);
    Scope in(run, name, f.member, f.name);
    load_members(value, schema, g, &g, run);
  }
}

template <class V, std::size_t... I>
bool load_alternative(V& value, const FieldSchema& f, const Dataset& ds, LoadRun& run, std::index_sequence<I...>) {
  // The first alternative whose type and shape fit, as pydantic's Union tries them in order.
  return ((dataset_fits(ds, f.models[I], run) &&
           (load_dataset_node(value.template emplace<I>(), f, f.models[I], ds, run.stored_name(f), run), true)) ||
          ...);
}
void no_alternative_fits(const Dataset& ds, const FieldSchema& f, Walk& run);

template <FieldKind K, class M>
void load_field(M& m, const FieldSchema& f, const Object& owner, const Group* group, LoadRun& run) {
  using V = typename optional_of<M>::type;
  if constexpr (optional_of<M>::value) {
    // Absent: empty. Present: loaded as the value; a value with problems stays empty.
    m.reset();
    const std::string name = run.stored_name(f);
    if (K == FieldKind::attribute ? !owner.attrs().contains(name) : !group->contains(name)) return;
    const std::size_t before = run.problems().size();
    V value{};
    load_field<K>(value, f, owner, group, run);
    if (run.problems().size() == before) m = std::move(value);
  } else if constexpr (K == FieldKind::attribute) {
    const std::string name = run.stored_name(f);
    // Open first, test existence only when that fails: with dense attribute storage (more than 8 on
    // an object, libver latest) each test is a B-tree search costing as much as the open itself.
    Attribute a;
    try {
      a = owner.attrs().open(name);
    } catch (const NotFoundError&) {
      run.has_attribute(owner, f, name);  // a problem unless it may be missing
      return;
    }
    bool units_ok = true;
    const std::optional<UnitConverter> convert = f.unit.empty() ? std::nullopt : run.unit_conversion(f, nullptr, units_ok);
    if (!units_ok) return;
    V value{};
    if constexpr (std::is_integral_v<V> && is_number<V>) {
      // 0.25 m is a whole 250 mm: an integer field takes a float stored in another unit when the
      // converted value is whole.
      if (convert && a.dtype().type_class() == TypeClass::floating && a.shape().empty()) {
        if (convert_number(a.read<double>(), value, *convert, f, run)) {
          check_values(value, f, run);
          m = value;
        }
        return;
      }
    }
    if (std::string msg = check_stored(f.value, a.dtype(), a.shape(), run.options().integer_enums); !msg.empty()) {
      return run.problem(f, msg);
    }
    try {
      if (!read_stored(a, value, f, run)) return;
    } catch (const Error& e) {
      return run.problem(f, e.detail());
    }
    if (convert) convert_values(value, *convert, f, run);
    check_values(value, f, run);
    m = std::move(value);
  } else if constexpr (K == FieldKind::dataset && !is_dataset_model<V>) {  // a plain container placed as a dataset
    const auto object = run.child(*group, f, ObjectKind::dataset);
    if (!object) return;
    const Dataset ds = object->as_dataset();
    bool units_ok = true;
    if (!dataset_matches(ds, f, f.models[0], run)) {
      (void)run.unit_conversion(f, &ds, units_ok);  // for its problem only, as load_dataset_node
      return;
    }
    try {
      if (!read_stored(ds, m, f, run)) return;
    } catch (const Error& e) {
      return run.problem(f, e.detail());
    }
    if (const auto convert = run.unit_conversion(f, &ds, units_ok)) convert_values(m, *convert, f, run);
    check_values(m, f, run);
  } else if constexpr (K == FieldKind::dataset) {
    if (const auto object = run.child(*group, f, ObjectKind::dataset)) {
      load_node(m, f, f.models[0], *object, run.stored_name(f), run);
    }
  } else if constexpr (K == FieldKind::group) {
    if (const auto object = run.child(*group, f, ObjectKind::group)) {
      load_node(m, f, f.models[0], *object, run.stored_name(f), run);
    }
  } else if constexpr (K == FieldKind::one_of) {
    if (const auto object = run.child(*group, f, ObjectKind::dataset)) {
      const Dataset ds = object->as_dataset();
      if (!load_alternative(m, f, ds, run, std::make_index_sequence<std::variant_size_v<V>>{})) {
        no_alternative_fits(ds, f, run);
      }
    }
  } else {  // list or map
    const auto object = run.child(*group, f, ObjectKind::group);
    if (!object) return;
    const Group g = object->as_group();
    Scope in(run, run.stored_name(f), f.member, f.name);
    run.check_no_attributes(g);
    using Element = typename element_of<V>::type;
    const ObjectKind kind = is_dataset_model<Element> ? ObjectKind::dataset : ObjectKind::group;
    const std::vector<std::string> names = K == FieldKind::list ? run.list_members(g) : g.keys();
    m.clear();
    FieldSchema element_field = f;  // each element, named as it is in the group
    element_field.optional = false;
    const FieldSchema item = element_schema(f);
    for (const std::string& name : names) {
      Element element{};
      element_field.name = name;
      element_field.member = name;
      if (const auto child = run.child(g, element_field, kind)) {
        Scope into(run, name, name);
        load_node(element, item, f.models[0], *child, {}, run);
      }
      if constexpr (K == FieldKind::list) m.push_back(std::move(element));
      else m.emplace(name, std::move(element));
    }
    if (std::string msg = check_length(f, m.size()); !msg.empty()) run.problem(f, msg);
  }
}

template <class T>
void load_members(T& object, const ModelSchema& schema, const Object& owner, const Group* group, LoadRun& run) {
  for_each_field<T>(schema, [&](auto d, const FieldSchema& f, auto kind) {
    load_field<decltype(kind)::value>(object.*d.pointer, f, owner, group, run);
  });
  run.check_extras(schema, owner, group);
}

template <class T>
const Migrations* migrations_of() {
  if constexpr (requires { h5kit_migrations(static_cast<const T*>(nullptr)); }) {
    static const Migrations migrations = h5kit_migrations(static_cast<const T*>(nullptr));
    return &migrations;
  } else {
    return nullptr;
  }
}

// ValidationError with every problem of `model`, before anything is written.
void refuse_invalid(std::vector<Problem> problems, const char* operation, const std::string& file);
std::string file_name_of(const Group& group);

}  // namespace h5kit::detail::model

namespace h5kit {

template <class T>
std::vector<Problem> validate(const T& model, const ValidateOptions& options) {
  const ModelSchema& schema = schema_of<T>();
  detail::model::ValidateRun run(schema, options.partial);
  detail::model::validate_members(model, schema, run);
  return std::move(run.problems());
}

namespace detail::model {
template <class T>
void dump_validated(const T& model, const Group& group, const DumpOptions& options, OpenDatasets* open = nullptr) {
  const ModelSchema& schema = schema_of<T>();
  if (options.self_describing) write_model_notes(group, schema);
  dump_members(model, schema, group, &group, options, open);
}
}  // namespace detail::model

template <class T>
void dump(const T& model, const Group& group, const DumpOptions& options) {
  static_assert(detail::model::is_group_model<T>, "h5kit: dump() takes a model struct (a group), not a dataset");
  detail::model::refuse_invalid(validate(model, ValidateOptions{options.partial}), "dump model",
                                detail::model::file_name_of(group));
  detail::model::refuse_taken_names(group, schema_of<T>(), options.self_describing);
  detail::model::dump_validated(model, group, options);
}

template <class T>
void dump(const T& model, std::string_view path, const DumpOptions& options) {
  static_assert(detail::model::is_group_model<T>, "h5kit: dump() takes a model struct (a group), not a dataset");
  detail::model::refuse_invalid(validate(model, ValidateOptions{options.partial}), "dump model", std::string(path));
  AtomicFile out{std::string(path), options.file};
  detail::model::dump_validated(model, out.file(), options);
  out.commit();  // without it (an exception above) the temporary is removed and the old file stays
}

template <class T>
T load(const Group& group, const LoadOptions& options) {
  static_assert(detail::model::is_group_model<T>, "h5kit: load() returns a model struct (a group), not a dataset");
  const ModelSchema& schema = schema_of<T>();
  detail::model::LoadRun run(group, schema, detail::model::migrations_of<T>(), options);
  T model{};
  detail::model::load_members(model, schema, group, &group, run);
  run.finish(detail::model::file_name_of(group));
  return model;
}

template <class T>
T load(const Dataset& dataset, const LoadOptions& options) {
  static_assert(detail::model::is_dataset_model<T>,
                "h5kit: load(dataset) returns a dataset model (DatasetOf or derived); load a model struct from a group");
  const ModelSchema& schema = schema_of<T>();
  detail::model::LoadRun run(dataset, schema, detail::model::migrations_of<T>(), options);
  // The dataset itself is the walk's root: its problems are reported at its path, with no field
  // name (the object itself), or as "values" for the data.
  T model{};
  // As for a dataset field: a type or shape that does not fit skips the values, not the attributes.
  if (std::string msg = detail::model::check_stored(schema.value, dataset.dtype(), dataset.shape(),
                                                    options.integer_enums);
      !msg.empty()) {
    run.problem("", "", std::move(msg));
  } else {
    FieldSchema self;
    self.member = "values";
    detail::model::load_dataset_values<typename T::value_type>(model, self, dataset, run);
  }
  detail::model::load_members(model, schema, dataset, nullptr, run);
  run.finish(dataset.file_name());
  return model;
}

template <class T>
T load(std::string_view path, const LoadOptions& options) {
  const File file(path, "r");
  return load<T>(static_cast<const Group&>(file), options);
}

}  // namespace h5kit
