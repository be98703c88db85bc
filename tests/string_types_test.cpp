// Text (std::string) and bytes (h5kit::Bytes): their stored types, fixed and variable lengths,
// N-d arrays, and the checks on the way in (UTF-8 validity, NUL bytes, fixed widths).
#include "h5kit/strings.hpp"

#include <string>
#include <vector>

#include <gtest/gtest.h>

#include "h5kit/h5kit.hpp"
#include "support/temp_dir.hpp"

namespace h5kit {
namespace {

using test::TempDir;

class StringTypes : public ::testing::Test {
 protected:
  TempDir dir_;
  File file_{dir_ / "strings.h5", "w"};
};

TEST_F(StringTypes, BytesAreVariableLengthAsciiAndKeepEveryByteValue) {
  const std::vector<Bytes> values = {Bytes("plain"), Bytes("\xff\xfe latin-1 \xe9"), Bytes("")};
  const Dataset ds = file_.create_dataset("b", values);
  EXPECT_EQ(ds.dtype(), Datatype::variable_string(CharSet::ascii));
  EXPECT_EQ(ds.dtype().name(), "bytes");
  EXPECT_EQ(ds.read<std::vector<Bytes>>(), values);
  file_.attrs().set("raw", Bytes("\x01\x02"));
  EXPECT_EQ(file_.attrs().open("raw").dtype().name(), "bytes");
  EXPECT_EQ(file_.attrs().get<Bytes>("raw"), Bytes("\x01\x02"));
}

TEST_F(StringTypes, TextIsVariableLengthUtf8) {
  const Dataset ds = file_.create_dataset("t", std::vector<std::string>{"\u00b5m", "\u6e29\u5ea6"});
  EXPECT_EQ(ds.dtype().name(), "str");
  EXPECT_EQ(ds.read<std::vector<std::string>>(), (std::vector<std::string>{"\u00b5m", "\u6e29\u5ea6"}));
}

TEST_F(StringTypes, TextReadsAsBytesAndAsciiReadsAsText) {
  // Bytes are bytes: a UTF-8 value read as Bytes is its encoded form.
  file_.create_dataset("t", std::string("\u00b5m"));
  EXPECT_EQ(file_.dataset("t").read<Bytes>(), Bytes("\xc2\xb5m"));
  file_.create_dataset("b", Bytes("ascii"));
  EXPECT_EQ(file_.dataset("b").read<std::string>(), "ascii");
}

TEST_F(StringTypes, FixedLengthBytesAndFixedLengthUtf8) {
  const Dataset s10 = file_.create_dataset("s10", std::vector<Bytes>{"ab", "0123456789", ""},
                                           DatasetOptions{}.dtype(Datatype::fixed_string(10)));
  EXPECT_EQ(s10.dtype().name(), "S10");
  EXPECT_EQ(s10.read<std::vector<Bytes>>(), (std::vector<Bytes>{"ab", "0123456789", ""}));
  const Dataset u30 = file_.create_dataset("u30", std::vector<std::string>{"\u6e29\u5ea6", "\u00b5m"},
                                           DatasetOptions{}.dtype(Datatype::fixed_string(30, CharSet::utf8)));
  EXPECT_EQ(u30.dtype().name(), "S30:utf8");
  EXPECT_EQ(u30.read<std::vector<std::string>>(), (std::vector<std::string>{"\u6e29\u5ea6", "\u00b5m"}));
}

TEST_F(StringTypes, NdArraysOfEachKind) {
  const std::vector<std::vector<Bytes>> bytes = {{"a", "bb", "ccc"}, {"d", "", "f"}};
  const std::vector<std::vector<std::string>> text = {{"x", "\u00e9"}, {"\u2713", "zz"}};
  file_.create_dataset("bytes2d", bytes);
  file_.create_dataset("fixed2d", bytes, DatasetOptions{}.dtype(Datatype::fixed_string(3)));
  file_.create_dataset("text2d", text);
  file_.create_dataset("utf8fixed2d", text, DatasetOptions{}.dtype(Datatype::fixed_string(4, CharSet::utf8)));
  EXPECT_EQ(file_.dataset("bytes2d").shape(), (Shape{2, 3}));
  EXPECT_EQ(file_.dataset("bytes2d").read<std::vector<std::vector<Bytes>>>(), bytes);
  EXPECT_EQ(file_.dataset("fixed2d").read<std::vector<std::vector<Bytes>>>(), bytes);
  EXPECT_EQ(file_.dataset("text2d").read<std::vector<std::vector<std::string>>>(), text);
  EXPECT_EQ(file_.dataset("utf8fixed2d").read<std::vector<std::vector<std::string>>>(), text);
  const auto nd = file_.dataset("bytes2d").read<NDArray<Bytes>>();
  EXPECT_EQ(nd(1, 2), Bytes("f"));
}

TEST_F(StringTypes, InvalidUtf8IntoUtf8IsAnErrorNamingTheElementAndWritesNothing) {
  const std::vector<std::string> bad = {"ok", "fine", std::string("caf\xe9")};  // latin-1 é
  try {
    file_.create_dataset("t", bad);
    FAIL() << "expected InvalidArgumentError";
  } catch (const InvalidArgumentError& e) {
    const std::string what = e.what();
    EXPECT_NE(what.find("element 2"), std::string::npos) << what;
    EXPECT_NE(what.find("0xe9"), std::string::npos) << what;
    EXPECT_NE(what.find("nothing was written"), std::string::npos) << what;
  }
  EXPECT_FALSE(file_.contains("t"));  // create_dataset removes what it made
  // Into an existing UTF-8 dataset: the old values stay.
  const Dataset ds = file_.create_dataset("keep", std::vector<std::string>{"a", "b"});
  EXPECT_THROW(ds.write(std::vector<Bytes>{"a", "\xc0\xaf"}), InvalidArgumentError);  // overlong '/'
  EXPECT_THROW(ds.write(std::vector<std::string>{"\xed\xa0\x80", "b"}), InvalidArgumentError);  // surrogate
  EXPECT_THROW(ds.write(std::vector<std::string>{"\xf4\x90\x80\x80", "b"}), InvalidArgumentError);  // > U+10FFFF
  EXPECT_THROW(ds.write(std::vector<std::string>{"\xe2\x82", "b"}), InvalidArgumentError);  // cut short
  EXPECT_EQ(ds.read<std::vector<std::string>>(), (std::vector<std::string>{"a", "b"}));
  // Fixed-length UTF-8 is checked too; bytes into an ASCII type are not.
  EXPECT_THROW(file_.create_dataset("u", std::string("\xff"), DatasetOptions{}.dtype(Datatype::fixed_string(2, CharSet::utf8))),
               InvalidArgumentError);
  EXPECT_NO_THROW(file_.create_dataset("a", Bytes("\xff"), DatasetOptions{}.dtype(Datatype::fixed_string(2))));
}

// h5py refuses to write non-ASCII text into an ASCII string type (and its .asstr() then fails on
// such a file); bytes are bytes in either.
TEST_F(StringTypes, NonAsciiTextIntoAnAsciiTypeIsRefused) {
  for (const Datatype& ascii : {Datatype::fixed_string(8), Datatype::variable_string(CharSet::ascii)}) {
    try {
      file_.create_dataset("t", std::vector<std::string>{"ok", "caf\xc3\xa9"}, DatasetOptions{}.dtype(ascii));
      FAIL() << "non-ASCII text was written into " << ascii.name();
    } catch (const InvalidArgumentError& e) {
      const std::string what = e.what();
      EXPECT_NE(what.find("element 1 is not ASCII (byte 0xc3 at offset 3)"), std::string::npos) << what;
      EXPECT_NE(what.find("nothing was written"), std::string::npos) << what;
    }
    EXPECT_FALSE(file_.contains("t"));
    const Group g = file_.require_group("g");
    g.attrs().set("a", std::string("plain"), ascii);
    EXPECT_THROW(g.attrs().set("a", std::string("\xce\xbb"), ascii), InvalidArgumentError);
    EXPECT_EQ(g.attrs().get<std::string>("a"), "plain");  // the old value stays
    EXPECT_NO_THROW(g.attrs().set("b", Bytes("\xce\xbb"), ascii));
    EXPECT_EQ(g.attrs().get<Bytes>("b").str(), "\xce\xbb");
    g.attrs().erase("a");
    g.attrs().erase("b");
  }
}

TEST_F(StringTypes, NulInAVariableLengthValueIsAnErrorNotACut) {
  const std::vector<Bytes> values = {Bytes("ok"), Bytes(std::string("a\0b", 3))};
  try {
    file_.create_dataset("b", values);
    FAIL() << "expected InvalidArgumentError";
  } catch (const InvalidArgumentError& e) {
    EXPECT_NE(std::string(e.what()).find("element 1 holds a NUL byte at offset 1"), std::string::npos) << e.what();
  }
}

TEST_F(StringTypes, TooLongForAFixedSlotIsAnError) {
  const Dataset ds = file_.create_dataset("s3", std::vector<Bytes>{"abc"}, DatasetOptions{}.dtype(Datatype::fixed_string(3)));
  try {
    ds.write(std::vector<Bytes>{"abcd"});
    FAIL() << "expected InvalidArgumentError";
  } catch (const InvalidArgumentError& e) {
    EXPECT_NE(std::string(e.what()).find("4 bytes at element 0"), std::string::npos) << e.what();
  }
  EXPECT_EQ(ds.read<Bytes>(), Bytes("abc"));
}

TEST_F(StringTypes, NumbersAreNotStrings) {
  const Dataset ds = file_.create_dataset("n", std::vector<int>{1, 2});
  EXPECT_THROW(ds.read<std::vector<Bytes>>(), TypeMismatchError);
  EXPECT_THROW(ds.write(std::vector<Bytes>{"1", "2"}), TypeMismatchError);
}

}  // namespace
}  // namespace h5kit
