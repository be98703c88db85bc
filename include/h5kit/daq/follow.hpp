#pragma once
// Following a growing file (SWMR reading, docs/daq_streaming.md): what a StreamingWriter (or any
// SWMR writer: h5py, HDF5's C API) flushes, read while it writes.
//
//   daq::Follower f("run.h5");                        // opened with FileOptions::swmr
//   auto& data = f.follow("/RawData/Det/Data0D/CH00/EnlData00");
//   while (running) {
//     f.refresh();                                    // H5Drefresh on every followed array
//     NDArray<double> rows = data.new_rows<double>(); // the rows since the last look, maybe none
//   }
//
// rows() is the extent seen at the last refresh(): every row below it was completely written
// before the writer flushed it. With several arrays, Follower::rows() is the smallest extent, so
// a row index below it is present in all of them.
#include <chrono>
#include <cstddef>
#include <deque>
#include <string>
#include <string_view>

#include "h5kit/dataset.hpp"
#include "h5kit/file.hpp"
#include "h5kit/ndarray.hpp"

namespace h5kit::daq {

// One followed array (any dataset at least 1-D; axis 0 grows).
class FollowedArray {
 public:
  explicit FollowedArray(h5kit::Dataset dataset);
  const h5kit::Dataset& dataset() const noexcept { return dataset_; }
  std::string path() const { return dataset_.path(); }
  // Rereads the extent from the file; returns rows().
  std::size_t refresh();
  std::size_t rows() const noexcept { return rows_; }
  const Shape& row_shape() const noexcept { return row_shape_; }
  // Rows already handed out by new_rows().
  std::size_t seen() const noexcept { return seen_; }
  // Rows [first, first + count) as an array of shape (count,) + row_shape(); InvalidArgumentError
  // beyond rows().
  template <class T>
  NDArray<T> read_rows(std::size_t first, std::size_t count) const {
    check_range(first, count);
    Shape offset(row_shape_.size() + 1, 0), block = with_rows(count);
    offset[0] = first;
    if (count == 0) return NDArray<T>(block);
    return dataset_.read_block<NDArray<T>>(offset, block);
  }
  // The rows that arrived since the last call (up to `limit` rows; 0: all), as of the last refresh().
  template <class T>
  NDArray<T> new_rows(std::size_t limit = 0) {
    std::size_t count = rows_ - seen_;
    if (limit != 0 && count > limit) count = limit;
    NDArray<T> out = read_rows<T>(seen_, count);
    seen_ += count;
    return out;
  }

 private:
  void check_range(std::size_t first, std::size_t count) const;
  Shape with_rows(std::size_t count) const;
  h5kit::Dataset dataset_;
  Shape row_shape_;
  std::size_t rows_ = 0;
  std::size_t seen_ = 0;
};

class Follower {
 public:
  // Opens `path` for SWMR reading (FileError naming the file when it is not an HDF5 file or its
  // writer is not in SWMR mode).
  explicit Follower(const std::string& path);
  explicit Follower(h5kit::File file);
  // Starts following the dataset at `path` (NotFoundError / TypeMismatchError naming it). The
  // reference stays valid for the Follower's life.
  FollowedArray& follow(std::string_view path);
  // Refreshes every followed array; returns rows().
  std::size_t refresh();
  // The smallest extent among the followed arrays (0 when none is followed).
  std::size_t rows() const;
  // Refreshes every `interval` until rows() >= `rows` or `timeout` passed; returns rows().
  std::size_t wait_for(std::size_t rows, std::chrono::milliseconds timeout,
                       std::chrono::milliseconds interval = std::chrono::milliseconds(5));
  const h5kit::File& file() const noexcept { return file_; }

 private:
  h5kit::File file_;
  std::deque<FollowedArray> arrays_;  // a deque: references stay valid as arrays are added
};

}  // namespace h5kit::daq
