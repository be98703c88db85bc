#pragma once
// RawData: the bytes of a dataset or attribute in their native memory type, for code that walks
// types it does not know at compile time (the CLI's dump, generic viewers).
#include <cstddef>
#include <vector>

#include "h5kit/datatype.hpp"
#include "h5kit/shape.hpp"

namespace h5kit {

class RawData {
 public:
  RawData(Datatype type, Shape shape, bool is_empty);
  RawData(RawData&&) noexcept;
  RawData& operator=(RawData&&) noexcept;
  RawData(const RawData&) = delete;
  RawData& operator=(const RawData&) = delete;
  ~RawData();  // frees the variable-length memory HDF5 allocated while reading

  const Datatype& type() const noexcept { return type_; }
  const Shape& shape() const noexcept { return shape_; }
  // True for a null dataspace (h5py's Empty): no shape, no data.
  bool is_empty() const noexcept { return empty_; }
  std::size_t count() const noexcept { return empty_ ? 0 : element_count(shape_); }
  const std::byte* data() const noexcept { return bytes_.data(); }
  std::byte* data() noexcept { return bytes_.data(); }

 private:
  void release() noexcept;
  Datatype type_;
  Shape shape_;
  bool empty_ = false;
  std::vector<std::byte> bytes_;
};

}  // namespace h5kit
