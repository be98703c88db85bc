// PyTables and h5kit's DAQ savers/loader, both directions (tests/interop/pytables_daq_saving.py):
// - PyTables opens every layout h5kit's savers write (plain DataToExport with background, timed,
//   extended scan): classes, titles, attributes through json.loads + ast.literal_eval, data.
// - PyTables writes the same layouts as pymodaq_data 5.0.5 does (following the spec), and h5kit's
//   DataLoader reads them into the same objects as h5kit's own files; a file h5kit writes with the
//   pymodaq_5_0_5 option has exactly the same nodes and attributes (names and values) as PyTables'.
#include <algorithm>
#include <map>
#include <string>
#include <vector>

#include <gtest/gtest.h>

#include "h5kit/daq/loader.hpp"
#include "h5kit/daq/savers.hpp"
#include "interop/interop_support.hpp"
#include "support/temp_dir.hpp"

namespace h5kit::daq {
namespace {

using h5kit::test::run_peer_case;
using h5kit::test::TempDir;

constexpr char kScript[] = "pytables_daq_saving.py";
constexpr double kTimestamp = 1796280425.5731053;

Array arange(Shape shape) {
  std::vector<std::int64_t> v(element_count(shape));
  for (std::size_t i = 0; i < v.size(); ++i) v[i] = std::int64_t(i);
  return Array(std::move(shape), v);
}
Array filled(Shape shape, double value) { return Array(shape, std::vector<double>(element_count(shape), value)); }
Axis myaxis(int index, std::size_t n) {
  std::vector<double> v(n);
  for (std::size_t i = 0; i < n; ++i) v[i] = -20.4 + 0.22 * double(i);
  return Axis("myaxis" + std::to_string(index), "myunits" + std::to_string(index), v, index);
}

// The same 'mybigdata' the peer writes (spec §12), every timestamp kTimestamp.
DataToExport mybigdata(bool errors) {
  const Array d0(std::vector<double>{2.7});
  DataOptions o2{.labels = {"mylabel1", "mylabel2"}, .origin = "mybigdata", .units = "nm",
                 .axes = {myaxis(0, 5), myaxis(1, 6)}, .timestamp = kTimestamp};
  DataOptions o0{.origin = "mybigdata", .units = "um", .timestamp = kTimestamp};
  if (errors) {
    o2.errors = std::vector<Array>{filled({5, 6}, 0.1), filled({5, 6}, 0.2)};
    o0.errors = std::vector<Array>{filled({1}, 0.01), filled({1}, 0.02)};
  }
  return DataToExport(
      "mybigdata",
      {DataWithAxes("mydata2D", {arange({5, 6}), arange({5, 6})}, std::move(o2)),
       DataWithAxes("mydata1D", {arange({10}), arange({10})},
                    {.origin = "mybigdata", .units = "s", .axes = {myaxis(0, 10)}, .timestamp = kTimestamp}),
       DataWithAxes("mydata0D", {d0, d0}, std::move(o0)),
       DataWithAxes("mydata0Dbis", {d0, d0},
                    {.labels = {"mylabel1bis", "mylabel2bis"}, .origin = "mybigdata", .timestamp = kTimestamp})});
}

// Writes one layout with h5kit's savers.
void write_h5kit(const std::string& path, const std::string& layout, bool parity) {
  H5SaverLowLevel h5(SaverOptions{.pymodaq_5_0_5 = parity});
  h5.init_file(path, true);
  h5.add_log("first message");
  h5.add_log("µm and ünïcode");
  h5.add_log("last");
  if (layout == "dte") {
    Group det = h5.get_set_group("/RawData", "MyDet");
    DataToExportSaver saver(h5);
    saver.add_data(det, mybigdata(true));
    if (!parity) saver.add_bkg(det, mybigdata(false));
  } else if (layout == "timed") {
    Group det = h5.get_set_group("/RawData", "MyDet");
    DataToExportTimedSaver saver(h5);
    for (int k = 0; k < 3; ++k) {
      DataToExport dte = mybigdata(false);
      dte.set_timestamp(100.0 + 2 * k);
      saver.add_data(det, dte);
    }
  } else {
    Group scan = h5.add_scan_group();
    Group det = h5.add_det_group(scan, "MyDet");
    DataToExportExtendedSaver saver(h5, {5, 10});
    std::vector<double> x(5), y(10);
    for (std::size_t i = 0; i < 5; ++i) x[i] = double(i);
    for (std::size_t i = 0; i < 10; ++i) y[i] = 0.5 * double(i);
    saver.add_nav_axes(scan, {Axis("x", "mm", x, 0), Axis("y", "mm", y, 1)});
    saver.add_data(det, mybigdata(!parity), {4, 3});
  }
  h5.close_file();
}

DataToExport load_everything(const std::string& path) {
  H5SaverLowLevel h5;
  h5.open_file(path, "r");
  DataLoader loader(h5);
  DataToExport all("all");
  loader.load_all("/RawData", all);
  h5.close_file();
  return all;
}

// path -> attribute name -> decoded value, for every node of the file.
using AttributeMap = std::map<std::string, std::map<std::string, PyValue>>;
AttributeMap attributes(const std::string& path) {
  H5SaverLowLevel h5;
  h5.open_file(path, "r");
  AttributeMap out;
  for (const Node& node : h5.walk_nodes("/")) {
    auto& attrs = out[node.path()];
    for (const auto& [name, value] : node.attrs_to_dict()) attrs[name] = value;
  }
  h5.close_file();
  return out;
}

void expect_same_objects(const DataToExport& got, const DataToExport& expected) {
  ASSERT_EQ(got.size(), expected.size());
  for (const DataWithAxes& e : expected.data()) {
    const DataWithAxes* g = got.find(e.name());
    ASSERT_NE(g, nullptr) << e.name();
    EXPECT_EQ(*g, e) << e.name();
    EXPECT_EQ(g->labels(), e.labels()) << e.name();
    EXPECT_EQ(g->units(), e.units()) << e.name();
    EXPECT_EQ(g->origin(), e.origin()) << e.name();
    EXPECT_EQ(g->nav_indexes(), e.nav_indexes()) << e.name();
    EXPECT_EQ(g->distribution(), e.distribution()) << e.name();
    EXPECT_EQ(g->dim(), e.dim()) << e.name();
    EXPECT_EQ(g->errors().has_value(), e.errors().has_value()) << e.name();
    ASSERT_EQ(g->axes().size(), e.axes().size()) << e.name();
    for (std::size_t k = 0; k < e.axes().size(); ++k) {
      EXPECT_EQ(g->axes()[k].label(), e.axes()[k].label()) << e.name();
      EXPECT_EQ(g->axes()[k].units(), e.axes()[k].units()) << e.name();
    }
    for (std::size_t k = 0; k < e.length(); ++k) EXPECT_EQ((*g)[k].dtype(), e[k].dtype()) << e.name();
  }
}

class interop_pytables_daq : public ::testing::TestWithParam<const char*> {};

TEST_P(interop_pytables_daq, PyTablesReadsH5kitLayout) {
  TempDir dir;
  const std::string path = dir / (std::string(GetParam()) + "_h5kit.h5");
  write_h5kit(path, GetParam(), false);
  EXPECT_TRUE(run_peer_case(kScript, "check-h5kit", {path, GetParam()}));
}

TEST_P(interop_pytables_daq, PymodaqLayoutFromPyTablesLoadsAsH5kitsOwn) {
  TempDir dir;
  const std::string from_pytables = dir / (std::string(GetParam()) + "_pytables.h5");
  ASSERT_TRUE(run_peer_case(kScript, "write-pymodaq", {from_pytables, GetParam()}));
  const std::string parity = dir / (std::string(GetParam()) + "_parity.h5");
  write_h5kit(parity, GetParam(), true);
  expect_same_objects(load_everything(from_pytables), load_everything(parity));
  // h5kit's default layout (units, errors) loads into the same data, plus what 5.0.5 loses.
  const std::string defaults = dir / (std::string(GetParam()) + "_default.h5");
  write_h5kit(defaults, GetParam(), false);
  DataToExport d = load_everything(defaults);
  DataToExport p = load_everything(from_pytables);
  for (const DataWithAxes& e : p.data()) {
    ASSERT_NE(d.find(e.name()), nullptr);
    EXPECT_EQ(d.find(e.name())->data().size(), e.data().size());
    for (std::size_t k = 0; k < e.length(); ++k)
      EXPECT_TRUE((*d.find(e.name()))[k].allclose(e[k])) << e.name();
  }
  if (std::string(GetParam()) != "dte") {
    EXPECT_EQ(d.find("mydata2D")->units(), "nm");  // 5.0.5 reloads ''
  }
}

TEST_P(interop_pytables_daq, ParityFileHasExactlyPymodaqsNodesAndAttributes) {
  TempDir dir;
  const std::string from_pytables = dir / (std::string(GetParam()) + "_pytables.h5");
  ASSERT_TRUE(run_peer_case(kScript, "write-pymodaq", {from_pytables, GetParam()}));
  const std::string parity = dir / (std::string(GetParam()) + "_parity.h5");
  write_h5kit(parity, GetParam(), true);
  const AttributeMap expected = attributes(from_pytables), got = attributes(parity);
  std::vector<std::string> expected_nodes, got_nodes;
  for (const auto& [p, a] : expected) expected_nodes.push_back(p);
  for (const auto& [p, a] : got) got_nodes.push_back(p);
  ASSERT_EQ(got_nodes, expected_nodes);
  for (const auto& [node, attrs] : expected) {
    const auto& mine = got.at(node);
    std::vector<std::string> a, b;
    for (const auto& [n, v] : attrs) a.push_back(n);
    for (const auto& [n, v] : mine) b.push_back(n);
    EXPECT_EQ(b, a) << node;
    for (const auto& [n, v] : attrs) {
      if (n == "date" || n == "time" || n == "file" || n == "timestamp" || !mine.count(n)) continue;
      EXPECT_EQ(mine.at(n), v) << node << " attribute " << n << ": " << mine.at(n).type_name() << " vs "
                               << v.type_name();
    }
  }
}

INSTANTIATE_TEST_SUITE_P(layouts, interop_pytables_daq, ::testing::Values("dte", "timed", "scan"));

}  // namespace
}  // namespace h5kit::daq
