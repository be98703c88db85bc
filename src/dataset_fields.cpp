// DatasetFields: the target of a fields() read or write, and the memory type that picks the fields.
#include "h5kit/dataset_fields.hpp"

#include <hdf5.h>

#include <algorithm>

#include "detail/checked.hpp"
#include "detail/field_selection.hpp"

namespace h5kit {

DatasetFields::DatasetFields(Dataset dataset, std::vector<std::string> names, std::optional<Selection> selection)
    : dataset_(std::move(dataset)), names_(std::move(names)), selection_(std::move(selection)) {
  if (names_.empty())
    detail::reject(ErrorKind::invalid_argument, "select fields", detail::Where{dataset_.id()}, "no field named");
}

DatasetFields DatasetFields::operator[](std::initializer_list<Index> index) const {
  return DatasetFields(dataset_, names_, dataset_[index].selection());
}

detail::IoTarget DatasetFields::target(const char* operation) const {
  detail::IoTarget t = dataset_.target(operation);
  if (selection_) {
    t.file_space = selection_->space_id();
    t.selected_shape = &selection_->shape();
  }
  t.broadcast = true;  // a scalar fills the field in every selected row, as numpy
  t.fields = &names_;
  return t;
}

DatasetFields Dataset::fields(std::vector<std::string> names) const { return DatasetFields(*this, std::move(names)); }

namespace detail {

namespace {

std::string joined(std::vector<std::string> names) {
  std::sort(names.begin(), names.end());
  std::string out;
  for (const std::string& n : names) out += (out.empty() ? "" : ", ") + n;
  return "{" + out + "}";
}

}  // namespace

Datatype field_memory_type(const IoTarget& t, hid_t stored, const Datatype& mem_type, const char* operation) {
  const Where where{t.id};
  const Datatype stored_type(Handle::share(stored));
  if (stored_type.type_class() != TypeClass::compound || stored_type.is_complex())
    reject(ErrorKind::invalid_argument, operation, where,
           "fields() needs a compound dataset; this one is " + stored_type.name());
  const std::vector<CompoundMember> members = stored_type.members();
  const CompoundMember* only = nullptr;
  for (const std::string& name : *t.fields) {
    const auto found = std::find_if(members.begin(), members.end(), [&](const CompoundMember& m) { return m.name == name; });
    if (found == members.end())
      reject(ErrorKind::not_found, operation, where, "no field \"" + name + "\" in " + stored_type.name());
    only = &*found;
  }
  if (mem_type.type_class() == TypeClass::compound && !mem_type.is_complex()) {
    std::vector<std::string> given;
    for (const CompoundMember& m : mem_type.members()) given.push_back(m.name);
    if (joined(given) != joined(*t.fields))
      reject(ErrorKind::invalid_argument, operation, where,
             "the struct has the fields " + joined(given) + ", the request names " + joined(*t.fields));
    return mem_type;
  }
  if (t.fields->size() != 1)
    reject(ErrorKind::invalid_argument, operation, where,
           "the fields " + joined(*t.fields) + " go through a struct with exactly those members, not " +
               mem_type.name());
  // The field's own type, byte order aside: HDF5's compound conversion clamps and truncates silently.
  const Datatype own = only->type.byte_order() == ByteOrder::none || only->type.byte_order() == mem_type.byte_order()
                           ? only->type
                           : only->type.with_byte_order(mem_type.byte_order());
  if (!(own == mem_type))
    reject(ErrorKind::type_mismatch, operation, where,
           "field \"" + only->name + "\" is " + only->type.name() + ", not " + mem_type.name() +
               ": read and write one field as its own type");
  return Datatype::compound(mem_type.size(), {CompoundMember{only->name, 0, mem_type}});
}

}  // namespace detail

}  // namespace h5kit
