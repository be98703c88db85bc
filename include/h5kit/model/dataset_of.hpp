#pragma once
// A dataset field of a model: an element type and a declared shape, fixed or with wildcard axes.
//
//     using CalibImage = h5kit::DatasetOf<std::int32_t, 3, 2>;        // exactly (3, 2)
//     using Trace      = h5kit::DatasetOf<float, h5kit::kAnyExtent>;  // any length
//     using Title      = h5kit::DatasetOf<std::string>;               // a scalar dataset
//
// A dataset model may have attribute fields of its own: derive from DatasetOf and describe the new
// members (not the base): struct Baseline : h5kit::DatasetOf<std::int32_t, 3, 5> { std::int64_t
// metadata = 0; }; BOOST_DESCRIBE_STRUCT(Baseline, (), (metadata)).
//
// A DatasetOf starts without data; dumping a model with a mandatory one still empty is an error
// (DumpOptions::partial allows it). Loaded lazily (LoadOptions::lazy), it keeps the dataset open and
// reads the values on first touch of values(); the file stays open as long as the field lives.
// Reading lazily is not synchronised: do not touch one lazy field from two threads at once.
#include <algorithm>
#include <array>
#include <cstdint>
#include <initializer_list>
#include <optional>
#include <type_traits>
#include <utility>

#include "h5kit/dataset.hpp"
#include "h5kit/model/schema.hpp"
#include "h5kit/ndarray.hpp"

namespace h5kit {

namespace detail {
struct DatasetFieldBase {};  // marks DatasetOf and the models derived from it
// InvalidArgumentError / IndexError-like errors of element access: a multi-index of the wrong rank
// or outside the shape.
std::size_t flat_index(const Shape& shape, std::initializer_list<std::size_t> index);
// InvalidArgumentError: a block that is not inside `shape`.
void check_block_inside(const Shape& shape, const Shape& offset, const Shape& count);
// ShapeMismatchError: `found` does not fit the declared extents.
void check_declared_shape(const std::int64_t* declared, std::size_t rank, const Shape& found, const char* operation);
// InvalidArgumentError: values() of a field that was never given data.
[[noreturn]] void throw_unset_dataset_field();
}  // namespace detail

template <class T, std::int64_t... Extents>
class DatasetOf : public detail::DatasetFieldBase {
 public:
  using value_type = T;
  static constexpr std::size_t rank = sizeof...(Extents);
  static constexpr std::array<std::int64_t, rank> extents{Extents...};
  static_assert(((Extents > 0 || Extents == kAnyExtent) && ...), "h5kit: extents are positive or kAnyExtent");

  DatasetOf() = default;
  DatasetOf(NDArray<T> values) { assign(std::move(values)); }  // NOLINT: implicit, like an assignment
  DatasetOf(const T& scalar) requires(rank == 0) { assign(NDArray<T>(Shape{}, scalar)); }
  DatasetOf(std::initializer_list<T> row) requires(rank == 1) {
    NDArray<T> a(Shape{row.size()});
    std::copy(row.begin(), row.end(), a.data());
    assign(std::move(a));
  }
  DatasetOf(std::initializer_list<std::initializer_list<T>> rows) requires(rank == 2) {
    const std::size_t columns = rows.size() == 0 ? 0 : rows.begin()->size();
    NDArray<T> a(Shape{rows.size(), columns});
    T* out = a.data();
    for (const auto& r : rows) {
      if (r.size() != columns) detail::throw_ragged(columns, r.size());
      out = std::copy(r.begin(), r.end(), out);
    }
    assign(std::move(a));
  }

  // Replaces the values; ShapeMismatchError when the shape does not fit the declared extents.
  void assign(NDArray<T> values) {
    detail::check_declared_shape(extents.data(), rank, values.shape(), "assign dataset field");
    data_ = std::move(values);
    source_ = Dataset();
  }
  void assign(std::initializer_list<T> row) requires(rank == 1) { *this = DatasetOf(row); }
  void assign(std::initializer_list<std::initializer_list<T>> rows) requires(rank == 2) { *this = DatasetOf(rows); }

  // The dataset part of a dataset model derived from DatasetOf, to assign its values:
  // `baseline.dataset() = {{1, 2}, {3, 4}};` or `trace.dataset() = array;` (a derived struct's own
  // assignment takes only its own type; `using DatasetOf<...>::operator=;` in it allows `trace = array`).
  DatasetOf& dataset() noexcept { return *this; }
  const DatasetOf& dataset() const noexcept { return *this; }

  // Element access (reads a lazy dataset first), bounds-checked: data(0, 1), data[{0, 1}].
  template <class... I>
    requires(sizeof...(I) == rank && rank > 0 && (std::is_integral_v<I> && ...))
  const T& operator()(I... index) const {
    return values()(index...);
  }
  template <class... I>
    requires(sizeof...(I) == rank && rank > 0 && (std::is_integral_v<I> && ...))
  T& operator()(I... index) {
    return values()(index...);
  }
  const T& operator[](std::initializer_list<std::size_t> index) const {
    const NDArray<T>& v = values();
    return v.data()[detail::flat_index(v.shape(), index)];
  }
  T& operator[](std::initializer_list<std::size_t> index) {
    NDArray<T>& v = values();
    return v.data()[detail::flat_index(v.shape(), index)];
  }
  // A read-only view of the values, for code that must not change them (reads a lazy dataset first).
  NDView<const T> view() const {
    const NDArray<T>& v = values();
    return NDView<const T>{v.data(), v.shape()};
  }

  // The block of `count` elements from `offset` into `out` (which keeps its storage when it has the
  // block's shape): from the file when loaded lazily and not read yet, so a big dataset is read a
  // block at a time (docs/models.md, "Big files"); else copied from the values.
  void read_block(const Shape& offset, const Shape& count, NDArray<T>& out) const {
    if (!data_ && source_.valid()) return source_.read_block(offset, count, out);
    const NDArray<T>& v = values();
    detail::check_block_inside(v.shape(), offset, count);
    if (out.shape() != count) out = NDArray<T>(count);
    const std::size_t n = out.size();
    Shape at(count.size(), 0);
    for (std::size_t k = 0; k < n; ++k) {
      std::size_t flat = 0;
      for (std::size_t a = 0; a < count.size(); ++a) flat = flat * v.shape()[a] + offset[a] + at[a];
      out.data()[k] = v.data()[flat];
      for (std::size_t a = count.size(); a-- > 0;) {
        if (++at[a] < count[a]) break;
        at[a] = 0;
      }
    }
  }
  NDArray<T> read_block(const Shape& offset, const Shape& count) const {
    NDArray<T> out;
    read_block(offset, count, out);
    return out;
  }

  // Given data, or loaded lazily and not read yet.
  bool has_value() const noexcept { return data_.has_value() || source_.valid(); }
  bool is_loaded() const noexcept { return data_.has_value(); }
  // The values, read from the file first when loaded lazily. InvalidArgumentError when unset.
  const NDArray<T>& values() const {
    if (!data_) load_now();
    return *data_;
  }
  NDArray<T>& values() {
    if (!data_) load_now();
    return *data_;
  }
  // The shape, without reading a lazy dataset's values.
  Shape shape() const {
    if (data_) return data_->shape();
    if (source_.valid()) return source_.shape();
    return {};
  }
  // The one value of a scalar dataset.
  const T& value() const requires(rank == 0) { return *values().data(); }
  // The open dataset behind a lazily loaded field (invalid otherwise).
  const Dataset& source() const noexcept { return source_; }
  // Forgets the data (the field becomes unset).
  void reset() noexcept {
    data_.reset();
    source_ = Dataset();
  }
  // Used by the loader: the values will come from `dataset` on first touch.
  void defer_to(Dataset dataset) {
    data_.reset();
    source_ = std::move(dataset);
  }

  friend bool operator==(const DatasetOf& a, const DatasetOf& b) {
    if (a.has_value() != b.has_value()) return false;
    return !a.has_value() || a.values() == b.values();
  }

 private:
  void load_now() const {
    if (!source_.valid()) detail::throw_unset_dataset_field();
    data_ = source_.read<NDArray<T>>();
  }
  mutable std::optional<NDArray<T>> data_;
  Dataset source_;
};

}  // namespace h5kit
