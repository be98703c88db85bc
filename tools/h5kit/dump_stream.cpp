#include "dump_stream.hpp"

#include <algorithm>
#include <span>
#include <string>

#include "walk.hpp"

namespace h5kit::cli {

namespace {

// Elements laid out row-major from `data`, as nested lists over `shape` (the elements themselves
// when `shape` is empty). A zero extent anywhere gives empty lists and reads no element.
void write_nested(JsonWriter& out, const ElementDecoder& decode, const std::byte* data,
                  std::span<const std::uint64_t> shape) {
  if (shape.empty()) {
    out.value(decode(data));
    return;
  }
  std::size_t stride = decode.element_size();
  for (const std::uint64_t extent : shape.subspan(1)) stride *= static_cast<std::size_t>(extent);
  out.begin_array();
  for (std::uint64_t i = 0; i < shape.front(); ++i) write_nested(out, decode, data + i * stride, shape.subspan(1));
  out.end_array();
}

std::uint64_t product(std::span<const std::uint64_t> extents) {
  std::uint64_t n = 1;
  for (const std::uint64_t extent : extents) n *= extent;
  return n;
}

}  // namespace

void write_value(JsonWriter& out, const RawData& raw, ReferenceResolver& references) {
  if (raw.is_empty()) {
    out.value(nullptr);
    return;
  }
  const ElementDecoder decode(raw.type(), references);
  write_nested(out, decode, raw.data(), raw.shape());
}

bool DatasetStream::needs_blocks(const Dataset& dataset, std::size_t block_bytes) {
  if (dataset.is_empty() || dataset.is_scalar()) return false;  // nothing, or one element: read whole
  // The stored size is a guide: the native type has the same size but for padding and long double.
  const std::optional<std::size_t> bytes = byte_count(dataset.shape(), dataset.dtype().size());
  return !bytes || *bytes > block_bytes;
}

DatasetStream::DatasetStream(Dataset dataset, std::size_t block_bytes, ReferenceResolver& references)
    : dataset_(std::move(dataset)), references_(references), shape_(dataset_.shape()) {
  native_ = dataset_.native_dtype();
  const std::uint64_t per_block = std::max<std::uint64_t>(1, block_bytes / std::max<std::size_t>(1, native_.size()));
  // The first axis whose trailing sub-array fits a block: rows of a (n, 3) dataset, parts of a row
  // of a (2, 10^9) one. The last axis always qualifies (its sub-array is one element).
  split_axis_ = shape_.size() - 1;
  for (std::size_t axis = 0; axis < shape_.size(); ++axis) {
    if (product(std::span(shape_).subspan(axis + 1)) <= per_block) {
      split_axis_ = axis;
      break;
    }
  }
  const std::uint64_t inner = product(std::span(shape_).subspan(split_axis_ + 1));
  rows_per_block_ = std::max<std::uint64_t>(1, std::min(shape_[split_axis_], per_block / std::max<std::uint64_t>(1, inner)));
}

RawData DatasetStream::read_block(const Shape& offset, std::uint64_t rows) {
  Shape count(shape_.size(), 1);  // one index on the axes before the split one
  count[split_axis_] = rows;
  std::copy(shape_.begin() + static_cast<std::ptrdiff_t>(split_axis_) + 1, shape_.end(),
            count.begin() + static_cast<std::ptrdiff_t>(split_axis_) + 1);
  try {
    RawData block = dataset_.read_native(offset, count);
    bytes_read_ += product(count) * native_.size();
    return block;
  } catch (const Error& e) {
    // The library's message names the file and the dataset; the block says which part is bad.
    throw_error(e.kind(), e.operation(), e.file(), e.object(),
                "block " + to_string(offset) + " + " + to_string(count) + ": " + e.detail(), e.hdf5_stack());
  }
}

void DatasetStream::read_first_block() {
  const Shape origin(shape_.size(), 0);
  first_.emplace(read_block(origin, std::min(rows_per_block_, shape_[split_axis_])));
}

bool DatasetStream::write(JsonWriter& out, const std::function<void(std::uint64_t)>& progress) {
  Shape offset(shape_.size(), 0);
  return write_axis(out, 0, offset, progress);
}

bool DatasetStream::write_axis(JsonWriter& out, std::size_t axis, Shape& offset,
                               const std::function<void(std::uint64_t)>& progress) {
  out.begin_array();
  if (axis < split_axis_) {
    for (std::uint64_t i = 0; i < shape_[axis]; ++i) {
      offset[axis] = i;
      if (!write_axis(out, axis + 1, offset, progress)) return false;
    }
    offset[axis] = 0;
  } else {
    const ElementDecoder decode(native_, references_);
    const std::span<const std::uint64_t> row_shape = std::span(shape_).subspan(split_axis_ + 1);
    const std::size_t row_bytes = static_cast<std::size_t>(product(row_shape)) * native_.size();
    for (std::uint64_t start = 0; start < shape_[axis]; start += rows_per_block_) {
      const std::uint64_t rows = std::min(rows_per_block_, shape_[axis] - start);
      offset[axis] = start;
      std::optional<RawData> block;
      if (first_) {
        block = std::move(first_);  // read ahead by read_first_block
        first_.reset();
      } else {
        try {
          block = read_block(offset, rows);
        } catch (const Error& e) {
          throw DataCutShort("cannot read " + dataset_.path() + ": " + one_line(e.what()) +
                             "; its data is cut short in the output, which stops there");
        }
      }
      for (std::uint64_t row = 0; row < rows; ++row)
        write_nested(out, decode, block->data() + row * row_bytes, row_shape);
      progress(bytes_read_);
      if (out.failed()) return false;
    }
    offset[axis] = 0;
  }
  out.end_array();
  return true;
}

}  // namespace h5kit::cli
