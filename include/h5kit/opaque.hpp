#pragma once
// Opaque values: bytes HDF5 stores without interpreting, labelled by the type's tag.
//   h5kit::Opaque                 one value of any opaque type, sized at run time; the tag lives in
//                                 the dataset's type (Dataset::dtype().tag()). Writing needs the type:
//                                 DatasetOptions{}.dtype(Datatype::opaque(size, tag)).
//   h5kit::TaggedOpaque<N, "tag"> a fixed-size value whose type is known at compile time; reading a
//                                 dataset of another tag or size is a TypeMismatchError naming both.
#include <algorithm>
#include <array>
#include <cstddef>
#include <string_view>
#include <vector>

#include "h5kit/datatype.hpp"
#include "h5kit/inspector.hpp"
#include "h5kit/shape.hpp"

namespace h5kit {

class Opaque {
 public:
  Opaque() = default;
  explicit Opaque(std::vector<std::byte> bytes) : bytes_(std::move(bytes)) {}
  Opaque(const void* data, std::size_t size)
      : bytes_(static_cast<const std::byte*>(data), static_cast<const std::byte*>(data) + size) {}

  const std::vector<std::byte>& bytes() const noexcept { return bytes_; }
  const std::byte* data() const noexcept { return bytes_.data(); }
  std::size_t size() const noexcept { return bytes_.size(); }

  friend bool operator==(const Opaque&, const Opaque&) = default;

 private:
  std::vector<std::byte> bytes_;
};

// A tag as a template argument: TaggedOpaque<16, "uuid">.
template <std::size_t N>
struct OpaqueTag {
  constexpr OpaqueTag(const char (&text)[N]) { std::copy_n(text, N, chars); }
  constexpr std::string_view view() const { return {chars, N - 1}; }
  char chars[N];
};

template <std::size_t Size, OpaqueTag Tag>
struct TaggedOpaque {
  static constexpr std::size_t size = Size;
  static constexpr std::string_view tag() { return Tag.view(); }
  std::array<std::byte, Size> bytes{};
  friend bool operator==(const TaggedOpaque&, const TaggedOpaque&) = default;
};

namespace detail {
struct IoTarget;
void write_opaque(const IoTarget& target, const Opaque* elements, const Shape& shape);
void read_opaque(const IoTarget& target, Opaque* out, std::size_t count);
[[noreturn]] void throw_opaque_needs_type();
}  // namespace detail

template <>
struct inspector<Opaque> : scalar_inspector<Opaque> {
  // Opaque has no type of its own: a dataset or attribute of Opaque values needs one given
  // explicitly; this throws InvalidArgumentError saying so.
  static Datatype datatype() { detail::throw_opaque_needs_type(); }
  static void write_elements(const detail::IoTarget& t, const Opaque* in, const Shape& shape) {
    detail::write_opaque(t, in, shape);
  }
  static void read_elements(const detail::IoTarget& t, Opaque* out, std::size_t n) { detail::read_opaque(t, out, n); }
};

template <std::size_t Size, OpaqueTag Tag>
struct inspector<TaggedOpaque<Size, Tag>> : scalar_inspector<TaggedOpaque<Size, Tag>> {
  static_assert(sizeof(TaggedOpaque<Size, Tag>) == Size);
  static Datatype datatype() { return Datatype::opaque(Size, Tag.view()); }
};

}  // namespace h5kit
