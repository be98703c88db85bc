#pragma once
// How a dataset is stored: layout, chunking, growth (maxshape), filters, fill value and chunk cache.
#include <cstddef>
#include <cstring>
#include <optional>
#include <string>
#include <string_view>
#include <type_traits>
#include <utility>
#include <vector>

#include "h5kit/datatype.hpp"
#include "h5kit/inspector.hpp"
#include "h5kit/shape.hpp"

namespace h5kit {

class Bytes;  // h5kit/strings.hpp

// The storage layout of a dataset.
enum class Layout { compact, contiguous, chunked, virtual_ };

// When HDF5 writes the fill value into newly allocated storage (h5py's fill_time names).
enum class FillTime {
  ifset,  // only when a fill value was set (HDF5's default)
  alloc,  // always, at allocation (h5py's choice for chunked datasets)
  never,  // never: unwritten elements are whatever the file holds
};

// When HDF5 allocates the dataset's storage in the file.
enum class AllocTime {
  default_,     // HDF5's default for the layout: early for compact, late for contiguous, incremental for chunked
  early,        // when the dataset is created
  incremental,  // chunk by chunk, as chunks are written (chunked only)
  late,         // when the dataset is first written
};

// SZIP's coding method: nearest neighbour (pre-processing, good for smooth data) or entropy coding.
enum class SzipCoding { nn, ec };

// The raw-data chunk cache of one open dataset (H5Pset_chunk_cache).
struct ChunkCache {
  std::size_t bytes = 0;   // total cache size
  std::size_t slots = 0;   // hash table slots (a prime ~100x the number of chunks that fit is best)
  double w0 = 0.75;        // preemption policy: 1 evicts fully read/written chunks first
  bool operator==(const ChunkCache&) const = default;
};

// How an unlimited virtual dataset's extent follows its sources when it is opened (H5Pset_virtual_view).
enum class VirtualView {
  last_available,  // up to the last source data present (HDF5's default); gaps read as the fill value
  first_missing,   // up to the first missing source data: every element in the extent exists
};

// How a dataset is opened: Group::dataset(path, DatasetAccess{}.chunk_cache({...})). None of it is
// stored in the file.
class DatasetAccess {
 public:
  DatasetAccess& chunk_cache(ChunkCache cache) { chunk_cache_ = cache; return *this; }
  // Virtual datasets (virtual.hpp): how far an unlimited one extends, how many missing printf-style
  // source files (%b) may be skipped before the last ones found (H5Pset_virtual_printf_gap), and a
  // directory that relative source file names are looked up in first (H5Pset_virtual_prefix).
  DatasetAccess& virtual_view(VirtualView view) { virtual_view_ = view; return *this; }
  DatasetAccess& virtual_printf_gap(std::size_t gap) { virtual_printf_gap_ = gap; return *this; }
  DatasetAccess& virtual_prefix(std::string directory) { virtual_prefix_ = std::move(directory); return *this; }
  // External raw storage (DatasetOptions::external): a directory relative file names are resolved
  // in (H5Pset_efile_prefix); "${ORIGIN}" is the directory of the HDF5 file.
  DatasetAccess& external_prefix(std::string directory) { external_prefix_ = std::move(directory); return *this; }

  const std::optional<ChunkCache>& chunk_cache() const noexcept { return chunk_cache_; }
  const std::optional<VirtualView>& virtual_view() const noexcept { return virtual_view_; }
  const std::optional<std::size_t>& virtual_printf_gap() const noexcept { return virtual_printf_gap_; }
  const std::optional<std::string>& virtual_prefix() const noexcept { return virtual_prefix_; }
  const std::optional<std::string>& external_prefix() const noexcept { return external_prefix_; }
  // Whether any option beside the chunk cache is set.
  bool has_file_lookup_options() const noexcept {
    return virtual_view_ || virtual_printf_gap_ || virtual_prefix_ || external_prefix_;
  }

 private:
  std::optional<ChunkCache> chunk_cache_;
  std::optional<VirtualView> virtual_view_;
  std::optional<std::size_t> virtual_printf_gap_;
  std::optional<std::string> virtual_prefix_;
  std::optional<std::string> external_prefix_;
};

// Well-known filter ids (HDF5's own and the registered plugins Debian packages ship).
namespace filter_id {
inline constexpr int deflate = 1, shuffle = 2, fletcher32 = 3, szip = 4, nbit = 5, scaleoffset = 6;
inline constexpr int bzip2 = 307, lzf = 32000, lz4 = 32004, bitshuffle = 32008;
}  // namespace filter_id

// A filter asked for by id, with its client data.
struct FilterRequest {
  int id = -1;
  std::vector<unsigned> values;
  bool optional = false;  // HDF5 stores the chunk unfiltered when an optional filter fails
};

// One file of a dataset's external raw storage (h5py's external=[(name, offset, size)]): `size` bytes
// from `offset`, in the order given; unlimited: to the end of the (growing) file.
struct ExternalFile {
  std::string name;
  std::size_t offset = 0;
  std::size_t size = unlimited;
  friend bool operator==(const ExternalFile&, const ExternalFile&) = default;
};

// Options for create_dataset, set fluently:
//   DatasetOptions{}.chunks({64, 64}).maxshape({unlimited, 64}).gzip(4).shuffle()
// As in h5py, chunked storage is chosen automatically when maxshape or any filter asks for it, with
// a chunk shape from guess_chunk() unless chunks() gives one. The pipeline order is h5py's:
// scaleoffset, shuffle, the compressor (gzip, lzf, szip, then filter() entries in call order),
// fletcher32 last.
class DatasetOptions {
 public:
  DatasetOptions& chunks(Shape chunk_shape) { chunks_ = std::move(chunk_shape); return *this; }
  DatasetOptions& maxshape(Shape max_shape) { maxshape_ = std::move(max_shape); return *this; }
  // Compact storage holds the data in the object header: at most 64 KiB (less the header's own needs).
  DatasetOptions& layout(Layout layout) { layout_ = layout; return *this; }
  DatasetOptions& gzip(int level = 4) { gzip_ = level; return *this; }
  DatasetOptions& shuffle(bool on = true) { shuffle_ = on; return *this; }
  DatasetOptions& fletcher32(bool on = true) { fletcher32_ = on; return *this; }
  // h5py's scaleoffset=True: integers only, HDF5 computes the minimum number of bits (lossless).
  // Floating-point data is refused at create_dataset: it needs the digit count (h5py raises too).
  DatasetOptions& scaleoffset() { scaleoffset_ = 0; scaleoffset_digits_given_ = false; return *this; }
  // h5py's scaleoffset=N: for integers the number of bits to keep (0 = the minimum, lossless; fewer
  // bits than the values' range needs loses data, as in HDF5); for floats the number of decimal
  // digits kept after the point (lossy by design: 3 keeps 1.2345 as 1.235).
  DatasetOptions& scaleoffset(int value) { scaleoffset_ = value; scaleoffset_digits_given_ = true; return *this; }
  // h5py's compression="szip", compression_opts=(coding, pixels_per_block): an even number 2..32.
  DatasetOptions& szip(SzipCoding coding = SzipCoding::nn, unsigned pixels_per_block = 8) {
    szip_ = std::pair{coding, pixels_per_block};
    return *this;
  }
  // h5py's compression="lzf": filter 32000 from the LZF plugin, optional as h5py sets it.
  DatasetOptions& lzf() { return filter(filter_id::lzf, {}, true); }
  // Any registered or plugin filter, e.g. filter(filter_id::lz4) or filter(filter_id::bzip2, {9}).
  DatasetOptions& filter(int id, std::vector<unsigned> values = {}, bool optional = false) {
    filters_.push_back(FilterRequest{id, std::move(values), optional});
    return *this;
  }
  // h5py's allow_unknown_filter: filter() entries this process cannot load are stored anyway, for
  // data compressed elsewhere and written with write_chunk(). HDF5 stores an unknown filter only as
  // optional (filter(id, values, true); a mandatory one is refused). Reading needs the filter.
  DatasetOptions& allow_unknown_filter(bool on = true) { allow_unknown_filter_ = on; return *this; }
  // h5py's external=: the raw data in plain files outside the HDF5 file (contiguous storage, no
  // filters, no growth past the files' sizes). Relative names are resolved by HDF5 against the
  // working directory, or DatasetAccess::external_prefix ("${ORIGIN}": the HDF5 file's directory).
  DatasetOptions& external(std::vector<ExternalFile> files) { external_ = std::move(files); return *this; }
  DatasetOptions& fill_time(FillTime when) { fill_time_ = when; return *this; }
  DatasetOptions& alloc_time(AllocTime when) { alloc_time_ = when; return *this; }
  // The chunk cache of the Dataset this create_dataset returns (see docs/storage.md for the default).
  DatasetOptions& chunk_cache(std::size_t bytes, std::size_t slots = 521, double w0 = 0.75) {
    chunk_cache_ = ChunkCache{bytes, slots, w0};
    return *this;
  }
  // The stored type, when it should differ from the data's own (e.g. Datatype::fixed_string(8)).
  DatasetOptions& dtype(Datatype type) { dtype_ = std::move(type); return *this; }
  // Track creation order of attributes on the dataset.
  DatasetOptions& track_order(bool on = true) { track_order_ = on; return *this; }
  // Store creation/modification times in the dataset's header. Off by default, as in h5py: two
  // identical writes then make byte-identical files.
  DatasetOptions& track_times(bool on = true) { track_times_ = on; return *this; }
  // Value of elements never written (h5py's fillvalue): a scalar stored as its own bytes (numbers,
  // enums, plain structs), or text (std::string, a literal) / h5kit::Bytes for a string dataset,
  // fixed or variable length. A string that does not suit the stored type (too long for S<n>, not
  // UTF-8 for a UTF-8 type, text that is not ASCII for an ASCII type, a NUL in a variable-length
  // one) is an InvalidArgumentError at create_dataset, and nothing is created.
  template <class T>
  DatasetOptions& fill_value(const T& value) {
    if constexpr (std::is_convertible_v<const T&, std::string_view>) {
      fill_string_ = FillString{std::string(std::string_view(value)), true};
      fill_bytes_.clear();
    } else {
      static_assert(inspector<T>::rank == 0 && std::is_trivially_copyable_v<T>,
                    "h5kit: fill_value takes a scalar stored as its own bytes (numbers, enums, plain structs), "
                    "text or h5kit::Bytes");
      fill_type_ = inspector<T>::datatype();
      fill_bytes_.resize(sizeof(T));
      std::memcpy(fill_bytes_.data(), &value, sizeof(T));
      fill_string_.reset();
    }
    return *this;
  }
  DatasetOptions& fill_value(const Bytes& value);

  const std::optional<Shape>& chunks() const noexcept { return chunks_; }
  const std::optional<Shape>& maxshape() const noexcept { return maxshape_; }
  const std::optional<Layout>& layout() const noexcept { return layout_; }
  int gzip_level() const noexcept { return gzip_; }  // -1: no compression
  bool shuffle() const noexcept { return shuffle_; }
  bool fletcher32() const noexcept { return fletcher32_; }
  const std::optional<int>& scaleoffset() const noexcept { return scaleoffset_; }
  bool scaleoffset_value_given() const noexcept { return scaleoffset_digits_given_; }
  const std::optional<std::pair<SzipCoding, unsigned>>& szip() const noexcept { return szip_; }
  const std::vector<FilterRequest>& filters() const noexcept { return filters_; }
  bool allow_unknown_filter() const noexcept { return allow_unknown_filter_; }
  const std::vector<ExternalFile>& external() const noexcept { return external_; }
  const std::optional<FillTime>& fill_time() const noexcept { return fill_time_; }
  AllocTime alloc_time() const noexcept { return alloc_time_; }
  const std::optional<ChunkCache>& chunk_cache() const noexcept { return chunk_cache_; }
  const std::optional<Datatype>& dtype() const noexcept { return dtype_; }
  bool track_order() const noexcept { return track_order_; }
  bool track_times() const noexcept { return track_times_; }
  const std::vector<std::byte>& fill_bytes() const noexcept { return fill_bytes_; }
  const Datatype& fill_type() const noexcept { return fill_type_; }
  // A string fill value: its bytes, and whether they are text (checked against the stored
  // character set as written text is) rather than h5kit::Bytes.
  struct FillString {
    std::string value;
    bool text = true;
  };
  const std::optional<FillString>& fill_string() const noexcept { return fill_string_; }
  // Whether any filter is asked for (which, as in h5py, implies chunked storage).
  bool filtered() const noexcept {
    return gzip_ >= 0 || shuffle_ || fletcher32_ || scaleoffset_ || szip_ || !filters_.empty();
  }

 private:
  std::optional<Shape> chunks_, maxshape_;
  std::optional<Layout> layout_;
  int gzip_ = -1;
  bool shuffle_ = false;
  bool fletcher32_ = false;
  std::optional<int> scaleoffset_;
  bool scaleoffset_digits_given_ = false;
  std::optional<std::pair<SzipCoding, unsigned>> szip_;
  std::vector<FilterRequest> filters_;
  bool allow_unknown_filter_ = false;
  std::vector<ExternalFile> external_;
  std::optional<FillTime> fill_time_;
  AllocTime alloc_time_ = AllocTime::default_;
  std::optional<ChunkCache> chunk_cache_;
  bool track_order_ = false;
  bool track_times_ = false;
  std::optional<Datatype> dtype_;
  std::vector<std::byte> fill_bytes_;
  Datatype fill_type_;
  std::optional<FillString> fill_string_;
};

// h5py's chunk guess: aim for chunks of roughly 16 KiB to 1 MiB, larger for larger datasets,
// halving the axes in turn; zero-extent axes count as 1024. Gives exactly h5py's chunk shapes.
Shape guess_chunk(const Shape& shape, const std::optional<Shape>& maxshape, std::size_t type_size);

}  // namespace h5kit
