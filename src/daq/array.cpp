#include "h5kit/daq/array.hpp"

#include <cmath>
#include <cstring>

#include "h5kit/error.hpp"

namespace h5kit::daq {

namespace {

Array::Storage make_storage(ElementType t, std::size_t n) {
  switch (t) {
    case ElementType::float64: return std::vector<double>(n);
    case ElementType::float32: return std::vector<float>(n);
    case ElementType::int64: return std::vector<std::int64_t>(n);
    case ElementType::int32: return std::vector<std::int32_t>(n);
    case ElementType::int16: return std::vector<std::int16_t>(n);
    case ElementType::int8: return std::vector<std::int8_t>(n);
    case ElementType::uint64: return std::vector<std::uint64_t>(n);
    case ElementType::uint32: return std::vector<std::uint32_t>(n);
    case ElementType::uint16: return std::vector<std::uint16_t>(n);
    case ElementType::uint8:
    case ElementType::boolean: return std::vector<std::uint8_t>(n);
    case ElementType::complex128: return std::vector<std::complex<double>>(n);
    case ElementType::complex64: return std::vector<std::complex<float>>(n);
  }
  return std::vector<double>(n);
}

bool is_complex(ElementType t) { return t == ElementType::complex128 || t == ElementType::complex64; }

template <class T>
constexpr bool is_complex_v = std::is_same_v<T, std::complex<double>> || std::is_same_v<T, std::complex<float>>;

}  // namespace

Array::Array() : storage_(std::vector<double>{}) {}

Array::Array(ElementType dtype, Shape shape)
    : dtype_(dtype), shape_(std::move(shape)), storage_(make_storage(dtype, element_count(shape_))) {}

Array::Array(const ArrayView& view) : Array(view.type, view.shape) {
  if (view.size() != 0 && view.data == nullptr)
    throw InvalidArgumentError(ErrorKind::invalid_argument, "daq array", "", "",
                               "an array view of shape " + to_string(view.shape) + " has no data");
  if (view.size() != 0) std::memcpy(data(), view.data, view.bytes());
}

void Array::check_count(std::size_t n) const {
  if (n != size())
    throw ShapeMismatchError(ErrorKind::shape_mismatch, "daq array", "", "",
                             std::to_string(n) + " values do not fill the shape " + to_string(shape_) + " (" +
                                 std::to_string(size()) + " elements)");
}

void Array::throw_wrong_type(std::string_view asked) const {
  throw TypeMismatchError(ErrorKind::type_mismatch, "daq array values", "", "",
                          "asked for " + std::string(asked) + " values of a " + describe() + " array");
}

const void* Array::data() const noexcept {
  return std::visit([](const auto& v) -> const void* { return v.data(); }, storage_);
}
void* Array::data() noexcept {
  return std::visit([](auto& v) -> void* { return v.data(); }, storage_);
}

std::vector<double> Array::to_doubles() const {
  if (is_complex(dtype_))
    throw TypeMismatchError(ErrorKind::type_mismatch, "daq array as float64", "", "",
                            "a " + describe() + " array has no real-valued view");
  return std::visit(
      [](const auto& v) {
        using T = typename std::decay_t<decltype(v)>::value_type;
        std::vector<double> out(v.size());
        if constexpr (!is_complex_v<T>)
          for (std::size_t i = 0; i < v.size(); ++i) out[i] = static_cast<double>(v[i]);
        return out;
      },
      storage_);
}

double Array::at(std::size_t flat) const {
  if (flat >= size())
    throw InvalidArgumentError(ErrorKind::invalid_argument, "daq array element", "", "",
                               "index " + std::to_string(flat) + " is past the " + std::to_string(size()) +
                                   " elements of a " + describe() + " array");
  return std::visit(
      [&](const auto& v) -> double {
        using T = typename std::decay_t<decltype(v)>::value_type;
        if constexpr (is_complex_v<T>) return static_cast<double>(v[flat].real());
        else return static_cast<double>(v[flat]);
      },
      storage_);
}

Array Array::reshaped(Shape shape) const {
  if (element_count(shape) != size())
    throw ShapeMismatchError(ErrorKind::shape_mismatch, "daq array reshape", "", "",
                             "cannot reshape " + describe() + " to " + to_string(shape));
  Array out = *this;
  out.shape_ = std::move(shape);
  return out;
}

Array Array::squeezed(const std::vector<std::size_t>& axes) const {
  Shape kept;
  for (std::size_t i = 0; i < shape_.size(); ++i) {
    bool drop = false;
    for (std::size_t a : axes) drop = drop || a == i;
    if (!drop) kept.push_back(shape_[i]);
  }
  for (std::size_t a : axes)
    if (a >= shape_.size() || shape_[a] != 1)
      throw InvalidArgumentError(ErrorKind::invalid_argument, "daq array squeeze", "", "",
                                 "axis " + std::to_string(a) + " of a " + describe() + " array is not of extent 1");
  if (kept.empty()) kept.push_back(1);  // numpy.atleast_1d
  return reshaped(kept);
}

Array Array::slice0(std::size_t index) const {
  if (shape_.empty() || index >= shape_[0])
    throw InvalidArgumentError(ErrorKind::invalid_argument, "daq array index", "", "",
                               "index " + std::to_string(index) + " is out of range for the first axis of a " +
                                   describe() + " array");
  Shape sub(shape_.begin() + 1, shape_.end());
  if (sub.empty()) sub.push_back(1);
  const std::size_t n = element_count(Shape(shape_.begin() + 1, shape_.end()));
  Array out(dtype_, sub);
  std::memcpy(out.data(), static_cast<const unsigned char*>(data()) + index * n * element_size(dtype_),
              n * element_size(dtype_));
  return out;
}

bool operator==(const Array& a, const Array& b) {
  return a.dtype_ == b.dtype_ && a.shape_ == b.shape_ && a.storage_ == b.storage_;
}

bool Array::allclose(const Array& other, double rtol, double atol) const {
  if (shape_ != other.shape_) return false;
  auto close = [&](double x, double y) {
    if (std::isnan(x) || std::isnan(y)) return false;
    if (std::isinf(x) || std::isinf(y)) return x == y;
    return std::fabs(x - y) <= atol + rtol * std::fabs(y);
  };
  if (is_complex(dtype_) || is_complex(other.dtype_)) {
    auto parts = [](const Array& a) {
      std::vector<std::complex<double>> out(a.size());
      std::visit(
          [&](const auto& v) {
            for (std::size_t i = 0; i < v.size(); ++i) {
              using T = typename std::decay_t<decltype(v)>::value_type;
              if constexpr (is_complex_v<T>) out[i] = {double(v[i].real()), double(v[i].imag())};
              else out[i] = {static_cast<double>(v[i]), 0.0};
            }
          },
          a.storage_);
      return out;
    };
    auto x = parts(*this), y = parts(other);
    for (std::size_t i = 0; i < x.size(); ++i)
      if (!close(x[i].real(), y[i].real()) || !close(x[i].imag(), y[i].imag())) return false;
    return true;
  }
  auto x = to_doubles(), y = other.to_doubles();
  for (std::size_t i = 0; i < x.size(); ++i)
    if (!close(x[i], y[i])) return false;
  return true;
}

std::string Array::describe() const { return std::string(dtype_name()) + " " + to_string(shape_); }

Array subtract(const Array& a, const Array& b) {
  if (a.shape() != b.shape())
    throw ShapeMismatchError(ErrorKind::shape_mismatch, "daq subtract", "", "",
                             "cannot subtract a " + b.describe() + " array from a " + a.describe() + " array");
  if (a.dtype() == b.dtype() && a.dtype() != ElementType::boolean) {
    Array out = a;
    std::visit(
        [&](auto& v) {
          using T = typename std::decay_t<decltype(v)>::value_type;
          const auto& w = b.values<T>();
          for (std::size_t i = 0; i < v.size(); ++i) {
            if constexpr (std::is_integral_v<T>)
              // numpy wraps on overflow; do it in unsigned arithmetic so C++ has no UB.
              v[i] = static_cast<T>(static_cast<std::make_unsigned_t<T>>(v[i]) -
                                    static_cast<std::make_unsigned_t<T>>(w[i]));
            else
              v[i] = v[i] - w[i];
          }
        },
        out.storage());
    return out;
  }
  if (is_complex(a.dtype()) || is_complex(b.dtype())) {
    Array out(ElementType::complex128, a.shape());
    auto& o = out.values<std::complex<double>>();
    auto part = [](const Array& x, std::size_t i) -> std::complex<double> {
      return std::visit(
          [&](const auto& v) -> std::complex<double> {
            using T = typename std::decay_t<decltype(v)>::value_type;
            if constexpr (is_complex_v<T>) return {double(v[i].real()), double(v[i].imag())};
            else return {static_cast<double>(v[i]), 0.0};
          },
          x.storage());
    };
    for (std::size_t i = 0; i < o.size(); ++i) o[i] = part(a, i) - part(b, i);
    return out;
  }
  auto x = a.to_doubles(), y = b.to_doubles();
  for (std::size_t i = 0; i < x.size(); ++i) x[i] -= y[i];
  return Array(a.shape(), x);
}

}  // namespace h5kit::daq
