// H5Backend (spec §5, §6): pymodaq's backend operations writing what PyTables 3.7 writes.
#include "h5kit/daq/backend.hpp"

#include <algorithm>
#include <cctype>
#include <filesystem>

#include "daq/storage.hpp"
#include "detail/checked.hpp"
#include "h5kit/error.hpp"

namespace h5kit::daq {

using h5kit::detail::Where;

namespace {

constexpr const char* kBackend = "tables";

std::string lower_ascii(std::string_view s) {
  std::string out(s);
  for (char& c : out) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return out;
}

// PyTables' system attributes of a group (set from Python: UTF-8).
void write_group_system_attributes(hid_t id, std::string_view title) {
  detail::write_string_attribute(id, "CLASS", "GROUP", H5T_CSET_UTF8);
  detail::write_string_attribute(id, "TITLE", title, H5T_CSET_UTF8);
  detail::write_string_attribute(id, "VERSION", "1.0", H5T_CSET_UTF8);
}

void check_name(std::string_view name, const char* operation, const Node& parent) {
  if (name.empty() || name.find('/') != std::string_view::npos || name == "." || name == "..")
    throw_error(ErrorKind::invalid_argument, operation, parent.file_name(), parent.path(),
                "'" + std::string(name) + "' is not a node name (a non-empty name without '/')");
}

}  // namespace

std::string capitalize(std::string_view name) {
  std::string out(name);
  if (!out.empty()) out[0] = static_cast<char>(std::toupper(static_cast<unsigned char>(out[0])));
  return out;
}

H5Backend::~H5Backend() {
  if (file_.valid()) file_.close();
}

// ---- files ----

void H5Backend::open_file(const std::string& path, std::string_view mode, std::string_view title) {
  if (mode != "r" && mode != "r+" && mode != "a" && mode != "w")
    throw_error(ErrorKind::invalid_argument, "open file", path, "/",
                "mode '" + std::string(mode) + "' is not one of 'r', 'r+', 'a', 'w' (PyTables' modes)");
  if (file_.valid()) close_file();
  std::error_code ec;
  const bool existed = std::filesystem::exists(path, ec);
  file_ = h5kit::File(path, mode);
  const bool created = mode == "w" || (mode == "a" && !existed);
  if (created) {
    try {
      const hid_t root_id = file_.id();
      detail::write_string_attribute(root_id, "CLASS", "GROUP", H5T_CSET_UTF8);
      detail::write_string_attribute(root_id, "PYTABLES_FORMAT_VERSION", "2.1", H5T_CSET_UTF8);
      detail::write_string_attribute(root_id, "TITLE", title, H5T_CSET_UTF8);
      detail::write_string_attribute(root_id, "VERSION", "1.0", H5T_CSET_UTF8);
      if (mode == "w") {
        const Group r = root();
        r.set_attr("pymodaq_version", options_.pymodaq_version);
        r.set_attr("pymodaq_data_version", options_.pymodaq_data_version);
      }
    } catch (...) {
      file_.close();
      throw;
    }
  }
}

void H5Backend::open_file(h5kit::File file) {
  if (!file.valid()) throw_error(ErrorKind::closed, "open file", "", "", "the file is not open");
  if (file_.valid()) close_file();
  file_ = std::move(file);
}

void H5Backend::close_file() {
  if (!file_.valid()) return;
  // The backend lets go of the file whatever happens; a failed flush is still raised.
  h5kit::File f = std::move(file_);
  file_ = h5kit::File();
  f.flush();
  // Release our reference; HDF5 closes the file when no object of it is open any more.
  f.close();
}

void H5Backend::flush() const { h5file().flush(); }

std::string H5Backend::filename() const { return h5file().filename(); }

const h5kit::File& H5Backend::h5file() const {
  if (!file_.valid())
    throw_error(ErrorKind::closed, "use backend", "", "", "no file is open (call open_file first)");
  return file_;
}

// ---- nodes ----

Group H5Backend::root() const { return open_node(h5file()).as_group(); }

Node H5Backend::resolve(const Location& where, const char* operation) const {
  if (where.node()) {
    if (!where.node()->valid())
      throw_error(ErrorKind::closed, operation, "", "", "the node is closed or was never opened");
    return *where.node();
  }
  const h5kit::File& f = h5file();
  const std::string& p = where.path();
  if (p.empty() || p == "/") return open_node(f);
  const auto obj = f.try_open(p);
  if (!obj)
    throw_error(ErrorKind::not_found, operation, f.filename(), p, "no node at this path");
  return open_node(*obj);
}

Group H5Backend::resolve_group(const Location& where, const char* operation) const {
  const Node n = resolve(where, operation);
  if (!n.is_group())
    throw_error(ErrorKind::type_mismatch, operation, n.file_name(), n.path(),
                "expected a group, found a " + std::string(pytables_class(n.node_class())));
  return n.as_group();
}

Node H5Backend::get_node(const Location& where) const { return resolve(where, "get node"); }

Node H5Backend::get_node(const Location& where, std::string_view name) const {
  const Group parent = resolve_group(where, "get node");
  const auto obj = parent.group().try_open(name);
  if (!obj)
    throw_error(ErrorKind::not_found, "get node", parent.file_name(),
                (parent.path() == "/" ? "/" : parent.path() + "/") + std::string(name), "no node at this path");
  return open_node(*obj);
}

std::optional<Group> H5Backend::get_parent_node(const Location& node) const {
  return resolve(node, "get parent node").parent_node();
}

std::string H5Backend::get_node_name(const Location& node) const { return resolve(node, "get node name").name(); }
std::string H5Backend::get_node_path(const Location& node) const { return resolve(node, "get node path").path(); }

std::vector<std::pair<std::string, Node>> H5Backend::get_children(const Location& where) const {
  return resolve_group(where, "get children").children();
}

std::vector<Group> H5Backend::walk_groups(const Location& where) const {
  const Node start = resolve(where, "walk groups");
  std::vector<Group> out;
  if (!start.is_group()) return out;
  // PyTables' _f_walk_groups: yield self; then pop a group and yield its sorted child groups,
  // pushing each, so the last-named subtree is walked first.
  std::vector<Group> stack{start.as_group()};
  out.push_back(stack.back());
  while (!stack.empty()) {
    const Group g = stack.back();
    stack.pop_back();
    for (auto& [name, child] : g.children()) {
      if (!child.is_group()) continue;
      stack.push_back(child.as_group());
      out.push_back(stack.back());
    }
  }
  return out;
}

std::vector<Node> H5Backend::walk_nodes(const Location& where) const {
  const Node start = resolve(where, "walk nodes");
  std::vector<Node> out{start};
  for (const Group& g : walk_groups(start))
    for (auto& [name, child] : g.children()) out.push_back(child);
  return out;
}

bool H5Backend::is_node_in_group(const Location& where, std::string_view name) const {
  const std::string wanted = lower_ascii(name);
  for (const std::string& n : resolve_group(where, "find node").children_name())
    if (lower_ascii(n) == wanted) return true;
  return false;
}

std::optional<Group> H5Backend::get_group_by_title(const Location& where, std::string_view title) const {
  for (auto& [name, child] : resolve_group(where, "find group by title").children())
    if (child.is_group() && child.has_attr("TITLE") && child.title() == title) return child.as_group();
  return std::nullopt;
}

// ---- groups ----

Group H5Backend::get_set_group(const Location& where, std::string_view name, std::string_view title) const {
  const Group parent = resolve_group(where, "get or create group");
  check_name(name, "get or create group", parent);
  if (parent.contains(name)) {
    const Node existing = parent.get_child(name);
    if (!existing.is_group())
      throw_error(ErrorKind::type_mismatch, "get or create group", existing.file_name(), existing.path(),
                  "a " + std::string(pytables_class(existing.node_class())) + " holds this name, not a group");
    return existing.as_group();
  }
  const h5kit::Group created = parent.group().create_group(name);
  try {
    write_group_system_attributes(created.id(), title);
  } catch (...) {
    try {
      parent.group().erase(name);
    } catch (...) {
    }
    throw;
  }
  return open_node(created).as_group();
}

Group H5Backend::add_group(std::string_view group_name, GroupType type, const Location& where,
                           std::string_view title, const Metadata& metadata) const {
  const Group parent = resolve_group(where, "add group");
  Group node;
  if (parent.contains(group_name)) {
    node = parent.get_child(group_name).as_group();
  } else {
    node = get_set_group(parent, capitalize(group_name), title);
    node.set_attr("type", lower_name(type));
    for (const auto& [key, value] : metadata) node.set_attr(key, value);
  }
  node.set_attr("backend", kBackend);
  return node;
}

Group H5Backend::add_group(std::string_view group_name, std::string_view type, const Location& where,
                           std::string_view title, const Metadata& metadata) const {
  return add_group(group_name, parse<GroupType>(type), where, title, metadata);
}

// ---- arrays ----

namespace {

// The array's PyTables system attributes, written from C with CSET ASCII (CArray, EArray) or from
// Python with UTF-8 (VLArray).
void write_array_system_attributes(hid_t id, NodeClass cls, std::string_view title) {
  const H5T_cset_t cset = cls == NodeClass::carray || cls == NodeClass::earray ? H5T_CSET_ASCII : H5T_CSET_UTF8;
  detail::write_string_attribute(id, "CLASS", pytables_class(cls), cset);
  const char* version = cls == NodeClass::vlarray || cls == NodeClass::string_array ? "1.4" : "1.1";
  if (cls == NodeClass::earray) detail::write_int32_attribute(id, "EXTDIM", 0);
  detail::write_string_attribute(id, "TITLE", title, cset);
  detail::write_string_attribute(id, "VERSION", version, cset);
}

// The attributes pymodaq's backend adds to every array it creates, after PyTables' own.
void set_pymodaq_array_attributes(const Node& node, const Shape& shape, ElementType dtype, std::string_view subdtype) {
  node.set_attr("shape", PyValue::int_tuple(shape));
  node.set_attr("dtype", numpy_name(dtype));
  node.set_attr("subdtype", std::string(subdtype));
  node.set_attr("backend", kBackend);
}

// Runs `finish` on a dataset just created as `name` in `g`; if it throws, the dataset is unlinked
// again, so that no half-made node (data but no CLASS, say) stays behind.
template <class Finish>
auto finish_or_unlink(const h5kit::Group& g, std::string_view name, Finish&& finish) {
  try {
    return finish();
  } catch (...) {
    try {
      g.erase(name);
    } catch (...) {
    }
    throw;
  }
}

void set_fill_zero(h5kit::DatasetOptions& o, ElementType type) {
  // PyTables sets the atom's default (0) as the fill value; numbers only, as HDF5 converts it.
  switch (type) {
    case ElementType::boolean:
    case ElementType::complex64:
    case ElementType::complex128: return;
    default: o.fill_value(std::int8_t{0});
  }
}

}  // namespace

h5kit::DatasetOptions H5Backend::array_options(const Shape& chunks, const Shape& maxshape) const {
  h5kit::DatasetOptions o;
  // PyTables keeps HDF5's object times on its arrays (track_times=True); h5kit's datasets default
  // to h5py's choice of none.
  o.chunks(chunks).maxshape(maxshape).fill_time(FillTime::alloc).track_times();
  if (compression_.enabled()) o.shuffle().gzip(compression_.level);
  return o;
}

namespace {
struct CArrayRequest {
  Shape shape;
  ElementType type;
  const ArrayView* data;  // nullptr: zero-filled
};

CArray make_carray(const Group& parent, std::string_view name, const CArrayRequest& req, std::string_view title,
                          h5kit::DatasetOptions options) {
  const h5kit::Group g = parent.group();
  const h5kit::Dataset ds = g.create_dataset(name, req.shape, h5kit::Datatype(detail::file_type(req.type)), options);
  return finish_or_unlink(g, name, [&] {
    CArray node = open_node(ds).as_carray();
    if (req.data && req.data->size() > 0) node.write_at({}, *req.data);
    write_array_system_attributes(ds.id(), NodeClass::carray, title);
    set_pymodaq_array_attributes(node, req.shape, req.type, "");
    return open_node(ds).as_carray();
  });
}
}  // namespace

h5kit::DatasetOptions H5Backend::carray_options(const Shape& shape, ElementType type) const {
  // PyTables: chunks sized for nrows expected rows, maxdims = max(dims, chunk) (H5ARRAY.c).
  const Shape chunks = detail::pytables_chunkshape(shape, shape[0], element_size(type));
  Shape maxshape = shape;
  for (std::size_t k = 0; k < maxshape.size(); ++k) maxshape[k] = std::max(maxshape[k], chunks[k]);
  h5kit::DatasetOptions options = array_options(chunks, maxshape);
  set_fill_zero(options, type);
  return options;
}

CArray H5Backend::create_carray(const Location& where, std::string_view name, const ArrayView& data,
                                std::string_view title) const {
  const Group parent = resolve_group(where, "create CARRAY");
  check_name(name, "create CARRAY", parent);
  if (data.shape.empty())
    throw_error(ErrorKind::invalid_argument, "create CARRAY", parent.file_name(), parent.path(),
                "'" + std::string(name) + "': a CARRAY has at least one dimension (store a scalar with shape (1,))");
  if (data.data == nullptr && data.size() > 0)
    throw_error(ErrorKind::invalid_argument, "create CARRAY", parent.file_name(), parent.path(),
                "'" + std::string(name) + "': no data (pymodaq requires obj)");
  return make_carray(parent, name, {data.shape, data.type, &data}, title, carray_options(data.shape, data.type));
}

CArray H5Backend::create_carray(const Location& where, std::string_view name, ElementType dtype, const Shape& shape,
                                std::string_view title) const {
  const Group parent = resolve_group(where, "create CARRAY");
  check_name(name, "create CARRAY", parent);
  if (shape.empty())
    throw_error(ErrorKind::invalid_argument, "create CARRAY", parent.file_name(), parent.path(),
                "'" + std::string(name) + "': a CARRAY has at least one dimension (store a scalar with shape (1,))");
  return make_carray(parent, name, {shape, dtype, nullptr}, title, carray_options(shape, dtype));
}

EArray H5Backend::create_earray(const Location& where, std::string_view name, ElementType dtype,
                                const Shape& data_shape, std::string_view title) const {
  const Group parent = resolve_group(where, "create EARRAY");
  check_name(name, "create EARRAY", parent);
  Shape shape{0};
  shape.insert(shape.end(), data_shape.begin(), data_shape.end());
  const Shape chunks = detail::pytables_chunkshape(shape, 1000, element_size(dtype));  // EXPECTED_ROWS_EARRAY
  Shape maxshape = shape;
  maxshape[0] = unlimited;
  h5kit::DatasetOptions options = array_options(chunks, maxshape);
  set_fill_zero(options, dtype);
  const h5kit::Group g = parent.group();
  const h5kit::Dataset ds = g.create_dataset(name, shape, h5kit::Datatype(detail::file_type(dtype)), options);
  return finish_or_unlink(g, name, [&] {
    write_array_system_attributes(ds.id(), NodeClass::earray, title);
    const EArray node = open_node(ds).as_earray();
    set_pymodaq_array_attributes(node, shape, dtype, "");
    return node;
  });
}

namespace {
struct VLArraySpec {
  ElementType atom;
  std::string subdtype;
};

Node make_vlarray(const Group& parent, std::string_view name, const VLArraySpec& spec, std::string_view title,
                  const h5kit::DatasetOptions& options) {
  const h5kit::Group g = parent.group();
  h5kit::Datatype atom(detail::file_type(spec.atom));
  const h5kit::Dataset ds = g.create_dataset(name, Shape{0}, h5kit::Datatype::vlen(atom), options);
  return finish_or_unlink(g, name, [&] {
    const NodeClass cls = spec.subdtype == "string" ? NodeClass::string_array : NodeClass::vlarray;
    write_array_system_attributes(ds.id(), cls, title);
    set_pymodaq_array_attributes(open_node(ds), Shape{0}, spec.atom, spec.subdtype);
    return open_node(ds);
  });
}
}  // namespace

VLArray H5Backend::create_vlarray(const Location& where, std::string_view name, ElementType dtype,
                                  std::string_view title) const {
  const Group parent = resolve_group(where, "create VLARRAY");
  check_name(name, "create VLARRAY", parent);
  // vlarray.py: 64 KiB chunks of rows, sized by the atom's item size; EXPECTED_ROWS_VLARRAY = 1000.
  const Shape chunks{std::max<std::size_t>(detail::pytables_chunkshape(Shape{0}, 1000, element_size(dtype))[0], 1)};
  const h5kit::DatasetOptions options = array_options(chunks, Shape{unlimited});
  return make_vlarray(parent, name, {dtype, ""}, title, options).as_vlarray();
}

StringArray H5Backend::create_string_array(const Location& where, std::string_view name,
                                           std::string_view title) const {
  const Group parent = resolve_group(where, "create string array");
  check_name(name, "create string array", parent);
  const Shape chunks{detail::pytables_chunkshape(Shape{0}, 1000, 1)[0]};
  const h5kit::DatasetOptions options = array_options(chunks, Shape{unlimited});
  return make_vlarray(parent, name, {ElementType::uint8, "string"}, title, options).as_string_array();
}

void H5Backend::define_compression(std::string_view library, int level) {
  if (library != "zlib" && library != "gzip")
    throw_error(ErrorKind::invalid_argument, "define compression", file_.valid() ? file_.filename() : "", "",
                "compression '" + std::string(library) + "' is not 'zlib' or 'gzip' (the deflate filter)");
  if (level < 0 || level > 9)
    throw_error(ErrorKind::invalid_argument, "define compression", file_.valid() ? file_.filename() : "", "",
                "compression level " + std::to_string(level) + " is not within 0-9");
  compression_ = Compression{"zlib", level};
}

// ---- attributes ----

bool H5Backend::has_attr(const Location& node, std::string_view name) const {
  return resolve(node, "test attribute").has_attr(name);
}
PyValue H5Backend::get_attr(const Location& node, std::string_view name) const {
  return resolve(node, "get attribute").get_attr(name);
}
void H5Backend::set_attr(const Location& node, std::string_view name, const PyValue& value) const {
  resolve(node, "set attribute").set_attr(name, value);
}

}  // namespace h5kit::daq
