#pragma once
// The values of a dump written element by element (issue 19, bug 3): a dataset is read a bounded
// block at a time and each block's elements go out before the next is read, so the memory a dump
// takes does not grow with what a file declares. A 12.5 KB file can declare 2^26 doubles (a chunked
// dataset never written); read whole and built into one JSON document, that cost 2.6 GB.
#include <cstdint>
#include <functional>
#include <optional>
#include <stdexcept>

#include <h5kit/h5kit.hpp>

#include "json_value.hpp"
#include "json_writer.hpp"

namespace h5kit::cli {

// `raw` (a value read whole: an attribute, a small dataset) as nested lists by its shape, a scalar
// as its element and a null dataspace as null: the text to_json(raw) would give, without building it.
void write_value(JsonWriter& out, const RawData& raw, ReferenceResolver& references);

// A block after the first failed: part of the dataset's data is already written, so the value can
// no longer become {"unreadable": true} and the output stops there. The message says where.
class DataCutShort : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

// The data of one dataset, read in blocks of at most `block_bytes` bytes in memory (at least one
// element): runs of whole rows along the first axis when a row fits, else along the first axis
// whose sub-array fits. Elements come out in row-major order as the nested lists of docs/cli.md.
class DatasetStream {
 public:
  DatasetStream(Dataset dataset, std::size_t block_bytes, ReferenceResolver& references);

  // Whether the data is more than one block; if not, read_native() reads it whole as before.
  static bool needs_blocks(const Dataset& dataset, std::size_t block_bytes);

  // Reads the first block. An h5kit::Error here (a missing filter, HDF5's time type) means nothing
  // of the data is written yet: the caller marks the value unreadable.
  void read_first_block();

  // Writes the data: the first block, then each next one as it is read. `progress` gets the bytes
  // read so far after each block. DataCutShort when a later block fails; returns false when the
  // output fails (the rest is not read: it could not be delivered).
  bool write(JsonWriter& out, const std::function<void(std::uint64_t)>& progress);

 private:
  bool write_axis(JsonWriter& out, std::size_t axis, Shape& offset, const std::function<void(std::uint64_t)>& progress);
  RawData read_block(const Shape& offset, std::uint64_t rows);

  Dataset dataset_;
  ReferenceResolver& references_;
  Datatype native_;
  Shape shape_;
  std::size_t split_axis_ = 0;       // blocks are runs along this axis, whole on the axes after it
  std::uint64_t rows_per_block_ = 1;  // along split_axis_
  std::uint64_t bytes_read_ = 0;
  std::optional<RawData> first_;
};

}  // namespace h5kit::cli
