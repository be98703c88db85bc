#pragma once
// Text and bytes, kept apart as h5py keeps str and bytes apart.
//   std::string   text: written as variable-length UTF-8 (h5py str); must be valid UTF-8 when the
//                 stored type is UTF-8.
//   h5kit::Bytes  bytes: written as variable-length ASCII (h5py bytes); any byte values.
// Both read any string dataset (variable or fixed, ASCII or UTF-8) and both write into fixed-length
// types given with DatasetOptions::dtype(Datatype::fixed_string(n, charset)). See docs/types.md.
#include <compare>
#include <cstddef>
#include <string>
#include <string_view>
#include <utility>

#include "h5kit/datatype.hpp"
#include "h5kit/inspector.hpp"
#include "h5kit/shape.hpp"

namespace h5kit {

class Bytes {
 public:
  Bytes() = default;
  Bytes(std::string data) : data_(std::move(data)) {}
  Bytes(std::string_view data) : data_(data) {}
  Bytes(const char* data) : data_(data) {}

  const std::string& str() const noexcept { return data_; }
  std::string_view view() const noexcept { return data_; }
  const char* data() const noexcept { return data_.data(); }
  std::size_t size() const noexcept { return data_.size(); }
  bool empty() const noexcept { return data_.empty(); }

  friend bool operator==(const Bytes&, const Bytes&) = default;
  friend auto operator<=>(const Bytes&, const Bytes&) = default;

 private:
  std::string data_;
};

namespace detail {
struct IoTarget;
void write_bytes(const IoTarget& target, const Bytes* elements, const Shape& shape);
void read_bytes(const IoTarget& target, Bytes* out, std::size_t count);
}  // namespace detail

template <>
struct inspector<Bytes> : scalar_inspector<Bytes> {
  static Datatype datatype() { return Datatype::variable_string(CharSet::ascii); }
  static void write_elements(const detail::IoTarget& t, const Bytes* in, const Shape& shape) {
    detail::write_bytes(t, in, shape);
  }
  static void read_elements(const detail::IoTarget& t, Bytes* out, std::size_t n) { detail::read_bytes(t, out, n); }
};

}  // namespace h5kit
