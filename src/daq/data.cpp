#include "h5kit/daq/data.hpp"

#include <algorithm>
#include <chrono>
#include <cmath>
#include <cstdio>

#include "h5kit/error.hpp"

namespace h5kit::daq {

namespace {

[[noreturn]] void refuse(ErrorKind kind, const std::string& what, const std::string& name, const std::string& detail) {
  throw_error(kind, what, "", name, detail);
}

// numpy's pairwise summation of float64 (npy_pairwise_sum): sequential below 8 elements, eight
// interleaved accumulators up to 128, halves (on a multiple of 8) above. Matching it makes a linear
// axis' mean step, hence its `scaling` attribute, the same double as pymodaq's.
double pairwise_sum(const double* a, std::size_t n) {
  if (n < 8) {
    double res = 0.;
    for (std::size_t i = 0; i < n; ++i) res += a[i];
    return res;
  }
  if (n <= 128) {
    double r[8];
    for (int j = 0; j < 8; ++j) r[j] = a[j];
    std::size_t i = 8;
    for (; i < n - (n % 8); i += 8)
      for (int j = 0; j < 8; ++j) r[j] += a[i + j];
    double res = ((r[0] + r[1]) + (r[2] + r[3])) + ((r[4] + r[5]) + (r[6] + r[7]));
    for (; i < n; ++i) res += a[i];
    return res;
  }
  std::size_t n2 = n / 2;
  n2 -= n2 % 8;
  return pairwise_sum(a, n2) + pairwise_sum(a + n2, n - n2);
}

std::string shape_text(const Shape& s) { return to_string(s); }

}  // namespace

double now_timestamp() {
  using namespace std::chrono;
  return duration<double>(system_clock::now().time_since_epoch()).count();
}

// ---- Axis -------------------------------------------------------------------------------------

Axis::Axis(std::string label, std::string units, std::vector<double> values, int index, int spread_order)
    : label_(std::move(label)), units_(std::move(units)), spread_order_(spread_order), size_(values.size()) {
  set_index(index);
  if (values.empty()) return;  // pymodaq cannot build an empty linear axis (data[0]); keep it as data
  std::vector<double> diff(values.size() - 1);
  for (std::size_t i = 0; i + 1 < values.size(); ++i) diff[i] = values[i + 1] - values[i];
  // numpy.mean of an empty diff is nan, and allclose over no elements is True: a single value is linear.
  const double mean = diff.empty() ? std::nan("") : pairwise_sum(diff.data(), diff.size()) / double(diff.size());
  bool linear = true;
  for (double d : diff) {
    const bool close = std::isfinite(d) && std::isfinite(mean) ? std::fabs(d - mean) <= 1e-8 + 1e-5 * std::fabs(mean)
                                                               : d == mean;
    linear = linear && close;
  }
  if (linear) {
    offset_ = PyValue::float64(values.front());
    scaling_ = values.size() == 1 ? PyValue(1) : PyValue::float64(mean);
  } else {
    values_ = std::move(values);
  }
}

Axis Axis::linear(std::string label, std::string units, double offset, double scaling, std::size_t size, int index,
                  int spread_order) {
  Axis a;
  a.label_ = std::move(label);
  a.units_ = std::move(units);
  a.set_index(index);
  a.spread_order_ = spread_order;
  a.size_ = size;
  a.offset_ = PyValue(offset);
  a.scaling_ = PyValue(scaling);
  return a;
}

Axis Axis::linear_int(std::string label, std::string units, std::int64_t offset, std::int64_t scaling,
                      std::size_t size, int index, int spread_order) {
  Axis a = linear(std::move(label), std::move(units), 0., 1., size, index, spread_order);
  a.offset_ = PyValue(offset);
  a.scaling_ = PyValue(scaling);
  return a;
}

void Axis::set_index(int index) {
  if (index < 0)
    throw InvalidArgumentError(ErrorKind::invalid_argument, "daq axis", "", label_,
                               "the index of an axis must be >= 0, not " + std::to_string(index));
  index_ = index;
}

std::vector<double> Axis::values() const {
  if (!is_linear()) return values_;
  std::vector<double> out(size_);
  const double off = offset_.as_float(), sc = scaling_.as_float();
  // offset + scaling * linspace(0, n-1, n): linspace's values are exactly 0, 1, ..., n-1 here.
  for (std::size_t i = 0; i < size_; ++i) out[i] = off + sc * double(i);
  return out;
}

bool operator==(const Axis& a, const Axis& b) {
  if (a.label_ != b.label_ || a.units_ != b.units_ || a.index_ != b.index_) return false;
  auto x = a.values(), y = b.values();
  if (x.size() != y.size()) return false;
  return Array(x).allclose(Array(y));
}

// ---- DataWithAxes -----------------------------------------------------------------------------

DataWithAxes::DataWithAxes(std::string name, std::vector<Array> data, DataOptions o)
    : name_(std::move(name)),
      source_(o.source),
      distribution_(o.distribution),
      data_(std::move(data)),
      labels_(std::move(o.labels)),
      origin_(std::move(o.origin)),
      units_(std::move(o.units)),
      nav_indexes_(std::move(o.nav_indexes)),
      extra_(std::move(o.extra)),
      timestamp_(o.timestamp ? *o.timestamp : now_timestamp()) {
  if (data_.empty()) refuse(ErrorKind::invalid_argument, "daq data", name_, "a DataWithAxes needs at least one array");
  for (std::size_t i = 0; i < data_.size(); ++i) {
    if (data_[i].rank() == 0 || data_[i].size() == 0)
      refuse(ErrorKind::shape_mismatch, "daq data", name_,
             "array " + std::to_string(i) + " is " + data_[i].describe() + ": data arrays must be non-empty and at least 1-D");
    if (data_[i].shape() != data_[0].shape())
      refuse(ErrorKind::shape_mismatch, "daq data", name_,
             "array " + std::to_string(i) + " has shape " + shape_text(data_[i].shape()) + ", array 0 has " +
                 shape_text(data_[0].shape()) + ": all arrays of a DataWithAxes share one shape");
  }
  for (int n : nav_indexes_)
    if (n < 0 || std::size_t(n) >= shape().size())
      refuse(ErrorKind::invalid_argument, "daq data", name_,
             "nav index " + std::to_string(n) + " is outside the data shape " + shape_text(shape()));
  while (labels_.size() < data_.size()) {
    const std::string n = std::to_string(labels_.size());
    labels_.push_back("CH" + (n.size() < 2 ? "0" + n : n));
  }
  // pymodaq: spread data need nav indexes; without them the distribution is uniform.
  if (nav_indexes_.empty()) distribution_ = DataDistribution::uniform;
  check_axes(o.axes);
  axes_ = std::move(o.axes);
  check_errors(o.errors);
  errors_ = std::move(o.errors);
  derive_dim();
}

void DataWithAxes::check_axes(const std::vector<Axis>& axes) const {
  for (const Axis& ax : axes) {
    if (std::size_t(ax.index()) >= shape().size())
      refuse(ErrorKind::invalid_argument, "daq data axes", name_,
             "axis '" + ax.label() + "' has index " + std::to_string(ax.index()) + ", outside the data shape " +
                 shape_text(shape()));
    if (ax.size() != shape()[std::size_t(ax.index())])
      refuse(ErrorKind::shape_mismatch, "daq data axes", name_,
             "axis '" + ax.label() + "' (index " + std::to_string(ax.index()) + ") has " + std::to_string(ax.size()) +
                 " values, the data have " + std::to_string(shape()[std::size_t(ax.index())]) + " along that dimension");
  }
}

void DataWithAxes::check_errors(const std::optional<std::vector<Array>>& errors) const {
  if (!errors) return;
  if (errors->size() != data_.size())
    refuse(ErrorKind::shape_mismatch, "daq data errors", name_,
           std::to_string(errors->size()) + " error arrays for " + std::to_string(data_.size()) + " data arrays");
  for (std::size_t i = 0; i < errors->size(); ++i)
    if ((*errors)[i].shape() != shape())
      refuse(ErrorKind::shape_mismatch, "daq data errors", name_,
             "error array " + std::to_string(i) + " has shape " + shape_text((*errors)[i].shape()) +
                 ", the data " + shape_text(shape()));
}

void DataWithAxes::derive_dim() {
  // get_dim_from_data_axes
  const std::size_t rank = shape().size();
  if (axes_.size() != rank) {
    dim_ = dim_from_shape(shape());
  } else if (!nav_indexes_.empty()) {
    dim_ = DataDim::DataND;
  } else if (axes_.size() <= 2) {
    dim_ = axes_.empty() ? DataDim::Data0D : axes_.size() == 1 ? DataDim::Data1D : DataDim::Data2D;
  } else {
    dim_ = dim_from_shape(shape());
  }
  if (!nav_indexes_.empty()) dim_ = DataDim::DataND;
}

const PyValue* DataWithAxes::extra(std::string_view name) const noexcept {
  for (const auto& [k, v] : extra_)
    if (k == name) return &v;
  return nullptr;
}

std::vector<Axis> DataWithAxes::axes_for(int index) const {
  std::vector<Axis> out;
  for (const Axis& a : axes_)
    if (a.index() == index) out.push_back(a);
  return out;
}

std::vector<Axis> DataWithAxes::nav_axes() const {
  std::vector<Axis> out;
  for (int n : nav_indexes_)
    for (const Axis& a : axes_)
      if (a.index() == n) out.push_back(a);
  return out;
}

std::vector<int> DataWithAxes::sig_indexes() const {
  std::vector<int> out;
  for (int i = 0; i < int(shape().size()); ++i)
    if (std::find(nav_indexes_.begin(), nav_indexes_.end(), i) == nav_indexes_.end()) out.push_back(i);
  return out;
}

DataWithAxes DataWithAxes::errors_as_dwa() const {
  if (!errors_)
    refuse(ErrorKind::invalid_argument, "daq errors_as_dwa", name_, "the data have no errors");
  DataWithAxes out = *this;
  out.data_ = *errors_;
  out.errors_.reset();
  out.name_ = name_ + "_errors";
  return out;
}

void DataWithAxes::set_axes(std::vector<Axis> axes) {
  check_axes(axes);
  axes_ = std::move(axes);
  derive_dim();
}

void DataWithAxes::set_errors(std::optional<std::vector<Array>> errors) {
  check_errors(errors);
  errors_ = std::move(errors);
}

void DataWithAxes::create_missing_axes() {
  std::vector<Axis> axes = axes_;
  for (std::size_t i = 0; i < shape().size(); ++i) {
    bool has = false;
    for (const Axis& a : axes_) has = has || a.index() == int(i);
    if (!has && shape()[i] > 1) axes.push_back(Axis::linear_int("", "", 0, 1, shape()[i], int(i)));
  }
  set_axes(std::move(axes));
}

std::string DataWithAxes::summary() const {
  std::string s = "<" + name_ + "> " + std::string(daq::name(dim_)) + " " + std::string(daq::name(source_)) + " " +
                  std::string(daq::name(distribution_)) + " " + data_.front().dtype_name().data() + " " +
                  shape_text(shape()) + " x" + std::to_string(data_.size()) + " [";
  for (std::size_t i = 0; i < labels_.size(); ++i) s += (i ? ", " : "") + labels_[i];
  s += "]";
  if (!units_.empty()) s += " " + units_;
  if (errors_) s += " +errors";
  return s;
}

bool operator==(const DataWithAxes& a, const DataWithAxes& b) {
  if (a.length() != b.length() || a.dim_ != b.dim_) return false;
  for (std::size_t i = 0; i < a.length(); ++i)
    if (a.data_[i].shape() != b.data_[i].shape() || !a.data_[i].allclose(b.data_[i])) return false;
  std::vector<int> idx = a.nav_indexes_;
  for (int s : a.sig_indexes()) idx.push_back(s);
  for (int i : idx) {
    auto x = a.axes_for(i), y = b.axes_for(i);
    if (x.size() != y.size()) return false;
    for (std::size_t k = 0; k < x.size(); ++k)
      if (!(x[k] == y[k])) return false;
  }
  if (!a.errors_) return !b.errors_;
  if (!b.errors_) return false;
  for (std::size_t i = 0; i < a.errors_->size(); ++i)
    if (!(*a.errors_)[i].allclose((*b.errors_)[i])) return false;
  return true;
}

// ---- DataToExport -----------------------------------------------------------------------------

DataToExport::DataToExport(std::string name, std::vector<DataWithAxes> data)
    : name_(std::move(name)), timestamp_(now_timestamp()) {
  for (auto& d : data) append(std::move(d));
}

void DataToExport::append(DataWithAxes dwa) {
  for (auto& d : data_)
    if (d.name() == dwa.name() && d.origin() == dwa.origin()) {
      d = std::move(dwa);
      return;
    }
  data_.push_back(std::move(dwa));
}

void DataToExport::append(const DataToExport& other) {
  for (const auto& d : other.data_) append(d);
}

std::vector<DataDim> DataToExport::dims_present() const {
  std::vector<DataDim> out;
  for (DataDim d : {DataDim::Data0D, DataDim::Data1D, DataDim::Data2D, DataDim::DataND})
    for (const auto& dwa : data_)
      if (dwa.dim() == d) {
        out.push_back(d);
        break;
      }
  return out;
}

std::vector<const DataWithAxes*> DataToExport::from_dim(DataDim dim) const {
  std::vector<const DataWithAxes*> out;
  for (const auto& dwa : data_)
    if (dwa.dim() == dim) out.push_back(&dwa);
  std::stable_sort(out.begin(), out.end(), [](auto* x, auto* y) { return x->name() < y->name(); });
  return out;
}

std::vector<const DataWithAxes*> DataToExport::sorted() const {
  std::vector<const DataWithAxes*> out;
  for (DataDim d : dims_present())
    for (auto* p : from_dim(d)) out.push_back(p);
  return out;
}

const DataWithAxes* DataToExport::find(std::string_view name) const {
  for (const auto& d : data_)
    if (d.name() == name) return &d;
  return nullptr;
}

}  // namespace h5kit::daq
