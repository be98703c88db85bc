#pragma once
// How a dataset is stored: chunking, growth (maxshape), compression and fill value.
#include <cstddef>
#include <cstring>
#include <optional>
#include <type_traits>
#include <vector>

#include "h5kit/datatype.hpp"
#include "h5kit/inspector.hpp"
#include "h5kit/shape.hpp"

namespace h5kit {

// Options for create_dataset, set fluently:
//   DatasetOptions{}.chunks({64, 64}).maxshape({unlimited, 64}).gzip(4).shuffle()
// As in h5py, chunked storage is chosen automatically when maxshape, compression or shuffle asks for
// it, with a chunk shape from guess_chunk() unless chunks() gives one.
class DatasetOptions {
 public:
  DatasetOptions& chunks(Shape chunk_shape) { chunks_ = std::move(chunk_shape); return *this; }
  DatasetOptions& maxshape(Shape max_shape) { maxshape_ = std::move(max_shape); return *this; }
  DatasetOptions& gzip(int level = 4) { gzip_ = level; return *this; }
  DatasetOptions& shuffle(bool on = true) { shuffle_ = on; return *this; }
  // The stored type, when it should differ from the data's own (e.g. Datatype::fixed_string(8)).
  DatasetOptions& dtype(Datatype type) { dtype_ = std::move(type); return *this; }
  // Track creation order of attributes on the dataset.
  DatasetOptions& track_order(bool on = true) { track_order_ = on; return *this; }
  // Value of elements never written (h5py's fillvalue). T must be a numeric scalar.
  template <class T>
  DatasetOptions& fill_value(const T& value) {
    static_assert(inspector<T>::rank == 0 && std::is_trivially_copyable_v<T>,
                  "h5kit: fill_value takes a scalar stored as its own bytes (numbers, enums, plain structs)");
    fill_type_ = inspector<T>::datatype();
    fill_bytes_.resize(sizeof(T));
    std::memcpy(fill_bytes_.data(), &value, sizeof(T));
    return *this;
  }

  const std::optional<Shape>& chunks() const noexcept { return chunks_; }
  const std::optional<Shape>& maxshape() const noexcept { return maxshape_; }
  int gzip_level() const noexcept { return gzip_; }  // -1: no compression
  bool shuffle() const noexcept { return shuffle_; }
  const std::optional<Datatype>& dtype() const noexcept { return dtype_; }
  bool track_order() const noexcept { return track_order_; }
  const std::vector<std::byte>& fill_bytes() const noexcept { return fill_bytes_; }
  const Datatype& fill_type() const noexcept { return fill_type_; }

 private:
  std::optional<Shape> chunks_, maxshape_;
  int gzip_ = -1;
  bool shuffle_ = false;
  bool track_order_ = false;
  std::optional<Datatype> dtype_;
  std::vector<std::byte> fill_bytes_;
  Datatype fill_type_;
};

// h5py's chunk guess: aim for chunks of roughly 16 KiB to 1 MiB, larger for larger datasets,
// halving the axes in turn; zero-extent axes count as 1024. Gives exactly h5py's chunk shapes.
Shape guess_chunk(const Shape& shape, const std::optional<Shape>& maxshape, std::size_t type_size);

}  // namespace h5kit
