// A pymodaq DAQ_Scan in C++: a 5 x 10 scan over two actuators (x, y) with one detector giving a
// 0-D power, a 1-D spectrum and a 2-D image at every point, with error bars, the scan axes in
// NavAxes and log messages; then a detector snapshot with its background. The file is what
// pymodaq_data 5.0.5 writes (its DataLoader and h5browser open it). It is read back with
// h5kit's DataLoader, checked and printed.
//
//   daq_scan scan.h5      (exit status 0 when everything read back is what was written)
#include <cmath>
#include <cstdint>
#include <iostream>
#include <string>
#include <vector>

#include <h5kit/daq/loader.hpp>
#include <h5kit/daq/savers.hpp>
#include <h5kit/error.hpp>

namespace daq = h5kit::daq;

namespace {

constexpr std::size_t kNx = 5, kNy = 10, kSpectrum = 20, kRows = 4, kCols = 6;

int failures = 0;
void check(bool ok, const std::string& what) {
  if (!ok) {
    std::cerr << "MISMATCH: " << what << '\n';
    ++failures;
  }
}

double x_position(std::size_t i) { return 1.0 + 0.5 * double(i); }   // mm
double y_position(std::size_t j) { return -2.0 + 0.25 * double(j); } // mm
double power(std::size_t i, std::size_t j) { return x_position(i) * 10.0 + y_position(j); }
double spectrum(std::size_t i, std::size_t j, std::size_t k) {
  const double centre = 5.0 + double(i) + 0.5 * double(j);
  return std::exp(-0.5 * (double(k) - centre) * (double(k) - centre));
}
std::int32_t pixel(std::size_t i, std::size_t j, std::size_t r, std::size_t c) {
  return std::int32_t(100 * i + 10 * j + r * kCols + c);
}

daq::DataToExport acquire(std::size_t i, std::size_t j) {
  std::vector<double> spec(kSpectrum), spec_err(kSpectrum), wavelength(kSpectrum);
  for (std::size_t k = 0; k < kSpectrum; ++k) {
    spec[k] = spectrum(i, j, k);
    spec_err[k] = 0.01 + 0.1 * std::sqrt(spec[k]);
    wavelength[k] = 500.0 + 2.0 * double(k);
  }
  std::vector<std::int32_t> image(kRows * kCols);
  for (std::size_t r = 0; r < kRows; ++r)
    for (std::size_t c = 0; c < kCols; ++c) image[r * kCols + c] = pixel(i, j, r, c);
  std::vector<double> rows(kRows), cols(kCols);
  for (std::size_t r = 0; r < kRows; ++r) rows[r] = 10.0 * double(r);
  for (std::size_t c = 0; c < kCols; ++c) cols[c] = 5.0 * double(c);

  return daq::DataToExport(
      "MockDetector",
      {daq::DataWithAxes("power", {daq::Array(std::vector<double>{power(i, j)})},
                         {.origin = "MockDetector", .units = "mW",
                          .errors = std::vector<daq::Array>{daq::Array(std::vector<double>{0.05})}}),
       daq::DataWithAxes("spectrum", {daq::Array(spec)},
                         {.labels = {"intensity"}, .origin = "MockDetector", .units = "counts",
                          .axes = {daq::Axis("wavelength", "nm", wavelength, 0)},
                          .errors = std::vector<daq::Array>{daq::Array(spec_err)}}),
       daq::DataWithAxes("image", {daq::Array(h5kit::Shape{kRows, kCols}, image)},
                         {.labels = {"camera"}, .origin = "MockDetector", .units = "counts",
                          .axes = {daq::Axis("rows", "um", rows, 0), daq::Axis("cols", "um", cols, 1)}})});
}

void write(const std::string& path) {
  daq::H5SaverLowLevel h5;  // save type 'scan', pymodaq_version '5.0.5'
  h5.init_file(path, true);
  h5.add_log("scan started");
  daq::Group scan = h5.add_scan_group(std::nullopt, "", "", {{"scan_type", daq::PyValue("Scan2D")}});
  h5.add_act_group(scan, "Xaxis", daq::PyValue::bytes("<All_settings title=\"Xaxis\"/>"));
  h5.add_act_group(scan, "Yaxis", daq::PyValue::bytes("<All_settings title=\"Yaxis\"/>"));
  daq::Group det = h5.add_det_group(scan, "MockDetector", daq::PyValue::bytes("<All_settings title=\"Mock\"/>"));

  daq::DataToExportExtendedSaver saver(h5, {kNx, kNy});
  std::vector<double> xs(kNx), ys(kNy);
  for (std::size_t i = 0; i < kNx; ++i) xs[i] = x_position(i);
  for (std::size_t j = 0; j < kNy; ++j) ys[j] = y_position(j);
  saver.add_nav_axes(scan, {daq::Axis("Xaxis", "mm", xs, 0), daq::Axis("Yaxis", "mm", ys, 1)});
  for (std::size_t i = 0; i < kNx; ++i) {
    for (std::size_t j = 0; j < kNy; ++j) saver.add_data(det, acquire(i, j), {i, j});
    h5.add_log("row " + std::to_string(i) + " done");
  }
  scan.set_attr("scan_done", daq::PyValue(true));

  // A DAQ_Viewer snapshot of the same detector with its background (the dark frame).
  daq::Group snap = h5.add_det_group(h5.raw_group(), "MockDetector snapshot");
  daq::DataToExportSaver snapshot(h5);
  snapshot.add_data(snap, acquire(2, 3));
  std::vector<std::int32_t> dark(kRows * kCols, 7);
  snapshot.add_bkg(snap, daq::DataToExport("dark", {daq::DataWithAxes("image", {daq::Array(h5kit::Shape{kRows, kCols}, dark)},
                                                                      {.origin = "MockDetector"})}));
  h5.add_log("scan done");
  h5.close_file();
}

void read_back(const std::string& path) {
  daq::H5SaverLowLevel h5;
  h5.open_file(path, "r");
  daq::DataLoader loader(h5);
  const std::string det = "/RawData/Scan000/Detector000";

  daq::DataWithAxes p = loader.load_data(det + "/Data0D/CH00/Data00");
  std::cout << p.summary() << '\n';
  check(p.name() == "power" && p.units() == "mW", "power name/units");
  check(p.dim() == daq::DataDim::DataND && p.shape() == h5kit::Shape({kNx, kNy}), "power shape " + h5kit::to_string(p.shape()));
  check(p.nav_indexes() == std::vector<int>({0, 1}), "power nav indexes");
  auto nav = p.nav_axes();
  check(nav.size() == 2 && nav[0].label() == "Xaxis" && nav[0].units() == "mm" && nav[1].label() == "Yaxis",
        "power nav axes");
  if (nav.size() == 2) {
    std::cout << "  nav axes: " << nav[0].label() << " [" << nav[0].units() << "] " << nav[0].size() << " points, "
              << nav[1].label() << " [" << nav[1].units() << "] " << nav[1].size() << " points\n";
    check(std::fabs(nav[1].values()[9] - y_position(9)) < 1e-12, "Yaxis values");
  }
  for (std::size_t i = 0; i < kNx; ++i)
    for (std::size_t j = 0; j < kNy; ++j)
      check(p[0].at(i * kNy + j) == power(i, j), "power at " + std::to_string(i) + "," + std::to_string(j));
  check(p.errors().has_value() && p.errors()->at(0).at(7) == 0.05, "power errors");

  daq::DataWithAxes s = loader.load_data(det + "/Data1D/CH00/Data00");
  std::cout << s.summary() << '\n';
  check(s.shape() == h5kit::Shape({kNx, kNy, kSpectrum}), "spectrum shape " + h5kit::to_string(s.shape()));
  check(s.labels() == std::vector<std::string>({"intensity"}), "spectrum label");
  auto wl = s.axes_for(2);
  check(wl.size() == 1 && wl[0].label() == "wavelength" && wl[0].units() == "nm", "spectrum signal axis");
  const std::size_t at = (3 * kNy + 7) * kSpectrum + 11;
  check(std::fabs(s[0].at(at) - spectrum(3, 7, 11)) < 1e-15, "spectrum value");
  check(s.errors().has_value() && std::fabs(s.errors()->at(0).at(at) - (0.01 + 0.1 * std::sqrt(spectrum(3, 7, 11)))) < 1e-15,
        "spectrum error");

  daq::DataWithAxes im = loader.load_data(det + "/Data2D/CH00/Data00");
  std::cout << im.summary() << '\n';
  check(im.shape() == h5kit::Shape({kNx, kNy, kRows, kCols}), "image shape");
  check(im[0].dtype() == daq::ElementType::int32, "image keeps int32");
  check(im[0].values<std::int32_t>()[((4 * kNy + 9) * kRows + 3) * kCols + 5] == pixel(4, 9, 3, 5), "image value");
  check(im.axes().size() == 4 && !im.errors().has_value(), "image axes / no errors");

  // The snapshot with its background subtracted (the dark frame is 7 everywhere).
  daq::DataWithAxes snap = loader.load_data("/RawData/Detector000/Data2D/CH00/Data00", true);
  std::cout << snap.summary() << " (background subtracted)\n";
  check(snap[0].values<std::int32_t>()[5] == pixel(2, 3, 0, 5) - 7, "background subtraction");

  daq::DataToExport all("all");
  loader.load_all("/RawData", all);
  std::cout << "load_all: " << all.size() << " DataWithAxes\n";
  check(all.size() == 3, "load_all count (power, spectrum, image; the snapshot's replace the scan's by name)");

  auto log = h5.get_node("/RawData/Logger").as_string_array().read();
  std::cout << "Logger (" << log.size() << " messages):\n";
  for (const auto& m : log) std::cout << "  " << m << '\n';
  check(log.size() == kNx + 2 && log.front() == "scan started" && log.back() == "scan done", "Logger messages");
  check(h5.get_node("/RawData/Scan000").get_bool("scan_done"), "scan_done");
  h5.close_file();
}

}  // namespace

int main(int argc, char** argv) {
  if (argc != 2) {
    std::cerr << "usage: daq_scan OUTPUT.h5\n";
    return 2;
  }
  try {
    write(argv[1]);
    read_back(argv[1]);
  } catch (const h5kit::Error& e) {
    std::cerr << "daq_scan: " << e.what() << '\n';
    return 1;
  }
  if (failures) {
    std::cerr << failures << " mismatch(es)\n";
    return 1;
  }
  std::cout << "daq_scan: wrote and checked " << argv[1] << '\n';
  return 0;
}
