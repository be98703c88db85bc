// pickle.dumps(str) / pickle.loads for str pickles (spec §4).
#include "h5kit/daq/pickle.hpp"

#include <cstdio>
#include <string>

#include "daq/text.hpp"
#include "h5kit/error.hpp"

namespace h5kit::daq {

namespace {
// The opcodes of a pickled str (Lib/pickle.py's names).
constexpr std::uint8_t PROTO = 0x80, FRAME = 0x95, SHORT_BINUNICODE = 0x8C, BINUNICODE = 0x58,
                       BINUNICODE8 = 0x8D, MEMOIZE = 0x94, BINPUT = 0x71, LONG_BINPUT = 0x72, STOP = 0x2E;

void put_le(std::vector<std::uint8_t>& out, std::uint64_t v, int bytes) {
  for (int i = 0; i < bytes; ++i) out.push_back(static_cast<std::uint8_t>(v >> (8 * i)));
}

[[noreturn]] void bad_pickle(const std::string& why, std::size_t offset) {
  throw_error(ErrorKind::invalid_argument, "unpickle string", "", "",
              "not a pickled str: " + why + " at byte " + std::to_string(offset));
}
}  // namespace

std::vector<std::uint8_t> pickle_string(std::string_view utf8) {
  std::size_t bad = 0;
  if (!detail::decode_utf8(utf8, &bad))
    throw_error(ErrorKind::invalid_argument, "pickle string", "", "",
                "the text is not valid UTF-8 (byte " + std::to_string(bad) + " of " + detail::excerpt(utf8) + ")");
  const std::uint64_t n = utf8.size();
  std::vector<std::uint8_t> out{PROTO, 4};
  out.reserve(n + 20);
  if (n < 256) {
    out.push_back(FRAME);
    put_le(out, n + 4, 8);  // SHORT_BINUNICODE, its length byte, MEMOIZE, STOP
    out.push_back(SHORT_BINUNICODE);
    out.push_back(static_cast<std::uint8_t>(n));
  } else if (n < 65536) {
    out.push_back(FRAME);
    put_le(out, n + 7, 8);
    out.push_back(BINUNICODE);
    put_le(out, n, 4);
  } else {
    // CPython frames only below its 64 KiB frame target; a larger str is written unframed.
    if (n > 0xFFFFFFFFull) {
      out.push_back(BINUNICODE8);
      put_le(out, n, 8);
    } else {
      out.push_back(BINUNICODE);
      put_le(out, n, 4);
    }
  }
  out.insert(out.end(), utf8.begin(), utf8.end());
  out.push_back(MEMOIZE);
  out.push_back(STOP);
  return out;
}

std::string unpickle_string(std::span<const std::uint8_t> bytes) {
  std::size_t i = 0;
  const std::size_t n = bytes.size();
  const auto need = [&](std::size_t count, const char* what) {
    if (n - i < count) bad_pickle(std::string("truncated ") + what, i);
  };
  const auto le = [&](int count) {
    std::uint64_t v = 0;
    for (int k = 0; k < count; ++k) v |= static_cast<std::uint64_t>(bytes[i + static_cast<std::size_t>(k)]) << (8 * k);
    i += static_cast<std::size_t>(count);
    return v;
  };
  std::optional<std::string> value;
  if (n == 0) bad_pickle("the row is empty", 0);
  while (true) {
    if (i >= n) bad_pickle("no STOP opcode", i);
    const std::size_t at = i;
    const std::uint8_t op = bytes[i++];
    switch (op) {
      case PROTO: {
        need(1, "PROTO");
        const unsigned proto = bytes[i++];
        if (at != 0) bad_pickle("PROTO after the start", at);
        if (proto < 2 || proto > 5) bad_pickle("protocol " + std::to_string(proto) + " (2 to 5 are read)", at);
        break;
      }
      case FRAME: {
        need(8, "FRAME");
        const std::uint64_t len = le(8);
        if (len > n - i) bad_pickle("a frame longer than the row", at);
        break;
      }
      case SHORT_BINUNICODE:
      case BINUNICODE:
      case BINUNICODE8: {
        if (value) bad_pickle("more than one object", at);
        const int width = op == SHORT_BINUNICODE ? 1 : op == BINUNICODE ? 4 : 8;
        need(static_cast<std::size_t>(width), "string length");
        const std::uint64_t len = le(width);
        if (len > n - i) bad_pickle("a string longer than the row", at);
        std::string text(reinterpret_cast<const char*>(bytes.data() + i), static_cast<std::size_t>(len));
        std::size_t bad = 0;
        if (!detail::decode_utf8(text, &bad)) bad_pickle("invalid UTF-8 in the string", i + bad);
        i += static_cast<std::size_t>(len);
        value = std::move(text);
        break;
      }
      case MEMOIZE: break;
      case BINPUT: need(1, "BINPUT"); ++i; break;
      case LONG_BINPUT: need(4, "LONG_BINPUT"); i += 4; break;
      case STOP:
        if (!value) bad_pickle("STOP before any string", at);
        if (i != n) bad_pickle(std::to_string(n - i) + " bytes after STOP", i);
        return std::move(*value);
      default: {
        char hex[8];
        std::snprintf(hex, sizeof hex, "0x%02X", static_cast<unsigned>(op));
        bad_pickle(std::string("opcode ") + hex + " (a pickled str uses PROTO, FRAME, SHORT_BINUNICODE, BINUNICODE, "
                                                 "BINUNICODE8, MEMOIZE, BINPUT, STOP)",
                   at);
      }
    }
  }
}

}  // namespace h5kit::daq
