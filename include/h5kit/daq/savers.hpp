#pragma once
// pymodaq's savers (pymodaq_data.h5modules.data_saving, spec §8): Axis, Data, Bkg and ErrorBar
// nodes, enlargeable (EnlData) and extended (scan-shaped) data, and the DataToExport layouts
// (Data0D..DataND / CHnn groups, NavAxes).
//
// Node names: Capitalize(DataType value) + the index on 2 digits (Data00, Axis00, Bkg00, EnlData00,
// ErrorBar00; Data100 from 100 on), the index being the number of nodes of that data_type in the
// recursive walk of the target group.
//
// Defaults follow later pymodaq versions where 5.0.5 loses information (spec §11.2); the saver's
// SaverOptions::pymodaq_5_0_5 reproduces 5.0.5's files exactly. See docs/daq_saving.md.
//
//   daq::H5SaverLowLevel h5;  h5.init_file("det.h5", true);
//   daq::DataToExportSaver saver(h5);
//   saver.add_data("/RawData/MyDet", dte);      // Data0D/CH00/Data00, Data1D/CH00/Axis00, ...
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "h5kit/daq/data.hpp"
#include "h5kit/daq/saving.hpp"

namespace h5kit::daq {

// The node-naming and node-finding rules shared by every saver (pymodaq's DataManagement).
class DataManagement {
 public:
  DataType data_type() const noexcept { return type_; }
  // Capitalize(value) + index on 2 digits: "Data00", "EnlData01", "ErrorBar100".
  std::string format_node_name(std::size_t index) const;
  // The number of nodes whose data_type is this one in walk_nodes(where).
  std::size_t next_index(const Location& where) const;
  std::string next_node_name(const Location& where) const { return format_node_name(next_index(where)); }
  // The last name given out, nullopt when there is none yet.
  std::optional<std::string> last_node_name(const Location& where) const;
  Node node_from_index(const Location& where, std::size_t index) const;
  // The integer after the type's value in the node's name ('Data01' -> 1), nullopt when absent.
  std::optional<std::size_t> index_from_node_name(const Node& node) const;
  // Nodes of this data_type in the walk of `where` (of its parent group when `where` is an array).
  std::vector<Node> nodes_of_type(const Location& where) const;
  bool is_node_of_type(const Node& node) const;
  H5SaverLowLevel& saver() const noexcept { return *saver_; }

 protected:
  DataManagement(H5SaverLowLevel& saver, DataType type) : saver_(&saver), type_(type) {}
  H5SaverLowLevel* saver_;
  DataType type_;
};

// Axis nodes (`data_type` 'axis'): the full axis vector with size, label, units, index, offset,
// scaling, distribution and spread_order.
class AxisSaverLoader : public DataManagement {
 public:
  explicit AxisSaverLoader(H5SaverLowLevel& saver) : DataManagement(saver, DataType::axis) {}
  // An enlargeable axis is an EARRAY of shape (0,), filled by later appends.
  Node add_axis(const Location& where, const Axis& axis, bool enlargeable = false) const;
  // Axis(label, units, data=squeeze(read()), index, spread_order): the stored offset and scaling are
  // not used. InvalidArgumentError when the node is not an axis; NotFoundError / TypeMismatchError
  // naming the file, node and attribute when label, units, index or spread_order is missing or wrong.
  Axis load_axis(const Location& where) const;
  // Every axis node of the walk of `where` (of its parent when `where` is an array), in walk order.
  std::vector<Axis> get_axes(const Location& where) const;
};

// Data nodes of one data_type: 'data' (Data00...), 'bkg' (Bkg00...) or 'error' (ErrorBar00...).
class DataSaverLoader : public DataManagement {
 public:
  explicit DataSaverLoader(H5SaverLowLevel& saver) : DataSaverLoader(saver, DataType::data) {}

  // One CARRAY per array (TITLE = name; timestamp, label, source, distribution, origin, units,
  // nav_indexes and the extra attributes), then the axes (save_axes), then the errors as ErrorBar
  // nodes (TITLE <name>_errors, source 'calculated').
  void add_data(const Location& where, const DataWithAxes& data, bool save_axes = true) const;

  // pymodaq's load_data (§8.3) without NavAxes (DataLoader adds them). load_all: every node of this
  // data_type of the parent group. with_bkg: subtracts the parent's Bkg nodes, k-th from k-th.
  DataWithAxes load_data(const Location& where, bool with_bkg = false, bool load_all = false) const;
  // The squeezed arrays of the node (or of all nodes of this type of its parent with load_all).
  std::vector<Array> get_data_arrays(const Location& where, bool with_bkg = false, bool load_all = false) const;
  std::vector<Axis> get_axes(const Location& where) const { return AxisSaverLoader(*saver_).get_axes(where); }
  // Warnings of the last load_data (errors dropped because their count or shape did not match).
  const std::vector<std::string>& warnings() const noexcept { return warnings_; }

 protected:
  DataSaverLoader(H5SaverLowLevel& saver, DataType type) : DataManagement(saver, type) {}
  // The metadata of array i (the order pymodaq writes them in).
  Metadata array_metadata(const DataWithAxes& data, std::size_t i, bool with_units, bool with_extra) const;
  void add_errors(const Location& where, const DataWithAxes& data) const;

  mutable std::vector<std::string> warnings_;
  friend class DataLoader;
};

// Background nodes (Bkg00...). In pymodaq 5.0.5 a background with errors also writes ErrorBar nodes
// next to the data's, which makes the errors unloadable; h5kit writes them only in parity mode.
class BkgSaver : public DataSaverLoader {
 public:
  explicit BkgSaver(H5SaverLowLevel& saver) : DataSaverLoader(saver, DataType::bkg) {}
};

// ErrorBar nodes (ErrorBar00...).
class ErrorSaverLoader : public DataSaverLoader {
 public:
  explicit ErrorSaverLoader(H5SaverLowLevel& saver) : DataSaverLoader(saver, DataType::error) {}
};

// Saves a loaded or built DataWithAxes into one node kind, whatever its data type: what the
// DataLoader uses to read any node (`data_type` from the node).
DataSaverLoader data_saver_for(H5SaverLowLevel& saver, DataType type);

// Enlargeable data (`data_type` 'data_enlargeable', EnlData00...): one EARRAY per array, grown by
// each add_data. nav_indexes (0, ...), distribution 'spread'.
class DataEnlargeableSaver : public DataSaverLoader {
 public:
  explicit DataEnlargeableSaver(H5SaverLowLevel& saver, std::vector<std::string> enl_axis_names = {"nav axis"},
                                std::vector<std::string> enl_axis_units = {""});
  // Appends `data` (nav_indexes () : one row; one nav index 0: its rows, with that axis' values as
  // the enlargeable axis). The first call creates the EnlData nodes, the enlargeable axes (when
  // axis_values are given) and copies of the signal axes at index + 1. Data of another shape or
  // type than the first call's are refused before anything is written.
  void add_data(const Location& where, const DataWithAxes& data,
                const std::optional<std::vector<double>>& axis_values = std::nullopt);

 private:
  void create_arrays(const Location& where, const DataWithAxes& data, bool add_enl_axes) const;
  std::vector<std::string> names_, units_;
};

// Scan-shaped data (`data_type` 'data'): a zero CARRAY of extended_shape + data shape per array,
// written at the scan indexes.
class DataExtendedSaver : public DataSaverLoader {
 public:
  DataExtendedSaver(H5SaverLowLevel& saver, Shape extended_shape);
  const Shape& extended_shape() const noexcept { return extended_shape_; }
  // InvalidArgumentError when indexes do not have one entry per extended dimension or an index is
  // >= its extent (pymodaq 5.0.5 lets index == extent through and then fails in PyTables).
  void add_data(const Location& where, const DataWithAxes& data, const std::vector<std::size_t>& indexes,
                DataDistribution distribution = DataDistribution::uniform) const;

 private:
  void create_arrays(const Location& where, const DataWithAxes& data, DataDistribution distribution) const;
  Shape extended_shape_;
};

// ---- DataToExport savers: `where` is a detector group (/RawData/MyDet, /RawData/Scan000/Detector000).

// For each dim present (Data0D, Data1D, Data2D, DataND): group <dim>; for each DataWithAxes of the
// dim sorted by name: group CH<nn> (TITLE = its name), then the data saver.
class DataToExportSaver {
 public:
  explicit DataToExportSaver(H5SaverLowLevel& saver) : saver_(&saver) {}
  virtual ~DataToExportSaver() = default;
  DataToExportSaver(const DataToExportSaver&) = delete;
  DataToExportSaver& operator=(const DataToExportSaver&) = delete;

  static std::string channel_name(std::size_t index);  // "CH00"
  void add_data(const Location& where, const DataToExport& data) const;
  // Bkg nodes in the same CH groups (no axes).
  void add_bkg(const Location& where, const DataToExport& data) const;
  // As pymodaq: the same as add_bkg (the DataToExport given is saved as Bkg nodes).
  void add_error(const Location& where, const DataToExport& data) const { add_bkg(where, data); }
  H5SaverLowLevel& saver() const noexcept { return *saver_; }

 protected:
  // Calls f(ch_group, dwa) for each DataWithAxes in the dim / CH layout.
  template <class F>
  void for_each_channel(const Location& where, const DataToExport& data, F&& f) const;
  H5SaverLowLevel* saver_;
};

// Enlargeable DataToExport: EnlData nodes in the CH groups and shared enlargeable axes in
// where/NavAxes (Axis00...: index 0, spread_order k, `size` counting the appends).
class DataToExportEnlargeableSaver : public DataToExportSaver {
 public:
  DataToExportEnlargeableSaver(H5SaverLowLevel& saver, std::vector<std::string> enl_axis_names = {"nav axis"},
                               std::vector<std::string> enl_axis_units = {""});
  // axis_values: one value per enlargeable axis (InvalidArgumentError otherwise, before any write).
  void add_data(const Location& where, const DataToExport& data, const std::vector<double>& axis_values);

 private:
  std::vector<std::string> names_, units_;
  DataEnlargeableSaver data_saver_;
};

// Enlargeable along time: one axis 'time' in 's' whose values are the DataToExport timestamps.
class DataToExportTimedSaver : public DataToExportEnlargeableSaver {
 public:
  explicit DataToExportTimedSaver(H5SaverLowLevel& saver) : DataToExportEnlargeableSaver(saver, {"time"}, {"s"}) {}
  void add_data(const Location& where, const DataToExport& data) {
    DataToExportEnlargeableSaver::add_data(where, data, {data.timestamp()});
  }
};

// Scan-shaped DataToExport (DAQ_Scan): CARRAYs of extended_shape + data shape in the CH groups and
// the scan axes in where/NavAxes.
class DataToExportExtendedSaver : public DataToExportSaver {
 public:
  DataToExportExtendedSaver(H5SaverLowLevel& saver, Shape extended_shape)
      : DataToExportSaver(saver), data_saver_(saver, std::move(extended_shape)) {}
  // where/NavAxes/Axis00... as CARRAYs, only while NavAxes holds no axis.
  void add_nav_axes(const Location& where, const std::vector<Axis>& axes) const;
  void add_data(const Location& where, const DataToExport& data, const std::vector<std::size_t>& indexes,
                DataDistribution distribution = DataDistribution::uniform) const;
  const Shape& extended_shape() const noexcept { return data_saver_.extended_shape(); }

 private:
  DataExtendedSaver data_saver_;
};

}  // namespace h5kit::daq
