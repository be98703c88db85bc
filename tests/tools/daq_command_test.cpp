// `h5kit daq FILE`: pymodaq's browser view in text (each data node as a DataWithAxes summary and
// the Logger's messages), nodes that do not load, and files that are not there.
#include <string>
#include <vector>

#include <gtest/gtest.h>

#include <h5kit/daq/savers.hpp>
#include <h5kit/h5kit.hpp>

#include "support/temp_dir.hpp"
#include "tools/cli_runner.hpp"

namespace h5kit::test {
namespace {

// A detector snapshot and a 2 x 3 scan: a Data1D with an axis, a 0-D scan with NavAxes, two log lines.
std::string make_daq_file(const TempDir& dir) {
  const std::string path = dir / "run.h5";
  daq::H5SaverLowLevel h5;
  h5.init_file(path, true);
  h5.add_log("scan started");
  daq::Group det = h5.get_set_group("/RawData", "MyDet");
  daq::DataToExportSaver saver(h5);
  saver.add_data(det, daq::DataToExport("dte", {daq::DataWithAxes(
                                                   "spectrum", {daq::Array(std::vector<double>{1, 2, 4})},
                                                   {.labels = {"intensity"}, .units = "counts",
                                                    .axes = {daq::Axis("wavelength", "nm", {500, 501, 502}, 0)}})}));
  daq::Group scan = h5.add_scan_group();
  daq::Group sdet = h5.add_det_group(scan, "Power");
  daq::DataToExportExtendedSaver ext(h5, {2, 3});
  ext.add_nav_axes(scan, {daq::Axis("x", "mm", {0, 1}, 0), daq::Axis("y", "deg", {0, 10, 20}, 1)});
  for (std::size_t i = 0; i < 2; ++i)
    for (std::size_t j = 0; j < 3; ++j)
      ext.add_data(sdet, daq::DataToExport("p", {daq::DataWithAxes("power", {daq::Array(std::vector<double>{double(i + j)})},
                                                                   {.units = "mW"})}),
                   {i, j});
  h5.add_log("scan done");
  h5.close_file();
  return path;
}

// The lines of the block that starts with `header` (up to the next line that does not start with a space).
std::string block(const std::string& out, const std::string& header) {
  const auto start = out.find(header + "\n");
  if (start == std::string::npos) return "";
  std::string text;
  std::size_t pos = start;
  bool first = true;
  while (pos < out.size()) {
    const auto end = out.find('\n', pos);
    const std::string line = out.substr(pos, end - pos);
    if (!first && (line.empty() || line[0] != ' ')) break;
    text += line + "\n";
    first = false;
    pos = end + 1;
  }
  return text;
}

TEST(DaqCommand, ShowsEachDataNodeAndTheLogger) {
  TempDir dir;
  const std::string path = make_daq_file(dir);
  const CliResult run = run_cli(dir, "daq " + shell_quote(path));
  ASSERT_EQ(run.exit_code, 0) << run.err << run.out;
  EXPECT_EQ(run.err, "");
  EXPECT_EQ(run.out.rfind("file: " + path + "\npymodaq_version: 5.0.5\n", 0), 0u) << run.out;
  EXPECT_EQ(block(run.out, "/RawData/MyDet/Data1D/CH00/Data00 [data]"),
            "/RawData/MyDet/Data1D/CH00/Data00 [data]\n"
            "  name: spectrum\n"
            "  dim: Data1D  shape: (3,)  dtype: float64  distribution: uniform\n"
            "  labels: intensity\n"
            "  units: counts\n"
            "  nav axes: none\n"
            "  signal axes: wavelength [nm] (index 0, 3 values)\n");
  EXPECT_EQ(block(run.out, "/RawData/Scan000/Detector000/Data0D/CH00/Data00 [data]"),
            "/RawData/Scan000/Detector000/Data0D/CH00/Data00 [data]\n"
            "  name: power\n"
            "  dim: DataND  shape: (2, 3)  dtype: float64  distribution: uniform\n"
            "  labels: CH00\n"
            "  units: mW\n"
            "  nav axes: x [mm] (index 0, 2 values), y [deg] (index 1, 3 values)\n"
            "  signal axes: none\n");
  EXPECT_NE(run.out.find("/RawData/Logger [strings]: 2 messages\n    scan started\n    scan done\n"), std::string::npos)
      << run.out;
  EXPECT_NE(run.out.find("/RawData/Scan000/NavAxes/Axis01 [axis]\n  name: y\n"), std::string::npos) << run.out;
}

TEST(DaqCommand, ANodeThatDoesNotLoadIsReportedAndTheRestShown) {
  TempDir dir;
  const std::string path = make_daq_file(dir);
  {
    File f(path, "r+");
    f.dataset("/RawData/MyDet/Data1D/CH00/Data00").attrs().erase("label");
  }
  const CliResult run = run_cli(dir, "daq " + shell_quote(path));
  EXPECT_EQ(run.exit_code, 1);
  const std::string b = block(run.out, "/RawData/MyDet/Data1D/CH00/Data00 [data]");
  EXPECT_NE(b.find("  error: "), std::string::npos) << run.out;
  EXPECT_NE(b.find("label"), std::string::npos) << b;
  EXPECT_NE(run.out.find("name: power"), std::string::npos);  // the other nodes still shown
  EXPECT_NE(run.out.find("scan done"), std::string::npos);
}

TEST(DaqCommand, OldPymodaqVersionIsFlagged) {
  TempDir dir;
  const std::string path = dir / "old.h5";
  {
    daq::H5SaverLowLevel h5(daq::SaverOptions{.pymodaq_version = "0.0.0"});
    h5.init_file(path, true);
    h5.close_file();
  }
  const CliResult run = run_cli(dir, "daq " + shell_quote(path));
  EXPECT_EQ(run.exit_code, 0) << run.err;
  EXPECT_NE(run.out.find("pymodaq_version: 0.0.0\nwarning: pymodaq's h5browser refuses files older than 4.0.0\n"),
            std::string::npos)
      << run.out;
}

TEST(DaqCommand, MissingFileIsOneLineError) {
  TempDir dir;
  expect_one_line_error(run_cli(dir, "daq " + shell_quote(dir / "nope.h5")), 1, "nope.h5");
}

}  // namespace
}  // namespace h5kit::test
