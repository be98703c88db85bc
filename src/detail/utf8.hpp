#pragma once
#include <cstddef>
#include <optional>
#include <string_view>

namespace h5kit::detail {

// The byte offset of the first byte that breaks UTF-8 (RFC 3629: no overlong forms, no surrogates,
// nothing above U+10FFFF), or nothing when `text` is valid.
std::optional<std::size_t> first_invalid_utf8(std::string_view text) noexcept;

}  // namespace h5kit::detail
