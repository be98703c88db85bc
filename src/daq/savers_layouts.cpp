// DataEnlargeableSaver, DataExtendedSaver and the DataToExport savers (spec §8.5-§8.7).
#include <cstdio>

#include "h5kit/daq/savers.hpp"
#include "h5kit/error.hpp"
#include "savers_common.hpp"

namespace h5kit::daq {

using detail::node_error;

namespace {

[[noreturn]] void refuse(const H5SaverLowLevel& saver, const Location& where, const char* operation,
                         const std::string& detail) {
  throw InvalidArgumentError(ErrorKind::invalid_argument, operation, saver.filename(), saver.get_node(where).path(),
                             detail);
}

// The view of one row for a node whose remaining axes are `rest` (a scalar row of data (1,) written
// into a scan-shaped array without its own axis has shape ()).
ArrayView row_view(const Array& a, const Shape& rest) {
  ArrayView v = a.view();
  if (element_count(rest) == a.size()) v.shape = rest;
  return v;
}

}  // namespace

// ---- DataEnlargeableSaver -------------------------------------------------------------------

DataEnlargeableSaver::DataEnlargeableSaver(H5SaverLowLevel& saver, std::vector<std::string> enl_axis_names,
                                           std::vector<std::string> enl_axis_units)
    : DataSaverLoader(saver, DataType::data_enlargeable), names_(std::move(enl_axis_names)),
      units_(std::move(enl_axis_units)) {
  if (names_.size() != units_.size())
    throw InvalidArgumentError(ErrorKind::invalid_argument, "daq DataEnlargeableSaver", "", "",
                               "enl_axis_names and enl_axis_units must have the same length");
}

void DataEnlargeableSaver::create_arrays(const Location& where, const DataWithAxes& data, bool add_enl_axes) const {
  const bool parity = saver_->saver_options().pymodaq_5_0_5;
  std::vector<int> nav{0};
  for (int n : data.nav_indexes()) nav.push_back(n + 1);
  for (std::size_t i = 0; i < data.length(); ++i) {
    ArrayRequest r;
    r.array_type = data[i].dtype();
    r.data_shape = data[i].shape();
    r.enlargeable = true;
    r.title = data.name();
    r.data_dimension = data.dim();
    Metadata m = {{"timestamp", PyValue(data.timestamp())},
                  {"label", PyValue(data.labels().at(i))},
                  {"source", PyValue(std::string(name(data.source())))},
                  {"distribution", PyValue("spread")},
                  {"origin", PyValue(data.origin())},
                  {"nav_indexes", PyValue::int_tuple(nav)}};
    if (!parity) m.emplace_back("units", PyValue(data.units()));
    r.metadata = std::move(m);
    saver_->add_array(where, next_node_name(where), type_, r);
  }
  if (data.errors() && !parity) {
    // Enlargeable ErrorBar nodes beside the EnlData ones, grown with them (newer pymodaq's layout).
    ErrorSaverLoader errors(*saver_);
    for (std::size_t i = 0; i < data.length(); ++i) {
      ArrayRequest r;
      r.array_type = (*data.errors())[i].dtype();
      r.data_shape = data[i].shape();
      r.enlargeable = true;
      r.title = data.name() + "_errors";
      r.data_dimension = data.dim();
      r.metadata = {{"timestamp", PyValue(data.timestamp())},
                    {"label", PyValue(data.labels().at(i))},
                    {"source", PyValue("calculated")},
                    {"distribution", PyValue("spread")},
                    {"origin", PyValue(data.origin())},
                    {"nav_indexes", PyValue::int_tuple(nav)},
                    {"units", PyValue(data.units())}};
      saver_->add_array(where, errors.next_node_name(where), DataType::error, r);
    }
  }
  AxisSaverLoader axes(*saver_);
  if (add_enl_axes) {
    for (std::size_t k = 0; k < names_.size(); ++k) {
      Node node = axes.add_axis(where, Axis(names_[k], units_[k], {0., 1.}, 0, static_cast<int>(k)), true);
      // 5.0.5 leaves `size` at the 2 of its placeholder values; h5kit counts the appends from 0.
      if (!parity) node.set_attr("size", PyValue(0));
    }
  }
  for (const Axis& axis : data.axes()) {
    Axis shifted = axis;  // a copy: the caller's axis keeps its index
    shifted.set_index(axis.index() + 1);
    axes.add_axis(where, shifted);
  }
}

void DataEnlargeableSaver::add_data(const Location& where, const DataWithAxes& data,
                                    const std::optional<std::vector<double>>& axis_values_in) {
  const char* op = "daq enlargeable add_data";
  std::optional<std::vector<double>> axis_values = axis_values_in;
  bool add_enl_axes = axis_values.has_value();
  const bool first = !last_node_name(where).has_value();
  const DataWithAxes* rows = &data;
  std::optional<DataWithAxes> first_row;
  if (data.nav_indexes().size() > 1)
    refuse(*saver_, where, op, "data with " + std::to_string(data.nav_indexes().size()) +
                                   " nav indexes cannot be appended (one at most, at index 0)");
  if (data.nav_indexes().size() == 1) {
    // DataND with one navigation axis: its rows are appended, that axis' values extend the enlargeable axis.
    if (data.nav_indexes()[0] != 0)
      refuse(*saver_, where, op, "the nav index of appended DataND must be 0, not " +
                                     std::to_string(data.nav_indexes()[0]));
    auto nav_axes = data.axes_for(0);
    if (nav_axes.empty()) refuse(*saver_, where, op, "the DataND to append has no axis for its nav index 0");
    axis_values = nav_axes.front().values();
    add_enl_axes = true;
    if (first) {
      names_ = {nav_axes.front().label()};
      units_ = {nav_axes.front().units()};
      // data.inav[0]: the first row, with the signal axes shifted down by one.
      std::vector<Array> arrays;
      for (const Array& a : data.data()) arrays.push_back(a.slice0(0));
      DataOptions o;
      o.source = data.source();
      o.labels = data.labels();
      o.origin = data.origin();
      o.units = data.units();
      for (const Axis& ax : data.axes())
        if (ax.index() != 0) {
          Axis s = ax;
          s.set_index(ax.index() - 1);
          o.axes.push_back(s);
        }
      if (data.errors()) {
        std::vector<Array> e;
        for (const Array& a : *data.errors()) e.push_back(a.slice0(0));
        o.errors = std::move(e);
      }
      o.extra = data.extra();
      o.timestamp = data.timestamp();
      first_row.emplace(data.name(), std::move(arrays), std::move(o));
      rows = &*first_row;
    }
  }
  if (add_enl_axes && axis_values->size() != names_.size() && data.nav_indexes().empty())
    refuse(*saver_, where, op, std::to_string(axis_values->size()) + " axis values for " +
                                   std::to_string(names_.size()) + " enlargeable axes");

  if (first) create_arrays(where, *rows, add_enl_axes);

  // Check every node before writing any, so that a bad append leaves the file as it was.
  const bool with_errors = !saver_->saver_options().pymodaq_5_0_5;
  ErrorSaverLoader error_saver(*saver_);
  std::vector<EArray> nodes, error_nodes;
  for (std::size_t i = 0; i < data.length(); ++i) nodes.push_back(node_from_index(where, i).as_earray());
  const bool has_error_nodes = with_errors && saver_->get_node(where).as_group().contains(error_saver.format_node_name(0));
  if (with_errors && !first && !has_error_nodes && data.errors())
    refuse(*saver_, where, op, "this append has errors but the first one had none: no ErrorBar nodes to grow");
  if (has_error_nodes)
    for (std::size_t i = 0; i < data.length(); ++i)
      error_nodes.push_back(error_saver.node_from_index(where, i).as_earray());
  for (std::size_t i = 0; i < data.length(); ++i) {
    const Shape row = nodes[i].row_shape();
    Shape s = data[i].shape();
    if (data.nav_indexes().size() == 1) s.erase(s.begin());
    if (s != row && !(row == Shape{1} && element_count(s) == 1))
      node_error(ErrorKind::shape_mismatch, op, nodes[i],
                 "appended data of shape " + to_string(data[i].shape()) + " do not fit rows of shape " + to_string(row));
  }
  if (has_error_nodes && !data.errors())
    node_error(ErrorKind::invalid_argument, op, error_nodes.front(),
               "the first append had errors, this one has none: errors must come with every append");

  for (std::size_t i = 0; i < data.length(); ++i) nodes[i].append(data[i].view());
  if (has_error_nodes)
    for (std::size_t i = 0; i < data.length(); ++i) error_nodes[i].append((*data.errors())[i].view());
  if (add_enl_axes) {
    AxisSaverLoader axes(*saver_);
    for (std::size_t k = 0; k < names_.size(); ++k) {
      EArray axis = axes.node_from_index(where, k).as_earray();
      if (data.nav_indexes().size() == 1) {
        axis.append(array_view(*axis_values), false);
      } else {
        std::vector<double> one{(*axis_values)[k]};
        axis.append(array_view(one), true);
      }
      axis.set_attr("size", PyValue(axis.get_int("size") + 1));
    }
  }
}

// ---- DataExtendedSaver ----------------------------------------------------------------------

DataExtendedSaver::DataExtendedSaver(H5SaverLowLevel& saver, Shape extended_shape)
    : DataSaverLoader(saver, DataType::data), extended_shape_(std::move(extended_shape)) {}

void DataExtendedSaver::create_arrays(const Location& where, const DataWithAxes& data,
                                      DataDistribution distribution) const {
  const bool parity = saver_->saver_options().pymodaq_5_0_5;
  const int n_ext = static_cast<int>(extended_shape_.size());
  std::vector<int> nav;
  for (int i = 0; i < n_ext; ++i) nav.push_back(i);
  for (int n : data.nav_indexes()) nav.push_back(n + n_ext);
  auto metadata = [&](std::size_t i, const char* source) {
    Metadata m = {{"timestamp", PyValue(data.timestamp())},
                  {"label", PyValue(data.labels().at(i))},
                  {"source", PyValue(source)},
                  {"distribution", PyValue(std::string(name(distribution)))},
                  {"origin", PyValue(data.origin())},
                  {"nav_indexes", PyValue::int_tuple(nav)}};
    if (!parity) m.emplace_back("units", PyValue(data.units()));
    return m;
  };
  for (std::size_t i = 0; i < data.length(); ++i) {
    ArrayRequest r;
    r.array_type = data[i].dtype();
    r.data_shape = data[i].shape();
    r.scan_shape = extended_shape_;
    r.add_scan_dim = true;
    r.title = data.name();
    r.data_dimension = data.dim();
    r.metadata = metadata(i, name(data.source()).data());
    saver_->add_array(where, next_node_name(where), type_, r);
  }
  if (data.errors() && !parity) {
    ErrorSaverLoader errors(*saver_);
    for (std::size_t i = 0; i < data.length(); ++i) {
      ArrayRequest r;
      r.array_type = (*data.errors())[i].dtype();
      r.data_shape = data[i].shape();
      r.scan_shape = extended_shape_;
      r.add_scan_dim = true;
      r.title = data.name() + "_errors";
      r.data_dimension = data.dim();
      r.metadata = metadata(i, "calculated");
      saver_->add_array(where, errors.next_node_name(where), DataType::error, r);
    }
  }
  AxisSaverLoader axes(*saver_);
  for (const Axis& axis : data.axes()) {
    Axis shifted = axis;  // pymodaq shifts the caller's axis in place; h5kit shifts a copy
    shifted.set_index(axis.index() + n_ext);
    axes.add_axis(where, shifted);
  }
}

void DataExtendedSaver::add_data(const Location& where, const DataWithAxes& data,
                                 const std::vector<std::size_t>& indexes, DataDistribution distribution) const {
  const char* op = "daq extended add_data";
  if (indexes.size() != extended_shape_.size())
    refuse(*saver_, where, op, std::to_string(indexes.size()) + " indexes for the extended shape " +
                                   to_string(extended_shape_));
  for (std::size_t k = 0; k < indexes.size(); ++k)
    if (indexes[k] >= extended_shape_[k])
      refuse(*saver_, where, op, "index " + std::to_string(indexes[k]) + " is out of range for extended dimension " +
                                     std::to_string(k) + " of size " + std::to_string(extended_shape_[k]));
  if (!last_node_name(where)) create_arrays(where, data, distribution);

  std::vector<std::int64_t> at(indexes.begin(), indexes.end());
  std::vector<CArray> nodes, error_nodes;
  ErrorSaverLoader error_saver(*saver_);
  const Group group = saver_->get_node(where).as_group();
  for (std::size_t i = 0; i < data.length(); ++i) nodes.push_back(node_from_index(where, i).as_carray());
  const bool with_errors = !saver_->saver_options().pymodaq_5_0_5;
  const bool has_error_nodes = with_errors && group.contains(error_saver.format_node_name(0));
  if (with_errors && !has_error_nodes && data.errors())
    refuse(*saver_, where, op, "this scan point has errors but the first one had none: no ErrorBar nodes to write");
  if (has_error_nodes)
    for (std::size_t i = 0; i < data.length(); ++i) error_nodes.push_back(error_saver.node_from_index(where, i).as_carray());
  for (std::size_t i = 0; i < data.length(); ++i) {
    Shape node_shape = nodes[i].shape();
    Shape rest(node_shape.begin() + static_cast<std::ptrdiff_t>(indexes.size()), node_shape.end());
    if (element_count(rest) != data[i].size() || (!rest.empty() && rest != data[i].shape()))
      node_error(ErrorKind::shape_mismatch, op, nodes[i],
                 "data of shape " + to_string(data[i].shape()) + " do not fit the scan point's shape " + to_string(rest));
  }
  if (has_error_nodes && !data.errors())
    node_error(ErrorKind::invalid_argument, op, error_nodes.front(),
               "the first scan point had errors, this one has none: errors must come with every point");
  for (std::size_t i = 0; i < data.length(); ++i) {
    Shape node_shape = nodes[i].shape();
    Shape rest(node_shape.begin() + static_cast<std::ptrdiff_t>(indexes.size()), node_shape.end());
    nodes[i].write_at(at, row_view(data[i], rest));
    if (has_error_nodes) error_nodes[i].write_at(at, row_view((*data.errors())[i], rest));
  }
}

// ---- DataToExport savers --------------------------------------------------------------------

std::string DataToExportSaver::channel_name(std::size_t index) {
  const std::string n = std::to_string(index);
  return "CH" + (n.size() < 2 ? "0" + n : n);
}

template <class F>
void DataToExportSaver::for_each_channel(const Location& where, const DataToExport& data, F&& f) const {
  for (DataDim dim : data.dims_present()) {
    Group dim_group = saver_->get_set_group(where, name(dim));
    std::size_t index = 0;
    for (const DataWithAxes* dwa : data.from_dim(dim)) {
      Group ch = saver_->get_set_group(Location(dim_group), channel_name(index++), dwa->name());
      f(ch, *dwa);
    }
  }
}

void DataToExportSaver::add_data(const Location& where, const DataToExport& data) const {
  DataSaverLoader saver(*saver_);
  for_each_channel(where, data, [&](const Group& ch, const DataWithAxes& dwa) { saver.add_data(Location(ch), dwa); });
}

void DataToExportSaver::add_bkg(const Location& where, const DataToExport& data) const {
  BkgSaver saver(*saver_);
  for_each_channel(where, data,
                   [&](const Group& ch, const DataWithAxes& dwa) { saver.add_data(Location(ch), dwa, false); });
}

DataToExportEnlargeableSaver::DataToExportEnlargeableSaver(H5SaverLowLevel& saver,
                                                           std::vector<std::string> enl_axis_names,
                                                           std::vector<std::string> enl_axis_units)
    : DataToExportSaver(saver), names_(std::move(enl_axis_names)), units_(std::move(enl_axis_units)),
      data_saver_(saver) {
  if (names_.size() != units_.size())
    throw InvalidArgumentError(ErrorKind::invalid_argument, "daq DataToExportEnlargeableSaver", "", "",
                               "enl_axis_names and enl_axis_units must have the same length");
}

void DataToExportEnlargeableSaver::add_data(const Location& where, const DataToExport& data,
                                            const std::vector<double>& axis_values) {
  if (axis_values.size() != names_.size())
    refuse(*saver_, where, "daq enlargeable add_data",
           std::to_string(axis_values.size()) + " axis values for " + std::to_string(names_.size()) +
               " enlargeable axes");
  for_each_channel(where, data,
                   [&](const Group& ch, const DataWithAxes& dwa) { data_saver_.add_data(Location(ch), dwa); });
  Group nav_group = saver_->get_set_group(where, nav_axes_group_name);
  AxisSaverLoader axes(*saver_);
  if (!axes.last_node_name(Location(nav_group))) {
    for (std::size_t k = 0; k < names_.size(); ++k) {
      Node node = axes.add_axis(Location(nav_group), Axis(names_[k], units_[k], {0., 1.}, 0, static_cast<int>(k)), true);
      node.set_attr("size", PyValue(0));
    }
  }
  for (std::size_t k = 0; k < names_.size(); ++k) {
    EArray axis = axes.node_from_index(Location(nav_group), k).as_earray();
    std::vector<double> one{axis_values[k]};
    axis.append(array_view(one), false);
    axis.set_attr("size", PyValue(axis.get_int("size") + 1));
  }
}

void DataToExportExtendedSaver::add_nav_axes(const Location& where, const std::vector<Axis>& axes) const {
  Group nav_group = saver_->get_set_group(where, nav_axes_group_name);
  AxisSaverLoader saver(*saver_);
  if (!saver.last_node_name(Location(nav_group)))
    for (const Axis& axis : axes) saver.add_axis(Location(nav_group), axis);
}

void DataToExportExtendedSaver::add_data(const Location& where, const DataToExport& data,
                                         const std::vector<std::size_t>& indexes, DataDistribution distribution) const {
  for_each_channel(where, data, [&](const Group& ch, const DataWithAxes& dwa) {
    data_saver_.add_data(Location(ch), dwa, indexes, distribution);
  });
}

}  // namespace h5kit::daq
