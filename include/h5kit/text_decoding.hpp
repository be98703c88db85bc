#pragma once
// Stored string bytes decoded into text with a chosen encoding and error policy (h5py's
// ds.asstr(encoding, errors) and Python's bytes.decode), for files whose strings are not what
// their character set says: Latin-1 names in an "ASCII" dataset, a truncated UTF-8 sequence.
//
//   NDArray<std::string> names = ds.asstr({TextEncoding::latin1})[{s(0, 10)}];   // dataset_text.hpp
//   std::string t = h5kit::decode_text(bytes, {TextEncoding::utf8, DecodeErrors::replace});
//
// The text is always UTF-8 in the std::string. Included by dataset.hpp.
#include <string>
#include <string_view>

namespace h5kit {

enum class TextEncoding {
  stored,  // the dataset's character set: ASCII or UTF-8 (h5py's default for asstr())
  ascii,
  utf8,
  latin1,  // ISO-8859-1: every byte is the code point of its value, so decoding never fails
};

// What a byte that does not decode becomes (Python's errors= names and behaviour).
enum class DecodeErrors {
  strict,            // an InvalidArgumentError naming the element, the byte and its offset
  replace,           // U+FFFD, once per maximal ill-formed subpart (as Python does)
  ignore,            // dropped
  backslashreplace,  // \xNN for each such byte: visible and unambiguous
};

struct TextDecoding {
  TextEncoding encoding = TextEncoding::stored;
  DecodeErrors errors = DecodeErrors::strict;
};

std::string_view to_string(TextEncoding encoding) noexcept;  // "ascii", "utf-8", "latin-1", "stored"

// `bytes` decoded as `how` says, into UTF-8. TextEncoding::stored is not meaningful here (there is
// no stored type) and is taken as UTF-8. Under DecodeErrors::strict a byte that does not decode is
// an InvalidArgumentError giving the byte and its offset.
std::string decode_text(std::string_view bytes, const TextDecoding& how);

}  // namespace h5kit
