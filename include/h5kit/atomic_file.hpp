#pragma once
// Writing a file atomically: a new HDF5 file is written under a temporary name beside the target and
// renamed over it on commit(), so readers (and a writer that dies) see either the old file or the
// complete new one, never a half-written file.
#include <string>
#include <string_view>
#include <vector>

#include "h5kit/file.hpp"

namespace h5kit {

class AtomicFile {
 public:
  // Creates ".<name>.h5kit-tmp-<pid>-<random>" exclusively in the directory of `path` (the same
  // filesystem, so rename(2) is atomic). A symbolic link at `path` is followed: the file it points
  // to is replaced and the link kept, as writing through the link with mode "w" would do.
  // FileError when the directory is missing or not writable, the target is a directory or an
  // existing target is not writable. Drivers: sec2, stdio, core with backing_store (one file on disk).
  explicit AtomicFile(std::string path, const FileOptions& options = {});
  ~AtomicFile();  // without commit(): closes and removes the temporary file
  AtomicFile(AtomicFile&& other) noexcept;
  AtomicFile& operator=(AtomicFile&& other) noexcept;
  AtomicFile(const AtomicFile&) = delete;
  AtomicFile& operator=(const AtomicFile&) = delete;

  // The new file, open for writing. Throws ClosedObjectError after commit() or discard().
  File& file();

  // Flushes, closes, fsyncs the temporary file, renames it over the target and fsyncs the directory.
  // Refused (FileError listing them, nothing renamed, the AtomicFile stays usable) while objects of
  // the new file other than file() itself are open: HDF5 would still hold the file, so the rename
  // could publish a file that is still being written. Close them and call commit() again.
  // An existing target's permission bits are copied to the new file; owner, ACLs, extended
  // attributes and other hard links to the old file are not carried over.
  void commit();
  // Gives up: closes and removes the temporary file; the target is untouched.
  void discard() noexcept;

  const std::string& path() const noexcept { return path_; }              // as given
  const std::string& target_path() const noexcept { return target_; }     // the file replaced: a link resolved
  const std::string& temporary_path() const noexcept { return temporary_; }
  bool committed() const noexcept { return state_ == State::committed; }

  // Temporary files left beside `path` by writers that were killed before they committed or
  // cleaned up (their process no longer runs on this machine). Removing them is safe; a temporary
  // of a writer still running is never listed.
  static std::vector<std::string> leftover_temporaries(std::string_view path);

 private:
  enum class State { writing, committed, discarded };
  void refuse_if_still_open();
  void release() noexcept;

  std::string path_;
  std::string target_;
  std::string temporary_;
  File file_;
  detail::Handle keep_;    // our own reference to the file id: open objects are checked even if file_ was closed
  State state_ = State::discarded;
};

}  // namespace h5kit
