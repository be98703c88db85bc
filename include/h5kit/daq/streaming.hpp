#pragma once
// StreamingWriter: enlargeable saving that readers can follow live (SWMR, docs/daq_streaming.md).
//
//   daq::StreamingWriter w("run.h5", {.every_rows = 1000, .every = std::chrono::milliseconds(500)});
//   auto g = w.get_set_group("/", "RawData");                         // 1. every node first
//   daq::Stream s = w.create_stream(g, "EnlData00", daq::ElementType::float64, {16});
//   w.start();                                                        // 2. SWMR writing from here on
//   for (...) s.append(std::span<const double>(row));                 // 3. buffered, whole chunks
//   w.close();                                                        // flush, then `shape` attributes
//
// Life cycle. Before start() the writer creates groups, EArrays and attributes through its
// H5Backend (PyTables' layout, spec §6). start() switches the file to SWMR writing; from then on the
// writer refuses every new group, dataset and attribute (InvalidArgumentError): HDF5 1.10 would
// create them, but a SWMR reader may never see them.
//
// Appends. Rows are copied into one chunk-sized buffer per stream and written to the file a whole
// chunk at a time (under SWMR HDF5 never frees the old space of a rewritten chunk, so writing a
// compressed chunk piecemeal makes the file grow with every piece). The rows become visible to
// readers at a flush: when a chunk fills, and as the FlushPolicy asks. A flush writes the rows
// (extending the dataset first, then writing them, then H5Dflush), so a reader never sees a row
// that is not fully written, and after a crash the file holds at least every flushed row.
//
// pymodaq's `shape` attribute cannot change size under SWMR; it stays (0, ...) while streaming and
// close() rewrites it (reopening the file without SWMR). After a crash `h5kit recover` does it.
#include <chrono>
#include <cstddef>
#include <cstring>
#include <memory>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "h5kit/daq/backend.hpp"
#include "h5kit/daq/element_type.hpp"
#include "h5kit/daq/node.hpp"

namespace h5kit::daq {

// When appended rows become visible to readers (besides whenever a chunk fills, and at close()).
struct FlushPolicy {
  // At least every this many rows of a stream (0: only when a chunk fills). A value that is not a
  // multiple of the chunk's rows writes part of a chunk, which a later flush rewrites.
  std::size_t every_rows = 0;
  // When the oldest unflushed row of a stream is this old (0: never by time). Checked on each
  // append and by StreamingWriter::poll(); no thread runs behind your back.
  std::chrono::milliseconds every{0};
};

namespace detail {
struct StreamState;

// Where Stream::append puts a row without a call into the library: the next free row of the
// stream's chunk buffer, and how far rows may go that way (the row that fills the chunk, or that
// the FlushPolicy must see, takes the long way). next == limit sends every row the long way.
struct RowCursor {
  std::byte* next = nullptr;
  std::byte* limit = nullptr;
  std::size_t row_bytes = 0;
  std::size_t row_size = 0;  // elements per row
  ElementType type = ElementType::float64;
};
}  // namespace detail

// One EArray being appended to; a handle owned by its StreamingWriter (copies share it).
class Stream {
 public:
  Stream() = default;
  const std::string& path() const;
  const Shape& row_shape() const;     // the shape of one row (the EArray's shape without axis 0)
  std::size_t row_size() const;       // elements per row
  ElementType element_type() const;
  std::size_t chunk_rows() const;     // rows per chunk: the unit of writing
  std::size_t rows() const;           // rows appended so far (written or buffered)
  std::size_t flushed_rows() const;   // rows readers can see

  // Appends one row (row_size() elements, or a block of whole rows: a multiple of row_size()),
  // of exactly the stream's element type (TypeMismatchError otherwise: no conversion on this path).
  template <class T>
  void append(std::span<const T> rows) {
    if (!append_to_buffer(rows.data(), rows.size(), element_type_of<T>()))
      append_raw(rows.data(), rows.size(), element_type_of<T>());
  }
  template <class T>
  void append(const std::vector<T>& rows) {
    append(std::span<const T>(rows));
  }
  void append(const ArrayView& rows) {
    if (!append_to_buffer(rows.data, rows.size(), rows.type)) append_raw(rows.data, rows.size(), rows.type);
  }
  // Makes this stream's rows visible now.
  void flush();

 private:
  friend class StreamingWriter;
  Stream(detail::StreamState* state, detail::RowCursor* cursor) : state_(state), cursor_(cursor) {}
  // One row of the stream's type into a buffer with room to spare, inline: most appends of small
  // rows end here (a call per row into the library costs as much as the copy).
  bool append_to_buffer(const void* data, std::size_t elements, ElementType type) noexcept {
    if (cursor_ == nullptr || cursor_->next == cursor_->limit || elements != cursor_->row_size ||
        type != cursor_->type)
      return false;
    std::memcpy(cursor_->next, data, cursor_->row_bytes);
    cursor_->next += cursor_->row_bytes;
    return true;
  }
  void append_raw(const void* data, std::size_t elements, ElementType type);
  detail::StreamState& state(const char* operation) const;
  detail::StreamState* state_ = nullptr;
  detail::RowCursor* cursor_ = nullptr;
};

class StreamingWriter {
 public:
  // Opens `path` through an H5Backend with pymodaq's root attributes: "w" creates (or truncates),
  // "a" adds to an existing PyMoDAQ file (created when absent).
  explicit StreamingWriter(const std::string& path, FlushPolicy policy = {}, std::string_view mode = "w",
                           BackendOptions options = {});
  StreamingWriter(const StreamingWriter&) = delete;
  StreamingWriter& operator=(const StreamingWriter&) = delete;
  // Closes quietly (the rows buffered are flushed); call close() to see errors.
  ~StreamingWriter();

  // ---- setup: before start() (InvalidArgumentError afterwards) ----
  Group get_set_group(const Location& where, std::string_view name, std::string_view title = "");
  Group add_group(std::string_view name, GroupType type, const Location& where, std::string_view title = "",
                  const Metadata& metadata = {});
  EArray create_earray(const Location& where, std::string_view name, ElementType dtype, const Shape& row_shape = {},
                       std::string_view title = "");
  CArray create_carray(const Location& where, std::string_view name, const ArrayView& data,
                       std::string_view title = "");
  void set_attr(const Location& node, std::string_view name, const PyValue& value);
  void define_compression(std::string_view library, int level);
  // Registers an EArray (chunked, unlimited along axis 0) for appending.
  Stream stream(const EArray& array);
  // create_earray + stream.
  Stream create_stream(const Location& where, std::string_view name, ElementType dtype, const Shape& row_shape = {},
                       std::string_view title = "");
  // The backend, to read the file (nodes, attributes). Creating through it after start() is not
  // checked by h5kit: create through the writer.
  const H5Backend& backend() const noexcept { return backend_; }

  // ---- streaming ----
  // Closes the attributes and types still open and switches the file to SWMR writing.
  void start();
  bool started() const noexcept { return started_; }
  // Flushes the streams whose FlushPolicy::every has passed (for writers idle between appends).
  void poll();
  // Makes every stream's rows visible now.
  void flush();
  // Flushes, closes the file, then reopens it without SWMR to rewrite each stream's `shape`
  // attribute. The Streams are unusable afterwards (ClosedObjectError).
  void close();
  bool is_open() const noexcept { return backend_.isopen(); }
  const std::string& filename() const noexcept { return path_; }
  const FlushPolicy& policy() const noexcept { return policy_; }

 private:
  void require_setup(const char* operation) const;
  std::string path_;
  FlushPolicy policy_;
  H5Backend backend_;
  bool started_ = false;
  std::vector<std::unique_ptr<detail::StreamState>> streams_;
};

}  // namespace h5kit::daq
