// StreamingWriter and Stream (include/h5kit/daq/streaming.hpp): one chunk-sized buffer per stream,
// written a whole chunk at a time, made visible with H5Dflush.
#include "h5kit/daq/streaming.hpp"

#include <hdf5.h>

#include <algorithm>
#include <cstring>
#include <utility>

#include "daq/storage.hpp"
#include "detail/checked.hpp"

namespace h5kit::daq {

using h5kit::detail::checked;
using h5kit::detail::Handle;
using h5kit::detail::Where;
using Clock = std::chrono::steady_clock;

namespace detail {

struct StreamState {
  h5kit::Dataset dataset;
  std::string file;
  std::string path;
  Shape row_shape;
  std::size_t row_size = 0;  // elements per row
  std::size_t row_bytes = 0;
  ElementType type = ElementType::float64;
  std::size_t chunk_rows = 0;
  Handle memory_type;
  // Whole chunks go to the file as they are (H5Dwrite_chunk): no filter, the file's type is the
  // memory's, and a chunk holds whole rows. Otherwise H5Dwrite (type conversion, compression).
  bool direct_chunks = false;
  const FlushPolicy* policy = nullptr;
  bool closed = false;

  // The chunk being filled: file rows [chunk_start, chunk_start + buffered()), up to cursor.next
  // in `buffer`. The first `in_file` of them were already written by a partial flush (and are
  // rewritten with the rest).
  std::vector<std::byte> buffer;
  RowCursor cursor;
  std::size_t chunk_start = 0;
  std::size_t in_file = 0;
  std::size_t flushed = 0;     // rows readers can see (the dataset's extent)
  Clock::time_point oldest{};  // when the first unflushed row was appended

  std::size_t buffered() const noexcept { return static_cast<std::size_t>(cursor.next - buffer.data()) / row_bytes; }
  std::size_t rows() const noexcept { return chunk_start + buffered(); }

  void set_buffered(std::size_t n) {
    cursor.next = buffer.data() + n * row_bytes;
    update_limit();
  }

  // How many more rows Stream::append may put in the buffer by itself: those that neither fill
  // the chunk nor reach the FlushPolicy's row count. A time policy, or a closed stream, must see
  // every row.
  void update_limit() {
    std::size_t room = 0;
    if (!closed && policy->every.count() <= 0) {
      room = chunk_rows - 1 - buffered();
      if (policy->every_rows != 0) {
        const std::size_t unflushed = rows() - flushed;
        room = std::min(room, unflushed + 1 < policy->every_rows ? policy->every_rows - 1 - unflushed : 0);
      }
    }
    cursor.limit = cursor.next + room * row_bytes;
  }

  [[noreturn]] void fail(ErrorKind kind, const char* operation, std::string detail) const {
    throw_error(kind, operation, file, path, std::move(detail));
  }

  // Writes rows [chunk_start, chunk_start + count) from `data` (count rows) and makes them visible:
  // the extent grows first, the rows are written, then H5Dflush publishes extent and data together.
  void write_rows(const std::byte* data, std::size_t first, std::size_t count) {
    const Where where{dataset.id()};
    const char* op = "append rows";
    const std::size_t rank = row_shape.size() + 1;
    std::vector<hsize_t> extent(rank), offset(rank, 0), block(rank);
    for (std::size_t i = 1; i < rank; ++i) extent[i] = block[i] = row_shape[i - 1];
    extent[0] = std::max(first + count, flushed);
    offset[0] = first;
    block[0] = count;
    h5kit::detail::silence_hdf5_errors();
    if (extent[0] != flushed) checked(H5Dset_extent(dataset.id(), extent.data()), op, where);
    if (direct_chunks && first % chunk_rows == 0 && count % chunk_rows == 0)
      write_whole_chunks(data, offset, count / chunk_rows);
    else
      write_selection(data, offset, block);
    checked(H5Dflush(dataset.id()), op, where);
    flushed = extent[0];
  }

  // `chunks` whole chunks from `data`, the first at `offset`, each stored as it is in memory. This
  // skips the library's selection, type conversion and chunk cache (a chunk the cache holds from a
  // partial flush is evicted by the library).
  void write_whole_chunks(const std::byte* data, std::vector<hsize_t> offset, std::size_t chunks) {
    const std::size_t chunk_bytes = chunk_rows * row_bytes;
    for (std::size_t k = 0; k < chunks; ++k, offset[0] += chunk_rows, data += chunk_bytes)
      checked(H5Dwrite_chunk(dataset.id(), H5P_DEFAULT, 0, offset.data(), chunk_bytes, data), "append rows",
              Where{dataset.id()});
  }

  // Rows `block` at `offset` from `data`, through the library's selection and filters.
  void write_selection(const std::byte* data, const std::vector<hsize_t>& offset, const std::vector<hsize_t>& block) {
    const Where where{dataset.id()};
    const char* op = "append rows";
    Handle file_space(checked(H5Dget_space(dataset.id()), op, where));
    checked(H5Sselect_hyperslab(file_space.get(), H5S_SELECT_SET, offset.data(), nullptr, block.data(), nullptr), op,
            where);
    Handle memory_space(checked(H5Screate_simple(static_cast<int>(block.size()), block.data(), nullptr), op, where));
    checked(H5Dwrite(dataset.id(), memory_type.get(), memory_space.get(), file_space.get(), H5P_DEFAULT, data), op,
            where);
  }

  // A full buffer: written as one whole chunk.
  void write_full_chunk() {
    write_rows(buffer.data(), chunk_start, chunk_rows);
    chunk_start += chunk_rows;
    in_file = 0;
    set_buffered(0);
  }

  // Everything appended becomes visible (a partial chunk is written as far as it goes).
  void flush() {
    if (buffered() > in_file) {
      write_rows(buffer.data(), chunk_start, buffered());
      in_file = buffered();
      update_limit();
    }
  }

  void append(const void* data, std::size_t elements, ElementType given) {
    const char* op = "append rows";
    if (closed) fail(ErrorKind::closed, op, "the streaming writer is closed");
    if (given != type)
      fail(ErrorKind::type_mismatch, op,
           "the stream holds " + std::string(numpy_name(type)) + ", the rows given are " +
               std::string(numpy_name(given)) + " (streams do not convert: append the stored type)");
    const bool had_unflushed = rows() > flushed;
    const std::size_t flushed_before = flushed;
    append_rows(static_cast<const std::byte*>(data), elements);
    apply_policy(had_unflushed, flushed_before);
    update_limit();
  }

  // Any number of whole rows: whole chunks straight from `bytes` while the buffer is empty, the
  // rest through the buffer, each chunk written as it fills.
  void append_rows(const std::byte* bytes, std::size_t elements) {
    if (elements % row_size != 0)
      fail(ErrorKind::shape_mismatch, "append rows",
           std::to_string(elements) + " elements are not whole rows of shape " + to_string(row_shape) + " (" +
               std::to_string(row_size) + " elements each); nothing was appended");
    std::size_t n = elements / row_size;
    while (n > 0) {
      if (buffered() == 0 && n >= chunk_rows) {
        const std::size_t whole = n / chunk_rows * chunk_rows;
        write_rows(bytes, chunk_start, whole);
        chunk_start += whole;
        bytes += whole * row_bytes;
        n -= whole;
        continue;
      }
      const std::size_t take = std::min(n, chunk_rows - buffered());
      std::memcpy(cursor.next, bytes, take * row_bytes);
      cursor.next += take * row_bytes;
      bytes += take * row_bytes;
      n -= take;
      if (buffered() == chunk_rows) write_full_chunk();
    }
  }

  // After an append: the flush the FlushPolicy asks for, if any.
  void apply_policy(bool had_unflushed, std::size_t flushed_before) {
    if (rows() == flushed) return;
    if (policy->every_rows != 0 && rows() - flushed >= policy->every_rows) return flush();
    if (policy->every.count() > 0) {
      const auto now = Clock::now();
      if (!had_unflushed || flushed != flushed_before)
        oldest = now;  // these rows are the oldest unflushed
      else if (now - oldest >= policy->every)
        flush();
    }
  }

  void poll() {
    if (closed || rows() == flushed || policy->every.count() <= 0) return;
    if (Clock::now() - oldest >= policy->every) flush();
  }
};

}  // namespace detail

// ---- Stream ----

detail::StreamState& Stream::state(const char* operation) const {
  if (state_ == nullptr) throw_error(ErrorKind::closed, operation, "", "", "the stream is not attached to a writer");
  return *state_;
}
const std::string& Stream::path() const { return state("get stream path").path; }
const Shape& Stream::row_shape() const { return state("get stream row shape").row_shape; }
std::size_t Stream::row_size() const { return state("get stream row size").row_size; }
ElementType Stream::element_type() const { return state("get stream type").type; }
std::size_t Stream::chunk_rows() const { return state("get stream chunk").chunk_rows; }
std::size_t Stream::rows() const { return state("get stream rows").rows(); }
std::size_t Stream::flushed_rows() const { return state("get stream rows").flushed; }
void Stream::append_raw(const void* data, std::size_t elements, ElementType type) {
  state("append rows").append(data, elements, type);
}
void Stream::flush() {
  auto& s = state("flush stream");
  if (s.closed) s.fail(ErrorKind::closed, "flush stream", "the streaming writer is closed");
  s.flush();
}

// ---- StreamingWriter ----

namespace {

// Whether a whole chunk of rows in memory is byte for byte the chunk in the file: no filter (no
// compression, no checksum), the same element type, and chunks that span whole rows.
bool stores_chunks_as_in_memory(const h5kit::Dataset& ds, hid_t memory_type, const Shape& chunks,
                                const Shape& row_shape) {
  const Where where{ds.id()};
  const char* op = "add stream";
  Handle dcpl(checked(H5Dget_create_plist(ds.id()), op, where));
  Handle file_type(checked(H5Dget_type(ds.id()), op, where));
  if (checked(H5Pget_nfilters(dcpl.get()), op, where) != 0) return false;
  if (checked(H5Tequal(file_type.get(), memory_type), op, where) <= 0) return false;
  return std::equal(row_shape.begin(), row_shape.end(), chunks.begin() + 1, chunks.end());
}

}  // namespace

StreamingWriter::StreamingWriter(const std::string& path, FlushPolicy policy, std::string_view mode,
                                 BackendOptions options)
    : path_(path), policy_(policy), backend_(std::move(options)) {
  if (mode != "w" && mode != "a")
    throw_error(ErrorKind::invalid_argument, "open streaming file", path, "/",
                "mode '" + std::string(mode) + "' is not 'w' or 'a' (a streaming writer writes)");
  backend_.open_file(path, mode);
}

StreamingWriter::~StreamingWriter() {
  try {
    close();
  } catch (...) {
  }
}

void StreamingWriter::require_setup(const char* operation) const {
  if (!backend_.isopen()) throw_error(ErrorKind::closed, operation, path_, "/", "the streaming writer is closed");
  if (started_)
    throw_error(ErrorKind::invalid_argument, operation, path_, "/",
                "the file is in SWMR writing mode: groups, datasets and attributes cannot be added after "
                "start() (readers might never see them); create every node before start()");
}

Group StreamingWriter::get_set_group(const Location& where, std::string_view name, std::string_view title) {
  require_setup("create group");
  return backend_.get_set_group(where, name, title);
}
Group StreamingWriter::add_group(std::string_view name, GroupType type, const Location& where, std::string_view title,
                                 const Metadata& metadata) {
  require_setup("create group");
  return backend_.add_group(name, type, where, title, metadata);
}
EArray StreamingWriter::create_earray(const Location& where, std::string_view name, ElementType dtype,
                                      const Shape& row_shape, std::string_view title) {
  require_setup("create earray");
  return backend_.create_earray(where, name, dtype, row_shape, title);
}
CArray StreamingWriter::create_carray(const Location& where, std::string_view name, const ArrayView& data,
                                      std::string_view title) {
  require_setup("create carray");
  return backend_.create_carray(where, name, data, title);
}
void StreamingWriter::set_attr(const Location& node, std::string_view name, const PyValue& value) {
  require_setup("set attribute");
  backend_.set_attr(node, name, value);
}
void StreamingWriter::define_compression(std::string_view library, int level) {
  require_setup("define compression");
  backend_.define_compression(library, level);
}

Stream StreamingWriter::stream(const EArray& array) {
  require_setup("add stream");
  const h5kit::Dataset& ds = array.dataset();
  auto s = std::make_unique<detail::StreamState>();
  s->file = path_;
  s->path = array.path();
  const Shape shape = ds.shape();
  const Shape max = ds.maxshape();
  const auto chunks = ds.chunks();
  if (shape.empty() || max[0] != unlimited || !chunks)
    s->fail(ErrorKind::invalid_argument, "add stream", "a stream needs a chunked array, unlimited along axis 0");
  for (const auto& other : streams_)
    if (other->path == s->path) s->fail(ErrorKind::already_exists, "add stream", "the array is already a stream");
  s->dataset = ds;
  s->row_shape = Shape(shape.begin() + 1, shape.end());
  s->row_size = element_count(s->row_shape);
  if (s->row_size == 0)
    s->fail(ErrorKind::invalid_argument, "add stream", "rows of shape " + to_string(s->row_shape) + " hold no element");
  s->type = array.element_type();
  s->row_bytes = s->row_size * element_size(s->type);
  s->chunk_rows = (*chunks)[0];
  s->memory_type = detail::memory_type(s->type);
  s->direct_chunks = stores_chunks_as_in_memory(ds, s->memory_type.get(), *chunks, s->row_shape);
  s->policy = &policy_;
  s->chunk_start = s->flushed = shape[0];  // appends continue after existing rows
  s->buffer.resize(s->chunk_rows * s->row_bytes);
  s->cursor = {.next = s->buffer.data(), .limit = s->buffer.data(), .row_bytes = s->row_bytes,
               .row_size = s->row_size, .type = s->type};
  s->update_limit();
  streams_.push_back(std::move(s));
  return Stream(streams_.back().get(), &streams_.back()->cursor);
}

Stream StreamingWriter::create_stream(const Location& where, std::string_view name, ElementType dtype,
                                      const Shape& row_shape, std::string_view title) {
  return stream(create_earray(where, name, dtype, row_shape, title));
}

void StreamingWriter::start() {
  if (!backend_.isopen())
    throw_error(ErrorKind::closed, "start SWMR writing", path_, "/", "the streaming writer is closed");
  if (started_) return;
  backend_.h5file().start_swmr_write();
  started_ = true;
}

void StreamingWriter::poll() {
  for (auto& s : streams_) s->poll();
}

void StreamingWriter::flush() {
  if (!backend_.isopen()) throw_error(ErrorKind::closed, "flush streams", path_, "/", "the streaming writer is closed");
  for (auto& s : streams_) s->flush();
}

void StreamingWriter::close() {
  if (!backend_.isopen()) return;
  std::exception_ptr first_error;
  try {
    flush();
  } catch (...) {
    first_error = std::current_exception();
  }
  std::vector<std::string> paths;
  for (auto& s : streams_) {
    paths.push_back(s->path);
    s->dataset = h5kit::Dataset();  // every handle closed, so that the file really closes
    s->closed = true;
    s->update_limit();  // every append now reaches the check that refuses it
  }
  started_ = false;
  backend_.close_file();
  if (first_error) std::rethrow_exception(first_error);
  // pymodaq's `shape` attribute holds the final extent; under SWMR it could not grow (its size changes).
  // (Also without start(): the streams wrote no attribute on the way.)
  if (!paths.empty()) {
    backend_.open_file(path_, "r+");
    for (const auto& p : paths) backend_.get_node(p).as_earray().update_shape_attribute();
    backend_.close_file();
  }
}

}  // namespace h5kit::daq
