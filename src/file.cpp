#include "h5kit/file.hpp"

#include <hdf5.h>

#include <filesystem>
#include <string>
#include <system_error>
#include <vector>

#include "detail/checked.hpp"
#include "detail/file_space.hpp"

namespace h5kit {

using detail::checked;
using detail::Handle;
using detail::Where;

namespace {

H5F_libver_t to_hdf5(LibVersion v) {
  switch (v) {
    case LibVersion::earliest: return H5F_LIBVER_EARLIEST;
    case LibVersion::v18: return H5F_LIBVER_V18;
    case LibVersion::v110: return H5F_LIBVER_V110;
    case LibVersion::latest: break;
  }
  return H5F_LIBVER_LATEST;
}

// The path of the first member of a family file ("data-%d.h5" -> "data-0.h5").
std::string first_member(const std::string& pattern) {
  const auto pos = pattern.find("%d");
  if (pos == std::string::npos) return pattern;
  return pattern.substr(0, pos) + "0" + pattern.substr(pos + 2);
}

bool on_disk(const std::string& path, const FileOptions& o) {
  std::error_code ec;
  return std::filesystem::exists(o.driver == Driver::family ? first_member(path) : path, ec);
}

// Why `path` cannot be opened as an HDF5 file, or "" when it can be tried. Only regular files are:
// HDF5 would wait forever on a FIFO for a writer, and read a device like /dev/zero without end.
std::string unopenable(const std::string& path) {
  namespace fs = std::filesystem;
  std::error_code ec;
  const fs::file_status status = fs::status(path, ec);
  if (ec == std::errc::too_many_symbolic_link_levels) return "its symbolic links make a loop";
  if (status.type() == fs::file_type::not_found) return "no such file";
  if (ec) return ec.message();  // e.g. "Permission denied" on a directory of the path
  switch (status.type()) {
    case fs::file_type::regular: return "";
    case fs::file_type::directory: return "is a directory";
    case fs::file_type::fifo: return "is a FIFO (named pipe), not a regular file";
    case fs::file_type::socket: return "is a socket, not a regular file";
    case fs::file_type::character: return "is a character device, not a regular file";
    case fs::file_type::block: return "is a block device, not a regular file";
    default: return "is not a regular file";
  }
}

Handle access_plist(const std::string& path, const FileOptions& o, bool existing) {
  const Where where{H5I_INVALID_HID, {}, path};
  const char* op = "open file";
  Handle fapl(checked(H5Pcreate(H5P_FILE_ACCESS), op, where));
  switch (o.driver) {
    case Driver::sec2: checked(H5Pset_fapl_sec2(fapl.get()), op, where); break;
    case Driver::stdio: checked(H5Pset_fapl_stdio(fapl.get()), op, where); break;
    case Driver::core:
      checked(H5Pset_fapl_core(fapl.get(), o.core_increment, o.backing_store ? 1 : 0), op, where);
      break;
    case Driver::family: {
      if (path.find("%d") == std::string::npos)
        detail::reject(ErrorKind::invalid_argument, op, where,
                       "a family file name needs \"%d\" where the member number goes");
      hsize_t member = o.member_size;
      if (member == 0) {
        std::error_code ec;
        const auto size = existing ? std::filesystem::file_size(first_member(path), ec) : 0;
        member = (existing && !ec && size > 0) ? size : (hsize_t{1} << 31) - 1;  // h5py's default
      }
      checked(H5Pset_fapl_family(fapl.get(), member, H5P_DEFAULT), op, where);
      break;
    }
  }
  if (o.libver_high == LibVersion::earliest)
    detail::reject(ErrorKind::invalid_argument, op, where, "the high libver bound cannot be \"earliest\"");
  checked(H5Pset_libver_bounds(fapl.get(), to_hdf5(o.libver_low), to_hdf5(o.libver_high)), op, where,
          ErrorKind::invalid_argument);
  if (o.locking != FileLocking::library_default)
    checked(H5Pset_file_locking(fapl.get(), o.locking != FileLocking::off, o.locking == FileLocking::best_effort),
            op, where);
  if (o.chunk_cache.bytes != 0 || o.chunk_cache.slots != 0) {
    if (o.chunk_cache.w0 < 0 || o.chunk_cache.w0 > 1)
      detail::reject(ErrorKind::invalid_argument, op, where,
                     "the chunk cache's w0 must lie in [0, 1], got " + std::to_string(o.chunk_cache.w0));
    checked(H5Pset_cache(fapl.get(), 0, o.chunk_cache.slots ? o.chunk_cache.slots : 521,
                         o.chunk_cache.bytes ? o.chunk_cache.bytes : std::size_t{1} << 20, o.chunk_cache.w0),
            op, where, ErrorKind::invalid_argument);
  }
  detail::set_page_buffer(fapl.get(), o, where);
  return fapl;
}

Handle creation_plist(const std::string& path, const FileOptions& o) {
  const Where where{H5I_INVALID_HID, {}, path};
  Handle fcpl(checked(H5Pcreate(H5P_FILE_CREATE), "create file", where));
  if (o.userblock_size != 0) {
    const std::size_t u = o.userblock_size;
    if (u < 512 || (u & (u - 1)) != 0)
      detail::reject(ErrorKind::invalid_argument, "create file", where,
                     "the user block must be 0 or a power of 2 of at least 512 bytes, got " + std::to_string(u));
    checked(H5Pset_userblock(fcpl.get(), u), "create file", where, ErrorKind::invalid_argument);
  }
  if (o.track_order) {
    checked(H5Pset_link_creation_order(fcpl.get(), H5P_CRT_ORDER_TRACKED | H5P_CRT_ORDER_INDEXED), "create file",
            where);
    checked(H5Pset_attr_creation_order(fcpl.get(), H5P_CRT_ORDER_TRACKED | H5P_CRT_ORDER_INDEXED), "create file",
            where);
  }
  detail::set_file_space(fcpl.get(), o, where);
  return fcpl;
}

hid_t open_existing(const std::string& path, unsigned flags, hid_t fapl, const FileOptions& o) {
  const Where where{H5I_INVALID_HID, {}, path};
  const char* op = (flags & H5F_ACC_RDWR) ? "open file for writing" : "open file for reading";
  if (const std::string why = unopenable(o.driver == Driver::family ? first_member(path) : path); !why.empty())
    detail::reject(ErrorKind::file, op, where, why);
  // H5Fis_hdf5 reads the signature with the default driver; only sec2/stdio files can be checked so.
  const bool plain = o.driver == Driver::sec2 || o.driver == Driver::stdio;
  if (plain && H5Fis_hdf5(path.c_str()) <= 0) {
    H5Eclear2(H5E_DEFAULT);
    detail::reject(ErrorKind::file, op, where, "not an HDF5 file");
  }
  const hid_t id = H5Fopen(path.c_str(), flags, fapl);
  if (id < 0) {
    std::string stack = detail::take_error_stack();
    // A writer that died (or still runs) leaves the superblock marked "open for writing".
    if (stack.find("already open for write") != std::string::npos ||
        stack.find("file consistency flags") != std::string::npos)
      throw_error(ErrorKind::file, std::string(op), path, detail::path_of(where),
                  (flags & H5F_ACC_SWMR_READ)
                      ? "the file is marked as open for writing by a writer that is not in SWMR mode"
                      : "the file is marked as open for writing: another process writes it (open it with "
                        "FileOptions::swmr to read along), or its writer was killed (`h5kit recover FILE` "
                        "makes a readable copy)",
                  stack);
    if (const std::string why = detail::explain_page_buffer_failure(o, stack); !why.empty())
      throw_error(ErrorKind::invalid_argument, std::string(op), path, detail::path_of(where), why, stack);
    throw_error(ErrorKind::file, std::string(op), path, detail::path_of(where), {}, stack);
  }
  return id;
}

hid_t create_new(const std::string& path, unsigned flags, hid_t fapl, const FileOptions& o) {
  const Where where{H5I_INVALID_HID, {}, path};
  const char* op = "create file";
  if (flags == H5F_ACC_EXCL && on_disk(path, o))
    detail::reject(ErrorKind::already_exists, op, where, "the file exists (mode \"w-\"/\"x\" never overwrites)");
  Handle fcpl = creation_plist(path, o);
  return checked(H5Fcreate(path.c_str(), flags, fcpl.get(), fapl), op, where);
}

}  // namespace

File::File(std::string_view path_view, std::string_view mode, const FileOptions& options) {
  detail::silence_hdf5_errors();
  const std::string path(path_view);
  const Where where{H5I_INVALID_HID, {}, path};
  if (path.empty()) detail::reject(ErrorKind::invalid_argument, "open file", where, "the file name is empty");
  const bool exists = on_disk(path, options);
  Handle fapl = access_plist(path, options, exists);
  hid_t id = H5I_INVALID_HID;
  if (options.swmr && mode != "r" && mode != "r+")
    detail::reject(ErrorKind::invalid_argument, "open file", where,
                   "SWMR access needs mode \"r\" (reading) or \"r+\" (writing), got \"" + std::string(mode) +
                       "\": create the file and its objects, then call start_swmr_write()");
  // h5py raises rather than ignore a user block that cannot apply to a file that already exists.
  if (options.userblock_size != 0 && (mode == "r" || mode == "r+"))
    detail::reject(ErrorKind::invalid_argument, "open file", where,
                   "a user block size (" + std::to_string(options.userblock_size) +
                       ") can only be given when creating a file, not with mode \"" + std::string(mode) + "\"");
  // Space management is fixed when a file is made; h5kit refuses rather than ignore it later.
  if (detail::has_file_space_options(options) && (mode == "r" || mode == "r+" || (mode == "a" && exists)))
    detail::reject(ErrorKind::invalid_argument, "open file", where,
                   "file space options (fs_strategy, fs_persist, fs_threshold, fs_page_size) apply when a file is "
                   "created, not with mode \"" + std::string(mode) + "\"" + (mode == "a" ? " on a file that exists" : ""));
  if (mode == "r") id = open_existing(path, H5F_ACC_RDONLY | (options.swmr ? H5F_ACC_SWMR_READ : 0u), fapl.get(), options);
  else if (mode == "r+") id = open_existing(path, H5F_ACC_RDWR | (options.swmr ? H5F_ACC_SWMR_WRITE : 0u), fapl.get(), options);
  else if (mode == "w") id = create_new(path, H5F_ACC_TRUNC, fapl.get(), options);
  else if (mode == "w-" || mode == "x") id = create_new(path, H5F_ACC_EXCL, fapl.get(), options);
  else if (mode == "a")
    id = exists ? open_existing(path, H5F_ACC_RDWR, fapl.get(), options)
                : create_new(path, H5F_ACC_EXCL, fapl.get(), options);
  else
    detail::reject(ErrorKind::invalid_argument, "open file", where,
                   "unknown mode \"" + std::string(mode) + "\" (use r, r+, w, w-, x or a)");
  file_ = Handle(id);  // closes the file again if the checks below throw
  if (mode == "a" && exists && options.userblock_size != 0) {
    Handle fcpl(checked(H5Fget_create_plist(id), "open file", where));
    hsize_t existing = 0;
    checked(H5Pget_userblock(fcpl.get(), &existing), "open file", where);
    if (existing != options.userblock_size)
      detail::reject(ErrorKind::invalid_argument, "open file", where,
                     "the requested user block size " + std::to_string(options.userblock_size) +
                         " does not match the existing file's " + std::to_string(existing));
  }
  handle_ = Handle(checked(H5Gopen2(id, "/", H5P_DEFAULT), "open root group", where));
}

File::File(Handle file, Handle root) : Group(std::move(root)), file_(std::move(file)) {}

void File::flush() const {
  require_valid("flush file");
  checked(H5Fflush(file_.get(), H5F_SCOPE_GLOBAL), "flush file", Where{file_.get()});
}

void File::close() noexcept {
  handle_.reset();
  file_.reset();
}

std::string File::filename() const {
  require_valid("get file name");
  return detail::file_name_of(file_.get());
}

std::string File::mode() const {
  require_valid("get file mode");
  unsigned intent = 0;
  checked(H5Fget_intent(file_.get(), &intent), "get file mode", Where{file_.get()});
  return (intent & H5F_ACC_RDWR) ? "r+" : "r";
}

Driver File::driver() const {
  require_valid("get file driver");
  Handle fapl(checked(H5Fget_access_plist(file_.get()), "get file driver", Where{file_.get()}));
  const hid_t d = H5Pget_driver(fapl.get());
  if (d == H5FD_STDIO) return Driver::stdio;
  if (d == H5FD_CORE) return Driver::core;
  if (d == H5FD_FAMILY) return Driver::family;
  return Driver::sec2;
}

std::size_t File::file_size() const {
  require_valid("get file size");
  hsize_t size = 0;
  checked(H5Fget_filesize(file_.get(), &size), "get file size", Where{file_.get()});
  return size;
}

std::size_t File::free_space() const {
  require_valid("get free space");
  return static_cast<std::size_t>(checked(H5Fget_freespace(file_.get()), "get free space", Where{file_.get()}));
}

void File::start_swmr_write() const {
  require_valid("start SWMR writing");
  detail::silence_hdf5_errors();
  const Where where{file_.get()};
  unsigned intent = 0;
  checked(H5Fget_intent(file_.get(), &intent), "start SWMR writing", where);
  if (!(intent & H5F_ACC_RDWR))
    detail::reject(ErrorKind::invalid_argument, "start SWMR writing", where, "the file is open read-only");
  if (intent & H5F_ACC_SWMR_WRITE) return;  // already in SWMR writing mode, as h5py allows
  // H5Fstart_swmr_write closes and reopens every open group and dataset under the same id, which
  // HDF5 1.10.8 refuses ("ID already in use") for an id holding more than one reference, as
  // h5kit's copies of one object do. Their extra references are set aside around the call.
  const ssize_t count = H5Fget_obj_count(file_.get(), H5F_OBJ_GROUP | H5F_OBJ_DATASET | H5F_OBJ_LOCAL);
  std::vector<hid_t> ids(count > 0 ? static_cast<std::size_t>(count) : 0);
  if (count > 0)
    H5Fget_obj_ids(file_.get(), H5F_OBJ_GROUP | H5F_OBJ_DATASET | H5F_OBJ_LOCAL, ids.size(), ids.data());
  herr_t status = 0;
  detail::with_single_references(ids, [&] { status = H5Fstart_swmr_write(file_.get()); });
  checked(status, "start SWMR writing", where, ErrorKind::file,
          "HDF5 needs the latest format bounds (FileOptions libver_low v110 or later) and no open "
          "attributes or named types");
}

bool File::swmr_mode() const {
  require_valid("get SWMR mode");
  unsigned intent = 0;
  checked(H5Fget_intent(file_.get(), &intent), "get SWMR mode", Where{file_.get()});
  return (intent & (H5F_ACC_SWMR_READ | H5F_ACC_SWMR_WRITE)) != 0;
}

std::size_t File::userblock_size() const {
  require_valid("get user block size");
  Handle fcpl(checked(H5Fget_create_plist(file_.get()), "get user block size", Where{file_.get()}));
  hsize_t size = 0;
  checked(H5Pget_userblock(fcpl.get(), &size), "get user block size", Where{file_.get()});
  return size;
}

}  // namespace h5kit
