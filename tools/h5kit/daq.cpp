// `h5kit daq FILE`: pymodaq's h5browser view as text. Every array node with a pymodaq `data_type`
// is loaded as pymodaq's browser does (DataLoader.load_data on that node: NavAxes found walking up,
// missing axes created) and summarised; the `strings` nodes (the Logger) are printed as messages.
//
//   file: scan.h5
//   pymodaq_version: 5.0.5
//   /RawData/Scan000/Detector000/Data2D/CH00/Data00 [data]
//     name: mydata2D
//     dim: DataND  shape: (5, 10, 5, 6)  dtype: int64  distribution: uniform
//     labels: mylabel1
//     units: nm
//     nav axes: x [mm] (index 0, 5 values), y [mm] (index 1, 10 values)
//     signal axes: myaxis0 [myunits0] (index 2, 5 values), ...
//   /RawData/Logger [strings]: 2 messages
//     scan started
//     scan done
//
// A node that does not load prints "  error: ..." in its place; the command then exits with 1.
// The exact format is in docs/cli.md.
#include <algorithm>
#include <iostream>
#include <memory>
#include <sstream>
#include <string>
#include <vector>

#include <h5kit/daq/loader.hpp>
#include <h5kit/error.hpp>

#include "commands.hpp"

namespace h5kit::cli {

namespace {

struct DaqOptions {
  std::string file;
};

std::string axes_text(const std::vector<daq::Axis>& axes) {
  if (axes.empty()) return "none";
  std::string out;
  for (const daq::Axis& a : axes) {
    if (!out.empty()) out += ", ";
    out += (a.label().empty() ? std::string("(unnamed)") : a.label());
    if (!a.units().empty()) out += " [" + a.units() + "]";
    out += " (index " + std::to_string(a.index()) + ", " + std::to_string(a.size()) + " values";
    if (a.spread_order() != 0) out += ", spread order " + std::to_string(a.spread_order());
    out += ")";
  }
  return out;
}

std::string join(const std::vector<std::string>& items) {
  std::string out;
  for (const auto& s : items) out += (out.empty() ? "" : ", ") + s;
  return out;
}

// packaging.version's view of "at least 4.0.0" for plain dotted versions: the major number.
bool old_version(const std::string& v) {
  try {
    return std::stoi(v) < 4;
  } catch (const std::exception&) {
    return false;
  }
}

void print_data(std::ostream& out, const daq::DataWithAxes& d) {
  out << "  name: " << d.name() << '\n';
  out << "  dim: " << daq::name(d.dim()) << "  shape: " << to_string(d.shape()) << "  dtype: " << d[0].dtype_name()
      << "  distribution: " << daq::name(d.distribution());
  if (d.length() > 1) out << "  arrays: " << d.length();
  out << '\n';
  out << "  labels: " << join(d.labels()) << '\n';
  out << "  units: " << (d.units().empty() ? "(none)" : d.units()) << '\n';
  if (!d.origin().empty()) out << "  origin: " << d.origin() << '\n';
  out << "  nav axes: " << axes_text(d.nav_axes()) << '\n';
  std::vector<daq::Axis> sig;
  for (int i : d.sig_indexes())
    for (auto& a : d.axes_for(i)) sig.push_back(a);
  out << "  signal axes: " << axes_text(sig) << '\n';
  if (d.errors()) out << "  errors: yes\n";
}

int run_daq(const DaqOptions& o) {
  daq::H5SaverLowLevel h5;
  try {
    h5.open_file(o.file, "r");
  } catch (const Error& e) {
    throw UserError("cannot open '" + o.file + "' as a pymodaq file: " + e.detail());
  }
  daq::DataLoader loader(h5);
  std::ostringstream out;
  int status = 0;
  out << "file: " << o.file << '\n';
  daq::Group root = h5.root();
  if (auto v = root.find_attr("pymodaq_version"); v && v->is_str()) {
    out << "pymodaq_version: " << v->as_str() << '\n';
    if (old_version(v->as_str())) out << "warning: pymodaq's h5browser refuses files older than 4.0.0\n";
  } else {
    out << "pymodaq_version: (none)\n";
  }
  for (const daq::Node& node : h5.walk_nodes("/")) {
    if (!node.is_array() || !node.has_attr("data_type")) continue;
    std::string type;
    try {
      type = node.get_str("data_type");
    } catch (const Error& e) {
      out << node.path() << '\n' << "  error: " << e.what() << '\n';
      status = 1;
      continue;
    }
    if (type == "strings") {
      try {
        auto messages = node.as_string_array().read();
        out << node.path() << " [strings]: " << messages.size() << (messages.size() == 1 ? " message" : " messages")
            << '\n';
        for (const auto& m : messages) out << "    " << m << '\n';
      } catch (const Error& e) {
        out << node.path() << " [strings]\n" << "  error: " << e.what() << '\n';
        status = 1;
      }
      continue;
    }
    out << node.path() << " [" << type << "]\n";
    try {
      print_data(out, loader.load_data(daq::Location(node)));
      for (const auto& w : loader.warnings()) out << "  warning: " << w << '\n';
    } catch (const Error& e) {
      out << "  error: " << e.what() << '\n';
      status = 1;
    }
  }
  h5.close_file();
  std::cout << out.str();
  return status;
}

}  // namespace

Command register_daq(CLI::App& parent) {
  auto options = std::make_shared<DaqOptions>();
  CLI::App* app = parent.add_subcommand(
      "daq", "Show a pymodaq DAQ file as pymodaq's h5browser does: each data node as a DataWithAxes, and the Logger");
  app->add_option("FILE", options->file, "pymodaq HDF5 file to read")->required();
  return {app, [options] { return run_daq(*options); }};
}

}  // namespace h5kit::cli
