// pickle.dumps(str) with protocol 4 byte for byte, and pickle.loads of str pickles of protocols 2-5
// (spec §4). Real Python's pickles of every protocol are read in tests/interop/pytables_daq_backend_test.cpp.
#include <cstdint>
#include <string>
#include <vector>

#include <gtest/gtest.h>

#include "h5kit/daq/pickle.hpp"
#include "h5kit/error.hpp"

namespace h5kit::test {
namespace {

using namespace h5kit::daq;
using Bytes = std::vector<std::uint8_t>;

Bytes le(std::uint64_t v, int n) {
  Bytes out;
  for (int i = 0; i < n; ++i) out.push_back(static_cast<std::uint8_t>(v >> (8 * i)));
  return out;
}

Bytes cat(std::initializer_list<Bytes> parts) {
  Bytes out;
  for (const Bytes& p : parts) out.insert(out.end(), p.begin(), p.end());
  return out;
}

Bytes text_bytes(const std::string& s) { return Bytes(s.begin(), s.end()); }

TEST(daq_pickle, TheSpecExample) {
  const Bytes expected = {0x80, 0x04, 0x95, 0x08, 0, 0, 0, 0, 0, 0, 0, 0x8C, 0x04, 0x54, 0x68, 0x69, 0x73, 0x94, 0x2E};
  EXPECT_EQ(pickle_string("This"), expected);
}

TEST(daq_pickle, ShortStringsUnder256Bytes) {
  // 80 04 95 <u64le n+4> 8C <u8 n> <utf8> 94 2E
  for (const std::size_t n : {std::size_t{0}, std::size_t{1}, std::size_t{255}}) {
    const std::string s(n, 'x');
    const Bytes expected = cat({{0x80, 0x04, 0x95}, le(n + 4, 8), {0x8C, static_cast<std::uint8_t>(n)}, text_bytes(s), {0x94, 0x2E}});
    EXPECT_EQ(pickle_string(s), expected) << n;
    EXPECT_EQ(unpickle_string(expected), s) << n;
  }
  // The length is the UTF-8 length: 'µ' is two bytes.
  const Bytes mu = pickle_string("\xc2\xb5m");
  EXPECT_EQ(mu[11], 0x8C);
  EXPECT_EQ(mu[12], 3);
  EXPECT_EQ(mu[3], 7);
}

TEST(daq_pickle, MediumStringsFrom256To65535Bytes) {
  // 80 04 95 <u64le n+7> 58 <u32le n> <utf8> 94 2E
  for (const std::size_t n : {std::size_t{256}, std::size_t{1000}, std::size_t{65535}}) {
    const std::string s(n, 'y');
    const Bytes expected = cat({{0x80, 0x04, 0x95}, le(n + 7, 8), {0x58}, le(n, 4), text_bytes(s), {0x94, 0x2E}});
    EXPECT_EQ(pickle_string(s), expected) << n;
    EXPECT_EQ(unpickle_string(expected), s) << n;
  }
}

TEST(daq_pickle, LongStringsFrom65536BytesHaveNoFrame) {
  // 80 04 58 <u32le n> <utf8> 94 2E
  for (const std::size_t n : {std::size_t{65536}, std::size_t{200000}}) {
    const std::string s(n, 'z');
    const Bytes expected = cat({{0x80, 0x04, 0x58}, le(n, 4), text_bytes(s), {0x94, 0x2E}});
    EXPECT_EQ(pickle_string(s), expected) << n;
    EXPECT_EQ(unpickle_string(expected), s) << n;
  }
}

TEST(daq_pickle, ReadsProtocols2To5) {
  const std::string s = "log message \xc3\xa9";
  const Bytes body = text_bytes(s);
  const auto n = static_cast<std::uint8_t>(body.size());
  // Protocols 2 and 3: BINUNICODE then BINPUT 0 (no frame, no MEMOIZE).
  EXPECT_EQ(unpickle_string(cat({{0x80, 0x02, 0x58}, le(body.size(), 4), body, {0x71, 0x00, 0x2E}})), s);
  EXPECT_EQ(unpickle_string(cat({{0x80, 0x03, 0x58}, le(body.size(), 4), body, {0x71, 0x00, 0x2E}})), s);
  // Protocol 5 is framed like 4.
  EXPECT_EQ(unpickle_string(cat({{0x80, 0x05, 0x95}, le(body.size() + 4, 8), {0x8C, n}, body, {0x94, 0x2E}})), s);
  // BINUNICODE8 and LONG_BINPUT.
  EXPECT_EQ(unpickle_string(cat({{0x80, 0x04, 0x8D}, le(body.size(), 8), body, {0x72, 0, 0, 0, 0, 0x2E}})), s);
}

TEST(daq_pickle, RejectsWhatIsNotAPickledStr) {
  const Bytes good = pickle_string("abc");
  const std::vector<Bytes> bad = {
      {},                                              // empty row
      Bytes(good.begin(), good.end() - 1),             // no STOP
      cat({good, {0x00}}),                             // bytes after STOP
      {0x80, 0x01, 0x2E},                              // protocol 1
      {0x80, 0x06, 0x2E},                              // protocol 6
      {0x80, 0x04, 0x4B, 0x05, 0x2E},                  // BININT1 (an int, not a str)
      {0x80, 0x04, 0x8C, 0x05, 0x61, 0x2E},            // string longer than the row
      {0x80, 0x04, 0x8C, 0x01, 0xFF, 0x2E},            // invalid UTF-8
      {0x80, 0x04, 0x2E},                              // STOP without a string
      {0x80, 0x04, 0x8C, 0x01, 0x61, 0x8C, 0x01, 0x62, 0x2E},  // two objects
      {0x80, 0x04, 0x95, 0xFF, 0, 0, 0, 0, 0, 0, 0, 0x2E},     // frame longer than the row
      {0x80, 0x04, 0x95, 0x01},                        // truncated frame length
      text_bytes("plain text"),
  };
  for (std::size_t k = 0; k < bad.size(); ++k) EXPECT_THROW(unpickle_string(bad[k]), InvalidArgumentError) << k;
  try {
    unpickle_string(Bytes{0x80, 0x04, 0x4B, 0x05, 0x2E});
    FAIL();
  } catch (const InvalidArgumentError& e) {
    EXPECT_NE(std::string(e.what()).find("opcode 0x4B"), std::string::npos) << e.what();
    EXPECT_NE(std::string(e.what()).find("byte 2"), std::string::npos) << e.what();
  }
}

TEST(daq_pickle, RefusesInvalidUtf8Text) {
  EXPECT_THROW(pickle_string("\xff\xfe"), InvalidArgumentError);
}

}  // namespace
}  // namespace h5kit::test
