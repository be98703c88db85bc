#include "detail/utf8.hpp"

namespace h5kit::detail {

Utf8Step utf8_step(std::string_view text, std::size_t pos) noexcept {
  const auto* s = reinterpret_cast<const unsigned char*>(text.data());
  const std::size_t n = text.size();
  const unsigned char c = s[pos];
  if (c < 0x80) return {1, true};
  std::size_t len;
  unsigned char lo = 0x80, hi = 0xbf;  // allowed range of the second byte
  if (c >= 0xc2 && c <= 0xdf) len = 2;
  else if (c >= 0xe0 && c <= 0xef) {
    len = 3;
    if (c == 0xe0) lo = 0xa0;       // overlong
    else if (c == 0xed) hi = 0x9f;  // UTF-16 surrogates
  } else if (c >= 0xf0 && c <= 0xf4) {
    len = 4;
    if (c == 0xf0) lo = 0x90;       // overlong
    else if (c == 0xf4) hi = 0x8f;  // above U+10FFFF
  } else {
    return {1, false};  // a continuation byte, C0/C1 (always overlong) or F5..FF
  }
  // The bytes that could still begin a valid sequence form one ill-formed subpart when it breaks off.
  for (std::size_t k = 1; k < len; ++k) {
    if (pos + k >= n) return {k, false};
    const unsigned char b = s[pos + k];
    const bool fits = k == 1 ? (b >= lo && b <= hi) : (b & 0xc0) == 0x80;
    if (!fits) return {k, false};
  }
  return {len, true};
}

std::optional<std::size_t> first_invalid_utf8(std::string_view text) noexcept {
  for (std::size_t i = 0; i < text.size();) {
    const Utf8Step step = utf8_step(text, i);
    if (!step.valid) return i;
    i += step.length;
  }
  return std::nullopt;
}

}  // namespace h5kit::detail
