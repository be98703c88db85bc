// Scalar element types across the h5kit <-> h5py boundary: float16, bytes vs text, opaque tags,
// numpy datetime64/timedelta64 (calendar units too), string fill values, text decoding (asstr) and
// big-endian numbers.
//   A: h5kit writes, tests/interop/h5py_scalar_types.py check-* reads with h5py and checks.
//   B: h5py_scalar_types.py write-all writes, h5kit reads and checks types and values.
#include <chrono>
#include <cstdint>
#include <cstring>
#include <limits>
#include <string>
#include <vector>

#include <gtest/gtest.h>

#include "h5kit/h5kit.hpp"
#include "interop/interop_support.hpp"
#include "interop/peer_file_fixture.hpp"
#include "support/temp_dir.hpp"

namespace h5kit::test {
namespace {

using namespace std::chrono;
using ns_time = sys_time<nanoseconds>;

constexpr char kScript[] = "h5py_scalar_types.py";

// The peer's values (h5py_scalar_types.py, top of file).
const std::vector<float> kHalfSource = {0.0f, -1.5f, 0.1f, 65504.0f, 0x1p-24f, 1.0f + 0x1p-11f, 1.0f + 3 * 0x1p-11f,
                                        65519.0f, 65520.0f, 1e6f, -std::numeric_limits<float>::infinity()};
// numpy's float16 bits of kHalfSource (np.float32 -> np.float16, round to nearest even).
const std::vector<std::uint16_t> kHalfBits = {0, 48640, 11878, 31743, 1, 15360, 15362, 31743, 31744, 31744, 64512};
const std::vector<std::string> kText = {"\u00b5m", "\u6e29\u5ea6", "plain", ""};
const std::vector<Bytes> kBytes = {"plain", "\xff\xfe raw", ""};
const std::vector<Bytes> kFixedBytes = {"ab", "0123456789", ""};
const std::vector<std::string> kBlobs = {"abcd", std::string("\0\1\2\3", 4), "wxyz"};

ns_time at(sys_days day, nanoseconds since_midnight) { return day + since_midnight; }
const std::vector<ns_time> kInstantsNs = {at(2024y / May / 1, 12h + 123456789ns), ns_time{},
                                          at(1900y / January / 1, 500ms), ns_time{nanoseconds::min()}};
const std::vector<sys_seconds> kInstantsS = {sys_days{2024y / May / 1} + 12h, sys_seconds{-1s}};
const std::vector<sys_time<microseconds>> kInstantsUs = {sys_days{2024y / May / 1} + 12h + 123456us,
                                                         sys_days{2262y / April / 11} + 23h + 47min + 16s + 854775us};
const std::vector<milliseconds> kGapsMs = {1500ms, -3ms, 0ms};

std::vector<Opaque> blobs() {
  std::vector<Opaque> out;
  for (const auto& b : kBlobs) out.emplace_back(b.data(), b.size());
  return out;
}

// ---- A: h5kit writes, h5py checks --------------------------------------------------------------

TEST(interop_scalar_types, H5pyReadsFloat16AsNumpyHalfWithTheSameHdf5Type) {
  TempDir dir;
  const std::string path = dir / "half.h5";
  {
    File f(path, "w");
    std::vector<float16> halves;
    for (float v : kHalfSource) halves.emplace_back(v);  // h5kit's own rounding
    f.create_dataset("half", halves);
    // HDF5's float conversion doing the rounding.
    f.create_dataset("half_from_float", kHalfSource, DatasetOptions{}.dtype(Datatype::float16()));
  }
  EXPECT_TRUE(run_peer_case(kScript, "check-float16", {path}));
}

TEST(interop_scalar_types, H5pyReadsBytesAsBytesAndTextAsStr) {
  TempDir dir;
  const std::string path = dir / "strings.h5";
  {
    File f(path, "w");
    f.create_dataset("bytes", kBytes);
    f.create_dataset("text", kText);
    f.create_dataset("fixed_bytes", kFixedBytes, DatasetOptions{}.dtype(Datatype::fixed_string(10)));
    f.create_dataset("fixed_utf8", kText, DatasetOptions{}.dtype(Datatype::fixed_string(30, CharSet::utf8)));
    f.create_dataset("bytes_2d", std::vector<std::vector<Bytes>>{{"a", "bb"}, {"", "\xff"}});
    f.create_dataset("text_2d", std::vector<std::vector<std::string>>{{"x", "\u00e9"}, {"\u2713", ""}});
    f.attrs().set("raw", Bytes("\x01\x02"));
    f.attrs().set("unit", std::string("\u00b5m"));
  }
  EXPECT_TRUE(run_peer_case(kScript, "check-strings", {path}));
}

TEST(interop_scalar_types, H5pyReadsOpaqueAsVoidWithTheTag) {
  TempDir dir;
  const std::string path = dir / "opaque.h5";
  {
    File f(path, "w");
    f.create_dataset("tagged", blobs(), DatasetOptions{}.dtype(Datatype::opaque(4, "acme:frame")));
    f.create_dataset("untagged", blobs(), DatasetOptions{}.dtype(Datatype::opaque(4)));
  }
  EXPECT_TRUE(run_peer_case(kScript, "check-opaque", {path}));
}

TEST(interop_scalar_types, H5pyReadsTimePointsAsDatetime64AndDurationsAsTimedelta64) {
  TempDir dir;
  const std::string path = dir / "time.h5";
  {
    File f(path, "w");
    f.create_dataset("ns", kInstantsNs);
    f.create_dataset("s", kInstantsS);
    f.create_dataset("us", kInstantsUs);
    f.create_dataset("gaps_ms", kGapsMs);
    f.attrs().set("when", sys_seconds{sys_days{2024y / May / 1} + 12h});
    f.create_dataset("years", std::vector<std::chrono::year>{1970y, 1969y, 2024y, 1000y});
    f.create_dataset("months", std::vector<year_month>{1969y / December, 2024y / May, 1970y / January});
    f.create_dataset("spans_y", std::vector<years>{years{2}, years{-1}});
  }
  EXPECT_TRUE(run_peer_case(kScript, "check-time", {path}));
}

TEST(interop_scalar_types, H5pyReadsStringFillValues) {
  TempDir dir;
  const std::string path = dir / "fill.h5";
  {
    File f(path, "w");
    f.create_dataset("fixed", Shape{3}, Datatype::fixed_string(5), DatasetOptions{}.fill_value(Bytes("N/A")));
    const Dataset vlen = f.create_dataset("vlen", Shape{3}, Datatype::variable_string(CharSet::ascii),
                                          DatasetOptions{}.fill_value(Bytes("none")));
    vlen[{1}] = Bytes("written");
    f.create_dataset("utf8_fixed", Shape{2}, Datatype::fixed_string(8, CharSet::utf8),
                     DatasetOptions{}.fill_value("\u00b5m"));
  }
  EXPECT_TRUE(run_peer_case(kScript, "check-fill-strings", {path}));
}

TEST(interop_scalar_types, H5pyAndH5dumpSeeBigEndianTypes) {
  TempDir dir;
  const std::string path = dir / "be.h5";
  {
    File f(path, "w");
    auto big = [](const Datatype& t) { return DatasetOptions{}.dtype(t.with_byte_order(ByteOrder::big)); };
    f.create_dataset("i4be", std::vector<std::int32_t>{1, -2, 0x01020304, std::numeric_limits<std::int32_t>::min()},
                     big(Datatype::int32()));
    f.create_dataset("f8be", std::vector<double>{1.5, -0.0, 1e300, std::numeric_limits<double>::infinity()},
                     big(Datatype::float64()));
    f.create_dataset("u2be", std::vector<std::uint16_t>{1, 65535, 258}, big(Datatype::uint16()));
    f.create_dataset("f2be", std::vector<float16>{float16(1.5f), float16(-65504.0f), float16(0x1p-24f)},
                     big(Datatype::float16()));
  }
  EXPECT_TRUE(run_peer_case(kScript, "check-byte-order", {path}));
  const CommandResult dump = run_command("h5dump -H " + shell_quote(path));
  ASSERT_EQ(dump.exit_code, 0) << dump.output;
  EXPECT_NE(dump.output.find("H5T_STD_I32BE"), std::string::npos) << dump.output;
  EXPECT_NE(dump.output.find("H5T_IEEE_F64BE"), std::string::npos) << dump.output;
  EXPECT_NE(dump.output.find("H5T_STD_U16BE"), std::string::npos) << dump.output;
  EXPECT_NE(dump.output.find("16-bit big-endian floating-point"), std::string::npos) << dump.output;
}

// ---- B: h5py writes, h5kit reads ---------------------------------------------------------------

class interop_scalar_types_from_h5py
    : public PeerFileTest<kScript, "write-all", "from_h5py.h5"> {};

TEST_F(interop_scalar_types_from_h5py, Float16IsHdf5EqualToH5pysAndReadsExactly) {
  const Dataset ds = file_.dataset("half");
  EXPECT_EQ(ds.dtype(), Datatype::float16());  // H5Tequal
  EXPECT_EQ(ds.dtype().name(), "float16");
  const auto halves = ds.read<std::vector<float16>>();
  ASSERT_EQ(halves.size(), kHalfBits.size());
  for (std::size_t i = 0; i < halves.size(); ++i) {
    EXPECT_EQ(halves[i].bits(), kHalfBits[i]) << i;
    EXPECT_EQ(float16(kHalfSource[i]).bits(), kHalfBits[i]) << "h5kit rounds as numpy, element " << i;
  }
  const auto floats = ds.read<std::vector<float>>();
  for (std::size_t i = 0; i < floats.size(); ++i) EXPECT_EQ(floats[i], float(halves[i])) << i;
  const Dataset be = file_.dataset("half_be");
  EXPECT_EQ(be.dtype().name(), "float16be");
  EXPECT_EQ(be.read<std::vector<double>>(), (std::vector<double>{1.5, -65504.0, 0x1p-24}));
}

TEST_F(interop_scalar_types_from_h5py, FixedBytesVariableTextAndVariableBytes) {
  EXPECT_EQ(file_.dataset("bytes_fixed").dtype().name(), "S10");
  EXPECT_EQ(file_.dataset("bytes_fixed").read<std::vector<Bytes>>(), kFixedBytes);
  EXPECT_EQ(file_.dataset("text_vlen").dtype().name(), "str");
  EXPECT_EQ(file_.dataset("text_vlen").read<std::vector<std::string>>(), kText);
  EXPECT_EQ(file_.dataset("bytes_vlen").dtype().name(), "bytes");
  EXPECT_EQ(file_.dataset("bytes_vlen").read<std::vector<Bytes>>(), kBytes);
  EXPECT_EQ(file_.dataset("text_fixed").dtype().name(), "S30:utf8");
  EXPECT_EQ(file_.dataset("text_fixed").read<std::vector<std::string>>(), kText);
  EXPECT_EQ(file_.dataset("text_2d").read<std::vector<std::vector<std::string>>>(),
            (std::vector<std::vector<std::string>>{{"\u00b5m", "a"}, {"\u6e29\u5ea6", ""}}));
  // Text read as bytes gives its UTF-8 encoding.
  EXPECT_EQ(file_.dataset("text_vlen").read<std::vector<Bytes>>()[0], Bytes("\xc2\xb5m"));
}

TEST_F(interop_scalar_types_from_h5py, SpacePaddedStringsLoseTheirPadding) {
  EXPECT_EQ(file_.dataset("space_padded").read<std::vector<Bytes>>(), (std::vector<Bytes>{"ab", "abcdefgh", ""}));
}

TEST_F(interop_scalar_types_from_h5py, OpaqueVoidAndTaggedOpaque) {
  const Dataset v8 = file_.dataset("v8");
  EXPECT_EQ(v8.dtype().name(), "opaque(8)");
  const auto values = v8.read<std::vector<Opaque>>();
  ASSERT_EQ(values.size(), 2u);
  EXPECT_EQ(values[0], Opaque("\x01\x02\x03\x04\x05\x06\x07\x08", 8));
  const Dataset tagged = file_.dataset("tagged");
  EXPECT_EQ(tagged.dtype().tag(), "acme:frame");
  EXPECT_EQ(tagged.read<std::vector<Opaque>>(), blobs());
  using Frame = TaggedOpaque<4, "acme:frame">;
  using Other = TaggedOpaque<4, "acme:other">;
  EXPECT_EQ(tagged.read<std::vector<Frame>>()[1].bytes[3], std::byte{3});
  EXPECT_THROW(tagged.read<std::vector<Other>>(), TypeMismatchError);
}

TEST_F(interop_scalar_types_from_h5py, Datetime64ReadsAsExactTimePoints) {
  EXPECT_EQ(file_.dataset("M8ns").dtype().name(), "datetime64[ns]");
  EXPECT_EQ(file_.dataset("M8ns").read<std::vector<ns_time>>(), kInstantsNs);
  EXPECT_EQ(file_.dataset("M8s").read<std::vector<sys_seconds>>(), kInstantsS);
  EXPECT_EQ(file_.dataset("M8us").read<std::vector<sys_time<microseconds>>>(), kInstantsUs);
  EXPECT_EQ(file_.dataset("m8ms").read<std::vector<milliseconds>>(), kGapsMs);
  // Other units convert on the way in.
  const auto us_as_ns = file_.dataset("M8us").read<std::vector<ns_time>>();
  EXPECT_EQ(us_as_ns[0], time_point_cast<nanoseconds>(kInstantsUs[0]));
  EXPECT_EQ(file_.dataset("M8s").read<std::vector<ns_time>>()[1], ns_time{-1s});
  try {
    file_.dataset("M8us_far").read<std::vector<ns_time>>();
    FAIL() << "expected TypeMismatchError";
  } catch (const TypeMismatchError& e) {
    EXPECT_NE(std::string(e.what()).find("does not fit an int64 count of ns"), std::string::npos) << e.what();
  }
  EXPECT_EQ(file_.dataset("M8us_far").read<std::vector<sys_time<microseconds>>>()[0],
            sys_time<microseconds>{sys_days{3000y / January / 1}});
}

TEST_F(interop_scalar_types_from_h5py, CalendarDatetime64ReadsAsYearsAndMonths) {
  EXPECT_EQ(file_.dataset("M8Y").dtype().name(), "datetime64[Y]");
  EXPECT_EQ(file_.dataset("M8Y").read<std::vector<std::chrono::year>>(),
            (std::vector<std::chrono::year>{1970y, 1969y, 2024y, 1000y}));
  EXPECT_EQ(file_.dataset("M8M").read<std::vector<year_month>>(),
            (std::vector<year_month>{1969y / December, 2024y / May, 1970y / January}));
  EXPECT_EQ(file_.dataset("M8M").read<std::vector<sys_days>>()[1], sys_days{2024y / May / 1});
  EXPECT_EQ(file_.dataset("m8Y").read<std::vector<months>>(), (std::vector<months>{months{24}, months{-12}}));
}

TEST_F(interop_scalar_types_from_h5py, StringFillValuesReadBack) {
  const Dataset fixed = file_.dataset("fill_fixed");
  EXPECT_EQ(fixed.fill_value<Bytes>(), Bytes("N/A"));
  EXPECT_EQ(fixed.read<std::vector<Bytes>>(), (std::vector<Bytes>{"N/A", "N/A", "N/A"}));
  const Dataset vlen = file_.dataset("fill_vlen");
  EXPECT_EQ(vlen.fill_value<std::string>(), "none");
  EXPECT_EQ(vlen.read<std::vector<std::string>>(), (std::vector<std::string>{"none", "none"}));
}

// h5kit's asstr() gives what h5py's asstr(encoding, errors) gives on the same bytes.
TEST_F(interop_scalar_types_from_h5py, AsstrDecodesLikeH5py) {
  const std::pair<const char*, TextEncoding> encodings[] = {
      {"ascii", TextEncoding::ascii}, {"utf-8", TextEncoding::utf8}, {"latin-1", TextEncoding::latin1}};
  const std::pair<const char*, DecodeErrors> policies[] = {{"strict", DecodeErrors::strict},
                                                           {"replace", DecodeErrors::replace},
                                                           {"ignore", DecodeErrors::ignore},
                                                           {"backslashreplace", DecodeErrors::backslashreplace}};
  int compared = 0;
  for (const char* name : {"latin1_fixed", "broken_utf8"})
    for (const auto& [encoding_name, encoding] : encodings)
      for (const auto& [policy_name, policy] : policies) {
        const std::string expected = std::string("decoded/") + name + "/" + encoding_name + "/" + policy_name;
        if (!file_.contains(expected)) continue;
        const NDArray<std::string> got = file_.dataset(name).asstr({encoding, policy}).read();
        EXPECT_EQ(std::vector<std::string>(got.begin(), got.end()),
                  file_.dataset(expected).read<std::vector<std::string>>())
            << expected;
        ++compared;
      }
  EXPECT_EQ(compared, 14);
  // Strict decoding of bytes that do not decode names the element and the byte, as Python would fail.
  try {
    file_.dataset("latin1_fixed").asstr().read();
    FAIL() << "expected InvalidArgumentError";
  } catch (const InvalidArgumentError& e) {
    EXPECT_NE(std::string(e.what()).find("element 0: byte 0xe9 at offset 3 does not decode as ascii"),
              std::string::npos)
        << e.what();
    EXPECT_NE(std::string(e.what()).find("/latin1_fixed"), std::string::npos) << e.what();
  }
}

struct BigEndianPair {
  std::int32_t a;
  double b;
};

}  // namespace
}  // namespace h5kit::test

template <>
struct h5kit::inspector<h5kit::test::BigEndianPair> : h5kit::scalar_inspector<h5kit::test::BigEndianPair> {
  static Datatype datatype() {
    using P = h5kit::test::BigEndianPair;
    return Datatype::compound(sizeof(P), {{"a", offsetof(P, a), Datatype::int32()}, {"b", offsetof(P, b), Datatype::float64()}});
  }
};

namespace h5kit::test {
namespace {

TEST_F(interop_scalar_types_from_h5py, BigEndianNumbersAndCompoundMembersReadAsNative) {
  EXPECT_EQ(file_.dataset("i4be").dtype().name(), "int32be");
  EXPECT_EQ(file_.dataset("i4be").dtype().byte_order(), ByteOrder::big);
  EXPECT_EQ(file_.dataset("i4be").read<std::vector<std::int32_t>>(),
            (std::vector<std::int32_t>{1, -2, 0x01020304, std::numeric_limits<std::int32_t>::min()}));
  EXPECT_EQ(file_.dataset("f8be").read<std::vector<double>>(),
            (std::vector<double>{1.5, -0.0, 1e300, std::numeric_limits<double>::infinity()}));
  EXPECT_EQ(file_.dataset("u2be").read<std::vector<std::uint16_t>>(), (std::vector<std::uint16_t>{1, 65535, 258}));
  EXPECT_THROW(file_.dataset("u2be").read<std::vector<std::int16_t>>(), TypeMismatchError);  // 65535
  const auto pairs = file_.dataset("compound_be").read<std::vector<BigEndianPair>>();
  ASSERT_EQ(pairs.size(), 2u);
  EXPECT_EQ(pairs[0].a, 1);
  EXPECT_EQ(pairs[0].b, 2.5);
  EXPECT_EQ(pairs[1].a, -7);
  EXPECT_EQ(pairs[1].b, -0.125);
}

}  // namespace
}  // namespace h5kit::test
