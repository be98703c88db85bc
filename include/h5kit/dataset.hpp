#pragma once
// Datasets: N-d arrays of one type, read and written whole or by block.
#include <cstdint>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <type_traits>
#include <vector>

#include "h5kit/attribute.hpp"
#include "h5kit/chunks.hpp"
#include "h5kit/datatype.hpp"
#include "h5kit/detail/io.hpp"
#include "h5kit/detail/value_io.hpp"
#include "h5kit/filters.hpp"
#include "h5kit/ndarray.hpp"
#include "h5kit/object.hpp"
#include "h5kit/raw_data.hpp"
#include "h5kit/selection.hpp"
#include "h5kit/shape.hpp"
#include "h5kit/storage.hpp"
#include "h5kit/strings.hpp"
#include "h5kit/text_decoding.hpp"
#include "h5kit/virtual.hpp"

namespace h5kit {

class DatasetSelection;
class DatasetFields;  // include/h5kit/dataset_fields.hpp
class AsStr;          // include/h5kit/dataset_text.hpp
template <class E>
class AsType;
class Dimension;  // include/h5kit/dimension_scales.hpp
class ChunkBlocks;  // include/h5kit/dataset_iteration.hpp
class DatasetRows;

class Dataset : public Object, public detail::ValueIo<Dataset> {
 public:
  Dataset() = default;
  explicit Dataset(detail::Handle handle);

  Shape shape() const;
  std::size_t rank() const { return shape().size(); }
  std::size_t size() const;          // number of elements (0 when empty)
  Datatype dtype() const;
  bool is_scalar() const;            // shape ()
  bool is_empty() const;             // null dataspace (h5py's Empty)
  Shape maxshape() const;            // h5kit::unlimited for axes that grow without bound
  Layout layout() const;
  ChunkShape chunks() const;         // empty when not chunked (chunks.hpp: safe in a range-for)
  int gzip_level() const;            // -1 when not gzip-compressed
  bool shuffle() const;
  std::vector<FilterInfo> filters() const;  // the pipeline, empty when unfiltered
  std::size_t storage_size() const;  // bytes allocated in the file
  // h5py's .external: the files of external raw storage, in order; empty when the data is in the file.
  std::vector<ExternalFile> external() const;
  // h5py's is_virtual and virtual_sources(): the mappings of a virtual dataset (virtual.hpp), in the
  // order they were made; InvalidArgumentError for any other layout.
  bool is_virtual() const { return layout() == Layout::virtual_; }
  std::vector<VirtualMapping> virtual_sources() const;

  // ---- storage details (docs/storage.md) ----
  bool fletcher32() const;
  std::optional<int> scaleoffset() const;  // h5py's .scaleoffset: bits (integers) or digits (floats)
  FillTime fill_time() const;
  AllocTime alloc_time() const;
  ChunkCache chunk_cache() const;          // the cache this open dataset uses
  // Direct chunk I/O (chunked datasets; offsets are element coordinates on chunk boundaries). The
  // bytes are as stored: filtered, and written without running the pipeline.
  std::vector<ChunkInfo> chunk_list() const;  // allocated chunks, in HDF5's index order
  RawChunk read_chunk(const Shape& offset) const;
  void write_chunk(const Shape& offset, std::span<const std::byte> bytes, unsigned filter_mask = 0) const;

  // Changes the shape within maxshape (chunked datasets only, as in HDF5).
  void resize(const Shape& new_shape) const;
  // h5py's resize(size, axis): axis `axis` to `size` elements, the other axes as they are.
  void resize(std::uint64_t size, std::size_t axis) const;

  // ---- Growing (PyTables' EArray.append; appender.hpp buffers many small appends) ----
  // Appends `value` along the axis that can grow (maxshape above the extent, or unlimited): a value
  // of the dataset's shape without that axis is one row, a value of full rank is a block of rows
  // (its other axes as stored). The dataset grows, then the value is written; when the write fails
  // the extent goes back, so a failed append leaves no row of fill values behind.
  // InvalidArgumentError when no axis can grow, when several can and `axis` is not given, when the
  // value's shape fits neither a row nor a block, or when the rows would pass maxshape.
  template <class T>
  void append(const T& value) const {
    append_along(value, std::nullopt);
  }
  template <class T>
  void append(const T& value, std::size_t axis) const {
    append_along(value, axis);
  }
  // The axis append() grows when none is named; the same InvalidArgumentErrors.
  std::size_t append_axis() const;

  // ---- Iterating (dataset_iteration.hpp) ----
  // h5py's iter_chunks(): the part of every chunk that lies in `region` (default: the whole extent),
  // as blocks in row-major chunk order, whether the chunk is allocated or not. Read each with
  // read_block(b.offset, b.count). InvalidArgumentError for unchunked datasets and for a region that
  // is not inside the extent.
  ChunkBlocks iter_chunks() const;
  ChunkBlocks iter_chunks(const Block& region) const;
  // h5py's `for row in dset`: ds[i] for every i along the first axis, as DatasetSelections to read
  // or write. InvalidArgumentError for scalar and empty (null dataspace) datasets.
  DatasetRows rows() const;

  // ---- SWMR (file.hpp) ----
  // Writes this dataset's buffered data and metadata to the file (H5Dflush): under SWMR writing,
  // readers see the new extent and values after it, never before.
  void flush() const;
  // Rereads this dataset's metadata from the file (H5Drefresh): a SWMR reader's view of the
  // extent and data as of the writer's last flush. shape() afterwards is the new extent.
  void refresh() const;
  // ---- end SWMR ----

  // Whole-dataset I/O into any container inspector<T> knows: read<T>(), read(T&), write(value)
  // (from detail::ValueIo), and into a caller's buffer of exactly size() elements:
  using detail::ValueIo<Dataset>::read;
  template <class T>
  void read(std::span<T> buffer) const {
    NDView<T> view{buffer.data(), Shape{buffer.size()}};
    read(view);
  }

  // --- Selections (numpy-like slicing; see selection.hpp) ---------------------------------------
  // ds[{s(2, 10, 2), all, -1}], ds[3], ds.select(s(2, 10, 2), all, -1), ds.select(Selection::points(...)):
  // a DatasetSelection to read<T>() or write(value) (with broadcasting). C++23 compilers also accept
  // ds[s(2, 10, 2), all, -1].
  DatasetSelection operator[](std::initializer_list<Index> index) const;
  DatasetSelection operator[](const Index& index) const;
#ifdef __cpp_multidimensional_subscript
  template <class... I>
    requires(sizeof...(I) > 1)
  DatasetSelection operator[](const I&... index) const { return select(index...); }
#endif
  template <class... I>
  DatasetSelection select(const I&... index) const;
  DatasetSelection select(const Selection& selection) const;
  DatasetSelection select_index(std::span<const Index> index) const;
  // A selection on this dataset's current extent (Selection::points(shape(), ...) without the shape).
  Selection points(const std::vector<Shape>& coordinates) const { return Selection::points(shape(), coordinates); }
  Selection mask(const NDArray<bool>& mask) const { return Selection::mask(shape(), mask); }
  Selection mask(const std::vector<bool>& mask) const { return Selection::mask(shape(), mask); }  // 1-D datasets
  Selection blocks(const std::vector<Block>& blocks) const { return Selection::blocks(shape(), blocks); }

  // h5py's read_direct / write_direct: between `source` elements of the dataset (default: all) and the
  // `destination` elements of a caller's N-d buffer (default: all of it), without a temporary; the
  // two selections must hold the same number of elements.
  template <class T>
  void read_direct(NDView<T> destination, const std::optional<Selection>& source = std::nullopt,
                   const std::optional<Selection>& destination_selection = std::nullopt) const;
  template <class T>
  void write_direct(NDView<const T> source, const std::optional<Selection>& source_selection = std::nullopt,
                    const std::optional<Selection>& destination = std::nullopt) const;

  // h5py's ds.fields(names): only these fields of a compound dataset (dataset_fields.hpp).
  DatasetFields fields(std::vector<std::string> names) const;
  // h5py's ds.asstr(encoding, errors): the strings decoded into UTF-8 text (dataset_text.hpp).
  AsStr asstr(TextDecoding how = {}) const;

  // Reads converted to element type E, range-checked (h5py's astype): ds.astype<double>()[{s(0, 10)}].
  template <class E>
  AsType<E> astype() const;

  // A block (hyperslab) of `count` elements per axis from `offset`.
  template <class T>
  T read_block(const Shape& offset, const Shape& count) const {
    T value{};
    read_block(offset, count, value);
    return value;
  }
  // The same into `value`, which keeps its storage when it already has the block's shape (or into an
  // NDView over a caller's buffer): a loop over equal blocks then allocates (and page-faults) once.
  template <class T>
  void read_block(const Shape& offset, const Shape& count, T& value) const {
    detail::read_value(block("read block", offset, count), value);
  }
  template <class T>
  void write_block(const T& value, const Shape& offset) const {
    Shape count;
    inspector<T>::shape(value, count);
    count = detail::shape_for_type(count, type_);  // an array type's own axes are not dataset axes
    detail::write_value(block("write block", offset, count), value);
  }
  // One element at a multi-index.
  template <class T>
  T read_element(const Shape& index) const {
    const Shape ones(index.size(), 1);
    T value{};
    detail::read_value(block("read element", index, ones), value);
    return value;
  }

  // The fill value, read as T (nullopt when none is defined). T is a scalar stored as its own
  // bytes, or std::string / h5kit::Bytes for a string dataset (the value without its padding; ""
  // when the library default applies).
  template <class T>
  std::optional<T> fill_value() const {
    if constexpr (std::is_same_v<T, std::string> || std::is_same_v<T, Bytes>) {
      std::optional<std::string> text = read_fill_string();
      if (!text) return std::nullopt;
      return T(std::move(*text));
    } else {
      static_assert(std::is_trivially_copyable_v<T>,
                    "h5kit: fill_value reads a scalar stored as its own bytes, or a std::string / h5kit::Bytes");
      T value{};
      if (!read_fill_value(inspector<T>::datatype(), &value)) return std::nullopt;
      return value;
    }
  }

  RawData read_native() const;
  // The block of `count` elements from `offset` the same way: a whole dataset read block by block in
  // bounded memory (h5kit dump). InvalidArgumentError when the block is not inside the extent.
  RawData read_native(const Shape& offset, const Shape& count) const;
  // The memory type read_native() reads into (H5Tget_native_type of the stored type);
  // TypeMismatchError when HDF5 has none.
  Datatype native_dtype() const;

  // ---- Dimension scales and region references (dimension_scales.hpp, docs/references.md) ----
  // One axis, to attach scales and labels (h5py's dset.dims[axis]); InvalidArgumentError when
  // axis >= rank().
  Dimension dims(std::size_t axis) const;
  // Makes this dataset a dimension scale named `name` (H5DSset_scale; "" leaves it unnamed).
  // InvalidArgumentError when scales are attached to this dataset (a scale cannot have scales).
  void make_scale(std::string_view name = {}) const;
  bool is_scale() const;
  // The scale's NAME ("" when unnamed); InvalidArgumentError when this is not a dimension scale.
  std::string scale_name() const;
  // A region reference to the selected elements (h5py's dset.regionref[...]): to a Selection made
  // for this dataset's shape, or to an index expression, ds.region_reference({s(2, 5), s(none, none, 2)}).
  // Follow it with Group::dereference(const RegionReference&).
  RegionReference region_reference(const Selection& selection) const;
  RegionReference region_reference(std::initializer_list<Index> index) const;
  // ---- end dimension scales and region references ----

 private:
  friend class detail::ValueIo<Dataset>;
  friend class DatasetSelection;
  friend class DatasetFields;
  static constexpr const char* read_operation = "read dataset";
  static constexpr const char* write_operation = "write dataset";
  // Refuses data I/O through a damaged stored type (type_damage_), and on a closed dataset.
  void require_sound_type(const char* operation) const;
  detail::IoTarget target(const char* operation) const;
  detail::IoTarget block(const char* operation, const Shape& offset, const Shape& count) const;
  bool read_fill_value(const Datatype& mem_type, void* out) const;
  std::optional<std::string> read_fill_string() const;
  // A read_direct/write_direct in progress: the two selections stay alive while `target` refers to them.
  struct DirectTransfer {
    detail::IoTarget target;
    Selection file, memory;
    Shape shape;  // (n,): the elements move as one flat run
  };
  void prepare_direct(DirectTransfer& out, const char* operation, const std::optional<Selection>& file,
                      const Shape& buffer_shape, const std::optional<Selection>& memory) const;
  // An append in progress: the extent before it, and the block the value goes to.
  struct Growth {
    Shape before, offset, count;
  };
  // Checks `value_shape` against the dataset and grows it (src/dataset_grow.cpp).
  Growth grow_for_append(const Shape& value_shape, std::optional<std::size_t> axis) const;
  // Puts the extent back after a failed write (best effort: the write's error is the one reported).
  void undo_growth(const Growth& growth) const noexcept;
  template <class T>
  void append_along(const T& value, std::optional<std::size_t> axis) const {
    Shape value_shape;
    inspector<T>::shape(value, value_shape);
    value_shape = detail::shape_for_type(value_shape, type_);  // an array type's own axes are not rows
    const Growth growth = grow_for_append(value_shape, axis);
    try {
      detail::write_value(block("append", growth.offset, growth.count), value);
    } catch (...) {
      undo_growth(growth);
      throw;
    }
  }
  // The stored type never changes, so it is read once when the dataset is opened (every read and
  // write compares against it).
  Datatype type_;
  // Whether reads fill never-written elements themselves (fill time never or no fill value; see
  // src/detail/unwritten.hpp), also read once at open.
  bool fills_before_read_ = false;
  // What is wrong with a damaged stored type (src/detail/stored_type_check.hpp), or empty: data
  // I/O through it is refused, while the dataset's name, shape and attributes stay usable.
  std::string type_damage_;
};

}  // namespace h5kit

#include "h5kit/dataset_selection.hpp"  // needs the complete Dataset
#include "h5kit/dataset_iteration.hpp"  // needs the complete Dataset and DatasetSelection
#include "h5kit/dataset_fields.hpp"     // needs the complete Dataset
#include "h5kit/dataset_text.hpp"       // needs the complete Dataset
