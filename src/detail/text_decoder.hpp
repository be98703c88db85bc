#pragma once
// The decoder behind decode_text and Dataset::asstr: stored bytes into UTF-8 text.
#include <cstddef>
#include <optional>
#include <string>
#include <string_view>

#include "h5kit/text_decoding.hpp"

namespace h5kit::detail {

// Appends `bytes` decoded as `encoding` (not TextEncoding::stored) to `out`. Under
// DecodeErrors::strict it stops at the first byte that does not decode and returns its offset.
std::optional<std::size_t> decode_into(std::string_view bytes, TextEncoding encoding, DecodeErrors errors,
                                       std::string& out);

// "byte 0xe9 at offset 3 does not decode as ascii": the strict failure, in words.
std::string undecodable(std::string_view bytes, std::size_t offset, TextEncoding encoding);

}  // namespace h5kit::detail
