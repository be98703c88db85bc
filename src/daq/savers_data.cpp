// DataManagement, AxisSaverLoader, DataSaverLoader (with its load_data), BkgSaver, ErrorSaverLoader.
#include <algorithm>
#include <cstdio>

#include "h5kit/daq/savers.hpp"
#include "h5kit/error.hpp"
#include "savers_common.hpp"

namespace h5kit::daq {

namespace detail {

Array read_array(const CArray& node) {
  switch (node.element_type()) {
    case ElementType::float64: return Array(node.read<double>());
    case ElementType::float32: return Array(node.read<float>());
    case ElementType::int64: return Array(node.read<std::int64_t>());
    case ElementType::int32: return Array(node.read<std::int32_t>());
    case ElementType::int16: return Array(node.read<std::int16_t>());
    case ElementType::int8: return Array(node.read<std::int8_t>());
    case ElementType::uint64: return Array(node.read<std::uint64_t>());
    case ElementType::uint32: return Array(node.read<std::uint32_t>());
    case ElementType::uint16: return Array(node.read<std::uint16_t>());
    case ElementType::uint8: return Array(node.read<std::uint8_t>());
    case ElementType::boolean: {
      NDArray<bool> b = node.read<bool>();
      return Array(b.shape(), std::vector<bool>(b.begin(), b.end()));
    }
    case ElementType::complex128: return Array(node.read<std::complex<double>>());
    case ElementType::complex64: return Array(node.read<std::complex<float>>());
  }
  return Array(node.read<double>());
}

[[noreturn]] void node_error(ErrorKind kind, const char* operation, const Node& node, const std::string& detail) {
  throw_error(kind, operation, node.file_name(), node.path(), detail);
}

template <class E>
E parse_attr(const Node& node, const char* attr) {
  const std::string text = node.get_str(attr);
  try {
    return parse<E>(text);
  } catch (const Error& e) {
    node_error(ErrorKind::invalid_argument, "daq read attribute", node,
               std::string("attribute '") + attr + "': " + e.detail());
  }
}
template DataType parse_attr<DataType>(const Node&, const char*);
template DataDim parse_attr<DataDim>(const Node&, const char*);
template DataSource parse_attr<DataSource>(const Node&, const char*);
template DataDistribution parse_attr<DataDistribution>(const Node&, const char*);

}  // namespace detail

using detail::node_error;
using detail::parse_attr;
using detail::read_array;

// ---- DataManagement -------------------------------------------------------------------------

std::string DataManagement::format_node_name(std::size_t index) const {
  char buf[32];
  std::snprintf(buf, sizeof buf, "%02zu", index);
  return capitalize(value(type_)) + buf;
}

bool DataManagement::is_node_of_type(const Node& node) const {
  auto t = node.find_attr("data_type");
  return t && t->is_str() && t->as_str() == name(type_);
}

std::size_t DataManagement::next_index(const Location& where) const {
  std::size_t n = 0;
  for (const Node& node : saver_->walk_nodes(where))
    if (is_node_of_type(node)) ++n;
  return n;
}

std::optional<std::string> DataManagement::last_node_name(const Location& where) const {
  const std::size_t n = next_index(where);
  if (n == 0) return std::nullopt;
  return format_node_name(n - 1);
}

Node DataManagement::node_from_index(const Location& where, std::size_t index) const {
  return saver_->get_node(where, format_node_name(index));
}

std::optional<std::size_t> DataManagement::index_from_node_name(const Node& node) const {
  // int(node.name.split(value)[1])
  const std::string n = node.name();
  const std::string v(value(type_));
  const auto pos = n.find(v);
  if (pos == std::string::npos) return std::nullopt;
  std::string rest = n.substr(pos + v.size());
  const auto next = rest.find(v);
  if (next != std::string::npos) rest = rest.substr(0, next);
  if (rest.empty() || !std::all_of(rest.begin(), rest.end(), [](char c) { return c >= '0' && c <= '9'; }))
    return std::nullopt;
  return static_cast<std::size_t>(std::stoull(rest));
}

std::vector<Node> DataManagement::nodes_of_type(const Location& where) const {
  Node node = saver_->get_node(where);
  Node parent = node;
  if (!node.is_group()) {
    auto p = node.parent_node();
    if (!p) return {};
    parent = *p;
  }
  std::vector<Node> out;
  for (const Node& child : saver_->walk_nodes(Location(parent)))
    if (is_node_of_type(child)) out.push_back(child);
  return out;
}

// ---- AxisSaverLoader ------------------------------------------------------------------------

Node AxisSaverLoader::add_axis(const Location& where, const Axis& axis, bool enlargeable) const {
  const Array values(axis.values());
  ArrayRequest r;
  r.array_to_save = &values;
  r.data_dimension = DataDim::Data1D;
  r.enlargeable = enlargeable;
  r.title = axis.label();
  // is_axis_linear(): a linear axis is; a non-linear one tests its values (always false here).
  const bool linear = axis.is_linear();
  r.metadata = {{"size", PyValue(axis.size())},
                {"label", PyValue(axis.label())},
                {"units", PyValue(axis.units())},
                {"index", PyValue(axis.index())},
                {"offset", axis.offset()},
                {"scaling", axis.scaling()},
                {"distribution", PyValue(linear ? "uniform" : "spread")},
                {"spread_order", PyValue(axis.spread_order())}};
  return saver_->add_array(where, next_node_name(where), type_, r);
}

Axis AxisSaverLoader::load_axis(const Location& where) const {
  Node node = saver_->get_node(where);
  if (!is_node_of_type(node))
    node_error(ErrorKind::invalid_argument, "daq load_axis", node, "not an axis node (its data_type is not 'axis')");
  if (!node.is_array()) node_error(ErrorKind::type_mismatch, "daq load_axis", node, "an axis node must be an array");
  Array data = read_array(node.as_carray());
  std::vector<std::size_t> ones;
  for (std::size_t i = 0; i < data.rank(); ++i)
    if (data.shape()[i] == 1) ones.push_back(i);
  data = data.squeezed(ones);
  if (data.rank() != 1)
    node_error(ErrorKind::shape_mismatch, "daq load_axis", node,
               "axis data must be 1-D after squeezing, found " + data.describe());
  if (data.dtype() == ElementType::complex128 || data.dtype() == ElementType::complex64)
    node_error(ErrorKind::type_mismatch, "daq load_axis", node, "axis data must be real, found " + data.describe());
  const std::int64_t index = node.get_int("index");
  if (index < 0) node_error(ErrorKind::invalid_argument, "daq load_axis", node, "attribute 'index' is negative");
  return Axis(node.get_str("label"), node.get_str("units"), data.to_doubles(), static_cast<int>(index),
              static_cast<int>(node.get_int("spread_order")));
}

std::vector<Axis> AxisSaverLoader::get_axes(const Location& where) const {
  std::vector<Axis> axes;
  for (const Node& node : nodes_of_type(where)) axes.push_back(load_axis(Location(node)));
  return axes;
}

// ---- DataSaverLoader: saving ----------------------------------------------------------------

DataSaverLoader data_saver_for(H5SaverLowLevel& saver, DataType type) {
  struct Any : DataSaverLoader {
    Any(H5SaverLowLevel& s, DataType t) : DataSaverLoader(s, t) {}
  };
  return Any(saver, type);
}

Metadata DataSaverLoader::array_metadata(const DataWithAxes& data, std::size_t i, bool with_units,
                                         bool with_extra) const {
  Metadata m = {{"timestamp", PyValue(data.timestamp())},
                {"label", PyValue(data.labels().at(i))},
                {"source", PyValue(std::string(name(data.source())))},
                {"distribution", PyValue(std::string(name(data.distribution())))},
                {"origin", PyValue(data.origin())}};
  if (with_units) m.emplace_back("units", PyValue(data.units()));
  m.emplace_back("nav_indexes", PyValue::int_tuple(data.nav_indexes()));
  if (with_extra)
    for (const auto& kv : data.extra()) m.push_back(kv);
  return m;
}

void DataSaverLoader::add_errors(const Location& where, const DataWithAxes& data) const {
  DataWithAxes errors = data.errors_as_dwa();
  errors.set_source(DataSource::calculated);
  ErrorSaverLoader(*saver_).add_data(where, errors, false);
}

void DataSaverLoader::add_data(const Location& where, const DataWithAxes& data, bool save_axes) const {
  for (std::size_t i = 0; i < data.length(); ++i) {
    ArrayRequest r;
    r.array_to_save = &data[i];
    r.title = data.name();
    r.data_dimension = data.dim();
    r.metadata = array_metadata(data, i, true, true);
    saver_->add_array(where, next_node_name(where), type_, r);
  }
  if (save_axes) {
    AxisSaverLoader axes(*saver_);
    for (const Axis& axis : data.axes()) axes.add_axis(where, axis);
  }
  // The error saver writes no errors of errors; a background's errors are written only in parity
  // mode (5.0.5 puts them next to the data's ErrorBar nodes, which then no longer load).
  const bool errors_wanted = type_ == DataType::data || (type_ == DataType::bkg && saver_->saver_options().pymodaq_5_0_5);
  if (data.errors() && errors_wanted) add_errors(where, data);
}

// ---- DataSaverLoader: loading ---------------------------------------------------------------

namespace {

// Axes of extent 1 that are not nav indexes (the node's `shape` and `nav_indexes` attributes).
std::vector<std::size_t> signal_axes_to_squeeze(const CArray& node, const Array& data) {
  std::vector<std::int64_t> nav;
  if (node.has_attr("nav_indexes")) nav = node.get_int_tuple("nav_indexes");
  // `shape` is what pymodaq reads; fall back on the dataset's own shape when it is absent.
  Shape shape = data.shape();
  if (node.has_attr("shape")) {
    auto s = node.get_int_tuple("shape");
    Shape attr(s.begin(), s.end());
    if (attr != data.shape())
      node_error(ErrorKind::shape_mismatch, "daq load_data", node,
                 "attribute 'shape' is " + to_string(attr) + " but the array is " + to_string(data.shape()));
  }
  std::vector<std::size_t> out;
  for (std::size_t i = 0; i < shape.size(); ++i)
    if (shape[i] == 1 && std::find(nav.begin(), nav.end(), std::int64_t(i)) == nav.end()) out.push_back(i);
  return out;
}

const char* const kNotExtra[] = {"TITLE",       "CLASS",  "VERSION", "backend", "source",   "data_dimension",
                                 "distribution", "label", "origin",  "nav_indexes", "dtype", "data_type",
                                 "subdtype",     "shape", "size",    "EXTDIM",  "path",     "timestamp",
                                 "units"};

std::string text_attr_or(const Node& node, const char* attr, const std::string& fallback) {
  if (!node.has_attr(attr)) return fallback;
  return node.get_str(attr);
}

}  // namespace

std::vector<Array> DataSaverLoader::get_data_arrays(const Location& where, bool with_bkg, bool load_all) const {
  Node node = saver_->get_node(where);
  std::vector<Node> bkg_nodes;
  if (with_bkg) {
    if (auto parent = node.parent_node()) {
      for (const Node& n : saver_->walk_nodes(Location(*parent))) {
        auto t = n.find_attr("data_type");
        if (t && t->is_str() && t->as_str() == "bkg") bkg_nodes.push_back(n);
      }
    }
    with_bkg = !bkg_nodes.empty();
  }
  std::vector<Node> nodes;
  if (load_all) nodes = nodes_of_type(where);
  else if (node.is_group()) nodes = saver_->walk_nodes(where);
  else nodes = {node};

  std::vector<Array> out;
  for (std::size_t k = 0; k < nodes.size(); ++k) {
    if (!nodes[k].is_array()) continue;
    CArray array = nodes[k].as_carray();
    Array data = read_array(array);
    const auto squeeze = signal_axes_to_squeeze(array, data);
    if (with_bkg) {
      // pymodaq zips the data nodes with the Bkg nodes and so drops data without a background;
      // h5kit says so instead.
      if (k >= bkg_nodes.size())
        node_error(ErrorKind::not_found, "daq load_data with background", nodes[k],
                   "no background for this array: the group has " + std::to_string(bkg_nodes.size()) +
                       " Bkg node(s) for " + std::to_string(nodes.size()) + " data node(s)");
      Array bkg = read_array(bkg_nodes[k].as_carray());
      if (bkg.shape() != data.shape())
        node_error(ErrorKind::shape_mismatch, "daq load_data with background", nodes[k],
                   "background " + bkg_nodes[k].path() + " is " + bkg.describe() + ", the data " + data.describe());
      data = subtract(data, bkg);
    }
    out.push_back(data.squeezed(squeeze));
  }
  return out;
}

DataWithAxes DataSaverLoader::load_data(const Location& where, bool with_bkg, bool load_all) const {
  warnings_.clear();
  Node data_node = saver_->get_node(where);
  auto parent = data_node.parent_node();
  if (!parent || data_node.is_group())
    node_error(ErrorKind::type_mismatch, "daq load_data", data_node, "a data node must be an array, not a group");
  std::vector<Node> data_nodes;
  std::optional<Node> error_node;
  ErrorSaverLoader error_saver(*saver_);
  if (load_all) {
    data_nodes = nodes_of_type(Location(*parent));
    if (data_nodes.empty())
      node_error(ErrorKind::not_found, "daq load_data", data_node,
                 "no node of data_type '" + std::string(name(type_)) + "' in " + parent->path());
    data_node = data_nodes.front();
    error_node = data_node;
  } else {
    if (!data_node.is_array())
      node_error(ErrorKind::type_mismatch, "daq load_data", data_node, "not an array");
    data_nodes = {data_node};
    if (auto index = index_from_node_name(data_node)) {
      const std::string error_name = error_saver.format_node_name(*index);
      if (parent->contains(error_name)) error_node = parent->get_child(error_name);
    }
  }
  for (const Node& n : data_nodes)
    if (!n.is_array()) node_error(ErrorKind::type_mismatch, "daq load_data", n, "not an array");

  std::vector<Array> arrays;
  std::vector<Axis> axes;
  std::optional<std::vector<Array>> errors;
  const bool is_axis = type_ == DataType::axis;
  if (is_axis) {
    for (const Node& n : data_nodes) {
      Array a = read_array(n.as_carray());
      std::vector<std::size_t> ones;
      for (std::size_t i = 0; i < a.rank(); ++i)
        if (a.shape()[i] == 1) ones.push_back(i);
      arrays.push_back(a.squeezed(ones));
    }
    // pymodaq gives the axis node one axis of its label and units over 0 .. n-1.
    std::vector<double> ramp(arrays.front().size());
    for (std::size_t i = 0; i < ramp.size(); ++i) ramp[i] = double(i);
    if (arrays.front().rank() == 1)
      axes.emplace_back(data_node.get_str("label"), data_node.get_str("units"), ramp, 0);
  } else {
    arrays = get_data_arrays(Location(data_node), with_bkg, load_all);
    axes = get_axes(Location(*parent));
    if (error_node) {
      std::vector<Array> e = error_saver.get_data_arrays(Location(*error_node), false, load_all);
      bool ok = !e.empty() && e.size() == arrays.size();
      for (std::size_t i = 0; ok && i < e.size(); ++i) ok = e[i].shape() == arrays[i].shape();
      if (ok) errors = std::move(e);
      else if (!e.empty())
        warnings_.push_back(data_node.path() + ": " + std::to_string(e.size()) + " error array(s) for " +
                            std::to_string(arrays.size()) + " data array(s) of shape " +
                            to_string(arrays.front().shape()) + "; errors not loaded (as pymodaq)");
    }
  }

  // Mandatory attributes (pymodaq raises KeyError without them); the others have pymodaq's defaults.
  DataOptions o;
  o.source = data_node.has_attr("source") ? parse_attr<DataSource>(data_node, "source") : DataSource::raw;
  o.units = text_attr_or(data_node, "units", "");
  o.origin = text_attr_or(data_node, "origin", "");
  o.distribution = parse_attr<DataDistribution>(data_node, "distribution");
  (void)parse_attr<DataDim>(data_node, "data_dimension");  // must be a DataDim name; dim is re-derived
  for (const Node& n : data_nodes) o.labels.push_back(n.get_str("label"));
  if (data_node.has_attr("nav_indexes"))
    for (std::int64_t v : data_node.get_int_tuple("nav_indexes")) o.nav_indexes.push_back(static_cast<int>(v));
  o.axes = std::move(axes);
  o.errors = std::move(errors);
  for (auto& [key, value] : data_node.attrs_to_dict()) {
    bool skip = false;
    for (const char* n : kNotExtra) skip = skip || key == n;
    if (!skip) o.extra.emplace_back(key, std::move(value));
  }
  if (!is_axis) o.timestamp = data_node.get_float("timestamp");
  const std::string title = data_node.has_attr("TITLE") ? data_node.title() : std::string();
  try {
    // An axis node's TITLE is its label; pymodaq names the data after TITLE.
    const std::string dwa_name = is_axis && title.empty() ? data_node.get_str("label") : title;
    DataWithAxes dwa(dwa_name, std::move(arrays), std::move(o));
    dwa.set_path(data_node.path());
    return dwa;
  } catch (const Error& e) {
    if (!e.file().empty()) throw;
    node_error(e.kind(), "daq load_data", data_node, e.detail());
  }
}

}  // namespace h5kit::daq
