#pragma once
// The element types of pymodaq arrays, with their numpy names (the `dtype` attribute) and the HDF5
// types PyTables stores them as (spec §6: little-endian IEEE/STD numbers, bool as H5T_STD_B8LE,
// complex as the compound {r, i}); and ArrayView, the typed, shaped, non-owning block of elements
// that creating and appending take.
#include <complex>
#include <cstddef>
#include <cstdint>
#include <span>
#include <string_view>
#include <type_traits>
#include <vector>

#include "h5kit/ndarray.hpp"
#include "h5kit/shape.hpp"

namespace h5kit::daq {

enum class ElementType { boolean, int8, int16, int32, int64, uint8, uint16, uint32, uint64, float32, float64,
                         complex64, complex128 };

// numpy's dtype.name: "bool", "int8", ..., "float64", "complex128".
std::string_view numpy_name(ElementType type) noexcept;
// The inverse (exact numpy names; "float" and "int" are accepted as numpy does, for float64/int64).
// InvalidArgumentError for anything else.
ElementType element_type_from_numpy(std::string_view name);
std::size_t element_size(ElementType type) noexcept;

template <class T>
constexpr ElementType element_type_of() {
  using U = std::remove_cv_t<T>;
  if constexpr (std::is_same_v<U, bool>) return ElementType::boolean;
  else if constexpr (std::is_same_v<U, std::complex<float>>) return ElementType::complex64;
  else if constexpr (std::is_same_v<U, std::complex<double>>) return ElementType::complex128;
  else if constexpr (std::is_same_v<U, float>) return ElementType::float32;
  else if constexpr (std::is_same_v<U, double>) return ElementType::float64;
  else if constexpr (std::is_integral_v<U> && std::is_signed_v<U> && sizeof(U) == 1) return ElementType::int8;
  else if constexpr (std::is_integral_v<U> && std::is_signed_v<U> && sizeof(U) == 2) return ElementType::int16;
  else if constexpr (std::is_integral_v<U> && std::is_signed_v<U> && sizeof(U) == 4) return ElementType::int32;
  else if constexpr (std::is_integral_v<U> && std::is_signed_v<U> && sizeof(U) == 8) return ElementType::int64;
  else if constexpr (std::is_integral_v<U> && sizeof(U) == 1) return ElementType::uint8;
  else if constexpr (std::is_integral_v<U> && sizeof(U) == 2) return ElementType::uint16;
  else if constexpr (std::is_integral_v<U> && sizeof(U) == 4) return ElementType::uint32;
  else if constexpr (std::is_integral_v<U> && sizeof(U) == 8) return ElementType::uint64;
  else static_assert(sizeof(U) == 0, "h5kit::daq: arrays hold bool, integers, float, double or std::complex");
}

// A block of elements in memory (row-major, native byte order) with its shape, as numpy arrays are
// passed to pymodaq. It does not own the elements.
struct ArrayView {
  const void* data = nullptr;
  Shape shape;
  ElementType type = ElementType::float64;
  std::size_t size() const noexcept { return element_count(shape); }
  std::size_t bytes() const noexcept { return size() * element_size(type); }
};

template <class T>
ArrayView array_view(const NDArray<T>& a) {
  return ArrayView{a.data(), a.shape(), element_type_of<T>()};
}
// A 1-D array of the vector's elements (std::vector<bool> is not contiguous: use NDArray<bool>).
template <class T>
  requires(!std::is_same_v<T, bool>)
ArrayView array_view(const std::vector<T>& v) {
  return ArrayView{v.data(), Shape{v.size()}, element_type_of<T>()};
}
namespace detail {
// ShapeMismatchError when a buffer of `given` elements cannot have `shape`.
void check_view_size(std::size_t given, const Shape& shape);
}  // namespace detail

// A caller's buffer seen with a shape (its size must be element_count(shape)).
template <class T>
ArrayView array_view(std::span<const T> data, Shape shape) {
  detail::check_view_size(data.size(), shape);
  return ArrayView{data.data(), std::move(shape), element_type_of<T>()};
}

}  // namespace h5kit::daq
