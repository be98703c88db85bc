#include "daq/text.hpp"

#include <algorithm>
#include <array>
#include <utility>

namespace h5kit::daq::detail {

namespace {
struct Range {
  char32_t first, last;
};
constexpr Range kNonprintable[] = {
#include "daq/python_nonprintable.inc"
};
}  // namespace

std::optional<std::vector<char32_t>> decode_utf8(std::string_view text, std::size_t* bad_offset) {
  std::vector<char32_t> out;
  out.reserve(text.size());
  std::size_t i = 0;
  const auto fail = [&](std::size_t at) -> std::optional<std::vector<char32_t>> {
    if (bad_offset) *bad_offset = at;
    return std::nullopt;
  };
  while (i < text.size()) {
    const auto b0 = static_cast<unsigned char>(text[i]);
    if (b0 < 0x80) {
      out.push_back(b0);
      ++i;
      continue;
    }
    std::size_t len = 0;
    char32_t cp = 0, min = 0;
    if ((b0 & 0xE0) == 0xC0) { len = 2; cp = b0 & 0x1F; min = 0x80; }
    else if ((b0 & 0xF0) == 0xE0) { len = 3; cp = b0 & 0x0F; min = 0x800; }
    else if ((b0 & 0xF8) == 0xF0) { len = 4; cp = b0 & 0x07; min = 0x10000; }
    else return fail(i);
    if (i + len > text.size()) return fail(i);
    for (std::size_t k = 1; k < len; ++k) {
      const auto b = static_cast<unsigned char>(text[i + k]);
      if ((b & 0xC0) != 0x80) return fail(i);
      cp = (cp << 6) | (b & 0x3F);
    }
    if (cp < min || cp > 0x10FFFF || (cp >= 0xD800 && cp <= 0xDFFF)) return fail(i);
    out.push_back(cp);
    i += len;
  }
  return out;
}

void append_utf8(std::string& out, char32_t cp) {
  if (cp < 0x80) {
    out += static_cast<char>(cp);
  } else if (cp < 0x800) {
    out += static_cast<char>(0xC0 | (cp >> 6));
    out += static_cast<char>(0x80 | (cp & 0x3F));
  } else if (cp < 0x10000) {
    out += static_cast<char>(0xE0 | (cp >> 12));
    out += static_cast<char>(0x80 | ((cp >> 6) & 0x3F));
    out += static_cast<char>(0x80 | (cp & 0x3F));
  } else {
    out += static_cast<char>(0xF0 | (cp >> 18));
    out += static_cast<char>(0x80 | ((cp >> 12) & 0x3F));
    out += static_cast<char>(0x80 | ((cp >> 6) & 0x3F));
    out += static_cast<char>(0x80 | (cp & 0x3F));
  }
}

bool python_nonprintable(char32_t cp) noexcept {
  // The ranges are sorted and disjoint: the last range starting at or before cp decides.
  const auto* end = std::end(kNonprintable);
  const auto* it = std::upper_bound(std::begin(kNonprintable), end, cp,
                                    [](char32_t c, const Range& r) { return c < r.first; });
  if (it == std::begin(kNonprintable)) return false;
  --it;
  return cp <= it->last;
}

std::string excerpt(std::string_view text, std::size_t limit) {
  if (text.size() <= limit) return "'" + std::string(text) + "'";
  return "'" + std::string(text.substr(0, limit)) + "...' (" + std::to_string(text.size()) + " bytes)";
}

}  // namespace h5kit::daq::detail
