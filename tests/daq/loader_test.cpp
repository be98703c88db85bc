// DataLoader (spec §9, §8.3) on pymodaq_data's scenarios 9, 11-13, 15-17 of §12, and on bad input:
// every problem is an h5kit::Error naming file, node and attribute, never a crash.
#include <functional>
#include <string>
#include <vector>

#include <gtest/gtest.h>

#include "h5kit/daq/loader.hpp"
#include "h5kit/error.hpp"
#include "h5kit/file.hpp"
#include "h5kit/group.hpp"
#include "saving_fixtures.hpp"
#include "support/temp_dir.hpp"

namespace h5kit::daq {
namespace {

using h5kit::test::TempDir;
using namespace h5kit::daq::test;

class daq_loader : public ::testing::Test {
 protected:
  void SetUp() override { h5_.init_file(dir_.path() / "h5file.h5", true); }
  void TearDown() override {
    if (h5_.isopen()) h5_.close_file();
  }
  void expect_error_mentions(const std::function<void()>& f, const std::vector<std::string>& words) {
    try {
      f();
      ADD_FAILURE() << "no error";
    } catch (const Error& e) {
      const std::string what = e.what();
      for (const auto& w : words) EXPECT_NE(what.find(w), std::string::npos) << "[" << w << "] not in: " << what;
    }
  }
  TempDir dir_;
  H5SaverLowLevel h5_;
  DataLoader loader_{h5_};
};

// Scenario 9.
TEST_F(daq_loader, OneNodeOrAllNodesWithErrors) {
  DataWithAxes d("mydata1D", {data1d(), arange({10}, 2)},
                 {.labels = {"a", "b"}, .units = "s", .axes = {myaxis(0, 10)},
                  .errors = std::vector<Array>{filled({10}, 0.5), filled({10}, 0.7)}});
  DataSaverLoader(h5_).add_data("/RawData", d);
  for (const char* node : {"/RawData/Data00", "/RawData/Data01"}) {
    DataWithAxes all = loader_.load_data(node, false, true);
    EXPECT_EQ(all.length(), 2u);
    EXPECT_EQ(all.labels(), (std::vector<std::string>{"a", "b"}));
    ASSERT_TRUE(all.errors().has_value());
    EXPECT_EQ(all, d);
    EXPECT_EQ(all.path(), "/RawData/Data00");  // the first node supplies the attributes
  }
  DataWithAxes one = loader_.load_data("/RawData/Data01");
  EXPECT_EQ(one.length(), 1u);
  EXPECT_EQ(one.labels(), (std::vector<std::string>{"b"}));
  EXPECT_EQ(one[0], arange({10}, 2));
  EXPECT_EQ(one[0].dtype(), ElementType::int64);
  ASSERT_TRUE(one.errors().has_value());
  EXPECT_EQ(one.errors()->at(0), filled({10}, 0.7));
  EXPECT_EQ(one.units(), "s");
  EXPECT_EQ(one.name(), "mydata1D");
  ASSERT_EQ(one.axes().size(), 1u);
  EXPECT_EQ(one.axes()[0], myaxis(0, 10));
  EXPECT_EQ(one.dim(), DataDim::Data1D);
}

// Scenario 10.
TEST_F(daq_loader, ExtraAttributesAndTimestamp) {
  DataSaverLoader(h5_).add_data("/RawData", DataWithAxes("d", {data1d()},
                                                         {.extra = {{"another_attribute", PyValue("xyz")},
                                                                    {"another_other_attribute", PyValue(123)}},
                                                          .timestamp = 1796280425.5731053}));
  DataWithAxes d = loader_.load_data("/RawData/Data00");
  ASSERT_NE(d.extra("another_attribute"), nullptr);
  EXPECT_EQ(*d.extra("another_attribute"), PyValue("xyz"));
  ASSERT_NE(d.extra("another_other_attribute"), nullptr);
  EXPECT_EQ(*d.extra("another_other_attribute"), PyValue(123));
  EXPECT_EQ(d.timestamp(), 1796280425.5731053);
  EXPECT_EQ(d.extra("units"), nullptr);  // not an extra attribute
  EXPECT_EQ(d.extra("CLASS"), nullptr);
}

// Scenario 11.
TEST_F(daq_loader, BackgroundSubtraction) {
  BkgSaver(h5_).add_data("/RawData", mydata2d(false));
  DataWithAxes bkg = loader_.load_data("/RawData/Bkg00", false, true);
  EXPECT_EQ(bkg, mydata2d(false));

  Group det = h5_.get_set_group("/RawData", "MyDet");
  DataToExportSaver saver(h5_);
  saver.add_data(det, mybigdata(false));
  saver.add_bkg(det, mybigdata(false));
  DataWithAxes sub = loader_.load_data("/RawData/MyDet/Data2D/CH00/Data00", true, true);
  ASSERT_EQ(sub.length(), 2u);
  EXPECT_EQ(sub.labels(), (std::vector<std::string>{"mylabel1", "mylabel2"}));
  for (const Array& a : sub.data()) EXPECT_EQ(a, arange({5, 6}, 0));
  // Single-node load of Data01 zips with all Bkg nodes: Bkg00 is subtracted.
  DataWithAxes one = loader_.load_data("/RawData/MyDet/Data2D/CH00/Data01", true, false);
  EXPECT_EQ(one[0], arange({5, 6}, 0));
  DataWithAxes raw = loader_.load_data("/RawData/MyDet/Data2D/CH00/Data01", false, false);
  EXPECT_EQ(raw[0], data2d());
}

// Scenario 12.
TEST_F(daq_loader, DataToExportLoadAll) {
  Group det = h5_.get_set_group("/RawData", "MyDet");
  DataToExportSaver saver(h5_);
  saver.add_data(det, mybigdata());
  EXPECT_EQ(loader_.load_data("/RawData/MyDet/Data2D/CH00/Data01").length(), 1u);
  EXPECT_EQ(loader_.load_data("/RawData/MyDet/Data2D/CH00/Data01", false, true).length(), 2u);

  DataToExport all("all");
  loader_.load_all("/RawData", all);
  ASSERT_EQ(all.size(), 4u);
  const DataToExport reference = mybigdata();
  for (const DataWithAxes& expected : reference.data()) {
    const DataWithAxes* got = all.find(expected.name());
    ASSERT_NE(got, nullptr) << expected.name();
    EXPECT_EQ(*got, expected) << expected.name();
    EXPECT_EQ(got->labels(), expected.labels());
    EXPECT_EQ(got->units(), expected.units());
    EXPECT_EQ(got->origin(), "mybigdata");
    EXPECT_EQ(got->errors().has_value(), expected.errors().has_value());
  }
  EXPECT_EQ(all.find("mydata2D")->dim(), DataDim::Data2D);
  EXPECT_EQ(all.find("mydata0D")->dim(), DataDim::Data0D);
  EXPECT_EQ(all.find("mydata0D")->shape(), (Shape{1}));

  // After add_bkg: 4 DataWithAxes of length 2, all zeros, errors still loaded (no duplicate ErrorBar).
  saver.add_bkg(det, mybigdata());
  DataToExport bkg("bkg");
  loader_.load_all("/RawData", bkg, true);
  ASSERT_EQ(bkg.size(), 4u);
  for (const DataWithAxes& d : bkg.data()) {
    EXPECT_EQ(d.length(), 2u);
    for (const Array& a : d.data())
      for (double v : a.to_doubles()) EXPECT_EQ(v, 0.0) << d.name();
  }
  EXPECT_TRUE(bkg.find("mydata2D")->errors().has_value());
  EXPECT_TRUE(loader_.warnings().empty());
}

TEST(daq_loader_parity, DuplicateErrorBarsAreDroppedWithAWarning) {
  TempDir dir;
  H5SaverLowLevel h5(SaverOptions{.pymodaq_5_0_5 = true});
  h5.init_file(dir.path() / "p.h5", true);
  Group det = h5.get_set_group("/RawData", "MyDet");
  DataToExportSaver saver(h5);
  saver.add_data(det, mybigdata());
  saver.add_bkg(det, mybigdata());
  DataLoader loader(h5);
  DataToExport all("all");
  loader.load_all("/RawData", all);
  EXPECT_FALSE(all.find("mydata2D")->errors().has_value());  // 4 error arrays for 2 data arrays
  EXPECT_FALSE(loader.warnings().empty());
  h5.close_file();
}

// Scenario 13.
TEST_F(daq_loader, TimedDataGetTheirTimeAxis) {
  Group det = h5_.get_set_group("/RawData", "MyDet");
  DataToExportTimedSaver saver(h5_);
  for (int k = 0; k < 3; ++k) {
    DataToExport dte = mybigdata(false);
    dte.set_timestamp(100.0 + 2 * k);
    saver.add_data(det, dte);
  }
  auto nav = loader_.get_nav_group("/RawData/MyDet/Data2D/CH00/EnlData00");
  ASSERT_TRUE(nav.has_value());
  EXPECT_EQ(nav->path(), "/RawData/MyDet/NavAxes");
  DataWithAxes d = loader_.load_data("/RawData/MyDet/Data2D/CH00/EnlData00");
  EXPECT_EQ(d.shape(), (Shape{3, 5, 6}));
  EXPECT_EQ(d.dim(), DataDim::DataND);
  EXPECT_EQ(d.nav_indexes(), (std::vector<int>{0}));
  EXPECT_EQ(d.distribution(), DataDistribution::spread);
  EXPECT_EQ(d.units(), "nm");
  auto time = d.axes_for(0);
  ASSERT_EQ(time.size(), 1u);
  EXPECT_EQ(time[0].label(), "time");
  EXPECT_EQ(time[0].units(), "s");
  EXPECT_EQ(time[0].values(), (std::vector<double>{100.0, 102.0, 104.0}));
  EXPECT_EQ(d.axes_for(1).at(0).label(), "myaxis0");
  EXPECT_EQ(d.axes_for(2).at(0).label(), "myaxis1");
  DataWithAxes d0 = loader_.load_data("/RawData/MyDet/Data0D/CH00/EnlData00", false, true);
  EXPECT_EQ(d0.shape(), (Shape{3}));  // (3, 1): the signal dimension of extent 1 is squeezed
  EXPECT_EQ(d0.length(), 2u);
}

// Scenario 14: the loaded first row equals the first append.
TEST_F(daq_loader, EnlargeableFirstRow) {
  DataEnlargeableSaver saver(h5_, {"a", "b"}, {"", ""});
  saver.add_data("/RawData", mydata2d(false), std::vector<double>{0.0, 1.0});
  saver.add_data("/RawData", mydata2d(false), std::vector<double>{2.0, 3.0});
  DataWithAxes d = loader_.load_data("/RawData/EnlData00", false, true);
  EXPECT_EQ(d.shape(), (Shape{2, 5, 6}));
  EXPECT_EQ(d[0].slice0(0), data2d());
  EXPECT_EQ(d.axes_for(0).size(), 2u);  // two spread nav axes of length 2
  EXPECT_EQ(d.axes_for(0)[1].values(), (std::vector<double>{1.0, 3.0}));
}

// Scenario 15.
TEST_F(daq_loader, ExtendedScanLoadsAsDataND) {
  Group scan = h5_.add_scan_group();
  Group det = h5_.add_det_group(scan, "MyDet");
  DataToExportExtendedSaver saver(h5_, {5, 10});
  std::vector<double> x(5), y(10);
  for (std::size_t i = 0; i < 5; ++i) x[i] = double(i);
  for (std::size_t i = 0; i < 10; ++i) y[i] = 0.5 * double(i);
  saver.add_nav_axes(scan, {Axis("x", "mm", x, 0), Axis("y", "mm", y, 1)});
  saver.add_data(det, mybigdata(), {4, 3});
  DataWithAxes d = loader_.load_data(det.path() + "/Data2D/CH00/Data00");
  EXPECT_EQ(d.dim(), DataDim::DataND);
  EXPECT_EQ(d.shape(), (Shape{5, 10, 5, 6}));
  EXPECT_EQ(d.nav_indexes(), (std::vector<int>{0, 1}));
  EXPECT_EQ(d.axes().size(), 4u);
  EXPECT_EQ(d.axes_for(0).at(0).label(), "x");  // the NavAxes of the scan group, found walking up
  EXPECT_EQ(d.axes_for(3).at(0).label(), "myaxis1");
  ASSERT_TRUE(d.errors().has_value());
  DataWithAxes d0 = loader_.load_data(det.path() + "/Data0D/CH00/Data01");
  EXPECT_EQ(d0.shape(), (Shape{5, 10}));
  EXPECT_EQ(d0[0].at(4 * 10 + 3), 2.7);
  EXPECT_EQ(d0[0].at(0), 0.0);
}

// Scenario 17.
TEST_F(daq_loader, AxisNodeOpenedAsData) {
  std::vector<double> v(10);
  for (std::size_t i = 0; i < 10; ++i) v[i] = -5 + 0.2 * double(i);
  AxisSaverLoader(h5_).add_axis("/RawData", Axis("myaxis", "ms", v, 0));
  DataWithAxes d = loader_.load_data("/RawData/Axis00");
  EXPECT_EQ(d.name(), "myaxis");
  EXPECT_TRUE(d[0].allclose(Array(v)));
  ASSERT_FALSE(d.axes().empty());
  EXPECT_EQ(d.axes()[0].label(), "myaxis");
  EXPECT_EQ(d.axes()[0].units(), "ms");
}

// ---- bad input ----

TEST_F(daq_loader, MissingMandatoryAttributesNameNodeAndAttribute) {
  DataSaverLoader(h5_).add_data("/RawData", mydata1d());
  h5_.close_file();
  {
    File f((dir_.path() / "h5file.h5").string(), "r+");
    f.dataset("/RawData/Data00").attrs().erase("label");
    f.dataset("/RawData/Data01").attrs().erase("data_type");
  }
  h5_.open_file((dir_.path() / "h5file.h5").string(), "r");
  expect_error_mentions([&] { loader_.load_data("/RawData/Data00"); }, {"h5file.h5", "/RawData/Data00", "label"});
  expect_error_mentions([&] { loader_.load_data("/RawData/Data01"); }, {"h5file.h5", "/RawData/Data01", "data_type"});
}

TEST_F(daq_loader, AttributeThatIsNotPymodaqJson) {
  DataSaverLoader(h5_).add_data("/RawData", mydata1d());
  h5_.close_file();
  {
    File f((dir_.path() / "h5file.h5").string(), "r+");
    f.dataset("/RawData/Data00").attrs().set("nav_indexes", std::string("not json at all"));
    f.dataset("/RawData/Data01").attrs().set("distribution", std::string("{\"module\": \"builtins\"}"));
  }
  h5_.open_file((dir_.path() / "h5file.h5").string(), "r");
  expect_error_mentions([&] { loader_.load_data("/RawData/Data00"); }, {"/RawData/Data00", "nav_indexes"});
  expect_error_mentions([&] { loader_.load_data("/RawData/Data01"); }, {"/RawData/Data01", "distribution"});
}

TEST_F(daq_loader, DefaultsForOptionalAttributes) {
  DataSaverLoader(h5_).add_data("/RawData", mydata1d());
  h5_.close_file();
  {
    File f((dir_.path() / "h5file.h5").string(), "r+");
    for (const char* a : {"source", "units", "origin", "nav_indexes"}) f.dataset("/RawData/Data00").attrs().erase(a);
  }
  h5_.open_file((dir_.path() / "h5file.h5").string(), "r");
  DataWithAxes d = loader_.load_data("/RawData/Data00");
  EXPECT_EQ(d.source(), DataSource::raw);
  EXPECT_EQ(d.units(), "");
  EXPECT_EQ(d.origin(), "");
  EXPECT_TRUE(d.nav_indexes().empty());
}

TEST_F(daq_loader, NodeWithoutClassIsReadNotRewritten) {
  DataSaverLoader(h5_).add_data("/RawData", mydata1d());
  h5_.close_file();
  {
    File f((dir_.path() / "h5file.h5").string(), "r+");
    f.dataset("/RawData/Data00").attrs().erase("CLASS");
    f.create_group("/RawData/bare");  // no CLASS at all
  }
  h5_.open_file((dir_.path() / "h5file.h5").string(), "r");
  DataWithAxes d = loader_.load_data("/RawData/Data00");  // typed from its layout
  EXPECT_EQ(d[0], data1d());
  DataToExport all("all");
  EXPECT_NO_THROW(loader_.load_all("/", all));
  h5_.close_file();
  File f((dir_.path() / "h5file.h5").string(), "r");
  EXPECT_FALSE(f.dataset("/RawData/Data00").attrs().contains("CLASS"));
}

TEST_F(daq_loader, ErrorsOfTheWrongShapeAreDroppedWithAWarning) {
  DataSaverLoader(h5_).add_data("/RawData", mydata1d());
  ErrorSaverLoader(h5_).add_data("/RawData", DataWithAxes("e", {filled({3}, 1.0), filled({3}, 1.0)}), false);
  DataWithAxes d = loader_.load_data("/RawData/Data00", false, true);
  EXPECT_FALSE(d.errors().has_value());
  ASSERT_EQ(loader_.warnings().size(), 1u);
  EXPECT_NE(loader_.warnings()[0].find("/RawData/Data00"), std::string::npos);
}

TEST_F(daq_loader, BackgroundThatDoesNotFit) {
  DataSaverLoader(h5_).add_data("/RawData", mydata1d());
  BkgSaver(h5_).add_data("/RawData", DataWithAxes("b", {data1d()}), false);  // one Bkg for two Data
  expect_error_mentions([&] { loader_.load_data("/RawData/Data00", true, true); }, {"/RawData/Data01", "Bkg"});
}

TEST_F(daq_loader, LoggerAndGroupsAreNotData) {
  h5_.add_log("hello");
  expect_error_mentions([&] { loader_.load_data("/RawData/Logger"); }, {"/RawData/Logger", "strings"});
  expect_error_mentions([&] { loader_.load_data("/RawData"); }, {"/RawData", "data_type"});
  EXPECT_THROW(loader_.load_data("/RawData/Nothing"), NotFoundError);
}

}  // namespace
}  // namespace h5kit::daq
