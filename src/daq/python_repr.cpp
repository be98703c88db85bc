// Python's repr() of the values pymodaq stores, and json.dumps(ensure_ascii=True) of object2json's
// three-key object (spec §3.1).
#include <charconv>
#include <cmath>
#include <cstdio>
#include <string>

#include "daq/text.hpp"
#include "h5kit/daq/attribute_codec.hpp"
#include "h5kit/error.hpp"

namespace h5kit::daq {

namespace {

void hex_escape(std::string& out, char prefix, unsigned value, int digits) {
  char buf[16];
  std::snprintf(buf, sizeof buf, "\\%c%0*x", prefix, digits, value);
  out += buf;
}

// Python picks double quotes only when the text holds ' and no ".
char quote_for(std::string_view text) {
  const bool single = text.find('\'') != std::string_view::npos;
  const bool dbl = text.find('"') != std::string_view::npos;
  return single && !dbl ? '"' : '\'';
}

}  // namespace

std::string python_str_repr(std::string_view utf8) {
  std::size_t bad = 0;
  const auto cps = detail::decode_utf8(utf8, &bad);
  if (!cps)
    throw_error(ErrorKind::invalid_argument, "write str attribute", "", "",
                "the text is not valid UTF-8 (byte " + std::to_string(bad) + " of " + detail::excerpt(utf8) +
                    "); store it as bytes");
  const char quote = quote_for(utf8);
  std::string out(1, quote);
  for (const char32_t c : *cps) {
    if (c == static_cast<char32_t>(quote) || c == U'\\') {
      out += '\\';
      out += static_cast<char>(c);
    } else if (c == U'\t') out += "\\t";
    else if (c == U'\n') out += "\\n";
    else if (c == U'\r') out += "\\r";
    else if (c < 0x20 || c == 0x7F) hex_escape(out, 'x', c, 2);
    else if (c < 0x7F) out += static_cast<char>(c);
    else if (!detail::python_nonprintable(c)) detail::append_utf8(out, c);
    else if (c <= 0xFF) hex_escape(out, 'x', c, 2);
    else if (c <= 0xFFFF) hex_escape(out, 'u', c, 4);
    else hex_escape(out, 'U', c, 8);
  }
  out += quote;
  return out;
}

std::string python_bytes_repr(std::string_view bytes) {
  const char quote = quote_for(bytes);
  std::string out = "b";
  out += quote;
  for (const char ch : bytes) {
    const auto c = static_cast<unsigned char>(ch);
    if (c == static_cast<unsigned char>(quote) || c == '\\') {
      out += '\\';
      out += ch;
    } else if (c == '\t') out += "\\t";
    else if (c == '\n') out += "\\n";
    else if (c == '\r') out += "\\r";
    else if (c < 0x20 || c >= 0x7F) hex_escape(out, 'x', c, 2);
    else out += ch;
  }
  out += quote;
  return out;
}

std::string python_float_repr(double value) {
  if (std::isnan(value)) return "nan";
  if (std::isinf(value)) return value < 0 ? "-inf" : "inf";
  // The shortest round-trip digits and the decimal exponent, from to_chars' scientific form
  // ("d.ddde+XX"); then Python's layout: fixed when -4 <= exponent < 16, else scientific.
  char buf[64];
  const auto res = std::to_chars(buf, buf + sizeof buf, std::fabs(value), std::chars_format::scientific);
  const std::string sci(buf, res.ptr);
  const std::size_t e_pos = sci.find('e');
  std::string digits;
  for (std::size_t i = 0; i < e_pos; ++i)
    if (sci[i] != '.') digits += sci[i];
  const int exponent = std::stoi(sci.substr(e_pos + 1));
  std::string out = std::signbit(value) ? "-" : "";
  if (exponent >= -4 && exponent < 16) {
    if (exponent >= 0) {
      const auto int_len = static_cast<std::size_t>(exponent) + 1;
      if (digits.size() <= int_len) {
        out += digits + std::string(int_len - digits.size(), '0') + ".0";
      } else {
        out += digits.substr(0, int_len) + "." + digits.substr(int_len);
      }
    } else {
      out += "0." + std::string(static_cast<std::size_t>(-exponent - 1), '0') + digits;
    }
  } else {
    out += digits.substr(0, 1);
    if (digits.size() > 1) out += "." + digits.substr(1);
    char exp[16];
    std::snprintf(exp, sizeof exp, "e%c%02d", exponent < 0 ? '-' : '+', exponent < 0 ? -exponent : exponent);
    out += exp;
  }
  return out;
}

std::string python_repr(const PyValue& value) {
  using K = PyValue::Kind;
  switch (value.kind()) {
    case K::none: return "None";
    case K::boolean: return value.as_bool() ? "True" : "False";
    case K::integer: return std::to_string(value.as_int());
    case K::floating:
    case K::float64: return python_float_repr(value.as_float());
    case K::str: return python_str_repr(value.as_str());
    case K::bytes: return python_bytes_repr(value.as_bytes());
    case K::tuple:
    case K::list: {
      const bool tuple = value.kind() == K::tuple;
      std::string out = tuple ? "(" : "[";
      const auto& items = value.items();
      for (std::size_t i = 0; i < items.size(); ++i) {
        if (i) out += ", ";
        out += python_repr(items[i]);
      }
      if (tuple && items.size() == 1) out += ",";
      out += tuple ? ")" : "]";
      return out;
    }
    case K::dict:
    case K::raw: break;
  }
  throw_error(ErrorKind::invalid_argument, "write attribute", "", "",
              "a " + value.type_name() + " value only comes from reading a file; it has no Python repr to write");
}

std::pair<std::string, std::string> python_type_of(const PyValue& value) {
  using K = PyValue::Kind;
  switch (value.kind()) {
    case K::none: return {"builtins", "NoneType"};
    case K::boolean: return {"builtins", "bool"};
    case K::integer: return {"builtins", "int"};
    case K::floating: return {"builtins", "float"};
    case K::float64: return {"numpy", "float64"};
    case K::str: return {"builtins", "str"};
    case K::bytes: return {"builtins", "bytes"};
    case K::tuple: return {"builtins", "tuple"};
    case K::list: return {"builtins", "list"};
    case K::dict:
    case K::raw: break;
  }
  return {"builtins", "dict"};
}

namespace {
// json.dumps' string encoding with ensure_ascii: only ' '..'~' stay as they are.
void json_string(std::string& out, std::string_view utf8) {
  const auto cps = detail::decode_utf8(utf8);
  out += '"';
  for (const char32_t c : cps.value_or(std::vector<char32_t>{})) {
    switch (c) {
      case U'"': out += "\\\""; break;
      case U'\\': out += "\\\\"; break;
      case U'\n': out += "\\n"; break;
      case U'\r': out += "\\r"; break;
      case U'\t': out += "\\t"; break;
      case U'\b': out += "\\b"; break;
      case U'\f': out += "\\f"; break;
      default:
        if (c >= 0x20 && c <= 0x7E) {
          out += static_cast<char>(c);
        } else if (c < 0x10000) {
          hex_escape(out, 'u', c, 4);
        } else {
          const char32_t v = c - 0x10000;
          hex_escape(out, 'u', 0xD800 + (v >> 10), 4);
          hex_escape(out, 'u', 0xDC00 + (v & 0x3FF), 4);
        }
    }
  }
  out += '"';
}
}  // namespace

std::string object2json(const PyValue& value) {
  const auto [module, type] = python_type_of(value);
  const std::string data = python_repr(value);  // throws for dict/raw
  std::string out = "{\"module\": ";
  json_string(out, module);
  out += ", \"type\": ";
  json_string(out, type);
  out += ", \"data\": ";
  json_string(out, data);
  out += "}";
  return out;
}

}  // namespace h5kit::daq
