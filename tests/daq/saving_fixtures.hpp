#pragma once
// The data of pymodaq_data's own saver tests (spec §12 fixture): DATA0D = [2.7], DATA1D = arange(10)
// (int64), DATA2D = arange(30).reshape(5, 6), axes -20.4 + 0.22 * linspace(0, n-1, n), and the
// DataToExport 'mybigdata'.
#include <algorithm>
#include <cstdint>
#include <string>
#include <vector>

#include "h5kit/daq/array.hpp"
#include "h5kit/daq/data.hpp"
#include "h5kit/daq/node.hpp"

namespace h5kit::daq::test {

inline Array data0d() { return Array(std::vector<double>{2.7}); }
inline Array arange(Shape shape, std::int64_t scale = 1) {
  std::vector<std::int64_t> v(element_count(shape));
  for (std::size_t i = 0; i < v.size(); ++i) v[i] = std::int64_t(i) * scale;
  return Array(std::move(shape), v);
}
inline Array data1d() { return arange({10}); }
inline Array data2d() { return arange({5, 6}); }
inline Array filled(Shape shape, double value) {
  return Array(shape, std::vector<double>(element_count(shape), value));
}
inline std::vector<double> axis_values(std::size_t n) {
  std::vector<double> v(n);
  for (std::size_t i = 0; i < n; ++i) v[i] = -20.4 + 0.22 * double(i);
  return v;
}
inline Axis myaxis(int index, std::size_t size) {
  return Axis("myaxis" + std::to_string(index), "myunits" + std::to_string(index), axis_values(size), index);
}

inline DataWithAxes mydata2d(bool errors = true) {
  DataOptions o{.labels = {"mylabel1", "mylabel2"}, .origin = "mybigdata", .units = "nm",
                .axes = {myaxis(0, 5), myaxis(1, 6)}};
  if (errors) o.errors = std::vector<Array>{filled({5, 6}, 0.1), filled({5, 6}, 0.2)};
  o.timestamp = 1796280425.5731053;
  return DataWithAxes("mydata2D", {data2d(), data2d()}, std::move(o));
}
inline DataWithAxes mydata1d() {
  return DataWithAxes("mydata1D", {data1d(), data1d()},
                      {.origin = "mybigdata", .units = "s", .axes = {myaxis(0, 10)}, .timestamp = 1796280425.25});
}
inline DataWithAxes mydata0d(bool errors = true) {
  DataOptions o{.origin = "mybigdata", .units = "um"};
  if (errors) o.errors = std::vector<Array>{filled({1}, 0.01), filled({1}, 0.02)};
  return DataWithAxes("mydata0D", {data0d(), data0d()}, std::move(o));
}
inline DataWithAxes mydata0dbis() {
  return DataWithAxes("mydata0Dbis", {data0d(), data0d()}, {.labels = {"mylabel1bis", "mylabel2bis"},
                                                             .origin = "mybigdata"});
}
inline DataToExport mybigdata(bool errors = true) {
  return DataToExport("mybigdata", {mydata2d(errors), mydata1d(), mydata0d(errors), mydata0dbis()});
}

// Sorted attribute names of a node.
inline std::vector<std::string> attr_names(const Node& node) {
  auto names = node.attrs_name();
  std::sort(names.begin(), names.end());
  return names;
}
inline std::vector<std::string> sorted(std::vector<std::string> v) {
  std::sort(v.begin(), v.end());
  return v;
}

}  // namespace h5kit::daq::test
