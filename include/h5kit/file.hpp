#pragma once
// Files: open modes, drivers, user block and format bounds (h5py's File). A File is also its root group.
#include <cstddef>
#include <span>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "h5kit/group.hpp"

namespace h5kit {

enum class Driver {
  sec2,    // POSIX read/write (HDF5's default)
  stdio,   // buffered C stdio
  core,    // the whole file in memory; written to disk on close when backing_store is true
  family,  // one logical file split into members of member_size bytes; name holds "%d"
};

// Which file-format features HDF5 may use: "latest" (h5kit's default: compact link storage,
// fast attributes; readable by HDF5 >= 1.10) or "earliest" (readable by every HDF5, h5py's default).
enum class LibVersion { earliest, v18, v110, latest };

// File locking (h5py's locking=): HDF5's default (on, unless the HDF5_USE_FILE_LOCKING environment
// variable says FALSE), on, off (for file systems without locks, e.g. some NFS mounts), or
// best_effort (on, ignored where the file system cannot lock: h5py's 'best-effort').
enum class FileLocking { library_default, on, off, best_effort };

// How HDF5 manages the free space of a new file (h5py's fs_strategy): HDF5's default (fsm
// aggregation), "fsm" (free-space managers and aggregators), "page" (paged aggregation: the file is
// laid out in pages, which the page buffer and cloud storage want), "aggregate" (aggregators only)
// or no_reuse (h5py's "none": free space is never reused).
enum class FileSpaceStrategy { library_default, fsm, page, aggregate, no_reuse };

// A file's space management as stored in it (File::file_space()).
struct FileSpaceInfo {
  FileSpaceStrategy strategy = FileSpaceStrategy::fsm;
  bool persist = false;        // free-space tracking is kept across closes
  std::size_t threshold = 1;   // the smallest free section tracked, in bytes
  std::size_t page_size = 0;   // bytes per page (used by the page strategy)
  friend bool operator==(const FileSpaceInfo&, const FileSpaceInfo&) = default;
};

struct FileOptions {
  Driver driver = Driver::sec2;
  bool backing_store = true;                // core driver: persist to disk on close
  std::size_t core_increment = 64 * 1024;   // core driver: memory growth step
  std::size_t member_size = 0;              // family driver: bytes per member (0 = HDF5's default)
  std::size_t userblock_size = 0;           // new files: bytes reserved before the HDF5 data (0, or a power of 2 >= 512)
  LibVersion libver_low = LibVersion::latest;
  LibVersion libver_high = LibVersion::latest;
  bool track_order = false;                 // new files: the root group tracks creation order
  // Single-writer/multiple-reader access (h5py's swmr=True; docs/guide.md "Live reading: SWMR"). With
  // mode "r": read a file another process is writing (H5F_ACC_SWMR_READ); call Dataset::refresh() to
  // see new data. With "r+": reopen a file for SWMR writing (H5F_ACC_SWMR_WRITE). Other modes refuse
  // it: create the file and its objects first, then call File::start_swmr_write().
  bool swmr = false;
  FileLocking locking = FileLocking::library_default;
  // The chunk cache every dataset of the file starts with (h5py's rdcc_nbytes, rdcc_nslots, rdcc_w0).
  // Zero bytes and slots keep HDF5's defaults (1 MiB, 521 slots, w0 0.75); a DatasetAccess chunk
  // cache still overrides it for one dataset.
  ChunkCache chunk_cache{};
  // New files: free-space management (h5py's fs_strategy, fs_persist, fs_threshold, fs_page_size).
  // InvalidArgumentError when given for a file that already exists (they are fixed at creation).
  FileSpaceStrategy fs_strategy = FileSpaceStrategy::library_default;
  bool fs_persist = false;
  std::size_t fs_threshold = 1;
  std::size_t fs_page_size = 0;  // 0: HDF5's 4096 bytes
  // The page buffer (h5py's page_buf_size, min_meta_keep, min_raw_keep): bytes of file pages HDF5
  // keeps in memory, a power of two of at least the page size, for files made with the page
  // strategy; at least the given percentages stay for metadata and raw data. 0: no page buffer.
  std::size_t page_buffer_size = 0;
  unsigned page_buffer_min_meta_percent = 0;
  unsigned page_buffer_min_raw_percent = 0;
};

class File : public Group {
 public:
  File() = default;
  // Modes as in h5py: "r" read-only (must exist), "r+" read/write (must exist), "w" create or
  // truncate, "w-" or "x" create and fail if it exists, "a" read/write and create if absent.
  File(std::string_view path, std::string_view mode = "r", const FileOptions& options = {});

  // Writes HDF5's buffers for this file to disk.
  void flush() const;
  // Closes the file now. Objects still open from it keep it open until they close (HDF5's weak close).
  void close() noexcept;

  std::string filename() const;
  std::string mode() const;           // "r" or "r+"
  Driver driver() const;
  std::size_t file_size() const;      // bytes on disk (size() is the root group's member count)
  std::size_t free_space() const;     // unused bytes inside the file
  std::size_t userblock_size() const;
  // The format bounds the file was opened with (h5py's f.libver): {low, high}.
  std::pair<LibVersion, LibVersion> libver() const;
  // The file's default chunk cache for its datasets (H5Pget_cache of its access properties).
  ChunkCache chunk_cache() const;
  // Free-space management as stored in the file (FileOptions::fs_strategy and its companions).
  FileSpaceInfo file_space() const;
  // The page buffer this file was opened with, in bytes (0: none).
  std::size_t page_buffer_size() const;

  // ---- File images (h5py's File(io.BytesIO(...)) and driver="core" images) ----
  // The file's bytes as they would be on disk (H5Fget_file_image), e.g. of a core-driver file that
  // never touches the disk: flushes first. FileError when the file cannot give an image.
  std::vector<std::byte> image() const;
  // Opens a copy of `bytes` as an in-memory file (H5LTopen_file_image): mode "r" or "r+" (changes
  // stay in memory; image() gives the changed bytes). FileError naming the image's size when the bytes
  // are not an HDF5 file.
  static File from_image(std::span<const std::byte> bytes, std::string_view mode = "r");
  // ---- end file images ----

  // ---- SWMR (single writer, multiple readers) ----
  // Switches a file open for writing to SWMR writing (h5py's `f.swmr_mode = True`): from now on
  // readers opened with FileOptions::swmr see each Dataset::flush(). Needs the latest format
  // bounds (h5kit's default) and no open attributes or named types. Create every group, dataset
  // and attribute first: HDF5 still lets you create objects afterwards, but readers may never see
  // them. FileError naming the file when HDF5 refuses.
  void start_swmr_write() const;
  // True when the file is open for SWMR reading or writing.
  bool swmr_mode() const;
  // ---- end SWMR ----
  detail::hid file_id() const noexcept { return file_.get(); }

 private:
  friend class Object;
  File(detail::Handle file, detail::Handle root);
  detail::Handle file_;
};

}  // namespace h5kit
