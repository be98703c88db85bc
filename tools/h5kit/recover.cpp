// `h5kit recover FILE [-o OUT | --in-place]`: makes a file whose SWMR writer died readable again.
//
// A SWMR writer marks the superblock "open for writing" and, while it streams, never rewrites the
// superblock's end-of-allocation address (EOA). After a SIGKILL the file therefore (1) refuses a
// normal open and (2) records an EOA far below the data actually written. Clearing only the flags
// (`h5clear -s`) lets HDF5 open the file, and closing it truncates the file to that stale EOA:
// 9.6 MB became 479 bytes in our trials. recover clears the flags *and* moves the EOA to the end of
// the file (h5clear --increment=0: max(EOA, EOF) + 0), then closes the file normally. pymodaq's
// `shape` attribute of each EARRAY, which cannot change under SWMR, is rewritten to the extent.
//
// Never in place unless asked: the default output is FILE with "-recovered" before the extension.
#include <hdf5.h>

#include <filesystem>
#include <iostream>
#include <memory>
#include <string>

#include <h5kit/daq/backend.hpp>
#include <h5kit/error.hpp>
#include <h5kit/file.hpp>

#include "commands.hpp"

namespace h5kit::cli {

namespace {

struct RecoverOptions {
  std::string file;
  std::string out;
  bool in_place = false;
  bool force = false;
};

std::string default_output(const std::string& file) {
  std::filesystem::path p(file);
  return (p.parent_path() / (p.stem().string() + "-recovered" + p.extension().string())).string();
}

// Opens with HDF5's private "clear_status_flags" file-access property (what h5clear -s sets),
// moves the EOA to the end of the file and closes. Returns the EOA before and after.
std::pair<haddr_t, haddr_t> clear_and_extend(const std::string& path) {
  H5Eset_auto2(H5E_DEFAULT, nullptr, nullptr);
  const hid_t fapl = H5Pcreate(H5P_FILE_ACCESS);
  if (fapl < 0) throw UserError("cannot create a file access property list");
  hbool_t clear = 1;
  if (H5Pexist(fapl, "clear_status_flags") <= 0 || H5Pset(fapl, "clear_status_flags", &clear) < 0) {
    H5Pclose(fapl);
    throw UserError("this HDF5 library cannot clear superblock status flags (needs HDF5 >= 1.10)");
  }
  const hid_t file = H5Fopen(path.c_str(), H5F_ACC_RDWR, fapl);
  H5Pclose(fapl);
  if (file < 0) throw UserError("cannot open '" + path + "' to clear its status flags (is it an HDF5 file?)");
  haddr_t before = 0, after = 0;
  const bool ok = H5Fget_eoa(file, &before) >= 0 && H5Fincrement_filesize(file, 0) >= 0 && H5Fget_eoa(file, &after) >= 0;
  const bool closed = H5Fclose(file) >= 0;
  if (!ok || !closed) throw UserError("cannot set the end of allocated space of '" + path + "'");
  return {before, after};
}

// Rewrites pymodaq's `shape` on every EARRAY whose extent differs; returns how many.
int fix_shape_attributes(const std::string& path) {
  daq::H5Backend h5;
  h5.open_file(path, "r+");
  int fixed = 0;
  for (const daq::Node& node : h5.walk_nodes("/")) {
    if (node.node_class() != daq::NodeClass::earray || !node.has_attr("shape")) continue;
    const daq::EArray array = node.as_earray();
    const Shape extent = array.shape();
    std::vector<std::int64_t> want(extent.begin(), extent.end());
    bool same = false;
    try {
      same = node.get_int_tuple("shape") == want;
    } catch (const Error&) {
    }
    if (!same) {
      array.update_shape_attribute();
      ++fixed;
    }
  }
  h5.close_file();
  return fixed;
}

int run_recover(const RecoverOptions& o) {
  std::error_code ec;
  if (!std::filesystem::is_regular_file(o.file, ec)) throw UserError("cannot open '" + o.file + "': no such file");
  if (o.in_place && !o.out.empty()) throw UserError("give either -o OUT or --in-place, not both");
  if (!o.in_place && !o.out.empty() && std::filesystem::equivalent(o.file, o.out, ec))
    throw UserError("the output is the input: use --in-place to recover '" + o.file + "' itself");
  if (H5Fis_hdf5(o.file.c_str()) <= 0) throw UserError("'" + o.file + "' is not an HDF5 file");
  std::string target = o.file;
  if (!o.in_place) {
    target = o.out.empty() ? default_output(o.file) : o.out;
    if (std::filesystem::equivalent(o.file, target, ec))
      throw UserError("the output is the input: use --in-place to recover '" + o.file + "' itself");
    if (std::filesystem::exists(target, ec) && !o.force)
      throw UserError("'" + target + "' exists (use --force to overwrite it)");
    std::filesystem::copy_file(o.file, target, std::filesystem::copy_options::overwrite_existing, ec);
    if (ec) throw UserError("cannot copy '" + o.file + "' to '" + target + "': " + ec.message());
  }
  const auto size = std::filesystem::file_size(target);
  const auto [before, after] = clear_and_extend(target);
  { File check(target, "r"); }  // a normal open must work now
  int fixed = 0;
  try {
    fixed = fix_shape_attributes(target);
  } catch (const Error&) {
    // Not a PyTables/pymodaq file: nothing more to fix.
  }
  std::cout << "recovered " << o.file << " -> " << target << ": status flags cleared, end of allocation " << before
            << " -> " << after << " bytes (file " << size << " bytes)";
  if (fixed > 0) std::cout << ", " << fixed << " EARRAY shape attribute" << (fixed == 1 ? "" : "s") << " rewritten";
  std::cout << '\n';
  return 0;
}

}  // namespace

Command register_recover(CLI::App& parent) {
  auto options = std::make_shared<RecoverOptions>();
  CLI::App* app =
      parent.add_subcommand("recover", "Make a file whose SWMR writer was killed open normally again (a copy by default)");
  app->add_option("FILE", options->file, "The HDF5 file left by the writer")->required();
  app->add_option("-o,--output", options->out, "Where the recovered copy goes (default: FILE-recovered.h5)");
  app->add_flag("--in-place", options->in_place, "Recover FILE itself instead of a copy");
  app->add_flag("--force", options->force, "Overwrite OUT when it exists");
  return {app, [options] { return run_recover(*options); }};
}

}  // namespace h5kit::cli
