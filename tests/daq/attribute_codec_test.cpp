// pymodaq's attribute codec (spec §3): Python repr, object2json, the literal parser, json2object
// and h5kit's decoding. Expected texts are what CPython 3.11 prints for the same values.
#include <cmath>
#include <limits>
#include <string>

#include <gtest/gtest.h>

#include "h5kit/daq/attribute_codec.hpp"
#include "h5kit/error.hpp"

namespace h5kit::test {
namespace {

using namespace h5kit::daq;

TEST(daq_codec, StrReprQuotes) {
  EXPECT_EQ(python_str_repr("scan"), "'scan'");
  EXPECT_EQ(python_str_repr(""), "''");
  EXPECT_EQ(python_str_repr("it's"), "\"it's\"");             // ' and no " -> double quotes
  EXPECT_EQ(python_str_repr("say \"hi\""), "'say \"hi\"'");   // only " -> single quotes, " kept
  EXPECT_EQ(python_str_repr("it's \"x\""), "'it\\'s \"x\"'");  // both -> single quotes, ' escaped
  EXPECT_EQ(python_str_repr("a\\b"), "'a\\\\b'");
}

TEST(daq_codec, StrReprEscapes) {
  EXPECT_EQ(python_str_repr("a\nb\rc\td"), "'a\\nb\\rc\\td'");
  EXPECT_EQ(python_str_repr(std::string("\x00\x01\x1f\x7f", 4)), "'\\x00\\x01\\x1f\\x7f'");
  EXPECT_EQ(python_str_repr("\x0b\x0c"), "'\\x0b\\x0c'");  // \v and \f are not short escapes in repr
}

TEST(daq_codec, StrReprLatin1) {
  // U+0080..U+009F are Cc, U+00A0 is Zs (not the space), U+00AD is Cf: escaped as \xhh.
  EXPECT_EQ(python_str_repr("\xc2\x80"), "'\\x80'");
  EXPECT_EQ(python_str_repr("\xc2\x9f"), "'\\x9f'");
  EXPECT_EQ(python_str_repr("\xc2\xa0"), "'\\xa0'");
  EXPECT_EQ(python_str_repr("\xc2\xad"), "'\\xad'");
  // Every other Latin-1 letter or sign is printable and kept (as UTF-8).
  EXPECT_EQ(python_str_repr("\xc2\xb5m"), "'\xc2\xb5m'");          // µm
  EXPECT_EQ(python_str_repr("\xc3\xa9t\xc3\xa9"), "'\xc3\xa9t\xc3\xa9'");  // été
  EXPECT_EQ(python_str_repr("\xc3\xbf"), "'\xc3\xbf'");            // ÿ
  EXPECT_EQ(python_str_repr("\xc2\xa1"), "'\xc2\xa1'");            // ¡
}

TEST(daq_codec, StrReprBeyondLatin1) {
  EXPECT_EQ(python_str_repr("\xe2\x80\x8b"), "'\\u200b'");       // ZERO WIDTH SPACE (Cf)
  EXPECT_EQ(python_str_repr("\xe2\x80\xa8"), "'\\u2028'");       // LINE SEPARATOR (Zl)
  EXPECT_EQ(python_str_repr("\xe3\x80\x80"), "'\\u3000'");       // IDEOGRAPHIC SPACE (Zs)
  EXPECT_EQ(python_str_repr("\xee\x80\x80"), "'\\ue000'");       // private use (Co)
  EXPECT_EQ(python_str_repr("\xef\xbf\xbf"), "'\\uffff'");       // unassigned (Cn)
  EXPECT_EQ(python_str_repr("\xce\xbb"), "'\xce\xbb'");          // λ is printable
  EXPECT_EQ(python_str_repr("\xf0\x9f\x98\x80"), "'\xf0\x9f\x98\x80'");  // U+1F600 is printable
  EXPECT_EQ(python_str_repr("\xf3\xa0\x80\x81"), "'\\U000e0001'");  // LANGUAGE TAG (Cf)
  EXPECT_EQ(python_str_repr("\xf4\x8f\xbf\xbf"), "'\\U0010ffff'");  // Cn at the top
}

TEST(daq_codec, StrReprRejectsInvalidUtf8) {
  EXPECT_THROW(python_str_repr("\xff"), InvalidArgumentError);
  EXPECT_THROW(python_str_repr("\xed\xa0\x80"), InvalidArgumentError);  // a surrogate in UTF-8
}

TEST(daq_codec, BytesRepr) {
  EXPECT_EQ(python_bytes_repr("<All_settings/>"), "b'<All_settings/>'");
  EXPECT_EQ(python_bytes_repr(""), "b''");
  EXPECT_EQ(python_bytes_repr("it's"), "b\"it's\"");
  EXPECT_EQ(python_bytes_repr(std::string("\x00\n\x7f\x80\xff\\", 6)), "b'\\x00\\n\\x7f\\x80\\xff\\\\'");
}

TEST(daq_codec, FloatRepr) {
  EXPECT_EQ(python_float_repr(1.0), "1.0");
  EXPECT_EQ(python_float_repr(0.0), "0.0");
  EXPECT_EQ(python_float_repr(-0.0), "-0.0");
  EXPECT_EQ(python_float_repr(-20.4), "-20.4");
  EXPECT_EQ(python_float_repr(0.1), "0.1");
  EXPECT_EQ(python_float_repr(1e-05), "1e-05");
  EXPECT_EQ(python_float_repr(0.0001), "0.0001");
  EXPECT_EQ(python_float_repr(1.5e-07), "1.5e-07");
  EXPECT_EQ(python_float_repr(1e16), "1e+16");
  EXPECT_EQ(python_float_repr(1e15), "1000000000000000.0");
  EXPECT_EQ(python_float_repr(123456789012345680.0), "1.2345678901234568e+17");
  EXPECT_EQ(python_float_repr(1796280425.5731053), "1796280425.5731053");
  EXPECT_EQ(python_float_repr(1e300), "1e+300");
  EXPECT_EQ(python_float_repr(5e-324), "5e-324");
  EXPECT_EQ(python_float_repr(std::numeric_limits<double>::max()), "1.7976931348623157e+308");
  EXPECT_EQ(python_float_repr(std::nan("")), "nan");
  EXPECT_EQ(python_float_repr(std::numeric_limits<double>::infinity()), "inf");
  EXPECT_EQ(python_float_repr(-std::numeric_limits<double>::infinity()), "-inf");
}

TEST(daq_codec, ContainerRepr) {
  EXPECT_EQ(python_repr(PyValue::tuple({2, 10, 3})), "(2, 10, 3)");
  EXPECT_EQ(python_repr(PyValue::tuple({1})), "(1,)");
  EXPECT_EQ(python_repr(PyValue::tuple({})), "()");
  EXPECT_EQ(python_repr(PyValue::list({1, "a", 2.5, PyValue::none(), true})), "[1, 'a', 2.5, None, True]");
  EXPECT_EQ(python_repr(PyValue::list({})), "[]");
  EXPECT_EQ(python_repr(PyValue::tuple({PyValue::tuple({1}), PyValue::list({})})), "((1,), [])");
  EXPECT_EQ(python_repr(PyValue(false)), "False");
  EXPECT_EQ(python_repr(PyValue(-7)), "-7");
  EXPECT_EQ(python_repr(PyValue::float64(-20.4)), "-20.4");
  EXPECT_THROW(python_repr(PyValue::raw("x")), InvalidArgumentError);
}

TEST(daq_codec, Object2Json) {
  EXPECT_EQ(object2json("scan"), R"j({"module": "builtins", "type": "str", "data": "'scan'"})j");
  EXPECT_EQ(object2json(PyValue::tuple({2, 10, 3})), R"j({"module": "builtins", "type": "tuple", "data": "(2, 10, 3)"})j");
  EXPECT_EQ(object2json(0), R"j({"module": "builtins", "type": "int", "data": "0"})j");
  EXPECT_EQ(object2json(1796280425.5731053),
            R"j({"module": "builtins", "type": "float", "data": "1796280425.5731053"})j");
  EXPECT_EQ(object2json(false), R"j({"module": "builtins", "type": "bool", "data": "False"})j");
  EXPECT_EQ(object2json(PyValue::bytes("<All_settings/>")),
            R"j({"module": "builtins", "type": "bytes", "data": "b'<All_settings/>'"})j");
  EXPECT_EQ(object2json(PyValue::float64(-20.4)), R"j({"module": "numpy", "type": "float64", "data": "-20.4"})j");
  EXPECT_EQ(object2json(PyValue::none()), R"j({"module": "builtins", "type": "NoneType", "data": "None"})j");
  EXPECT_EQ(object2json("\xc2\xb5m"), R"j({"module": "builtins", "type": "str", "data": "'\u00b5m'"})j");
  EXPECT_EQ(object2json("it's"), R"j({"module": "builtins", "type": "str", "data": "\"it's\""})j");
  // Astral characters become a surrogate pair; control characters come through repr's \x escapes.
  EXPECT_EQ(object2json("\xf0\x9f\x98\x80"), R"j({"module": "builtins", "type": "str", "data": "'\ud83d\ude00'"})j");
  EXPECT_EQ(object2json("a\tb"), R"j({"module": "builtins", "type": "str", "data": "'a\\tb'"})j");
  EXPECT_EQ(object2json(""), R"j({"module": "builtins", "type": "str", "data": "''"})j");
}

TEST(daq_codec, LiteralParserScalars) {
  EXPECT_EQ(parse_python_literal("'scan'"), PyValue("scan"));
  EXPECT_EQ(parse_python_literal("\"it's\""), PyValue("it's"));
  EXPECT_EQ(parse_python_literal("'a\\nb\\x41\\u00b5\\U0001F600\\\\'"), PyValue("a\nbA\xc2\xb5\xf0\x9f\x98\x80\\"));
  EXPECT_EQ(parse_python_literal("'ab' \"cd\""), PyValue("abcd"));
  EXPECT_EQ(parse_python_literal("r'a\\n'"), PyValue("a\\n"));
  EXPECT_EQ(parse_python_literal("'''tri'ple'''"), PyValue("tri'ple"));
  EXPECT_EQ(parse_python_literal("'\\q'"), PyValue("\\q"));  // unknown escapes stay
  EXPECT_EQ(parse_python_literal("b'\\x00\\xff'"), PyValue::bytes(std::string("\x00\xff", 2)));
  EXPECT_EQ(parse_python_literal("b'\\u00b5'"), PyValue::bytes("\\u00b5"));  // no \u in bytes
  EXPECT_EQ(parse_python_literal("0").as_int(), 0);
  EXPECT_EQ(parse_python_literal("-7").as_int(), -7);
  EXPECT_EQ(parse_python_literal("1_000").as_int(), 1000);
  EXPECT_EQ(parse_python_literal("0x1F").as_int(), 31);
  EXPECT_EQ(parse_python_literal("-9223372036854775808").as_int(), std::numeric_limits<std::int64_t>::min());
  EXPECT_EQ(parse_python_literal("1e-05").as_float(), 1e-05);
  EXPECT_EQ(parse_python_literal("-20.4").as_float(), -20.4);
  EXPECT_EQ(parse_python_literal(".5").as_float(), 0.5);
  EXPECT_EQ(parse_python_literal("5.").as_float(), 5.0);
  EXPECT_EQ(parse_python_literal("1e400").as_float(), std::numeric_limits<double>::infinity());
  EXPECT_EQ(parse_python_literal("True"), PyValue(true));
  EXPECT_EQ(parse_python_literal("False"), PyValue(false));
  EXPECT_TRUE(parse_python_literal("None").is_none());
  EXPECT_EQ(parse_python_literal("  'x'  ").as_str(), "x");
  const PyValue f = parse_python_literal("np.float64(-20.4)");
  EXPECT_EQ(f.kind(), PyValue::Kind::float64);
  EXPECT_EQ(f.as_float(), -20.4);
  EXPECT_EQ(parse_python_literal("numpy.int64(3)").as_int(), 3);
}

TEST(daq_codec, LiteralParserContainers) {
  EXPECT_EQ(parse_python_literal("(2, 10, 3)"), PyValue::tuple({2, 10, 3}));
  EXPECT_EQ(parse_python_literal("(1,)"), PyValue::tuple({1}));
  EXPECT_EQ(parse_python_literal("()"), PyValue::tuple({}));
  EXPECT_EQ(parse_python_literal("(1)"), PyValue(1));  // parentheses alone make no tuple
  EXPECT_EQ(parse_python_literal("1, 2"), PyValue::tuple({1, 2}));
  EXPECT_EQ(parse_python_literal("[1, 'a', [2.5,], None]"),
            PyValue::list({1, "a", PyValue::list({2.5}), PyValue::none()}));
  EXPECT_EQ(parse_python_literal("((1,), [])"), PyValue::tuple({PyValue::tuple({1}), PyValue::list({})}));
  EXPECT_EQ(parse_python_literal("(1, 2)").kind(), PyValue::Kind::tuple);
  EXPECT_EQ(parse_python_literal("[1, 2]").kind(), PyValue::Kind::list);
}

TEST(daq_codec, LiteralParserRejects) {
  for (const char* bad : {"", "nan", "inf", "foo", "'open", "(1, 2", "[1 2]", "1 2", "012", "1j", "{'a': 1}",
                          "b'\xc3\xa9'", "'a' b'b'", "99999999999999999999", "np.matrix(1)", "os.system('x')",
                          "'\\x4'", "'\\ud800'", "1.2.3", "--", "1e", "0x"}) {
    EXPECT_THROW(parse_python_literal(bad), InvalidArgumentError) << bad;
  }
  try {
    parse_python_literal("(1, 2");
    FAIL();
  } catch (const InvalidArgumentError& e) {
    EXPECT_NE(std::string(e.what()).find("offset"), std::string::npos) << e.what();
  }
}

TEST(daq_codec, RoundTripThroughJson) {
  const std::vector<PyValue> values = {
      PyValue("scan"), PyValue("it's \"x\"\n\t\\"), PyValue("\xc2\xb5m \xe2\x80\x8b \xf0\x9f\x98\x80"),
      PyValue::bytes(std::string("\x00\x7f\xff'\"", 5)), PyValue(0), PyValue(-123456789012345),
      PyValue(1796280425.5731053), PyValue(1e-05), PyValue(1e16), PyValue(-0.0), PyValue(true),
      PyValue::none(), PyValue::float64(-20.4), PyValue::tuple({}), PyValue::tuple({1}),
      PyValue::tuple({0, 1}), PyValue::list({"a", PyValue::tuple({2.5, false})})};
  for (const PyValue& v : values) {
    const PyValue back = decode_attribute(object2json(v));
    EXPECT_EQ(back, v) << object2json(v);
    EXPECT_EQ(back.kind(), v.kind()) << object2json(v);
  }
}

TEST(daq_codec, Json2ObjectFallbacks) {
  // Not JSON: the text itself.
  const PyValue plain = json2object("CARRAY");
  EXPECT_TRUE(plain.is_raw());
  EXPECT_EQ(plain.as_str(), "CARRAY");
  // JSON but not an object, or an object without "type": the text.
  EXPECT_TRUE(json2object("[1, 2]").is_raw());
  EXPECT_TRUE(json2object("1.0").is_raw());
  EXPECT_TRUE(json2object(R"j({"data": "1"})j").is_raw());
  // A type it does not evaluate: the dict.
  const PyValue none = json2object(R"j({"module": "builtins", "type": "NoneType", "data": "None"})j");
  ASSERT_TRUE(none.is_dict());
  EXPECT_EQ(none.find("type")->as_str(), "NoneType");
  EXPECT_TRUE(json2object(R"j({"module": "numpy", "type": "int64", "data": "3"})j").is_dict());
  // A literal that does not evaluate (float nan): the whole text.
  const std::string nan_json = R"j({"module": "builtins", "type": "float", "data": "nan"})j";
  EXPECT_EQ(json2object(nan_json).as_str(), nan_json);
  EXPECT_TRUE(json2object(R"j({"module": "builtins", "type": "str", "data": "'open"})j").is_raw());
  // numpy >= 2's repr is read by h5kit.
  EXPECT_EQ(json2object(R"j({"module": "numpy", "type": "float64", "data": "np.float64(-20.4)"})j").kind(),
            PyValue::Kind::float64);
}

TEST(daq_codec, DecodeAttributeResolvesWhatPymodaqCallersDo) {
  EXPECT_TRUE(decode_attribute(R"j({"module": "builtins", "type": "NoneType", "data": "None"})j").is_none());
  EXPECT_EQ(decode_attribute(R"j({"module": "numpy", "type": "int64", "data": "3"})j"), PyValue(3));
  EXPECT_EQ(decode_attribute(R"j({"module": "numpy", "type": "float32", "data": "0.5"})j"), PyValue(0.5));
  EXPECT_TRUE(std::isnan(decode_attribute(R"j({"module": "builtins", "type": "float", "data": "nan"})j").as_float()));
  EXPECT_EQ(decode_attribute(R"j({"module": "builtins", "type": "float", "data": "-inf"})j").as_float(),
            -std::numeric_limits<double>::infinity());
  EXPECT_EQ(decode_attribute(R"j({"module": "numpy", "type": "float64", "data": "inf"})j").kind(),
            PyValue::Kind::float64);
  EXPECT_TRUE(decode_attribute("plain text").is_raw());
}

TEST(daq_codec, StrictDecodingNamesTheProblem) {
  EXPECT_EQ(decode_attribute_strict(object2json(PyValue::tuple({1})), "attribute \"shape\""), PyValue::tuple({1}));
  try {
    decode_attribute_strict("not json", "attribute \"label\"");
    FAIL();
  } catch (const TypeMismatchError& e) {
    const std::string m = e.what();
    EXPECT_NE(m.find("attribute \"label\""), std::string::npos) << m;
    EXPECT_NE(m.find("not pymodaq JSON"), std::string::npos) << m;
  }
  try {
    decode_attribute_strict(R"j({"module": "builtins", "type": "tuple", "data": "(1,"})j", "attribute \"shape\"");
    FAIL();
  } catch (const TypeMismatchError& e) {
    EXPECT_NE(std::string(e.what()).find("does not parse"), std::string::npos) << e.what();
  }
  EXPECT_THROW(decode_attribute_strict(R"j({"module": "numpy", "type": "complex128", "data": "1j"})j", "x"),
               TypeMismatchError);
}

}  // namespace
}  // namespace h5kit::test
