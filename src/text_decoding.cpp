// Decoding stored bytes into UTF-8 text with Python's encodings and error policies.
#include "h5kit/text_decoding.hpp"

#include <cstdio>

#include "detail/checked.hpp"
#include "detail/text_decoder.hpp"
#include "detail/utf8.hpp"

namespace h5kit {

namespace detail {

namespace {

void append_code_point(unsigned code, std::string& out) {  // below U+0800: all Latin-1 and U+FFFD needs
  if (code < 0x80) {
    out += static_cast<char>(code);
  } else if (code < 0x800) {
    out += static_cast<char>(0xc0 | (code >> 6));
    out += static_cast<char>(0x80 | (code & 0x3f));
  } else {
    out += static_cast<char>(0xe0 | (code >> 12));
    out += static_cast<char>(0x80 | ((code >> 6) & 0x3f));
    out += static_cast<char>(0x80 | (code & 0x3f));
  }
}

// What stands for bytes [pos, pos + length) that do not decode (not used under strict).
void substitute(std::string_view bytes, std::size_t pos, std::size_t length, DecodeErrors errors, std::string& out) {
  switch (errors) {
    case DecodeErrors::replace: append_code_point(0xfffd, out); return;
    case DecodeErrors::ignore: return;
    case DecodeErrors::backslashreplace:
      for (std::size_t k = 0; k < length; ++k) {
        char escaped[5];
        std::snprintf(escaped, sizeof escaped, "\\x%02x", static_cast<unsigned char>(bytes[pos + k]));
        out += escaped;
      }
      return;
    case DecodeErrors::strict: return;
  }
}

}  // namespace

std::optional<std::size_t> decode_into(std::string_view bytes, TextEncoding encoding, DecodeErrors errors,
                                       std::string& out) {
  out.reserve(out.size() + bytes.size());
  for (std::size_t i = 0; i < bytes.size();) {
    const auto byte = static_cast<unsigned char>(bytes[i]);
    if (encoding == TextEncoding::latin1) {
      append_code_point(byte, out);
      ++i;
      continue;
    }
    // ASCII: one byte at a time; UTF-8: a whole sequence, or its maximal ill-formed subpart.
    const Utf8Step step = encoding == TextEncoding::ascii ? Utf8Step{1, byte < 0x80} : utf8_step(bytes, i);
    if (step.valid) {
      out.append(bytes.substr(i, step.length));
    } else {
      if (errors == DecodeErrors::strict) return i;
      substitute(bytes, i, step.length, errors, out);
    }
    i += step.length;
  }
  return std::nullopt;
}

std::string undecodable(std::string_view bytes, std::size_t offset, TextEncoding encoding) {
  char byte[8];
  std::snprintf(byte, sizeof byte, "0x%02x", static_cast<unsigned char>(bytes[offset]));
  return "byte " + std::string(byte) + " at offset " + std::to_string(offset) + " does not decode as " +
         std::string(to_string(encoding)) + " (choose another encoding, or DecodeErrors::replace)";
}

}  // namespace detail

std::string_view to_string(TextEncoding encoding) noexcept {
  switch (encoding) {
    case TextEncoding::ascii: return "ascii";
    case TextEncoding::utf8: return "utf-8";
    case TextEncoding::latin1: return "latin-1";
    default: return "stored";
  }
}

std::string decode_text(std::string_view bytes, const TextDecoding& how) {
  const TextEncoding encoding = how.encoding == TextEncoding::stored ? TextEncoding::utf8 : how.encoding;
  std::string out;
  if (const auto bad = detail::decode_into(bytes, encoding, how.errors, out))
    detail::reject(ErrorKind::invalid_argument, "decode text", detail::Where{}, detail::undecodable(bytes, *bad, encoding));
  return out;
}

}  // namespace h5kit
