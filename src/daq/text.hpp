#pragma once
// UTF-8 code points for the Python repr writer, the literal parser and the pickle codec.
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace h5kit::daq::detail {

// The code points of valid UTF-8 (RFC 3629), or nullopt with the offset of the first bad byte.
std::optional<std::vector<char32_t>> decode_utf8(std::string_view text, std::size_t* bad_offset = nullptr);
void append_utf8(std::string& out, char32_t cp);
// True for the code points Python's str.isprintable() rejects (python_nonprintable.inc).
bool python_nonprintable(char32_t cp) noexcept;
// "'...'" shortened for messages (at most `limit` bytes of `text`).
std::string excerpt(std::string_view text, std::size_t limit = 80);

}  // namespace h5kit::daq::detail
