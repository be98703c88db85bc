#pragma once
// NDArray<T>: h5kit's own owning N-d array (shape + one contiguous row-major block), and
// NDView<T>: a non-owning view of a caller's buffer with a shape (raw pointer + shape I/O).
#include <algorithm>
#include <cstddef>
#include <initializer_list>
#include <memory>
#include <span>
#include <utility>

#include "h5kit/inspector.hpp"
#include "h5kit/shape.hpp"

namespace h5kit {

namespace detail {
[[noreturn]] void throw_index_out_of_range(std::size_t axis, std::size_t index, std::size_t extent);
[[noreturn]] void throw_view_shape(const Shape& view, const Shape& data);
[[noreturn]] void throw_reshape(const Shape& from, const Shape& to);
}  // namespace detail

template <class T>
class NDArray {
 public:
  using value_type = T;

  NDArray() = default;
  explicit NDArray(Shape shape, const T& fill = T{}) : shape_(std::move(shape)), size_(element_count(shape_)),
                                                      data_(new T[size_]) {
    std::fill_n(data_.get(), size_, fill);
  }
  NDArray(Shape shape, std::initializer_list<T> values) : NDArray(std::move(shape)) {
    if (values.size() != size_) detail::throw_reshape(Shape{values.size()}, shape_);
    std::copy(values.begin(), values.end(), data_.get());
  }
  // Storage for `shape` left as `new T[]` leaves it (indeterminate for numbers): for buffers that
  // are about to be overwritten, such as a read, where zero-filling 256 MiB first costs 20%.
  static NDArray uninitialized(Shape shape) { return NDArray(std::move(shape), Uninitialized{}); }

  NDArray(const NDArray& o) : shape_(o.shape_), size_(o.size_), data_(new T[o.size_]) {
    std::copy_n(o.data_.get(), size_, data_.get());
  }
  NDArray& operator=(const NDArray& o) {
    if (this != &o) *this = NDArray(o);
    return *this;
  }
  NDArray(NDArray&&) noexcept = default;
  NDArray& operator=(NDArray&&) noexcept = default;

  const Shape& shape() const noexcept { return shape_; }
  std::size_t rank() const noexcept { return shape_.size(); }
  std::size_t size() const noexcept { return size_; }
  T* data() noexcept { return data_.get(); }
  const T* data() const noexcept { return data_.get(); }
  T* begin() noexcept { return data(); }
  T* end() noexcept { return data() + size_; }
  const T* begin() const noexcept { return data(); }
  const T* end() const noexcept { return data() + size_; }

  // Element at a multi-index, bounds-checked: a(1, 2).
  template <class... I>
  T& operator()(I... index) { return data_[offset({static_cast<std::size_t>(index)...})]; }
  template <class... I>
  const T& operator()(I... index) const { return data_[offset({static_cast<std::size_t>(index)...})]; }

  // Same elements, new shape of the same size.
  void reshape(Shape shape) {
    if (element_count(shape) != size_) detail::throw_reshape(shape_, shape);
    shape_ = std::move(shape);
  }
  // New shape; contents are reset to T{}.
  void resize(Shape shape) { *this = NDArray(std::move(shape)); }

  friend bool operator==(const NDArray& a, const NDArray& b) {
    return a.shape_ == b.shape_ && std::equal(a.begin(), a.end(), b.begin());
  }

 private:
  struct Uninitialized {};
  NDArray(Shape shape, Uninitialized) : shape_(std::move(shape)), size_(element_count(shape_)), data_(new T[size_]) {}

  std::size_t offset(std::initializer_list<std::size_t> index) const {
    if (index.size() != shape_.size()) detail::throw_reshape(Shape{index.size()}, shape_);
    std::size_t flat = 0, axis = 0;
    for (std::size_t i : index) {
      if (i >= shape_[axis]) detail::throw_index_out_of_range(axis, i, shape_[axis]);
      flat = flat * shape_[axis] + i;
      ++axis;
    }
    return flat;
  }

  Shape shape_;
  std::size_t size_ = 0;
  std::unique_ptr<T[]> data_;
};

// A caller-owned buffer seen as an N-d array. Reading into a view checks the shape instead of resizing.
template <class T>
struct NDView {
  T* data = nullptr;
  Shape shape;
};

template <class T>
NDView<T> ndview(T* data, Shape shape) {
  return {data, std::move(shape)};
}

template <class T>
struct inspector<NDArray<T>> {
  using element = typename inspector<T>::element;
  static_assert(inspector<T>::rank == 0 && std::is_same_v<element, T>, "h5kit: NDArray elements must be scalars");
  static constexpr int rank = -1;
  static constexpr bool contiguous = true;
  static void shape(const NDArray<T>& a, Shape& s) { s.insert(s.end(), a.shape().begin(), a.shape().end()); }
  static void prepare_shape(NDArray<T>& a, const Shape& dims) {
    // The read overwrites every element. (A default NDArray has shape () but no storage yet.)
    if (a.shape() != dims || a.size() != element_count(dims)) a = NDArray<T>::uninitialized(dims);
  }
  static const element* data(const NDArray<T>& a) { return a.data(); }
  static element* data(NDArray<T>& a) { return a.data(); }
};

template <class T>
struct inspector<NDView<T>> {
  using element = std::remove_const_t<typename inspector<std::remove_const_t<T>>::element>;
  static_assert(inspector<std::remove_const_t<T>>::rank == 0, "h5kit: NDView elements must be scalars");
  static constexpr int rank = -1;
  static constexpr bool contiguous = true;
  static void shape(const NDView<T>& v, Shape& s) { s.insert(s.end(), v.shape.begin(), v.shape.end()); }
  static void prepare_shape(NDView<T>& v, const Shape& dims) {
    if (element_count(v.shape) != element_count(dims)) detail::throw_view_shape(v.shape, dims);
  }
  static const element* data(const NDView<T>& v) { return v.data; }
  static element* data(NDView<T>& v) requires(!std::is_const_v<T>) { return v.data; }
};

}  // namespace h5kit
