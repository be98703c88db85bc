// graph::truncate: the checks, the atomic target and the result; the work is in truncate_*.cpp.
#include "h5kit/graph/truncate.hpp"

#include <hdf5.h>

#include <filesystem>
#include <system_error>

#include "graph/truncate_copier.hpp"
#include "graph/truncate_internal.hpp"
#include "h5kit/atomic_file.hpp"
#include "h5kit/error.hpp"
#include "h5kit/file.hpp"

namespace h5kit::graph {

namespace fs = std::filesystem;
using h5kit::detail::checked;
using h5kit::detail::Where;

namespace {

bool same_file(const std::string& a, const std::string& b) {
  std::error_code ec;
  if (fs::exists(b, ec) && fs::equivalent(a, b, ec)) return true;
  const fs::path ca = fs::weakly_canonical(a, ec), cb = fs::weakly_canonical(b, ec);
  return !ec && ca == cb;
}

bool root_tracks_order(hid_t file) {
  detail::Handle root{checked(H5Gopen2(file, "/", H5P_DEFAULT), "open root group", Where{file})};
  detail::Handle gcpl{checked(H5Gget_create_plist(root.get()), "open root group", Where{file})};
  unsigned flags = 0;
  checked(H5Pget_link_creation_order(gcpl.get(), &flags), "open root group", Where{file});
  return (flags & H5P_CRT_ORDER_TRACKED) != 0;
}

// The oldest format the source's superblock allows: a copy of a file h5py wrote with its defaults
// keeps symbol-table groups, so HDF5's own name search (H5Iget_name after dereferencing, h5py's
// .name) finds the same first path in the copy as in the source, and old readers can still read it.
LibVersion format_of(hid_t file) {
  H5F_info2_t info{};
  checked(H5Fget_info2(file, &info), "read file format", Where{file});
  switch (info.super.version) {
    case 0:
    case 1: return LibVersion::earliest;
    case 2: return LibVersion::v18;
    default: return LibVersion::v110;
  }
}

}  // namespace

std::string default_truncate_target(std::string_view source) {
  const fs::path path{std::string(source)};
  return (path.parent_path() / (path.stem().string() + "_truncated.hdf5")).string();
}

TruncateResult truncate(std::string_view source, std::string_view target, std::uint64_t n,
                        const TruncateOptions& options) {
  const std::string source_path{source};
  const std::string target_path = target.empty() ? default_truncate_target(source) : std::string(target);
  const bool window_given = options.rows().has_value();
  const RowWindow window = window_given ? *options.rows() : RowWindow{0, n};
  if (window.size() == 0)
    throw_error(ErrorKind::invalid_argument, "truncate", source_path, "",
                window_given ? "the row window is empty (stop must be greater than start)"
                             : "n must be at least 1 (a copy with no rows would cut every dataset to nothing)");
  std::error_code ec;
  if (!fs::exists(source_path, ec))
    throw_error(ErrorKind::file, "truncate", source_path, "", "no such file");
  if (same_file(source_path, target_path))
    throw_error(ErrorKind::invalid_argument, "truncate", source_path, "",
                "the target '" + target_path + "' is the source itself; give another target");
  h5kit::detail::silence_hdf5_errors();
  if (H5Fis_hdf5(source_path.c_str()) <= 0) {
    h5kit::detail::take_error_stack();
    throw_error(ErrorKind::file, "truncate", source_path, "", "not an HDF5 file");
  }

  const File input(source_path, "r");
  const hid_t source_file = input.file_id();
  const std::vector<detail::DatasetFacts> datasets = detail::survey_datasets(source_file);
  detail::Plan plan = detail::plan_rows(datasets, window, window_given);
  if (options.nwb()) detail::apply_nwb_rules(source_file, datasets, window, plan);
  detail::count_bytes(datasets, plan);

  TruncateResult result;
  result.issues = plan.issues;
  FileOptions file_options;
  file_options.track_order = root_tracks_order(source_file);
  file_options.libver_low = format_of(source_file);
  AtomicFile output(target_path, file_options);
  {
    detail::Copier copier(source_file, output.file().file_id(), plan, options, result);
    if (options.nwb()) copier.set_block_hook(detail::time_series_reference_rule(source_file, datasets, plan, copier, result));
    copier.run();
  }
  output.commit();
  result.target = target_path;
  result.source_bytes = fs::file_size(source_path, ec);
  result.target_bytes = fs::file_size(output.target_path(), ec);
  return result;
}

}  // namespace h5kit::graph
