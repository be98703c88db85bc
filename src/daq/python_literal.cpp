// ast.literal_eval over the literals pymodaq writes (spec §3.2), and numpy >= 2's np.float64(x).
#include <cctype>
#include <charconv>
#include <cmath>
#include <cstring>
#include <limits>
#include <string>

#include "daq/text.hpp"
#include "h5kit/daq/attribute_codec.hpp"
#include "h5kit/error.hpp"

namespace h5kit::daq {

namespace {

class LiteralParser {
 public:
  explicit LiteralParser(std::string_view text) : text_(text) {}

  PyValue parse_all() {
    skip_space();
    if (at_end()) fail("an empty text is not a Python literal");
    PyValue first = parse_value();
    skip_space();
    // A bare `1, 2` is a tuple in eval mode.
    if (peek() == ',') {
      PyList items{std::move(first)};
      while (peek() == ',') {
        ++pos_;
        skip_space();
        if (at_end()) break;
        items.push_back(parse_value());
        skip_space();
      }
      first = PyValue::tuple(std::move(items));
    }
    if (!at_end()) fail("unexpected text after the literal");
    return first;
  }

 private:
  [[noreturn]] void fail(const std::string& why) const {
    throw_error(ErrorKind::invalid_argument, "parse Python literal", "", "",
                why + " at offset " + std::to_string(pos_) + " of " + detail::excerpt(text_));
  }
  bool at_end() const { return pos_ >= text_.size(); }
  char peek(std::size_t ahead = 0) const { return pos_ + ahead < text_.size() ? text_[pos_ + ahead] : '\0'; }
  void skip_space() {
    while (!at_end()) {
      const char c = text_[pos_];
      if (c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f') ++pos_;
      else if (c == '\\' && peek(1) == '\n') pos_ += 2;  // explicit line joining
      else break;
    }
  }
  void expect(char c) {
    skip_space();
    if (peek() != c) fail(std::string("expected '") + c + "'");
    ++pos_;
  }

  PyValue parse_value() {
    skip_space();
    const char c = peek();
    if (c == '(') return parse_sequence('(', ')', true);
    if (c == '[') return parse_sequence('[', ']', false);
    if (c == '+' || c == '-') {
      ++pos_;
      PyValue v = parse_value();
      if (v.is_int()) {
        if (c == '-') {
          if (v.as_int() == std::numeric_limits<std::int64_t>::min()) fail("int out of the 64-bit range");
          return PyValue(-v.as_int());
        }
        return v;
      }
      if (v.kind() == PyValue::Kind::floating) return PyValue(c == '-' ? -v.as_float() : v.as_float());
      if (v.kind() == PyValue::Kind::float64) return PyValue::float64(c == '-' ? -v.as_float() : v.as_float());
      fail("a sign applies only to numbers");
    }
    if (std::isdigit(static_cast<unsigned char>(c)) || (c == '.' && std::isdigit(static_cast<unsigned char>(peek(1)))))
      return parse_number();
    if (c == '\'' || c == '"') return parse_strings();
    if (std::isalpha(static_cast<unsigned char>(c)) || c == '_') {
      // A string prefix, a name, or numpy's scalar repr np.float64(x).
      std::size_t end = pos_;
      while (end < text_.size() && (std::isalnum(static_cast<unsigned char>(text_[end])) || text_[end] == '_')) ++end;
      const std::string_view word = text_.substr(pos_, end - pos_);
      if (end < text_.size() && (text_[end] == '\'' || text_[end] == '"') && is_prefix(word)) return parse_strings();
      if (word == "True") { pos_ = end; return PyValue(true); }
      if (word == "False") { pos_ = end; return PyValue(false); }
      if (word == "None") { pos_ = end; return PyValue::none(); }
      if (word == "np" || word == "numpy") return parse_numpy_scalar(end);
      fail("'" + std::string(word) + "' is a name, not a literal");
    }
    if (at_end()) fail("the literal ends too early");
    fail(std::string("'") + c + "' does not start a literal");
  }

  static bool is_prefix(std::string_view w) {
    if (w.empty() || w.size() > 2) return false;
    std::string l;
    for (char ch : w) l += static_cast<char>(std::tolower(static_cast<unsigned char>(ch)));
    return l == "r" || l == "u" || l == "b" || l == "br" || l == "rb";
  }

  PyValue parse_sequence(char open, char close, bool tuple) {
    expect(open);
    PyList items;
    bool saw_comma = false;
    skip_space();
    while (peek() != close) {
      items.push_back(parse_value());
      skip_space();
      if (peek() == ',') {
        saw_comma = true;
        ++pos_;
        skip_space();
      } else if (peek() != close) {
        fail(std::string("expected ',' or '") + close + "'");
      }
    }
    ++pos_;
    if (tuple && items.size() == 1 && !saw_comma) return std::move(items[0]);  // (x) is x
    return tuple ? PyValue::tuple(std::move(items)) : PyValue::list(std::move(items));
  }

  PyValue parse_numpy_scalar(std::size_t after_module) {
    pos_ = after_module;
    if (peek() != '.') fail("numpy scalars are written np.<type>(value)");
    ++pos_;
    std::size_t end = pos_;
    while (end < text_.size() && (std::isalnum(static_cast<unsigned char>(text_[end])) || text_[end] == '_')) ++end;
    const std::string type(text_.substr(pos_, end - pos_));
    pos_ = end;
    expect('(');
    PyValue v = parse_value();
    expect(')');
    if (type == "float64" || type == "double") {
      if (!v.is_number()) fail("np.float64 holds a number");
      return PyValue::float64(v.as_float());
    }
    if (type == "float32" || type == "float16") {
      if (!v.is_number()) fail("np." + type + " holds a number");
      return PyValue(v.as_float());
    }
    if (type.starts_with("int") || type.starts_with("uint")) {
      if (!v.is_int()) fail("np." + type + " holds an int");
      return v;
    }
    if (type == "bool_" || type == "bool") {
      if (!v.is_bool()) fail("np." + type + " holds True or False");
      return v;
    }
    fail("np." + type + " is not a numpy scalar type h5kit reads");
  }

  PyValue parse_number() {
    const std::size_t start = pos_;
    std::string clean;
    // Prefixed integers.
    if (peek() == '0' && std::strchr("xXoObB", peek(1)) && peek(1) != '\0') {
      const char kind = static_cast<char>(std::tolower(static_cast<unsigned char>(peek(1))));
      const int base = kind == 'x' ? 16 : kind == 'o' ? 8 : 2;
      pos_ += 2;
      while (!at_end() && (std::isxdigit(static_cast<unsigned char>(peek())) || peek() == '_')) {
        if (peek() != '_') clean += peek();
        ++pos_;
      }
      std::uint64_t v = 0;
      const auto r = std::from_chars(clean.data(), clean.data() + clean.size(), v, base);
      if (clean.empty() || r.ptr != clean.data() + clean.size()) fail("a malformed integer");
      if (r.ec != std::errc{} || v > static_cast<std::uint64_t>(std::numeric_limits<std::int64_t>::max()))
        fail("int out of the 64-bit range");
      return PyValue(static_cast<std::int64_t>(v));
    }
    bool is_float = false;
    while (!at_end()) {
      const char c = peek();
      if (std::isdigit(static_cast<unsigned char>(c))) clean += c;
      else if (c == '_') {}
      else if (c == '.') { is_float = true; clean += c; }
      else if ((c == 'e' || c == 'E') &&
               (std::isdigit(static_cast<unsigned char>(peek(1))) ||
                ((peek(1) == '+' || peek(1) == '-') && std::isdigit(static_cast<unsigned char>(peek(2)))))) {
        is_float = true;
        clean += 'e';
        ++pos_;
        if (peek() == '+' || peek() == '-') { clean += peek(); ++pos_; }
        continue;
      } else break;
      ++pos_;
    }
    if (peek() == 'j' || peek() == 'J') fail("complex numbers are not read");
    if (std::isalpha(static_cast<unsigned char>(peek()))) fail("a malformed number");
    if (!is_float) {
      if (clean.size() > 1 && clean[0] == '0' && clean.find_first_not_of('0') != std::string::npos)
        fail("leading zeros in a decimal integer are not allowed");
      std::int64_t v = 0;
      const auto r = std::from_chars(clean.data(), clean.data() + clean.size(), v);
      if (r.ec == std::errc::result_out_of_range) fail("int out of the 64-bit range");
      if (r.ec != std::errc{} || r.ptr != clean.data() + clean.size()) fail("a malformed integer");
      return PyValue(v);
    }
    double d = 0;
    const auto r = std::from_chars(clean.data(), clean.data() + clean.size(), d);
    if (r.ptr != clean.data() + clean.size()) {
      pos_ = start;
      fail("a malformed float");
    }
    if (r.ec == std::errc::result_out_of_range) {
      // Python gives inf for overflow and 0.0 for underflow.
      const std::size_t e = clean.find('e');
      d = (e != std::string::npos && clean[e + 1] == '-') ? 0.0 : std::numeric_limits<double>::infinity();
    }
    return PyValue(d);
  }

  // One or more adjacent string literals (concatenated, all str or all bytes).
  PyValue parse_strings() {
    std::string value;
    int kind = -1;  // 0 str, 1 bytes
    while (true) {
      skip_space();
      std::size_t p = pos_;
      bool raw = false, bytes = false;
      while (p < text_.size() && std::isalpha(static_cast<unsigned char>(text_[p]))) {
        const char c = static_cast<char>(std::tolower(static_cast<unsigned char>(text_[p])));
        if (c == 'r') raw = true;
        else if (c == 'b') bytes = true;
        else if (c != 'u') break;
        ++p;
      }
      if (p >= text_.size() || (text_[p] != '\'' && text_[p] != '"')) break;
      if (p != pos_ && !is_prefix(text_.substr(pos_, p - pos_))) break;
      if (kind >= 0 && kind != (bytes ? 1 : 0)) fail("str and bytes literals cannot be joined");
      kind = bytes ? 1 : 0;
      pos_ = p;
      parse_one_string(value, raw, bytes);
    }
    if (kind < 0) fail("expected a string literal");
    return kind == 1 ? PyValue::bytes(std::move(value)) : PyValue(std::move(value));
  }

  void parse_one_string(std::string& out, bool raw, bool bytes) {
    const char q = peek();
    const bool triple = peek(1) == q && peek(2) == q;
    pos_ += triple ? 3 : 1;
    while (true) {
      if (at_end()) fail("an unterminated string");
      const char c = text_[pos_];
      if (c == q && (!triple || (peek(1) == q && peek(2) == q))) {
        pos_ += triple ? 3 : 1;
        return;
      }
      if ((c == '\n' || c == '\r') && !triple) fail("a line break inside a string");
      if (bytes && static_cast<unsigned char>(c) >= 0x80) fail("bytes literals hold only ASCII characters");
      if (c != '\\') {
        out += c;
        ++pos_;
        continue;
      }
      if (pos_ + 1 >= text_.size()) fail("an unterminated string");
      const char e = text_[pos_ + 1];
      if (raw) {
        out += c;
        out += e;
        pos_ += 2;
        continue;
      }
      pos_ += 2;
      switch (e) {
        case '\n': break;
        case '\\': out += '\\'; break;
        case '\'': out += '\''; break;
        case '"': out += '"'; break;
        case 'a': out += '\a'; break;
        case 'b': out += '\b'; break;
        case 'f': out += '\f'; break;
        case 'n': out += '\n'; break;
        case 'r': out += '\r'; break;
        case 't': out += '\t'; break;
        case 'v': out += '\v'; break;
        case 'x': put_code(out, read_hex(2), bytes); break;
        case 'u':
          if (bytes) { out += "\\u"; break; }
          put_code(out, read_hex(4), false);
          break;
        case 'U':
          if (bytes) { out += "\\U"; break; }
          put_code(out, read_hex(8), false);
          break;
        case 'N':
          if (bytes) { out += "\\N"; break; }
          fail("\\N{...} escapes are not read");
        default:
          if (e >= '0' && e <= '7') {
            unsigned v = static_cast<unsigned>(e - '0');
            for (int k = 0; k < 2 && peek() >= '0' && peek() <= '7'; ++k) v = v * 8 + static_cast<unsigned>(peek() - '0'), ++pos_;
            put_code(out, v, bytes);
          } else {
            out += '\\';  // Python keeps unknown escapes as they are
            out += e;
          }
      }
    }
  }

  char32_t read_hex(int digits) {
    char32_t v = 0;
    for (int k = 0; k < digits; ++k) {
      const char c = peek();
      if (!std::isxdigit(static_cast<unsigned char>(c))) fail("a truncated \\x, \\u or \\U escape");
      v = v * 16 + static_cast<char32_t>(std::isdigit(static_cast<unsigned char>(c)) ? c - '0'
                                                                                     : std::tolower(c) - 'a' + 10);
      ++pos_;
    }
    return v;
  }

  void put_code(std::string& out, char32_t cp, bool bytes) {
    if (bytes) {
      if (cp > 0xFF) fail("a bytes escape above \\xff");
      out += static_cast<char>(cp);
      return;
    }
    if (cp > 0x10FFFF) fail("an escape beyond U+10FFFF");
    if (cp >= 0xD800 && cp <= 0xDFFF) fail("a lone surrogate cannot be stored as UTF-8");
    detail::append_utf8(out, cp);
  }

  std::string_view text_;
  std::size_t pos_ = 0;
};

}  // namespace

PyValue parse_python_literal(std::string_view text) {
  // literal_eval strips leading spaces and tabs; the same for trailing white space.
  return LiteralParser(text).parse_all();
}

}  // namespace h5kit::daq
