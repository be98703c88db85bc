// pymodaq's node classes (spec §4) over h5kit objects.
#include "h5kit/daq/node.hpp"

#include <algorithm>

#include "daq/storage.hpp"
#include "detail/dataspace.hpp"
#include "detail/unwritten.hpp"
#include "h5kit/daq/attribute_codec.hpp"
#include "h5kit/error.hpp"
#include "h5kit/file.hpp"

namespace h5kit::daq {

using h5kit::detail::checked;
using h5kit::detail::Handle;
using h5kit::detail::Where;

std::string_view pytables_class(NodeClass cls) noexcept {
  switch (cls) {
    case NodeClass::group: return "GROUP";
    case NodeClass::carray: return "CARRAY";
    case NodeClass::earray: return "EARRAY";
    case NodeClass::vlarray:
    case NodeClass::string_array: return "VLARRAY";
  }
  return "?";
}

namespace {

std::string attr_label(std::string_view name) { return "attribute \"" + std::string(name) + "\""; }

// A stored attribute as pymodaq's get_attr gives it, through `decode` (decode_attribute or json2object).
PyValue decoded(const detail::StoredAttribute& a, PyValue (*decode)(std::string_view)) {
  if (a.is_text) return decode(a.text);
  return a.value;
}

// The text of a plain system attribute (CLASS, TITLE, subdtype...): plain or JSON-encoded, as the
// h5py backend writes the root's; nullopt when absent or not text.
std::optional<std::string> plain_text(hid_t obj, std::string_view name) {
  const auto a = detail::read_attribute(obj, name);
  if (!a || !a->is_text) return std::nullopt;
  const PyValue v = decode_attribute(a->text);
  if (v.is_str()) return v.as_str();
  if (v.is_bytes()) return v.as_bytes();
  return a->text;
}

}  // namespace

// ---- Node ----

std::string Node::name() const {
  const std::string p = path();
  if (p == "/" || p.empty()) return "/";
  return p.substr(p.rfind('/') + 1);
}

std::string Node::path() const { return object_.path(); }

std::string Node::title() const { return plain_text(object_.id(), "TITLE").value_or(""); }

std::string Node::file_name() const { return object_.file_name(); }

std::optional<Group> Node::parent_node() const {
  const std::string p = path();
  if (p == "/" || p.empty()) return std::nullopt;
  const std::size_t slash = p.rfind('/');
  const std::string parent = slash == 0 ? "/" : p.substr(0, slash);
  return open_node(object_.file().open(parent)).as_group();
}

bool Node::has_attr(std::string_view name) const {
  h5kit::detail::silence_hdf5_errors();
  const std::string n(name);
  return checked(H5Aexists(object_.id(), n.c_str()), "test attribute", Where{object_.id()}, ErrorKind::file,
                 attr_label(name)) > 0;
}

std::optional<PyValue> Node::find_attr(std::string_view name) const {
  const auto a = detail::read_attribute(object_.id(), name);
  if (!a) return std::nullopt;
  return decoded(*a, &decode_attribute);
}

PyValue Node::get_attr(std::string_view name) const {
  auto v = find_attr(name);
  if (!v) h5kit::detail::reject(ErrorKind::not_found, "get attribute", Where{object_.id()}, attr_label(name) + " does not exist");
  return std::move(*v);
}

PyValue Node::get_attr_raw(std::string_view name) const {
  const auto a = detail::read_attribute(object_.id(), name);
  if (!a) h5kit::detail::reject(ErrorKind::not_found, "get attribute", Where{object_.id()}, attr_label(name) + " does not exist");
  return decoded(*a, &json2object);
}

void Node::set_attr(std::string_view name, const PyValue& value) const {
  std::string json;
  try {
    json = object2json(value);
  } catch (const Error& e) {
    h5kit::detail::reject(e.kind(), "set attribute", Where{object_.id()}, attr_label(name) + ": " + e.detail());
  }
  detail::write_string_attribute(object_.id(), name, json, H5T_CSET_UTF8);
}

std::vector<std::string> Node::attrs_name() const { return detail::attribute_names(object_.id()); }

Metadata Node::attrs_to_dict() const {
  Metadata out;
  for (const std::string& n : attrs_name()) out.emplace_back(n, get_attr(n));
  return out;
}

namespace {
template <class F>
auto typed_attr(const Node& node, std::string_view name, const char* wanted, F&& get) {
  const PyValue v = node.get_attr(name);
  try {
    return get(v);
  } catch (const Error&) {
    throw_error(ErrorKind::type_mismatch, "get attribute", node.file_name(), node.path(),
                attr_label(name) + ": expected " + wanted + ", found " + v.type_name());
  }
}
}  // namespace

std::string Node::get_str(std::string_view name) const {
  return typed_attr(*this, name, "a str", [](const PyValue& v) { return v.as_str(); });
}
std::string Node::get_text(std::string_view name) const {
  return typed_attr(*this, name, "a str or bytes", [](const PyValue& v) { return v.as_text(); });
}
std::int64_t Node::get_int(std::string_view name) const {
  return typed_attr(*this, name, "an int", [](const PyValue& v) { return v.as_int(); });
}
double Node::get_float(std::string_view name) const {
  return typed_attr(*this, name, "a float", [](const PyValue& v) { return v.as_float(); });
}
bool Node::get_bool(std::string_view name) const {
  return typed_attr(*this, name, "a bool", [](const PyValue& v) { return v.as_bool(); });
}
std::vector<std::int64_t> Node::get_int_tuple(std::string_view name) const {
  return typed_attr(*this, name, "a tuple of ints", [](const PyValue& v) { return v.as_int_vector(); });
}

void Node::wrong_class(const char* wanted) const {
  throw_error(ErrorKind::type_mismatch, std::string("open ") + wanted, file_name(), path(),
              std::string("expected a ") + wanted + " node, found a " + std::string(pytables_class(class_)) +
                  (class_ == NodeClass::string_array ? " (string array)" : "") +
                  (has_class_ ? "" : " (no CLASS attribute; class inferred from the HDF5 object)"));
}

Group Node::as_group() const {
  if (class_ != NodeClass::group) wrong_class("GROUP");
  return Group(object_, class_, has_class_);
}
CArray Node::as_carray() const {
  if (class_ == NodeClass::group) wrong_class("CARRAY");
  return CArray(object_, class_, has_class_);
}
EArray Node::as_earray() const {
  if (class_ == NodeClass::group || class_ == NodeClass::carray) wrong_class("EARRAY");
  return EArray(object_, class_, has_class_);
}
VLArray Node::as_vlarray() const {
  if (class_ != NodeClass::vlarray && class_ != NodeClass::string_array) wrong_class("VLARRAY");
  return VLArray(object_, class_, has_class_);
}
StringArray Node::as_string_array() const {
  if (class_ != NodeClass::string_array) wrong_class("string VLARRAY (subdtype 'string')");
  return StringArray(object_, class_, has_class_);
}

// ---- classification ----

Node open_node(const h5kit::Object& object) {
  const hid_t id = object.id();
  const ObjectKind kind = object.kind();
  const auto cls = plain_text(id, "CLASS");
  if (kind == ObjectKind::group) return Node(object, NodeClass::group, detail::read_attribute(id, "CLASS").has_value());
  if (kind != ObjectKind::dataset)
    throw_error(ErrorKind::type_mismatch, "open node", object.file_name(), object.path(),
                std::string("a ") + to_string(kind) + " is not a pymodaq node (a group or an array)");
  const h5kit::Dataset ds = object.as_dataset();
  const bool vlen = ds.dtype().type_class() == TypeClass::vlen;
  const auto string_rows = [&] { return plain_text(id, "subdtype").value_or("") == "string"; };
  if (cls) {
    if (cls->find("ARRAY") == std::string::npos)
      throw_error(ErrorKind::type_mismatch, "open node", object.file_name(), object.path(),
                  "a dataset whose CLASS is '" + *cls + "': pymodaq reads only CARRAY, EARRAY and VLARRAY arrays");
    if (*cls == "CARRAY" || *cls == "ARRAY") return Node(object, NodeClass::carray, true);
    if (*cls == "EARRAY") return Node(object, NodeClass::earray, true);
    if (*cls == "VLARRAY") return Node(object, string_rows() ? NodeClass::string_array : NodeClass::vlarray, true);
    throw_error(ErrorKind::type_mismatch, "open node", object.file_name(), object.path(),
                "a dataset whose CLASS is '" + *cls + "': pymodaq reads only CARRAY, EARRAY and VLARRAY arrays");
  }
  // No CLASS (spec §11.2): typed from the layout, and nothing is written.
  if (vlen) return Node(object, string_rows() ? NodeClass::string_array : NodeClass::vlarray, false);
  const Shape max = ds.maxshape();
  if (!max.empty() && max[0] == unlimited) return Node(object, NodeClass::earray, false);
  return Node(object, NodeClass::carray, false);
}

// ---- Group ----

std::vector<std::pair<std::string, Node>> Group::children() const {
  const h5kit::Group g = group();
  std::vector<std::pair<std::string, Node>> groups, leaves;
  for (const std::string& name : g.keys(IterationOrder::name)) {
    const auto obj = g.try_open(name);
    if (!obj) continue;  // a dangling soft or external link holds no node
    const ObjectKind kind = obj->kind();
    if (kind == ObjectKind::group) {
      groups.emplace_back(name, open_node(*obj));
    } else if (kind == ObjectKind::dataset) {
      // A dataset that is no pymodaq array (a PyTables Table, ...) is left out, so that a walk over
      // a file holding one still works; get_node on it says why it is not a node.
      try {
        leaves.emplace_back(name, open_node(*obj));
      } catch (const TypeMismatchError&) {
      }
    }
    // committed datatypes are no pymodaq nodes either (PyTables lists them as unknown)
  }
  const auto by_name = [](const auto& a, const auto& b) { return a.first < b.first; };
  std::sort(groups.begin(), groups.end(), by_name);
  std::sort(leaves.begin(), leaves.end(), by_name);
  for (auto& leaf : leaves) groups.push_back(std::move(leaf));
  return groups;
}

std::vector<std::string> Group::children_name() const {
  std::vector<std::string> names;
  for (auto& [name, node] : children()) names.push_back(name);
  std::sort(names.begin(), names.end());
  return names;
}

bool Group::contains(std::string_view name) const {
  if (name.empty() || name.find('/') != std::string_view::npos) return false;
  return group().contains(name);
}

Node Group::get_child(std::string_view name) const {
  if (!contains(name))
    throw_error(ErrorKind::not_found, "get child", file_name(), path(),
                "no child named '" + std::string(name) + "' (children: " + [&] {
                  std::string list;
                  for (const auto& n : children_name()) list += (list.empty() ? "" : ", ") + n;
                  return list.empty() ? std::string("none") : list;
                }() + ")");
  return open_node(group().open(name));
}

void Group::remove_children() const {
  const h5kit::Group g = group();
  for (const std::string& name : g.keys(IterationOrder::name)) g.erase(name);
}

// ---- CArray ----

CArray::CArray(h5kit::Object object, NodeClass cls, bool has_class)
    : Node(std::move(object), cls, has_class), dataset_(object_.as_dataset()) {}

std::size_t CArray::nrows() const {
  const Shape s = shape();
  return s.empty() ? 1 : s[0];
}

ElementType CArray::element_type() const {
  const h5kit::Datatype t = dataset_.dtype();
  const h5kit::Datatype element = t.type_class() == TypeClass::vlen ? t.super() : t;
  const auto e = detail::element_type_of_stored(element.id());
  if (!e)
    throw_error(ErrorKind::type_mismatch, "read array", file_name(), path(),
                "elements of type " + element.name() +
                    " are not a pymodaq array type (bool, integers, float32/64, complex64/128)");
  return *e;
}

std::string CArray::dtype_name() const {
  if (const auto d = find_attr("dtype"); d && d->is_str()) return d->as_str();
  return std::string(numpy_name(element_type()));
}

std::pair<Shape, Shape> CArray::block_at(const std::vector<std::int64_t>& leading, const char* operation) const {
  const Shape s = shape();
  if (leading.size() > s.size())
    throw_error(ErrorKind::invalid_argument, operation, file_name(), path(),
                std::to_string(leading.size()) + " indexes for an array of shape " + to_string(s));
  Shape offset(s.size(), 0), count = s;
  for (std::size_t k = 0; k < leading.size(); ++k) {
    const auto extent = static_cast<std::int64_t>(s[k]);
    const std::int64_t i = leading[k] < 0 ? leading[k] + extent : leading[k];
    if (i < 0 || i >= extent)
      throw_error(ErrorKind::invalid_argument, operation, file_name(), path(),
                  "index " + std::to_string(leading[k]) + " is out of range for axis " + std::to_string(k) +
                      " of extent " + std::to_string(extent));
    offset[k] = static_cast<std::size_t>(i);
    count[k] = 1;
  }
  return {offset, count};
}

namespace {
// Reads a selection of a bool-like dataset (bitfield, h5py's enum or integers) as 0/1 bytes.
void read_bool_bytes(const h5kit::Dataset& ds, hid_t file_space, hid_t mem_space, std::uint8_t* out) {
  const Where where{ds.id()};
  Handle stored(checked(H5Dget_type(ds.id()), "read array", where));
  Handle mem;
  const H5T_class_t cls = H5Tget_class(stored.get());
  if (cls == H5T_BITFIELD) mem = Handle(checked(H5Tcopy(H5T_NATIVE_B8), "read array", where));
  else if (cls == H5T_ENUM) mem = Handle(checked(H5Tcopy(stored.get()), "read array", where));
  else mem = Handle(checked(H5Tcopy(H5T_NATIVE_UINT8), "read array", where));
  h5kit::detail::prepare_read_buffer(ds.id(), mem.get(), out, mem_space, "read array");
  checked(H5Dread(ds.id(), mem.get(), mem_space, file_space, H5P_DEFAULT, out), "read array", where,
          ErrorKind::type_mismatch);
}
}  // namespace

NDArray<bool> CArray::read_bool() const {
  const Shape s = shape();
  std::vector<std::uint8_t> bytes(element_count(s));
  if (!bytes.empty()) read_bool_bytes(dataset_, H5S_ALL, H5S_ALL, bytes.data());
  NDArray<bool> out(s);
  for (std::size_t k = 0; k < bytes.size(); ++k) out.data()[k] = bytes[k] != 0;
  return out;
}

NDArray<bool> CArray::read_bool_block(const Shape& offset, const Shape& count) const {
  const Where where{dataset_.id()};
  Handle file_space(checked(H5Dget_space(dataset_.id()), "read array", where));
  h5kit::detail::select_block(file_space.get(), offset, count, "read array", where);
  Handle mem_space = h5kit::detail::simple_space(count, "read array", where);
  std::vector<std::uint8_t> bytes(element_count(count));
  read_bool_bytes(dataset_, file_space.get(), mem_space.get(), bytes.data());
  NDArray<bool> out(count);
  for (std::size_t k = 0; k < bytes.size(); ++k) out.data()[k] = bytes[k] != 0;
  return out;
}

}  // namespace h5kit::daq
