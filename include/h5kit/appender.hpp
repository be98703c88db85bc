#pragma once
// Buffered appends: many small rows into a dataset that grows along its first axis, written a block
// at a time (one resize and one write per block instead of per row: what an acquisition loop needs).
//
//   Dataset ds = f.create_dataset("log", Shape{0, 6}, dtype<double>(),
//                                 DatasetOptions{}.maxshape({unlimited, 6}).chunks({4096, 6}));
//   Appender<double> log(ds, 4096);               // buffers up to 4096 rows
//   log.append(std::span<const double>(row, 6));  // one row of row_size() values
//   log.close();                                  // writes what is buffered; errors are exceptions
//
// The rows are in the dataset after flush() (automatically when the buffer is full) and close().
// Under SWMR, readers see them after the dataset's flush() (H5Dflush); the DAQ layer's StreamWriter
// (daq/streaming.hpp) adds a flush policy on top. One Appender per dataset at a time: it appends at
// the extent it finds, so rows written around it by other means go before its next block.
#include <cstddef>
#include <cstdint>
#include <exception>
#include <span>
#include <type_traits>
#include <vector>

#include "h5kit/dataset.hpp"

namespace h5kit {

namespace detail {
// Checks that `dataset` grows along axis 0 (append_axis() == 0) and returns the elements per row
// (at least 1: rows of zero elements are refused).
std::size_t appender_row_size(const Dataset& dataset);
[[noreturn]] void reject_appender_row(const Dataset& dataset, std::size_t given, std::size_t row_size, bool whole_rows);
// The destructor cannot throw: it reports rows it could not write on stderr.
void report_appender_loss(const Dataset& dataset, std::size_t rows, const char* what) noexcept;
}  // namespace detail

template <class E>
class Appender {
  static_assert(!std::is_same_v<E, bool>,
                "h5kit::Appender<bool>: std::vector<bool> has no contiguous storage; append std::uint8_t (or h5kit's "
                "bool enum through Dataset::append) instead");

 public:
  // `buffer_rows` rows are kept in memory before they are written (at least 1).
  explicit Appender(Dataset dataset, std::size_t buffer_rows = 1024)
      : dataset_(std::move(dataset)),
        row_size_(detail::appender_row_size(dataset_)),
        buffer_rows_(buffer_rows == 0 ? 1 : buffer_rows) {
    buffer_.reserve(buffer_rows_ * row_size_);
  }
  Appender(const Appender&) = delete;
  Appender& operator=(const Appender&) = delete;
  Appender(Appender&&) noexcept = default;
  Appender& operator=(Appender&&) = delete;
  // Writes what is still buffered. An error here cannot be thrown: it is reported on stderr with the
  // number of rows lost. Call close() to get it as an exception instead.
  ~Appender() {
    if (buffer_.empty()) return;
    try {
      flush();
    } catch (const std::exception& e) {
      detail::report_appender_loss(dataset_, buffer_.size() / row_size_, e.what());
    }
  }

  // One element of a 1-D dataset (a row of one element).
  void append(const E& value) {
    if (row_size_ != 1) detail::reject_appender_row(dataset_, 1, row_size_, false);
    buffer_.push_back(value);
    if (buffer_.size() >= buffer_rows_) flush();
  }
  // One row of exactly row_size() elements.
  void append(std::span<const E> row) {
    if (row.size() != row_size_) detail::reject_appender_row(dataset_, row.size(), row_size_, false);
    buffer_.insert(buffer_.end(), row.begin(), row.end());
    if (buffer_.size() >= buffer_rows_ * row_size_) flush();
  }
  // Whole rows, one after another (a multiple of row_size() elements).
  void append_rows(std::span<const E> rows) {
    if (rows.size() % row_size_ != 0)
      detail::reject_appender_row(dataset_, rows.size(), row_size_, true);
    buffer_.insert(buffer_.end(), rows.begin(), rows.end());
    if (buffer_.size() >= buffer_rows_ * row_size_) flush();
  }

  // Writes the buffered rows as one block (Dataset::append). When it throws, the rows stay buffered.
  void flush() {
    if (buffer_.empty()) return;
    Shape block = dataset_.shape();
    block[0] = buffer_.size() / row_size_;
    dataset_.append(NDView<const E>{buffer_.data(), block}, 0);
    rows_written_ += block[0];
    buffer_.clear();
  }
  // flush(), for the end of a run: after it the destructor has nothing left to write.
  void close() { flush(); }

  const Dataset& dataset() const noexcept { return dataset_; }
  // Elements per row: the product of the dataset's axes after the first.
  std::size_t row_size() const noexcept { return row_size_; }
  std::size_t buffered_rows() const noexcept { return buffer_.size() / row_size_; }
  // Rows this Appender has written to the dataset so far.
  std::uint64_t rows_written() const noexcept { return rows_written_; }

 private:
  Dataset dataset_;
  std::size_t row_size_;
  std::size_t buffer_rows_;
  std::vector<E> buffer_;
  std::uint64_t rows_written_ = 0;
};

}  // namespace h5kit
