#pragma once
// The data model pymodaq saves and loads (pymodaq_data.data, spec §10): Axis, DataWithAxes and
// DataToExport, with pymodaq's derivation rules (linear axes kept as offset + scaling, dim from the
// shape/axes/nav_indexes, distribution forced to uniform without nav_indexes, labels CH00, CH01 ...).
//
// Unlike pymodaq, a DataWithAxes built with errors of the wrong count or shape, or axes that do not
// fit the data, is refused with an h5kit::Error instead of a logged warning (nothing is silently
// dropped); units are kept as given (there is no pint registry in C++).
#include <cstddef>
#include <optional>
#include <string>
#include <vector>

#include "h5kit/daq/array.hpp"
#include "h5kit/daq/enums.hpp"
#include "h5kit/daq/py_value.hpp"

namespace h5kit::daq {

// Seconds since the epoch, as Python's time.time().
double now_timestamp();

// One physical axis of some data. pymodaq keeps a linear axis (all steps within numpy.allclose of
// their mean) as offset + scaling only; a non-linear axis keeps its values. offset() and scaling()
// are the Python values pymodaq would hold, so that the saver writes the same JSON types:
// numpy.float64 when derived from data, int 1 as the scaling of a length-1 axis, Python numbers for
// an axis built with linear(), None for a non-linear axis.
class Axis {
 public:
  Axis() = default;
  // Axis(label, units, data=values, index, spread_order).
  Axis(std::string label, std::string units, std::vector<double> values, int index = 0, int spread_order = 0);
  // Axis(label, units, offset=, scaling=, size=, index=): a linear axis given by its parameters
  // (Python floats). with_int_parameters: Python ints, as pymodaq's auto-created axes (offset=0, scaling=1).
  static Axis linear(std::string label, std::string units, double offset, double scaling, std::size_t size,
                     int index = 0, int spread_order = 0);
  static Axis linear_int(std::string label, std::string units, std::int64_t offset, std::int64_t scaling,
                         std::size_t size, int index = 0, int spread_order = 0);

  const std::string& label() const noexcept { return label_; }
  const std::string& units() const noexcept { return units_; }
  int index() const noexcept { return index_; }
  int spread_order() const noexcept { return spread_order_; }
  std::size_t size() const noexcept { return size_; }
  // True when the axis is kept as offset + scaling (pymodaq's is_axis_linear()).
  bool is_linear() const noexcept { return values_.empty() && !offset_.is_none(); }
  const PyValue& offset() const noexcept { return offset_; }
  const PyValue& scaling() const noexcept { return scaling_; }
  // get_data(): the full axis vector (offset + scaling * i for a linear axis).
  std::vector<double> values() const;

  void set_label(std::string label) { label_ = std::move(label); }
  void set_units(std::string units) { units_ = std::move(units); }
  // InvalidArgumentError for a negative index, as pymodaq's ValueError.
  void set_index(int index);
  void set_spread_order(int order) { spread_order_ = order; }

  // pymodaq's Axis.__eq__: label, units and index equal, values numpy.allclose.
  friend bool operator==(const Axis& a, const Axis& b);

 private:
  std::string label_, units_;
  int index_ = 0, spread_order_ = 0;
  std::size_t size_ = 0;
  std::vector<double> values_;  // only for a non-linear axis
  PyValue offset_, scaling_;    // None for a non-linear axis
};

// Everything of a DataWithAxes besides its name and arrays; designated initialisers read well:
//   DataWithAxes("spectrum", {a, b}, {.labels = {"x", "y"}, .units = "nm", .axes = {ax}}).
struct DataOptions {
  DataSource source = DataSource::raw;
  DataDistribution distribution = DataDistribution::uniform;
  std::vector<std::string> labels{};        // padded with CH00, CH01, ... to one per array
  std::string origin{};
  std::string units{};
  std::vector<Axis> axes{};
  std::vector<int> nav_indexes{};
  std::optional<std::vector<Array>> errors{};  // one array per data array, each of the data's shape
  Metadata extra{};                         // extra attributes: saved on every data node
  std::optional<double> timestamp{};        // default: now
};

class DataWithAxes {
 public:
  // Refused (h5kit::Error): no arrays, an array of rank 0 or size 0, arrays of different shapes,
  // a nav index or axis index outside the data's rank, an axis whose size does not match its
  // dimension, errors of the wrong count or shape.
  DataWithAxes(std::string name, std::vector<Array> data, DataOptions options = {});

  const std::string& name() const noexcept { return name_; }
  DataSource source() const noexcept { return source_; }
  // Derived as pymodaq does: from the shape ((1,) Data0D, 1-D Data1D, 2-D Data2D, else DataND), or
  // from the axes when there is one per dimension; DataND whenever there are nav_indexes.
  DataDim dim() const noexcept { return dim_; }
  DataDistribution distribution() const noexcept { return distribution_; }
  const std::vector<Array>& data() const noexcept { return data_; }
  const Array& operator[](std::size_t i) const { return data_.at(i); }
  // Number of arrays (pymodaq's len(dwa)).
  std::size_t length() const noexcept { return data_.size(); }
  const Shape& shape() const noexcept { return data_.front().shape(); }
  const std::vector<std::string>& labels() const noexcept { return labels_; }
  const std::string& origin() const noexcept { return origin_; }
  const std::string& units() const noexcept { return units_; }
  const std::vector<Axis>& axes() const noexcept { return axes_; }
  const std::vector<int>& nav_indexes() const noexcept { return nav_indexes_; }
  const std::optional<std::vector<Array>>& errors() const noexcept { return errors_; }
  const Metadata& extra() const noexcept { return extra_; }
  // An extra attribute by name, nullptr when absent.
  const PyValue* extra(std::string_view name) const noexcept;
  double timestamp() const noexcept { return timestamp_; }
  // The node path it was loaded from ('' when built in memory).
  const std::string& path() const noexcept { return path_; }

  // The axes describing dimension `index` (several for spread data).
  std::vector<Axis> axes_for(int index) const;
  // Axes whose index is a nav index, in nav_indexes order.
  std::vector<Axis> nav_axes() const;
  // Indexes that are not nav indexes.
  std::vector<int> sig_indexes() const;

  // errors_as_dwa(): the errors as data named <name>_errors, no errors of its own.
  // InvalidArgumentError when there are no errors.
  DataWithAxes errors_as_dwa() const;

  void set_name(std::string name) { name_ = std::move(name); }
  void set_timestamp(double t) noexcept { timestamp_ = t; }
  void set_path(std::string path) { path_ = std::move(path); }
  void set_source(DataSource s) noexcept { source_ = s; }
  // Replaces the axes (checked as in the constructor) and re-derives dim.
  void set_axes(std::vector<Axis> axes);
  void set_errors(std::optional<std::vector<Array>> errors);
  // create_missing_axes(): an offset-0/scaling-1 axis (Python ints) for every dimension of extent > 1
  // that has none.
  void create_missing_axes();

  // "<mydata> Data2D raw uniform (5, 6) x2 [mylabel1, mylabel2] nm": one line for listings.
  std::string summary() const;

  // pymodaq's __eq__: same length, dim and shapes, arrays allclose, same axes per index, errors allclose.
  // Names, labels and extra attributes are not compared (as in pymodaq).
  friend bool operator==(const DataWithAxes& a, const DataWithAxes& b);

 private:
  void check_axes(const std::vector<Axis>& axes) const;
  void check_errors(const std::optional<std::vector<Array>>& errors) const;
  void derive_dim();

  std::string name_;
  DataSource source_ = DataSource::raw;
  DataDim dim_ = DataDim::Data0D;
  DataDistribution distribution_ = DataDistribution::uniform;
  std::vector<Array> data_;
  std::vector<std::string> labels_;
  std::string origin_, units_;
  std::vector<Axis> axes_;
  std::vector<int> nav_indexes_;
  std::optional<std::vector<Array>> errors_;
  Metadata extra_;
  double timestamp_ = 0;
  std::string path_;
};

// A named collection of DataWithAxes, as a detector hands them out.
class DataToExport {
 public:
  explicit DataToExport(std::string name = "", std::vector<DataWithAxes> data = {});

  const std::string& name() const noexcept { return name_; }
  double timestamp() const noexcept { return timestamp_; }
  void set_timestamp(double t) noexcept { timestamp_ = t; }
  // In the order they were added.
  const std::vector<DataWithAxes>& data() const noexcept { return data_; }
  std::size_t size() const noexcept { return data_.size(); }
  const DataWithAxes& operator[](std::size_t i) const { return data_.at(i); }

  // Adds, or replaces the one with the same name and origin (pymodaq's append).
  void append(DataWithAxes dwa);
  void append(const DataToExport& other);
  // The dims present, in the order Data0D, Data1D, Data2D, DataND (get_dim_presents).
  std::vector<DataDim> dims_present() const;
  // The data of one dim, sorted by name (get_data_from_dim).
  std::vector<const DataWithAxes*> from_dim(DataDim dim) const;
  // Every DataWithAxes by dim then name: the order the savers write them in.
  std::vector<const DataWithAxes*> sorted() const;
  // By name (the first with that name), nullptr when absent.
  const DataWithAxes* find(std::string_view name) const;

 private:
  std::string name_;
  double timestamp_;
  std::vector<DataWithAxes> data_;
};

}  // namespace h5kit::daq
