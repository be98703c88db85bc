// H5SaverLowLevel (spec §7, scenario 1 of §12): the file skeleton, the Logger, add_array and the
// incremental groups.
#include <filesystem>
#include <regex>
#include <string>
#include <vector>

#include <gtest/gtest.h>

#include "h5kit/daq/saving.hpp"
#include "h5kit/error.hpp"
#include "saving_fixtures.hpp"
#include "support/temp_dir.hpp"

namespace h5kit::daq {
namespace {

using h5kit::test::TempDir;
using namespace h5kit::daq::test;

TEST(daq_saving_lowlevel, InitFileBuildsTheSkeleton) {
  TempDir dir;
  H5SaverLowLevel h5;
  // The file is <parent>/<stem>.h5, whatever the extension given.
  const auto path = h5.init_file(dir.path() / "h5file.txt", true,
                                 {{"attr1", PyValue("attr1")}, {"attr2", PyValue::int_tuple(std::vector<int>{10, 2})}});
  EXPECT_EQ(path, dir.path() / "h5file.h5");
  EXPECT_TRUE(std::filesystem::exists(path));

  Group root = h5.root();
  EXPECT_EQ(root.title(), "PyMoDAQ file");
  EXPECT_EQ(root.get_attr("file"), PyValue("h5file.h5"));
  EXPECT_TRUE(std::regex_match(root.get_str("date"), std::regex(R"(\d{4}-\d{2}-\d{2})"))) << root.get_str("date");
  EXPECT_TRUE(std::regex_match(root.get_str("time"), std::regex(R"(\d{2}:\d{2}:\d{2}(\.\d{6})?)")))
      << root.get_str("time");
  EXPECT_EQ(root.get_attr("pymodaq_version"), PyValue("5.0.5"));
  EXPECT_EQ(root.get_attr("pymodaq_data_version"), PyValue("5.0.5"));
  EXPECT_FALSE(root.has_attr("type"));  // the save type goes on /RawData, not the root
  EXPECT_FALSE(root.has_attr("attr1"));

  Group raw = h5.raw_group();
  EXPECT_EQ(raw.path(), "/RawData");
  EXPECT_EQ(raw.title(), "Data from PyMoDAQ modules");
  EXPECT_EQ(raw.get_attr("type"), PyValue("scan"));
  EXPECT_EQ(raw.get_attr("attr1"), PyValue("attr1"));
  EXPECT_EQ(raw.get_attr("attr2"), PyValue::int_tuple(std::vector<int>{10, 2}));

  Node logger = h5.get_node("/RawData/Logger");
  EXPECT_EQ(logger.node_class(), NodeClass::string_array);
  EXPECT_EQ(logger.get_attr("data_type"), PyValue("strings"));
  EXPECT_EQ(logger.get_attr("type"), PyValue("log"));
  EXPECT_EQ(logger.get_attr("subdtype"), PyValue("string"));
  EXPECT_EQ(logger.get_attr("dtype"), PyValue("uint8"));
  h5.close_file();
}

TEST(daq_saving_lowlevel, LogsAndMetadataSurviveAReopen) {
  TempDir dir;
  const std::vector<std::string> messages = {"This", "is a", "log message", "µm and ünïcode"};
  {
    H5SaverLowLevel h5(SaverOptions{.save_type = SaveType::detector});
    h5.init_file(dir.path() / "h5file.h5", true, {{"attr1", PyValue("attr1")}});
    for (const auto& m : messages) h5.add_log(m);
    h5.close_file();
  }
  H5SaverLowLevel h5;
  h5.init_file(dir.path() / "h5file.h5", false);  // append mode: nothing rewritten
  EXPECT_EQ(h5.raw_group().get_attr("type"), PyValue("detector"));
  EXPECT_EQ(h5.raw_group().get_attr("attr1"), PyValue("attr1"));
  StringArray logger = h5.get_node("/RawData/Logger").as_string_array();
  EXPECT_EQ(logger.read(), messages);
  EXPECT_EQ(logger.get_attr("shape"), PyValue::int_tuple(std::vector<int>{4}));
  h5.add_log("appended");
  EXPECT_EQ(logger.read().back(), "appended");
  h5.close_file();
}

TEST(daq_saving_lowlevel, AddLogNeedsAFile) {
  H5SaverLowLevel h5;
  EXPECT_THROW(h5.add_log("nowhere"), ClosedObjectError);
  EXPECT_THROW((void)h5.raw_group(), ClosedObjectError);
}

TEST(daq_saving_lowlevel, VersionsAreConfigurable) {
  TempDir dir;
  H5SaverLowLevel h5(SaverOptions{.pymodaq_version = "4.4.7", .pymodaq_data_version = "4.4.7"});
  h5.init_file(dir.path() / "v.h5", true);
  EXPECT_EQ(h5.root().get_attr("pymodaq_version"), PyValue("4.4.7"));
  h5.close_file();
}

TEST(daq_saving_lowlevel, AddArrayKinds) {
  TempDir dir;
  H5SaverLowLevel h5;
  h5.init_file(dir.path() / "a.h5", true);
  const Array data = arange({5, 6});
  Node plain = h5.add_array("/RawData", "myarray", DataType::data,
                            {.array_to_save = &data, .data_dimension = DataDim::Data2D, .title = "t",
                             .metadata = {{"extra", PyValue(3)}}});
  EXPECT_EQ(plain.name(), "Myarray");  // capitalize
  EXPECT_EQ(plain.node_class(), NodeClass::carray);
  EXPECT_EQ(plain.get_attr("data_type"), PyValue("data"));
  EXPECT_EQ(plain.get_attr("data_dimension"), PyValue("Data2D"));
  EXPECT_EQ(plain.get_attr("dtype"), PyValue("int64"));
  EXPECT_EQ(plain.get_attr("extra"), PyValue(3));
  EXPECT_EQ(plain.title(), "t");

  Node enl = h5.add_array("/RawData", "enl", DataType::data_enlargeable,
                          {.array_type = ElementType::uint32, .data_shape = {10, 3}, .enlargeable = true});
  EXPECT_EQ(enl.node_class(), NodeClass::earray);
  EXPECT_EQ(enl.get_attr("shape"), PyValue::int_tuple(std::vector<int>{0, 10, 3}));
  EXPECT_EQ(enl.get_attr("dtype"), PyValue("uint32"));

  Node scan = h5.add_array("/RawData", "scan", DataType::data,
                           {.array_type = ElementType::float64, .data_shape = {1}, .scan_shape = {5, 10},
                            .add_scan_dim = true});
  EXPECT_EQ(scan.as_carray().shape(), (Shape{5, 10}));  // scalars add no dimension
  Node scan2 = h5.add_array("/RawData", "scan2", DataType::data,
                            {.data_shape = {5, 6}, .scan_shape = {5, 10}, .add_scan_dim = true});
  EXPECT_EQ(scan2.as_carray().shape(), (Shape{5, 10, 5, 6}));
  EXPECT_EQ(scan2.get_attr("dtype"), PyValue("float64"));  // config data_saving.data_type.dynamic
  for (double v : scan2.as_carray().read<double>()) EXPECT_EQ(v, 0.0);

  EXPECT_THROW(h5.add_array("/RawData", "none", DataType::data, {}), InvalidArgumentError);
  h5.close_file();
}

TEST(daq_saving_lowlevel, IncrementalGroups) {
  TempDir dir;
  H5SaverLowLevel h5;
  h5.init_file(dir.path() / "g.h5", true);
  Group scan = h5.add_scan_group();
  EXPECT_EQ(scan.path(), "/RawData/Scan000");
  EXPECT_EQ(scan.get_attr("type"), PyValue("scan"));
  EXPECT_EQ(scan.get_attr("description"), PyValue(""));
  EXPECT_EQ(scan.get_attr("scan_done"), PyValue(false));
  EXPECT_EQ(scan.get_attr("settings"), PyValue(""));
  EXPECT_EQ(h5.add_scan_group().name(), "Scan001");

  Group det0 = h5.add_det_group(scan, "MyDet0D", PyValue::bytes("<All_settings/>"));
  EXPECT_EQ(det0.name(), "Detector000");
  EXPECT_EQ(det0.title(), "MyDet0D");
  EXPECT_EQ(det0.get_attr("settings"), PyValue::bytes("<All_settings/>"));
  EXPECT_EQ(det0.get_attr("type"), PyValue("detector"));
  h5.add_det_group(scan, "MyDet1D");
  Group act = h5.add_act_group(scan, "Motor", "", {{"units", PyValue("mm")}});
  EXPECT_EQ(act.name(), "Actuator000");
  EXPECT_EQ(act.get_attr("units"), PyValue("mm"));
  EXPECT_EQ(act.get_attr("type"), PyValue("actuator"));
  EXPECT_EQ(scan.children_name(), (std::vector<std::string>{"Actuator000", "Detector000", "Detector001"}));

  Group ch = h5.add_ch_group(det0);
  EXPECT_EQ(ch.name(), "Ch000");
  EXPECT_EQ(ch.get_attr("type"), PyValue(""));

  Group dim = h5.add_data_group(det0, DataDim::Data1D, "", "<xml/>");
  EXPECT_EQ(dim.name(), "Data1D");
  EXPECT_EQ(dim.get_attr("type"), PyValue("data_dim"));
  EXPECT_EQ(dim.get_attr("settings"), PyValue("<xml/>"));

  auto dets = h5.get_groups(scan, GroupType::detector);
  ASSERT_EQ(dets.size(), 2u);
  EXPECT_EQ(h5.get_last_group(scan, GroupType::detector)->name(), "Detector001");
  EXPECT_FALSE(h5.get_last_group(scan, GroupType::scan).has_value());
  ASSERT_TRUE(h5.get_node_from_title("/", "MyDet1D").has_value());
  EXPECT_EQ(h5.get_node_from_title("/", "MyDet1D")->path(), "/RawData/Scan000/Detector001");

  EXPECT_THROW(h5.add_det_group(scan, "", PyValue(3)), InvalidArgumentError);  // settings: str or bytes
  h5.close_file();
}

TEST(daq_saving_lowlevel, IncrementalGroupRefusesAChildWithoutIndex) {
  TempDir dir;
  H5SaverLowLevel h5;
  h5.init_file(dir.path() / "g.h5", true);
  h5.get_set_group("/RawData", "DetectorX");
  try {
    h5.add_det_group("/RawData");
    FAIL() << "no error";
  } catch (const InvalidArgumentError& e) {
    EXPECT_NE(std::string(e.what()).find("DetectorX"), std::string::npos) << e.what();
  }
  h5.close_file();
}

}  // namespace
}  // namespace h5kit::daq
