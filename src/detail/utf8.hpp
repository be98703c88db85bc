#pragma once
#include <cstddef>
#include <optional>
#include <string_view>

namespace h5kit::detail {

// One step of UTF-8 decoding at byte `pos` (< text.size()): a valid sequence's length, or the
// length of the maximal ill-formed subpart there (Unicode's "U+FFFD substitution of maximal
// subparts", which Python's decoder follows): the bytes one replacement character stands for.
struct Utf8Step {
  std::size_t length;
  bool valid;
};
Utf8Step utf8_step(std::string_view text, std::size_t pos) noexcept;

// The byte offset of the first byte that breaks UTF-8 (RFC 3629: no overlong forms, no surrogates,
// nothing above U+10FFFF), or nothing when `text` is valid.
std::optional<std::size_t> first_invalid_utf8(std::string_view text) noexcept;

}  // namespace h5kit::detail
