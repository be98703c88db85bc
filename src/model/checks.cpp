#include "h5kit/model/detail/checks.hpp"

#include <charconv>
#include <cmath>
#include <map>
#include <optional>
#include <regex>

namespace h5kit::detail::model {

namespace {

enum class Category { integer, floating, boolean, text, enumeration, complex, exact };

Category category_of(std::string_view dtype) {
  if (dtype == "bool") return Category::boolean;
  if (dtype.starts_with("int") || dtype.starts_with("uint")) return Category::integer;
  if (dtype.starts_with("float")) return Category::floating;
  if (dtype == "str" || dtype == "bytes" || dtype.starts_with("S")) return Category::text;
  if (dtype.starts_with("enum(")) return Category::enumeration;
  if (dtype.starts_with("complex")) return Category::complex;
  return Category::exact;
}

bool fits(Category expected, const ValueSchema& schema, const Datatype& found) {
  const TypeClass c = found.type_class();
  switch (expected) {
    case Category::boolean: return found.is_bool();
    case Category::integer: return c == TypeClass::integer;
    case Category::floating: return c == TypeClass::integer || c == TypeClass::floating;
    case Category::text: return c == TypeClass::string;
    case Category::enumeration: return c == TypeClass::enumeration && !found.is_bool();
    case Category::complex: return found.is_complex();
    case Category::exact: return found.name() == schema.dtype;
  }
  return false;
}

std::string number_text(double v) {
  char buf[64];
  const auto r = std::to_chars(buf, buf + sizeof buf, v);
  return std::string(buf, r.ptr);
}

std::string with_unit(double bound, const FieldSchema& field) {
  std::string s = number_text(bound);
  if (!field.unit.empty()) s += " " + field.unit;
  return s;
}

std::string shape_text(const std::vector<std::int64_t>& shape) {
  std::string s = "(";
  for (std::size_t i = 0; i < shape.size(); ++i) {
    if (i) s += ", ";
    s += shape[i] == kAnyExtent ? "any" : std::to_string(shape[i]);
  }
  if (shape.size() == 1) s += ",";
  return s + ")";
}

// Compiling a pattern costs far more than matching it: each thread keeps the ones it has seen.
// nullptr for a pattern std::regex refuses.
const std::regex* compiled(const std::string& pattern) {
  thread_local std::map<std::string, std::optional<std::regex>, std::less<>> cache;
  auto it = cache.find(pattern);
  if (it == cache.end()) {
    std::optional<std::regex> re;
    try {
      re.emplace(pattern);
    } catch (const std::regex_error&) {
    }
    it = cache.emplace(pattern, std::move(re)).first;
  }
  return it->second ? &*it->second : nullptr;
}

std::string shape_text(const Shape& shape) {
  return shape_text(std::vector<std::int64_t>(shape.begin(), shape.end()));
}

}  // namespace

std::string describe(const ValueSchema& value) {
  if (value.any_rank) return value.dtype + " (any shape)";
  if (value.shape.empty()) return value.dtype + " scalar";
  return value.dtype + " " + shape_text(value.shape);
}

std::string describe_found(const Datatype& type, const Shape& shape) {
  return type.name() + (shape.empty() ? std::string(" scalar") : " " + shape_text(shape));
}

std::string check_units_attribute(const Datatype& type, const Shape& shape, bool is_empty) {
  if (type.type_class() == TypeClass::string && !is_empty && shape.empty()) return {};
  return "should be a scalar string, found " + describe_found(type, shape);
}

std::string check_shape(const std::vector<std::int64_t>& expected, bool any_rank, const Shape& found) {
  if (any_rank) return {};
  bool ok = expected.size() == found.size();
  for (std::size_t i = 0; ok && i < found.size(); ++i) {
    ok = expected[i] == kAnyExtent || static_cast<std::uint64_t>(expected[i]) == found[i];
  }
  if (ok) return {};
  if (expected.empty()) return "expected a scalar, found shape " + shape_text(found);
  return "expected shape " + shape_text(expected) + ", found " +
         (found.empty() ? std::string("a scalar") : shape_text(found));
}

std::string check_stored(const ValueSchema& expected, const Datatype& found_type, const Shape& found_shape,
                         bool integer_enums) {
  const Category category = category_of(expected.dtype);
  const bool enum_as_integer =
      integer_enums && category == Category::enumeration && found_type.type_class() == TypeClass::integer;
  if (!enum_as_integer && !fits(category, expected, found_type)) {
    return "expected " + describe(expected) + ", found " + describe_found(found_type, found_shape);
  }
  return check_shape(expected.shape, expected.any_rank, found_shape);
}

std::string check_number(const FieldSchema& field, double value) {
  const Constraints& c = field.constraints;
  const std::string found = ", found " + number_text(value);
  if (std::isnan(value) && (c.ge || c.gt || c.le || c.lt)) return "must be a number within its bounds, found nan";
  if (c.ge && !(value >= *c.ge)) return "must be >= " + with_unit(*c.ge, field) + found;
  if (c.gt && !(value > *c.gt)) return "must be > " + with_unit(*c.gt, field) + found;
  if (c.le && !(value <= *c.le)) return "must be <= " + with_unit(*c.le, field) + found;
  if (c.lt && !(value < *c.lt)) return "must be < " + with_unit(*c.lt, field) + found;
  if (!c.allowed_numbers.empty()) {
    for (double a : c.allowed_numbers) {
      if (a == value) return {};
    }
    std::string list;
    for (double a : c.allowed_numbers) list += (list.empty() ? "" : ", ") + number_text(a);
    return "must be one of {" + list + "}" + found;
  }
  return {};
}

std::string check_length(const FieldSchema& field, std::size_t length) {
  const Constraints& c = field.constraints;
  if (c.min_length && length < *c.min_length) {
    return "must have at least " + std::to_string(*c.min_length) + " elements, found " + std::to_string(length);
  }
  if (c.max_length && length > *c.max_length) {
    return "must have at most " + std::to_string(*c.max_length) + " elements, found " + std::to_string(length);
  }
  return {};
}

std::string quoted_value(std::string_view value) {
  if (value.size() <= kQuotedBytes) return "\"" + std::string(value) + "\"";
  std::size_t cut = kQuotedBytes;
  while (cut > 0 && (static_cast<unsigned char>(value[cut]) & 0xC0) == 0x80) --cut;  // not inside a UTF-8 character
  return "\"" + std::string(value.substr(0, cut)) + "...\" (" + std::to_string(value.size()) + " bytes)";
}

std::string leads_nowhere(const LinkInfo& link) {
  if (link.kind == LinkKind::hard) return "is a hard link whose object cannot be opened (the file is damaged)";
  if (link.kind == LinkKind::external)
    return "is an external link to " + quoted_value(link.target) + " in " + quoted_value(link.file) +
           " that cannot be followed (the file or the object is missing)";
  return "is a soft link to " + quoted_value(link.target) +
         " that leads to no object (its target is missing, or its links make a loop)";
}

std::string check_text(const FieldSchema& field, std::string_view value) {
  const Constraints& c = field.constraints;
  // Lengths of text count characters as stored (UTF-8 bytes), as h5py's len() of the bytes would.
  if (c.min_length && value.size() < *c.min_length) {
    return "must be at least " + std::to_string(*c.min_length) + " characters long, found " + quoted_value(value);
  }
  if (c.max_length && value.size() > *c.max_length) {
    return "must be at most " + std::to_string(*c.max_length) + " characters long, found " + quoted_value(value);
  }
  if (!c.pattern.empty()) {
    // libstdc++'s std::regex recurses once per character matched: a long enough string overflows the
    // stack. Longer strings are refused rather than risked.
    if (value.size() > kMaxPatternChecked) {
      return "is " + std::to_string(value.size()) + " characters long, longer than the " +
             std::to_string(kMaxPatternChecked) + " a pattern is checked on";
    }
    const std::regex* re = compiled(c.pattern);
    if (re == nullptr) return "has a pattern that is not a valid ECMAScript regex: /" + c.pattern + "/";
    if (!std::regex_match(value.begin(), value.end(), *re)) {
      return "must match /" + c.pattern + "/, found " + quoted_value(value);
    }
  }
  if (!c.allowed.empty()) {
    for (const auto& a : c.allowed) {
      if (a == value) return {};
    }
    std::string list;
    for (const auto& a : c.allowed) list += (list.empty() ? "\"" : ", \"") + a + "\"";
    return "must be one of {" + list + "}, found " + quoted_value(value);
  }
  return {};
}

}  // namespace h5kit::detail::model
