#pragma once
// The bytes of Python's pickle.dumps(str) (spec §4): what a pymodaq StringARRAY row holds.
#include <cstdint>
#include <span>
#include <string>
#include <string_view>
#include <vector>

namespace h5kit::daq {

// pickle.dumps(text) with CPython's default protocol 4, byte for byte: a frame for UTF-8 lengths
// below 65536 (SHORT_BINUNICODE below 256, BINUNICODE above), none from 65536 on; then MEMOIZE, STOP.
// `utf8` must be valid UTF-8 (InvalidArgumentError otherwise, as Python could not hold it in a str).
std::vector<std::uint8_t> pickle_string(std::string_view utf8);

// pickle.loads of a pickled str of protocol 2 to 5 (PROTO, FRAME, SHORT_BINUNICODE, BINUNICODE,
// BINUNICODE8, MEMOIZE, BINPUT, LONG_BINPUT, STOP). Anything else (another opcode, a truncated
// stream, bytes after STOP, invalid UTF-8) is an InvalidArgumentError saying what and where.
std::string unpickle_string(std::span<const std::uint8_t> bytes);

}  // namespace h5kit::daq
