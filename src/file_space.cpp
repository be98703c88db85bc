// Free-space management and the page buffer (h5py's fs_strategy ... page_buf_size).
#include "detail/file_space.hpp"

#include <string>

namespace h5kit {

using detail::checked;
using detail::Handle;
using detail::Where;

namespace {

H5F_fspace_strategy_t to_hdf5(FileSpaceStrategy s) {
  switch (s) {
    case FileSpaceStrategy::page: return H5F_FSPACE_STRATEGY_PAGE;
    case FileSpaceStrategy::aggregate: return H5F_FSPACE_STRATEGY_AGGR;
    case FileSpaceStrategy::no_reuse: return H5F_FSPACE_STRATEGY_NONE;
    default: return H5F_FSPACE_STRATEGY_FSM_AGGR;
  }
}

FileSpaceStrategy from_hdf5(H5F_fspace_strategy_t s) {
  switch (s) {
    case H5F_FSPACE_STRATEGY_PAGE: return FileSpaceStrategy::page;
    case H5F_FSPACE_STRATEGY_AGGR: return FileSpaceStrategy::aggregate;
    case H5F_FSPACE_STRATEGY_NONE: return FileSpaceStrategy::no_reuse;
    default: return FileSpaceStrategy::fsm;
  }
}

bool power_of_two(std::size_t n) { return n != 0 && (n & (n - 1)) == 0; }

// Whether o asks for a strategy other than HDF5's default settings (H5Pset_file_space_strategy).
bool strategy_asked(const FileOptions& o) {
  return o.fs_strategy != FileSpaceStrategy::library_default || o.fs_persist || o.fs_threshold != 1;
}

constexpr const char* kNeedsPagedFile =
    "a page buffer needs a file created with FileSpaceStrategy::page (set fs_strategy when creating it)";

}  // namespace

namespace detail {

bool has_file_space_options(const FileOptions& o) { return strategy_asked(o) || o.fs_page_size != 0; }

void set_file_space(hid_t fcpl, const FileOptions& o, const Where& where) {
  constexpr const char* op = "create file";
  // HDF5 would refuse this at H5Fcreate among other reasons; said plainly before it is asked.
  if (o.page_buffer_size != 0 && o.fs_strategy != FileSpaceStrategy::page)
    reject(ErrorKind::invalid_argument, op, where, kNeedsPagedFile);
  if (strategy_asked(o))
    checked(H5Pset_file_space_strategy(fcpl, to_hdf5(o.fs_strategy), o.fs_persist, o.fs_threshold), op, where,
            ErrorKind::invalid_argument, "file space strategy");
  if (o.fs_page_size != 0) {
    // HDF5's own minimum is 512 bytes; it says so less plainly.
    if (o.fs_page_size < 512)
      reject(ErrorKind::invalid_argument, op, where,
             "the file space page size must be at least 512 bytes, got " + std::to_string(o.fs_page_size));
    checked(H5Pset_file_space_page_size(fcpl, o.fs_page_size), op, where, ErrorKind::invalid_argument,
            "file space page size");
  }
}

void set_page_buffer(hid_t fapl, const FileOptions& o, const Where& where) {
  constexpr const char* op = "open file";
  if (o.page_buffer_size == 0) {
    if (o.page_buffer_min_meta_percent != 0 || o.page_buffer_min_raw_percent != 0)
      reject(ErrorKind::invalid_argument, op, where, "page buffer percentages given without a page_buffer_size");
    return;
  }
  if (!power_of_two(o.page_buffer_size))
    reject(ErrorKind::invalid_argument, op, where,
           "the page buffer size must be a power of two, got " + std::to_string(o.page_buffer_size));
  if (o.page_buffer_min_meta_percent + o.page_buffer_min_raw_percent > 100)
    reject(ErrorKind::invalid_argument, op, where,
           "the page buffer's metadata and raw-data percentages add up to more than 100 (" +
               std::to_string(o.page_buffer_min_meta_percent) + " + " + std::to_string(o.page_buffer_min_raw_percent) +
               ")");
  checked(H5Pset_page_buffer_size(fapl, o.page_buffer_size, o.page_buffer_min_meta_percent,
                                  o.page_buffer_min_raw_percent),
          op, where, ErrorKind::invalid_argument, "page buffer");
}

std::string explain_page_buffer_failure(const FileOptions& o, std::string_view stack) {
  if (o.page_buffer_size == 0) return {};
  if (stack.find("requires PAGE file space strategy") != std::string_view::npos)
    return kNeedsPagedFile;
  if (stack.find("page buffer size") != std::string_view::npos || stack.find("page size") != std::string_view::npos)
    return "the page buffer (" + std::to_string(o.page_buffer_size) + " bytes) must be at least the file's page size";
  return {};
}

}  // namespace detail

FileSpaceInfo File::file_space() const {
  constexpr const char* op = "read file space strategy";
  const Where where{file_.get()};
  detail::silence_hdf5_errors();
  const Handle fcpl(checked(H5Fget_create_plist(file_.get()), op, where));
  H5F_fspace_strategy_t strategy{};
  hbool_t persist = false;
  hsize_t threshold = 0, page = 0;
  checked(H5Pget_file_space_strategy(fcpl.get(), &strategy, &persist, &threshold), op, where);
  checked(H5Pget_file_space_page_size(fcpl.get(), &page), op, where);
  return FileSpaceInfo{from_hdf5(strategy), persist != 0, static_cast<std::size_t>(threshold),
                       static_cast<std::size_t>(page)};
}

std::size_t File::page_buffer_size() const {
  constexpr const char* op = "read page buffer size";
  const Where where{file_.get()};
  detail::silence_hdf5_errors();
  const Handle fapl(checked(H5Fget_access_plist(file_.get()), op, where));
  size_t bytes = 0;
  unsigned meta = 0, raw = 0;
  checked(H5Pget_page_buffer_size(fapl.get(), &bytes, &meta, &raw), op, where);
  return bytes;
}

}  // namespace h5kit
