// The savers (spec §8) against pymodaq_data's scenarios 8-16 of §12: node names, index rule,
// metadata sets and layouts; the h5kit defaults of §11.2 and the pymodaq_5_0_5 parity option.
#include <string>
#include <vector>

#include <gtest/gtest.h>

#include "h5kit/daq/savers.hpp"
#include "h5kit/error.hpp"
#include "saving_fixtures.hpp"
#include "support/temp_dir.hpp"

namespace h5kit::daq {
namespace {

using h5kit::test::TempDir;
using namespace h5kit::daq::test;

class daq_savers : public ::testing::Test {
 protected:
  void open(SaverOptions options = {}) {
    h5_ = std::make_unique<H5SaverLowLevel>(std::move(options));
    h5_->init_file(dir_.path() / "h5file.h5", true);
  }
  void SetUp() override { open(); }
  void TearDown() override {
    if (h5_ && h5_->isopen()) h5_->close_file();
  }
  std::vector<std::string> children(const std::string& path) const { return h5_->get_node(path).as_group().children_name(); }

  TempDir dir_;
  std::unique_ptr<H5SaverLowLevel> h5_;
};

// Scenario 8.
TEST_F(daq_savers, AxisNodes) {
  AxisSaverLoader saver(*h5_);
  std::vector<double> v(10);
  for (std::size_t i = 0; i < 10; ++i) v[i] = -5 + 0.2 * double(i);
  Axis axis("myaxis", "ms", v, 5);
  Node node = saver.add_axis("/RawData", axis);
  EXPECT_EQ(node.path(), "/RawData/Axis00");
  EXPECT_EQ(node.title(), "myaxis");
  EXPECT_EQ(node.get_attr("data_type"), PyValue("axis"));
  EXPECT_EQ(node.get_attr("data_dimension"), PyValue("Data1D"));
  EXPECT_EQ(node.get_attr("label"), PyValue("myaxis"));
  EXPECT_EQ(node.get_attr("units"), PyValue("ms"));
  EXPECT_EQ(node.get_attr("index"), PyValue(5));
  EXPECT_EQ(node.get_attr("size"), PyValue(10));
  EXPECT_EQ(node.get_attr("spread_order"), PyValue(0));
  EXPECT_EQ(node.get_attr("distribution"), PyValue("uniform"));
  EXPECT_NEAR(node.get_float("offset"), -5, 1e-12);
  EXPECT_NEAR(node.get_float("scaling"), 0.2, 1e-12);
  EXPECT_EQ(node.get_attr_raw("offset").kind(), PyValue::Kind::float64);  // numpy.float64 JSON
  const auto stored = node.as_carray().read<double>();
  for (std::size_t i = 0; i < 10; ++i) EXPECT_NEAR(stored.data()[i], v[i], 1e-12);
  EXPECT_EQ(saver.load_axis(node), axis);

  saver.add_axis("/RawData", myaxis(1, 6));
  saver.add_axis("/RawData", myaxis(2, 3));
  auto axes = saver.get_axes("/RawData");
  ASSERT_EQ(axes.size(), 3u);
  EXPECT_EQ(axes[1], myaxis(1, 6));
  EXPECT_EQ(axes[2].index(), 2);
  EXPECT_EQ(children("/RawData"), (std::vector<std::string>{"Axis00", "Axis01", "Axis02", "Logger"}));
}

TEST_F(daq_savers, NonLinearAxisStoresNoneOffsetAndSpreadDistribution) {
  AxisSaverLoader saver(*h5_);
  Node node = saver.add_axis("/RawData", Axis("x", "", {0, 1, 5, 6}));
  EXPECT_TRUE(node.get_attr("offset").is_none());
  EXPECT_EQ(node.get_attr_raw("offset").kind(), PyValue::Kind::dict);  // {"type": "NoneType"} kept as dict
  EXPECT_EQ(node.get_attr("distribution"), PyValue("spread"));
  EXPECT_EQ(saver.load_axis(node).values(), (std::vector<double>{0, 1, 5, 6}));
}

// Scenario 9.
TEST_F(daq_savers, DataWithErrors) {
  DataSaverLoader saver(*h5_);
  saver.add_data("/RawData", mydata2d());
  EXPECT_EQ(children("/RawData"), (std::vector<std::string>{"Axis00", "Axis01", "Data00", "Data01", "ErrorBar00",
                                                            "ErrorBar01", "Logger"}));
  Node d = h5_->get_node("/RawData/Data01");
  EXPECT_EQ(d.title(), "mydata2D");
  EXPECT_EQ(d.get_attr("label"), PyValue("mylabel2"));
  EXPECT_EQ(d.get_attr("units"), PyValue("nm"));
  EXPECT_EQ(d.get_attr("source"), PyValue("raw"));
  EXPECT_EQ(d.get_attr("origin"), PyValue("mybigdata"));
  EXPECT_EQ(d.get_attr("nav_indexes"), PyValue::tuple({}));
  EXPECT_EQ(d.get_attr("timestamp"), PyValue(1796280425.5731053));
  EXPECT_EQ(d.get_attr("dtype"), PyValue("int64"));
  Node e = h5_->get_node("/RawData/ErrorBar01");
  EXPECT_EQ(e.title(), "mydata2D_errors");
  EXPECT_EQ(e.get_attr("data_type"), PyValue("error"));
  EXPECT_EQ(e.get_attr("source"), PyValue("calculated"));
  EXPECT_EQ(e.get_attr("label"), PyValue("mylabel2"));
  EXPECT_EQ(e.as_carray().read<double>()(4, 5), 0.2);
  // The attribute set of a data node is exactly pymodaq's.
  EXPECT_EQ(attr_names(d), sorted({"CLASS", "TITLE", "VERSION", "shape", "dtype", "subdtype", "backend", "data_type",
                                   "data_dimension", "timestamp", "label", "source", "distribution", "origin", "units",
                                   "nav_indexes"}));
}

TEST_F(daq_savers, IndexCountsNodesOfTheTypeInTheWholeWalk) {
  DataSaverLoader saver(*h5_);
  Group sub = h5_->get_set_group("/RawData", "sub");
  saver.add_data(sub, mydata1d());  // Data00, Data01 in /RawData/sub
  saver.add_data("/RawData", DataWithAxes("x", {data1d()}));
  EXPECT_TRUE(h5_->get_node("/RawData").as_group().contains("Data02"));  // counted from the subgroup too
  EXPECT_EQ(saver.format_node_name(100), "Data100");
  EXPECT_EQ(DataEnlargeableSaver(*h5_).format_node_name(3), "EnlData03");
  EXPECT_EQ(ErrorSaverLoader(*h5_).format_node_name(0), "ErrorBar00");
  EXPECT_EQ(BkgSaver(*h5_).format_node_name(1), "Bkg01");
}

// Scenario 10.
TEST_F(daq_savers, ExtraAttributes) {
  DataSaverLoader saver(*h5_);
  saver.add_data("/RawData", DataWithAxes("d", {data1d()},
                                          {.extra = {{"another_attribute", PyValue("xyz")},
                                                     {"another_other_attribute", PyValue(123)}},
                                           .timestamp = 12.5}));
  Node d = h5_->get_node("/RawData/Data00");
  EXPECT_EQ(d.get_attr("another_attribute"), PyValue("xyz"));
  EXPECT_EQ(d.get_attr_raw("another_other_attribute").kind(), PyValue::Kind::integer);
  EXPECT_EQ(d.get_attr("timestamp"), PyValue(12.5));
}

// Scenario 11 (saving side).
TEST_F(daq_savers, Background) {
  BkgSaver saver(*h5_);
  saver.add_data("/RawData", mydata2d(false));
  EXPECT_EQ(children("/RawData"), (std::vector<std::string>{"Axis00", "Axis01", "Bkg00", "Bkg01", "Logger"}));
  EXPECT_EQ(h5_->get_node("/RawData/Bkg00").get_attr("data_type"), PyValue("bkg"));
}

// Scenario 12.
TEST_F(daq_savers, DataToExportLayout) {
  Group det = h5_->get_set_group("/RawData", "MyDet");
  DataToExportSaver saver(*h5_);
  saver.add_data(det, mybigdata());
  EXPECT_EQ(children("/RawData/MyDet"), (std::vector<std::string>{"Data0D", "Data1D", "Data2D"}));
  EXPECT_EQ(children("/RawData/MyDet/Data0D"), (std::vector<std::string>{"CH00", "CH01"}));
  EXPECT_EQ(h5_->get_node("/RawData/MyDet/Data0D/CH00").title(), "mydata0D");
  EXPECT_EQ(h5_->get_node("/RawData/MyDet/Data0D/CH01").title(), "mydata0Dbis");
  EXPECT_EQ(children("/RawData/MyDet/Data0D/CH00"),
            (std::vector<std::string>{"Data00", "Data01", "ErrorBar00", "ErrorBar01"}));
  EXPECT_EQ(children("/RawData/MyDet/Data0D/CH01"), (std::vector<std::string>{"Data00", "Data01"}));
  EXPECT_EQ(children("/RawData/MyDet/Data1D/CH00"), (std::vector<std::string>{"Axis00", "Data00", "Data01"}));
  EXPECT_EQ(children("/RawData/MyDet/Data2D/CH00"),
            (std::vector<std::string>{"Axis00", "Axis01", "Data00", "Data01", "ErrorBar00", "ErrorBar01"}));
  Node dim = h5_->get_node("/RawData/MyDet/Data1D");
  EXPECT_EQ(attr_names(dim), sorted({"CLASS", "TITLE", "VERSION"}));  // get_set_group adds nothing
  Node d0 = h5_->get_node("/RawData/MyDet/Data0D/CH00/Data00");
  EXPECT_EQ(d0.get_attr("dtype"), PyValue("float64"));
  EXPECT_EQ(d0.as_carray().shape(), (Shape{1}));
  EXPECT_EQ(d0.get_attr("units"), PyValue("um"));
  Node d1 = h5_->get_node("/RawData/MyDet/Data1D/CH00/Data01");
  EXPECT_EQ(d1.get_attr("dtype"), PyValue("int64"));
  EXPECT_EQ(d1.get_attr("data_dimension"), PyValue("Data1D"));
  Node d2 = h5_->get_node("/RawData/MyDet/Data2D/CH00/Data00");
  EXPECT_EQ(d2.as_carray().shape(), (Shape{5, 6}));
  EXPECT_EQ(d2.get_attr("label"), PyValue("mylabel1"));
  EXPECT_EQ(d2.get_attr("data_dimension"), PyValue("Data2D"));
  EXPECT_EQ(h5_->get_node("/RawData/MyDet/Data2D/CH00/Axis01").get_attr("index"), PyValue(1));
  EXPECT_EQ(h5_->get_node("/RawData/MyDet/Data2D/CH00/Axis01").get_attr("units"), PyValue("myunits1"));

  // add_bkg: the same CH groups, no axes, and (h5kit default) no second set of ErrorBar nodes.
  saver.add_bkg(det, mybigdata());
  EXPECT_EQ(children("/RawData/MyDet/Data2D/CH00"),
            (std::vector<std::string>{"Axis00", "Axis01", "Bkg00", "Bkg01", "Data00", "Data01", "ErrorBar00",
                                      "ErrorBar01"}));
}

TEST_F(daq_savers, ParityAddBkgDuplicatesErrorBars) {
  h5_->close_file();
  open({.pymodaq_5_0_5 = true});
  Group det = h5_->get_set_group("/RawData", "MyDet");
  DataToExportSaver saver(*h5_);
  saver.add_data(det, mybigdata());
  saver.add_bkg(det, mybigdata());
  EXPECT_EQ(children("/RawData/MyDet/Data2D/CH00"),
            (std::vector<std::string>{"Axis00", "Axis01", "Bkg00", "Bkg01", "Data00", "Data01", "ErrorBar00",
                                      "ErrorBar01", "ErrorBar02", "ErrorBar03"}));
}

// Scenario 13: enlargeable and timed DataToExport.
TEST_F(daq_savers, TimedDataToExport) {
  Group det = h5_->get_set_group("/RawData", "MyDet");
  DataToExportTimedSaver saver(*h5_);
  std::vector<double> stamps;
  for (int k = 0; k < 3; ++k) {
    DataToExport dte = mybigdata(false);
    dte.set_timestamp(1000.0 + k);
    stamps.push_back(dte.timestamp());
    saver.add_data(det, dte);
    Node enl = h5_->get_node("/RawData/MyDet/Data2D/CH00/EnlData00");
    EXPECT_EQ(enl.get_attr("shape"), PyValue::int_tuple(std::vector<int>{k + 1, 5, 6}));
  }
  EXPECT_EQ(children("/RawData/MyDet"), (std::vector<std::string>{"Data0D", "Data1D", "Data2D", "NavAxes"}));
  Node time = h5_->get_node("/RawData/MyDet/NavAxes/Axis00");
  EXPECT_EQ(time.node_class(), NodeClass::earray);
  EXPECT_EQ(time.get_attr("shape"), PyValue::int_tuple(std::vector<int>{3}));
  EXPECT_EQ(time.get_attr("index"), PyValue(0));
  EXPECT_EQ(time.get_attr("size"), PyValue(3));
  EXPECT_EQ(time.get_attr("label"), PyValue("time"));
  EXPECT_EQ(time.title(), "time");
  EXPECT_EQ(time.get_attr("units"), PyValue("s"));
  EXPECT_EQ(time.get_attr("spread_order"), PyValue(0));
  const auto t = time.as_carray().read<double>();
  EXPECT_EQ(std::vector<double>(t.begin(), t.end()), stamps);

  Node enl = h5_->get_node("/RawData/MyDet/Data2D/CH00/EnlData01");
  EXPECT_EQ(enl.get_attr("dtype"), PyValue("int64"));
  EXPECT_EQ(enl.as_carray().shape(), (Shape{3, 5, 6}));
  EXPECT_EQ(enl.get_attr("nav_indexes"), PyValue::int_tuple(std::vector<int>{0}));
  EXPECT_EQ(enl.get_attr("distribution"), PyValue("spread"));
  EXPECT_EQ(enl.get_attr("data_type"), PyValue("data_enlargeable"));
  EXPECT_EQ(enl.get_attr("units"), PyValue("nm"));  // h5kit default: units kept
  EXPECT_EQ(h5_->get_node("/RawData/MyDet/Data2D/CH00/Axis00").get_attr("index"), PyValue(1));
  EXPECT_EQ(h5_->get_node("/RawData/MyDet/Data2D/CH00/Axis01").get_attr("index"), PyValue(2));
  Node e0 = h5_->get_node("/RawData/MyDet/Data0D/CH00/EnlData00");
  EXPECT_EQ(e0.as_carray().shape(), (Shape{3, 1}));
  EXPECT_EQ(e0.get_attr("dtype"), PyValue("float64"));
  EXPECT_EQ(children("/RawData/MyDet/Data2D/CH00"),
            (std::vector<std::string>{"Axis00", "Axis01", "EnlData00", "EnlData01"}));
}

TEST_F(daq_savers, EnlargeableKeepsErrorsByDefault) {
  Group det = h5_->get_set_group("/RawData", "MyDet");
  DataToExportEnlargeableSaver saver(*h5_, {"x"}, {"mm"});
  saver.add_data(det, mybigdata(true), {0.5});
  saver.add_data(det, mybigdata(true), {1.5});
  EXPECT_EQ(children("/RawData/MyDet/Data2D/CH00"),
            (std::vector<std::string>{"Axis00", "Axis01", "EnlData00", "EnlData01", "ErrorBar00", "ErrorBar01"}));
  Node e = h5_->get_node("/RawData/MyDet/Data2D/CH00/ErrorBar01");
  EXPECT_EQ(e.node_class(), NodeClass::earray);
  EXPECT_EQ(e.as_carray().shape(), (Shape{2, 5, 6}));
  EXPECT_EQ(e.as_carray().read<double>()(1, 4, 5), 0.2);
  EXPECT_EQ(h5_->get_node("/RawData/MyDet/NavAxes/Axis00").get_attr("units"), PyValue("mm"));
  // An append without errors after one with errors is refused before anything is written.
  EXPECT_THROW(saver.add_data(det, mybigdata(false), {2.5}), Error);
  EXPECT_EQ(h5_->get_node("/RawData/MyDet/Data2D/CH00/EnlData00").as_carray().shape(), (Shape{2, 5, 6}));
  EXPECT_THROW(saver.add_data(det, mybigdata(true), {1.0, 2.0}), InvalidArgumentError);
}

TEST_F(daq_savers, ParityEnlargeableHasNoUnitsNoErrors) {
  h5_->close_file();
  open({.pymodaq_5_0_5 = true});
  Group det = h5_->get_set_group("/RawData", "MyDet");
  DataToExportTimedSaver saver(*h5_);
  saver.add_data(det, mybigdata(true));
  EXPECT_EQ(children("/RawData/MyDet/Data2D/CH00"),
            (std::vector<std::string>{"Axis00", "Axis01", "EnlData00", "EnlData01"}));
  Node enl = h5_->get_node("/RawData/MyDet/Data2D/CH00/EnlData00");
  EXPECT_EQ(attr_names(enl), sorted({"CLASS", "TITLE", "VERSION", "EXTDIM", "shape", "dtype", "subdtype", "backend",
                                     "data_type", "data_dimension", "timestamp", "label", "source", "distribution",
                                     "origin", "nav_indexes"}));
}

// Scenario 14: DataEnlargeableSaver alone, Nenl = 1, 2, 3 enlargeable axes.
TEST_F(daq_savers, EnlargeableSaverWithAxes) {
  for (int n_enl = 1; n_enl <= 3; ++n_enl) {
    std::vector<std::string> names, units;
    std::vector<double> first, second;
    for (int k = 0; k < n_enl; ++k) {
      names.push_back("enl" + std::to_string(k));
      units.push_back("u" + std::to_string(k));
      first.push_back(k);
      second.push_back(10 + k);
    }
    Group g = h5_->get_set_group("/RawData", "N" + std::to_string(n_enl));
    DataEnlargeableSaver saver(*h5_, names, units);
    saver.add_data(g, mydata2d(false), first);
    Node enl = h5_->get_node(g.path() + "/EnlData00");
    EXPECT_EQ(enl.get_attr("shape"), PyValue::int_tuple(std::vector<int>{1, 5, 6}));
    saver.add_data(g, mydata2d(false), second);
    EXPECT_EQ(enl.get_attr("shape"), PyValue::int_tuple(std::vector<int>{2, 5, 6}));
    EXPECT_TRUE(g.contains("EnlData01"));
    for (int k = 0; k < n_enl; ++k) {
      Node ax = h5_->get_node(g.path() + "/Axis0" + std::to_string(k));
      EXPECT_EQ(ax.node_class(), NodeClass::earray);
      EXPECT_EQ(ax.get_attr("index"), PyValue(0));
      EXPECT_EQ(ax.get_attr("spread_order"), PyValue(k));
      EXPECT_EQ(ax.get_attr("label"), PyValue(names[std::size_t(k)]));
      EXPECT_EQ(ax.get_attr("shape"), PyValue::int_tuple(std::vector<int>{2}));
      EXPECT_EQ(ax.get_attr("size"), PyValue(2));  // h5kit: counted from 0
      const auto values = ax.as_carray().read<double>();
      EXPECT_EQ(values.data()[1], second[std::size_t(k)]);
    }
    // The signal axes follow the enlargeable ones, at index + 1.
    Node sig = h5_->get_node(g.path() + "/Axis0" + std::to_string(n_enl + 1));
    EXPECT_EQ(sig.get_attr("label"), PyValue("myaxis1"));
    EXPECT_EQ(sig.get_attr("index"), PyValue(2));
  }
}

TEST_F(daq_savers, ParityEnlargeableAxisSizeStartsAtTwo) {
  h5_->close_file();
  open({.pymodaq_5_0_5 = true});
  DataEnlargeableSaver saver(*h5_);
  saver.add_data("/RawData", mydata1d(), std::vector<double>{0.0});
  saver.add_data("/RawData", mydata1d(), std::vector<double>{1.0});
  EXPECT_EQ(h5_->get_node("/RawData/Axis00").get_attr("size"), PyValue(4));
}

TEST_F(daq_savers, EnlargeableRefusesBadAppends) {
  DataEnlargeableSaver saver(*h5_);
  saver.add_data("/RawData", mydata1d());
  EXPECT_THROW(saver.add_data("/RawData", DataWithAxes("x", {data1d(), arange({3, 2}).reshaped({6})})), Error);
  EXPECT_THROW(saver.add_data("/RawData", DataWithAxes("x", {arange({4}), arange({4})})), ShapeMismatchError);
  EXPECT_EQ(h5_->get_node("/RawData/EnlData00").get_attr("shape"), PyValue::int_tuple(std::vector<int>{1, 10}));
  Group g = h5_->get_set_group("/RawData", "nd");
  DataWithAxes nd2("nd", {arange({2, 3, 4})}, {.axes = {Axis("a", "", {0, 1}, 0), Axis("b", "", {0, 1, 2}, 1)},
                                               .nav_indexes = {0, 1}});
  EXPECT_THROW(saver.add_data(g, nd2), InvalidArgumentError);
}

// Scenario 16: spread DataND appended along its nav axis.
TEST_F(daq_savers, SpreadDataNDAppendsItsRows) {
  DataEnlargeableSaver saver(*h5_);
  DataWithAxes spread("spread", {arange({4, 3})},
                      {.distribution = DataDistribution::spread,
                       .axes = {Axis("pos", "mm", {0.0, 0.5, 2.0, 3.5}, 0), Axis("sig", "", {1, 2, 3}, 1)},
                       .nav_indexes = {0}});
  saver.add_data("/RawData", spread);
  Node enl = h5_->get_node("/RawData/EnlData00");
  EXPECT_EQ(enl.get_attr("shape"), PyValue::int_tuple(std::vector<int>{4, 3}));
  Node ax = h5_->get_node("/RawData/Axis00");
  EXPECT_EQ(ax.get_attr("label"), PyValue("pos"));
  EXPECT_EQ(ax.get_attr("units"), PyValue("mm"));
  const auto values = ax.as_carray().read<double>();
  EXPECT_EQ(std::vector<double>(values.begin(), values.end()), (std::vector<double>{0.0, 0.5, 2.0, 3.5}));
  EXPECT_EQ(h5_->get_node("/RawData/Axis01").get_attr("label"), PyValue("sig"));
  EXPECT_EQ(h5_->get_node("/RawData/Axis01").get_attr("index"), PyValue(1));
}

// Scenario 15: extended (scan-shaped) saving.
TEST_F(daq_savers, ExtendedSaverAlone) {
  DataExtendedSaver saver(*h5_, {5, 10});
  const DataWithAxes data = mydata2d(false);
  saver.add_data("/RawData", data, {4, 3});
  Node d = h5_->get_node("/RawData/Data01");
  EXPECT_EQ(d.as_carray().shape(), (Shape{5, 10, 5, 6}));
  const auto point = d.as_carray().read_at<std::int64_t>({4, 3});
  EXPECT_EQ(Array(point), data2d());
  EXPECT_EQ(d.as_carray().read_at<std::int64_t>({0, 0}).data()[29], 0);
  EXPECT_EQ(d.get_attr("nav_indexes"), PyValue::int_tuple(std::vector<int>{0, 1}));
  EXPECT_EQ(d.get_attr("units"), PyValue("nm"));  // h5kit default
  EXPECT_EQ(h5_->get_node("/RawData/Axis00").get_attr("index"), PyValue(2));
  EXPECT_EQ(h5_->get_node("/RawData/Axis01").get_attr("index"), PyValue(3));
  // The caller's axes are not shifted.
  EXPECT_EQ(data.axes()[0].index(), 0);
  EXPECT_THROW(saver.add_data("/RawData", data, {5, 3}), InvalidArgumentError);  // index == size
  EXPECT_THROW(saver.add_data("/RawData", data, {1}), InvalidArgumentError);
  EXPECT_THROW(saver.add_data("/RawData", mydata1d(), {0, 0}), ShapeMismatchError);
}

TEST_F(daq_savers, ExtendedDataToExport) {
  Group scan = h5_->add_scan_group();
  Group det = h5_->add_det_group(scan, "MyDet");
  DataToExportExtendedSaver saver(*h5_, {5, 10});
  std::vector<double> x(5), y(10);
  for (std::size_t i = 0; i < 5; ++i) x[i] = double(i);
  for (std::size_t i = 0; i < 10; ++i) y[i] = 0.5 * double(i);
  saver.add_nav_axes(det, {Axis("x", "mm", x, 0), Axis("y", "mm", y, 1)});
  saver.add_nav_axes(det, {Axis("z", "mm", x, 0)});  // ignored: NavAxes already holds axes
  saver.add_data(det, mybigdata(true), {4, 3});
  EXPECT_EQ(children(det.path() + "/NavAxes"), (std::vector<std::string>{"Axis00", "Axis01"}));
  Node d2 = h5_->get_node(det.path() + "/Data2D/CH00/Data00");
  EXPECT_EQ(d2.as_carray().shape(), (Shape{5, 10, 5, 6}));
  EXPECT_EQ(d2.get_attr("dtype"), PyValue("int64"));
  EXPECT_EQ(h5_->get_node(det.path() + "/Data1D/CH00/Data00").as_carray().shape(), (Shape{5, 10, 10}));
  Node d0 = h5_->get_node(det.path() + "/Data0D/CH00/Data00");
  EXPECT_EQ(d0.as_carray().shape(), (Shape{5, 10}));
  const auto v0 = d0.as_carray().read<double>();
  for (std::size_t i = 0; i < 5; ++i)
    for (std::size_t j = 0; j < 10; ++j) EXPECT_EQ(v0(i, j), (i == 4 && j == 3) ? 2.7 : 0.0) << i << "," << j;
  // h5kit default: errors are kept in scan-shaped ErrorBar nodes.
  Node e0 = h5_->get_node(det.path() + "/Data0D/CH00/ErrorBar01");
  EXPECT_EQ(e0.as_carray().read<double>()(4, 3), 0.02);
  EXPECT_EQ(e0.get_attr("data_type"), PyValue("error"));
}

TEST_F(daq_savers, ParityExtendedHasNoUnitsNoErrors) {
  h5_->close_file();
  open({.pymodaq_5_0_5 = true});
  Group det = h5_->get_set_group("/RawData", "MyDet");
  DataToExportExtendedSaver saver(*h5_, {5, 10});
  saver.add_data(det, mybigdata(true), {0, 0});
  EXPECT_EQ(children("/RawData/MyDet/Data2D/CH00"), (std::vector<std::string>{"Axis00", "Axis01", "Data00", "Data01"}));
  EXPECT_FALSE(h5_->get_node("/RawData/MyDet/Data2D/CH00/Data00").has_attr("units"));
}

}  // namespace
}  // namespace h5kit::daq
