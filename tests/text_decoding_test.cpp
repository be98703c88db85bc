// decode_text: Python's bytes.decode(encoding, errors) for ASCII, UTF-8 and Latin-1 (the same cases
// against h5py's asstr() on the same bytes are in tests/interop/h5py_scalar_types_test.cpp).
#include "h5kit/text_decoding.hpp"

#include <string>

#include <gtest/gtest.h>

#include "h5kit/error.hpp"
#include "support/error_message.hpp"

namespace h5kit {
namespace {

using test::message_of;

const std::string kFffd = "\xef\xbf\xbd";  // U+FFFD REPLACEMENT CHARACTER in UTF-8

TEST(TextDecoding, ValidTextPassesThroughEveryEncodingThatHoldsIt) {
  EXPECT_EQ(decode_text("plain", {TextEncoding::ascii}), "plain");
  EXPECT_EQ(decode_text("\xc2\xb5m \xe6\xb8\xa9", {TextEncoding::utf8}), "\xc2\xb5m \xe6\xb8\xa9");
  EXPECT_EQ(decode_text("", {TextEncoding::ascii}), "");
}

TEST(TextDecoding, Latin1MapsEveryByteToItsCodePoint) {
  EXPECT_EQ(decode_text("caf\xe9", {TextEncoding::latin1}), "caf\xc3\xa9");
  EXPECT_EQ(decode_text("\xff\x80\x7f", {TextEncoding::latin1}), "\xc3\xbf\xc2\x80\x7f");
}

TEST(TextDecoding, ReplaceGivesOneReplacementPerMaximalIllFormedSubpart) {
  const TextDecoding replace{TextEncoding::utf8, DecodeErrors::replace};
  // A truncated three-byte sequence is one subpart; E0 80 is two (80 cannot follow E0).
  EXPECT_EQ(decode_text("\xe2\x82", replace), kFffd);
  EXPECT_EQ(decode_text("a\xff" "b\xe0\x80" "c", replace), "a" + kFffd + "b" + kFffd + kFffd + "c");
  // Surrogates (ED A0 80) and code points above U+10FFFF (F4 90 80 80) are not UTF-8.
  EXPECT_EQ(decode_text("\xed\xa0\x80", replace), kFffd + kFffd + kFffd);
  EXPECT_EQ(decode_text("\xf4\x90\x80\x80", replace), kFffd + kFffd + kFffd + kFffd);
  EXPECT_EQ(decode_text("x\xf0\x9f\x98", replace), "x" + kFffd);
  // ASCII replaces every high byte on its own.
  EXPECT_EQ(decode_text("\xc2\xb5", {TextEncoding::ascii, DecodeErrors::replace}), kFffd + kFffd);
}

TEST(TextDecoding, IgnoreDropsAndBackslashReplaceEscapes) {
  EXPECT_EQ(decode_text("a\xff" "b\xe0\x80" "c", {TextEncoding::utf8, DecodeErrors::ignore}), "abc");
  EXPECT_EQ(decode_text("caf\xe9", {TextEncoding::ascii, DecodeErrors::backslashreplace}), "caf\\xe9");
  EXPECT_EQ(decode_text("\xe2\x82!", {TextEncoding::utf8, DecodeErrors::backslashreplace}), "\\xe2\\x82!");
}

TEST(TextDecoding, StrictNamesTheByteAndItsOffset) {
  const std::string message = message_of<InvalidArgumentError>([] { decode_text("caf\xe9", {TextEncoding::ascii}); });
  EXPECT_NE(message.find("byte 0xe9 at offset 3 does not decode as ascii"), std::string::npos) << message;
  // Without a stored type to ask, `stored` means UTF-8.
  EXPECT_THROW(decode_text("\xe2\x82", {}), InvalidArgumentError);
  EXPECT_EQ(decode_text("\xc2\xb5", {}), "\xc2\xb5");
  EXPECT_EQ(to_string(TextEncoding::latin1), "latin-1");
}

}  // namespace
}  // namespace h5kit
