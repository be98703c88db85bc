#pragma once
// Datasets: N-d arrays of one type, read and written whole or by block.
#include <optional>
#include <span>
#include <string>
#include <type_traits>
#include <vector>

#include "h5kit/attribute.hpp"
#include "h5kit/datatype.hpp"
#include "h5kit/detail/io.hpp"
#include "h5kit/detail/value_io.hpp"
#include "h5kit/filters.hpp"
#include "h5kit/ndarray.hpp"
#include "h5kit/object.hpp"
#include "h5kit/raw_data.hpp"
#include "h5kit/shape.hpp"

namespace h5kit {

// The storage layout of a dataset.
enum class Layout { compact, contiguous, chunked, virtual_ };

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
  std::optional<Shape> chunks() const;
  int gzip_level() const;            // -1 when not gzip-compressed
  bool shuffle() const;
  std::vector<FilterInfo> filters() const;  // the pipeline, empty when unfiltered
  std::size_t storage_size() const;  // bytes allocated in the file

  // Changes the shape within maxshape (chunked datasets only, as in HDF5).
  void resize(const Shape& new_shape) const;

  // Whole-dataset I/O into any container inspector<T> knows: read<T>(), read(T&), write(value)
  // (from detail::ValueIo), and into a caller's buffer of exactly size() elements:
  using detail::ValueIo<Dataset>::read;
  template <class T>
  void read(std::span<T> buffer) const {
    NDView<T> view{buffer.data(), Shape{buffer.size()}};
    read(view);
  }

  // A block (hyperslab) of `count` elements per axis from `offset`.
  template <class T>
  T read_block(const Shape& offset, const Shape& count) const {
    T value{};
    detail::read_value(block("read block", offset, count), value);
    return value;
  }
  template <class T>
  void write_block(const T& value, const Shape& offset) const {
    Shape count;
    inspector<T>::shape(value, count);
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

  // The fill value, read as T (nullopt when none is defined).
  template <class T>
  std::optional<T> fill_value() const {
    static_assert(std::is_trivially_copyable_v<T>, "h5kit: fill_value reads a scalar stored as its own bytes");
    T value{};
    if (!read_fill_value(inspector<T>::datatype(), &value)) return std::nullopt;
    return value;
  }

  RawData read_native() const;

 private:
  friend class detail::ValueIo<Dataset>;
  static constexpr const char* read_operation = "read dataset";
  static constexpr const char* write_operation = "write dataset";
  detail::IoTarget target(const char* operation) const;
  detail::IoTarget block(const char* operation, const Shape& offset, const Shape& count) const;
  bool read_fill_value(const Datatype& mem_type, void* out) const;
  // The stored type never changes, so it is read once when the dataset is opened (every read and
  // write compares against it).
  Datatype type_;
};

}  // namespace h5kit
