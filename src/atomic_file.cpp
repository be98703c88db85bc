#include "h5kit/atomic_file.hpp"

#include <hdf5.h>

#include <fcntl.h>
#include <signal.h>
#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <cctype>
#include <cerrno>
#include <cstdio>
#include <cstring>
#include <filesystem>
#include <random>
#include <utility>

#include "detail/checked.hpp"

namespace h5kit {

namespace fs = std::filesystem;
using detail::checked;
using detail::Handle;
using detail::Where;

namespace {

constexpr std::string_view kMarker = ".h5kit-tmp-";

[[noreturn]] void file_error(std::string_view operation, const std::string& path, std::string detail,
                             ErrorKind kind = ErrorKind::file) {
  throw_error(kind, std::string(operation), path, {}, std::move(detail));
}

std::string errno_text(int error) { return std::strerror(error); }

// Follows a chain of symbolic links the way open(2) would, so the file behind the link is replaced
// and the link itself survives. A dangling link resolves to the file it names (created on commit).
fs::path resolve_links(const fs::path& path, std::string_view operation, const std::string& given) {
  fs::path p = path;
  for (int hops = 0;; ++hops) {
    std::error_code ec;
    if (!fs::is_symlink(fs::symlink_status(p, ec))) return p;
    if (hops == 40) file_error(operation, given, "too many levels of symbolic links");
    const fs::path next = fs::read_symlink(p, ec);
    if (ec) file_error(operation, given, "cannot read the symbolic link " + p.string() + ": " + ec.message());
    p = next.is_absolute() ? next : p.parent_path() / next;
  }
}

fs::path directory_of(const fs::path& target) {
  return target.has_parent_path() ? target.parent_path() : fs::path(".");
}

std::string temporary_name(const fs::path& target) {
  static thread_local std::mt19937_64 engine{std::random_device{}()};
  char suffix[17];
  std::snprintf(suffix, sizeof suffix, "%016llx", static_cast<unsigned long long>(engine()));
  const std::string name = "." + target.filename().string() + std::string(kMarker) +
                           std::to_string(::getpid()) + "-" + suffix;
  return (directory_of(target) / name).string();
}

// fsync(2) of a file or directory by name; returns the errno or 0.
int sync_path(const std::string& path, bool directory) {
  const int fd = ::open(path.c_str(), O_RDONLY | O_CLOEXEC | (directory ? O_DIRECTORY : 0));
  if (fd < 0) return errno;
  const int result = ::fsync(fd) == 0 ? 0 : errno;
  ::close(fd);
  return result;
}

std::string describe_open(hid_t id) {
  const std::string name = detail::path_of(detail::Where{id});
  switch (H5Iget_type(id)) {
    case H5I_GROUP: return "group \"" + name + "\"";
    case H5I_DATASET: return "dataset \"" + name + "\"";
    case H5I_DATATYPE: return "named datatype \"" + name + "\"";
    case H5I_ATTR: {
      std::string attr;
      const ssize_t m = H5Aget_name(id, 0, nullptr);
      if (m > 0) {
        attr.assign(static_cast<std::size_t>(m), '\0');
        H5Aget_name(id, attr.size() + 1, attr.data());
      }
      return "attribute \"" + attr + "\" of \"" + name + "\"";
    }
    case H5I_FILE: return "another File opened on it";
    default: return "an HDF5 object (id " + std::to_string(id) + ")";
  }
}

}  // namespace

AtomicFile::AtomicFile(std::string path, const FileOptions& options) : path_(std::move(path)) {
  const char* op = "create file atomically";
  if (path_.empty()) file_error(op, path_, "the file name is empty", ErrorKind::invalid_argument);
  if (options.driver == Driver::family)
    file_error(op, path_, "the family driver writes several member files, which one rename cannot replace",
               ErrorKind::invalid_argument);
  if (options.driver == Driver::core && !options.backing_store)
    file_error(op, path_, "the core driver without backing_store writes no file to rename",
               ErrorKind::invalid_argument);

  const fs::path target = resolve_links(path_, op, path_);
  target_ = target.string();
  const fs::path dir = directory_of(target);
  const std::string fname = target.filename().string();
  if (fname.empty() || fname == "." || fname == "..")
    file_error(op, path_, "is a directory (an atomic write needs a file name)");
  temporary_ = temporary_name(target);
  const std::string via = target_ == path_ ? "" : " (the symbolic link's target " + target_ + ")";
  const std::string tmp_note = "; the temporary file would be " + temporary_;

  std::error_code ec;
  const auto dir_status = fs::status(dir, ec);
  if (!fs::exists(dir_status))
    file_error(op, path_,
               "the directory " + dir.string() +
                   (ec && ec != std::errc::no_such_file_or_directory ? " cannot be reached: " + ec.message()
                                                                     : " does not exist") +
                   tmp_note);
  if (!fs::is_directory(dir_status)) file_error(op, path_, dir.string() + " is not a directory" + tmp_note);
  if (fs::is_directory(fs::status(target, ec))) file_error(op, path_, "is a directory" + via + tmp_note);
  if (::access(dir.c_str(), W_OK | X_OK) != 0)
    file_error(op, path_, "the directory " + dir.string() + " is not writable (" + errno_text(errno) +
                              "), so no temporary file can be created beside the target" + tmp_note);
  // Mode "w" could not replace a file the user may not write either; rename(2) alone would.
  if (fs::exists(fs::status(target, ec)) && ::access(target.c_str(), W_OK) != 0)
    file_error(op, path_, "the file" + via + " is not writable (" + errno_text(errno) + ")" + tmp_note);

  for (int attempt = 0;; ++attempt) {
    try {
      file_ = File(temporary_, "w-", options);  // O_EXCL: never someone else's file
      break;
    } catch (const AlreadyExistsError&) {
      if (attempt == 7) throw;
      temporary_ = temporary_name(target);
    } catch (const Error& e) {
      // The name holds our pid and a random part: whatever exists under it now is ours to remove.
      std::error_code ignored;
      fs::remove(temporary_, ignored);
      throw_error(ErrorKind::file, op, path_, {}, "cannot create the temporary file " + temporary_ + ": " + e.detail(),
                  e.hdf5_stack());
    }
  }
  state_ = State::writing;
  try {
    keep_ = Handle::share(file_.file_id());
  } catch (...) {
    release();
    throw;
  }
}

AtomicFile::~AtomicFile() {
  if (state_ == State::writing) release();
}

AtomicFile::AtomicFile(AtomicFile&& other) noexcept
    : path_(std::move(other.path_)),
      target_(std::move(other.target_)),
      temporary_(std::move(other.temporary_)),
      file_(std::move(other.file_)),
      keep_(std::move(other.keep_)),
      state_(std::exchange(other.state_, State::discarded)) {}

AtomicFile& AtomicFile::operator=(AtomicFile&& other) noexcept {
  if (this != &other) {
    if (state_ == State::writing) release();
    path_ = std::move(other.path_);
    target_ = std::move(other.target_);
    temporary_ = std::move(other.temporary_);
    file_ = std::move(other.file_);
    keep_ = std::move(other.keep_);
    state_ = std::exchange(other.state_, State::discarded);
  }
  return *this;
}

File& AtomicFile::file() {
  if (state_ != State::writing)
    throw_error(ErrorKind::closed, "use atomic file", path_, {},
                state_ == State::committed ? "already committed" : "discarded (or moved from)");
  return file_;
}

void AtomicFile::release() noexcept {
  file_.close();
  keep_.reset();
  std::error_code ec;
  if (!temporary_.empty()) fs::remove(temporary_, ec);
  state_ = State::discarded;
}

void AtomicFile::discard() noexcept {
  if (state_ == State::writing) release();
}

void AtomicFile::refuse_if_still_open() {
  const char* op = "commit atomic file";
  const hid_t fid = keep_.get();
  const Where where{fid, {}, temporary_};
  const ssize_t count = checked(H5Fget_obj_count(fid, H5F_OBJ_ALL), op, where);
  std::vector<hid_t> ids(static_cast<std::size_t>(count));
  checked(H5Fget_obj_ids(fid, H5F_OBJ_ALL, ids.size(), ids.data()), op, where);
  // What AtomicFile itself holds: keep_ and file_'s file id (the same id), file_'s root group.
  const bool file_open = file_.file_id() == fid;
  const hid_t root = file_open ? file_.id() : H5I_INVALID_HID;
  std::vector<std::string> open;
  int file_copies = 0, root_copies = 0;
  for (hid_t id : ids) {
    const int refs = H5Iget_ref(id);
    if (id == fid) file_copies = std::max(0, refs - (file_open ? 2 : 1));
    else if (id == root) root_copies = std::max(0, refs - 1);
    else open.push_back(describe_open(id));
  }
  H5Eclear2(H5E_DEFAULT);
  // A File copy holds both identifiers, obj.file() the file's, a Group sliced from file() the root's.
  if (file_copies > 0)
    open.push_back(std::to_string(file_copies) +
                   " other reference(s) to the file identifier (copies of file(), or obj.file())");
  if (root_copies > 0)
    open.push_back(std::to_string(root_copies) +
                   " other reference(s) to its root group (copies of file() as a File or a Group)");
  if (open.empty()) return;
  std::string list;
  for (const auto& o : open) list += (list.empty() ? "" : ", ") + o;
  file_error(op, path_,
             "still open in the temporary file " + temporary_ + ": " + list +
                 "; close them first (HDF5 keeps a file open while objects from it are open, and would go on "
                 "writing it after the rename); nothing was renamed");
}

void AtomicFile::commit() {
  const char* op = "commit atomic file";
  if (state_ != State::writing)
    throw_error(ErrorKind::closed, op, path_, {}, state_ == State::committed ? "already committed" : "discarded");
  detail::silence_hdf5_errors();
  checked(H5Fflush(keep_.get(), H5F_SCOPE_GLOBAL), op, Where{keep_.get(), {}, temporary_});
  refuse_if_still_open();

  // From here the temporary is finished: any failure removes it and leaves the target untouched.
  file_.close();
  keep_.reset();  // the last identifier: HDF5 closes the file now
  const auto fail_and_discard = [&](std::string detail) {
    release();
    file_error(op, path_, std::move(detail) + "; the temporary file was removed, the target is untouched");
  };
  if (const int err = sync_path(temporary_, false))
    fail_and_discard("cannot fsync the temporary file " + temporary_ + ": " + errno_text(err));
  struct stat old {};
  if (::stat(target_.c_str(), &old) == 0 && ::chmod(temporary_.c_str(), old.st_mode & 07777) != 0)
    fail_and_discard("cannot give the temporary file " + temporary_ + " the target's permissions: " +
                     errno_text(errno));
  if (::rename(temporary_.c_str(), target_.c_str()) != 0)
    fail_and_discard("cannot rename the temporary file " + temporary_ + " over " + target_ + ": " +
                     errno_text(errno));
  state_ = State::committed;
  // The rename is durable only once the directory entry is on disk. Some filesystems cannot fsync
  // a directory (EINVAL); the rename has happened all the same.
  const int err = sync_path(directory_of(fs::path(target_)).string(), true);
  if (err != 0 && err != EINVAL)
    file_error(op, path_, "the file was replaced, but fsync of its directory failed (" + errno_text(err) +
                              "): the rename may not survive a power failure");
}

std::vector<std::string> AtomicFile::leftover_temporaries(std::string_view path) {
  std::vector<std::string> found;
  fs::path target;
  try {
    target = resolve_links(fs::path(path), "find leftover temporaries", std::string(path));
  } catch (const Error&) {
    target = fs::path(path);
  }
  const std::string prefix = "." + target.filename().string() + std::string(kMarker);
  std::error_code ec;
  for (fs::directory_iterator it(directory_of(target), ec), end; !ec && it != end; it.increment(ec)) {
    const std::string name = it->path().filename().string();
    if (!name.starts_with(prefix)) continue;
    const std::string rest = name.substr(prefix.size());  // "<pid>-<hex>"
    const auto dash = rest.find('-');
    if (dash == 0 || dash == std::string::npos || dash > 9 || dash + 1 == rest.size()) continue;
    if (!std::all_of(rest.begin(), rest.begin() + dash, [](char c) { return c >= '0' && c <= '9'; })) continue;
    if (!std::all_of(rest.begin() + dash + 1, rest.end(), [](char c) { return std::isxdigit(static_cast<unsigned char>(c)); }))
      continue;
    const long pid = std::stol(rest.substr(0, dash));
    // A writer that still runs (EPERM: it runs as another user) keeps its temporary.
    if (pid > 0 && (::kill(static_cast<pid_t>(pid), 0) == 0 || errno == EPERM)) continue;
    found.push_back(it->path().string());
  }
  std::sort(found.begin(), found.end());
  return found;
}

}  // namespace h5kit
