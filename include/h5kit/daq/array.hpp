#pragma once
// daq::Array: one N-d block of numbers that keeps its numpy element type.
//
// pymodaq keeps numpy's dtype end to end (DATA1D = arange(10) is int64 on disk, a spectrum is float64),
// so the DAQ data model cannot be NDArray<double>: an Array is a shape plus a typed, row-major vector,
// tagged with the numpy dtype name it came from or goes to. bool is stored one byte per element
// (numpy's layout, HDF5 H5T_STD_B8LE on disk), never as std::vector<bool>.
#include <complex>
#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>
#include <variant>
#include <vector>

#include "h5kit/daq/element_type.hpp"
#include "h5kit/ndarray.hpp"
#include "h5kit/shape.hpp"

namespace h5kit::daq {

template <class T>
constexpr bool is_array_element_v =
    std::is_same_v<T, double> || std::is_same_v<T, float> || std::is_same_v<T, std::int64_t> ||
    std::is_same_v<T, std::int32_t> || std::is_same_v<T, std::int16_t> || std::is_same_v<T, std::int8_t> ||
    std::is_same_v<T, std::uint64_t> || std::is_same_v<T, std::uint32_t> || std::is_same_v<T, std::uint16_t> ||
    std::is_same_v<T, std::uint8_t> || std::is_same_v<T, bool> || std::is_same_v<T, std::complex<double>> ||
    std::is_same_v<T, std::complex<float>>;

class Array {
 public:
  // Storage: one vector per element type. bool data live in the uint8 vector (tag boolean).
  using Storage = std::variant<std::vector<double>, std::vector<float>, std::vector<std::int64_t>,
                               std::vector<std::int32_t>, std::vector<std::int16_t>, std::vector<std::int8_t>,
                               std::vector<std::uint64_t>, std::vector<std::uint32_t>,
                               std::vector<std::uint16_t>, std::vector<std::uint8_t>,
                               std::vector<std::complex<double>>, std::vector<std::complex<float>>>;

  // An empty float64 array of shape (0,).
  Array();
  // Zero-filled array of a type and shape (numpy.zeros).
  Array(ElementType dtype, Shape shape);
  // A copy of a block of elements in memory.
  explicit Array(const ArrayView& view);

  // From values in row-major order; ShapeMismatchError when their count does not fit the shape.
  template <class T>
  Array(Shape shape, const std::vector<T>& values) : Array(element_type_of<T>(), std::move(shape)) {
    check_count(values.size());
    if constexpr (std::is_same_v<T, bool>) {
      auto& v = std::get<std::vector<std::uint8_t>>(storage_);
      for (std::size_t i = 0; i < values.size(); ++i) v[i] = values[i] ? 1 : 0;
    } else {
      std::get<std::vector<T>>(storage_) = values;
    }
  }
  // A 1-D array of these values.
  template <class T>
  explicit Array(const std::vector<T>& values) : Array(Shape{values.size()}, values) {}
  template <class T>
  explicit Array(const NDArray<T>& a) : Array(a.shape(), std::vector<T>(a.begin(), a.end())) {}

  ElementType dtype() const noexcept { return dtype_; }
  // numpy's dtype.name: what the `dtype` attribute holds.
  std::string_view dtype_name() const noexcept { return numpy_name(dtype_); }
  const Shape& shape() const noexcept { return shape_; }
  std::size_t rank() const noexcept { return shape_.size(); }
  std::size_t size() const noexcept { return element_count(shape_); }

  // Raw row-major elements in native byte order (size() * element_size(dtype()) bytes): for HDF5 I/O.
  const void* data() const noexcept;
  void* data() noexcept;
  // The elements as the backend takes them (valid while this Array lives and is not resized).
  ArrayView view() const noexcept { return ArrayView{data(), shape_, dtype_}; }

  // The typed values; TypeMismatchError naming both types when T is not the stored type
  // (use values<std::uint8_t>() for bool arrays, which numpy stores one byte each).
  template <class T>
  const std::vector<T>& values() const {
    if (auto* v = std::get_if<std::vector<T>>(&storage_)) return *v;
    throw_wrong_type(numpy_name(element_type_of<T>()));
  }
  template <class T>
  std::vector<T>& values() {
    if (auto* v = std::get_if<std::vector<T>>(&storage_)) return *v;
    throw_wrong_type(numpy_name(element_type_of<T>()));
  }
  const Storage& storage() const noexcept { return storage_; }
  Storage& storage() noexcept { return storage_; }

  // Every element converted to double (bool -> 0/1); TypeMismatchError for complex arrays.
  std::vector<double> to_doubles() const;
  // One element as double, flat row-major index.
  double at(std::size_t flat) const;

  // Same elements, new shape of the same size (ShapeMismatchError otherwise).
  Array reshaped(Shape shape) const;
  // numpy.squeeze over the given axes (each of extent 1), then atleast_1d. InvalidArgumentError when an
  // axis is out of range or not of extent 1.
  Array squeezed(const std::vector<std::size_t>& axes) const;
  // The sub-array at a leading index: a[i] of shape shape()[1:] (InvalidArgumentError when out of range).
  Array slice0(std::size_t index) const;

  // Same dtype, same shape, same elements (NaN != NaN, as numpy's array_equal).
  friend bool operator==(const Array& a, const Array& b);
  // numpy.allclose (rtol 1e-5, atol 1e-8) with the same shape; complex compares real and imaginary parts.
  bool allclose(const Array& other, double rtol = 1e-5, double atol = 1e-8) const;

  // "int64 (5, 6)"
  std::string describe() const;

 private:
  void check_count(std::size_t n) const;
  [[noreturn]] void throw_wrong_type(std::string_view asked) const;

  ElementType dtype_ = ElementType::float64;
  Shape shape_{0};
  Storage storage_;
};

// a - b elementwise with numpy's result type for two arrays of one dtype (int64 - int64 is int64,
// uint wraps as numpy does); arrays of different dtypes give float64 (complex128 if either is complex).
// ShapeMismatchError when the shapes differ.
Array subtract(const Array& a, const Array& b);

}  // namespace h5kit::daq
