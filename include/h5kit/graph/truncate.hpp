#pragma once
// Truncation: a new, small HDF5 file with the first n rows (or a row window) of every long dataset
// and everything else of the source copied as it is, every reference rewritten to the copied object.
// nwb-linkml's truncate_file does this with copy -> resize -> h5repack and breaks references inside
// compounds, splits hard-link aliases and grows short chunked datasets; see docs/graph_truncate.md.
//
//   auto result = h5kit::graph::truncate("session.nwb");              // -> session_truncated.hdf5
//   auto small  = h5kit::graph::truncate("a.h5", "b.h5", 10, h5kit::graph::TruncateOptions{}.nwb());
#include <cstdint>
#include <functional>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "h5kit/shape.hpp"

namespace h5kit::graph {

// Rows [start, stop) of the first axis.
struct RowWindow {
  std::uint64_t start = 0;
  std::uint64_t stop = 0;
  std::uint64_t size() const noexcept { return stop > start ? stop - start : 0; }
  friend bool operator==(const RowWindow&, const RowWindow&) = default;
};

// Parses "a:b" (rows a..b-1), ":b" (from 0) or "a:" is refused (a window needs an end).
// InvalidArgumentError for anything else, or when stop <= start.
RowWindow parse_row_window(std::string_view text);

// How far the copy is, for a progress bar: bytes of dataset values copied so far out of all to copy.
struct TruncateProgress {
  std::uint64_t bytes_done = 0;
  std::uint64_t bytes_total = 0;
  std::string_view path;  // the dataset being copied
};

class TruncateOptions {
 public:
  // Keep rows [start, stop) of every dataset longer than stop - start, instead of the first n rows.
  TruncateOptions& rows(RowWindow window) { window_ = window; return *this; }
  // Keep NWB ragged tables valid: a VectorIndex keeps its rows and its target VectorData keeps the
  // elements those rows index; DynamicTableRegion / TimeSeriesReference values that fall outside
  // the kept rows of what they point at are reported (docs/graph_truncate.md, "NWB mode").
  TruncateOptions& nwb(bool on = true) { nwb_ = on; return *this; }
  // Called after every block of values copied (on the calling thread).
  TruncateOptions& progress(std::function<void(const TruncateProgress&)> callback) {
    progress_ = std::move(callback);
    return *this;
  }
  // Memory for one block of values (default 64 MiB): datasets are copied block by block, so a
  // dataset larger than memory is never read whole.
  TruncateOptions& buffer_bytes(std::size_t bytes) { buffer_bytes_ = bytes; return *this; }

  const std::optional<RowWindow>& rows() const noexcept { return window_; }
  bool nwb() const noexcept { return nwb_; }
  const std::function<void(const TruncateProgress&)>& progress() const noexcept { return progress_; }
  std::size_t buffer_bytes() const noexcept { return buffer_bytes_; }

 private:
  std::optional<RowWindow> window_;
  bool nwb_ = false;
  std::function<void(const TruncateProgress&)> progress_;
  std::size_t buffer_bytes_ = std::size_t{64} << 20;
};

// A dataset whose first axis was cut.
struct CutDataset {
  std::string path;
  Shape before, after;
  std::uint64_t first_row = 0;  // the source row that became row 0
};

// Something the copy could not keep exactly as it was. The file is still written; each of these
// says what differs from the source and where.
enum class TruncateIssueKind {
  region_emptied,      // a region reference whose selection lies entirely in cut rows: written as null
  dangling_reference,  // a reference to nothing that is reachable by links from the root: written as null
  index_out_of_range,  // NWB mode: a DynamicTableRegion / TimeSeriesReference / VectorIndex value past the kept rows
  window_past_end,     // a dataset longer than the window whose rows all lie before the window start: kept whole
  not_copied,          // a user-defined link, or external storage turned into internal storage
};
const char* to_string(TruncateIssueKind kind) noexcept;

struct TruncateIssue {
  TruncateIssueKind kind;
  std::string location;  // "/path@attr[3]", "/path[2, 0]", "/path[5].field.sub", "/path"
  std::string detail;
};

struct TruncateResult {
  std::string target;              // the file written
  std::vector<CutDataset> cut;     // in the order they were copied
  std::vector<TruncateIssue> issues;
  std::size_t objects = 0;         // groups, datasets and named types created
  std::size_t hard_link_aliases = 0;  // extra hard links to an object already copied
  std::size_t soft_links = 0, external_links = 0;
  std::size_t references = 0;      // object and region references rewritten (null ones included)
  std::uint64_t source_bytes = 0, target_bytes = 0;
};

// The default target: "<stem>_truncated.hdf5" beside the source (nwb-linkml's name).
std::string default_truncate_target(std::string_view source);

// Writes the truncated copy of `source` to `target` ("" = default_truncate_target) atomically: a
// temporary file beside the target is renamed over it only when everything was written, so an
// existing target is replaced whole or left as it was. Keeps the first `n` rows of every dataset
// whose first axis is longer than n (options.rows() replaces n by a window).
// InvalidArgumentError: n == 0, an empty window, a window that starts past the end of every dataset,
// a target that is the source. FileError: a source that is missing or not HDF5, an unwritable target.
TruncateResult truncate(std::string_view source, std::string_view target = {}, std::uint64_t n = 10,
                        const TruncateOptions& options = {});

}  // namespace h5kit::graph
