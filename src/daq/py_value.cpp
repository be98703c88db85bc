#include "h5kit/daq/py_value.hpp"

#include <cmath>

#include "h5kit/error.hpp"

namespace h5kit::daq {

namespace {
[[noreturn]] void wrong_kind(const PyValue& v, const char* wanted) {
  throw_error(ErrorKind::type_mismatch, std::string("read ") + wanted, "", "",
              std::string("expected ") + wanted + ", found " + v.type_name());
}
}  // namespace

bool PyValue::as_bool() const {
  if (kind_ != Kind::boolean) wrong_kind(*this, "a bool");
  return std::get<bool>(value_);
}

std::int64_t PyValue::as_int() const {
  if (kind_ != Kind::integer) wrong_kind(*this, "an int");
  return std::get<std::int64_t>(value_);
}

double PyValue::as_float() const {
  if (kind_ == Kind::floating || kind_ == Kind::float64) return std::get<double>(value_);
  if (kind_ == Kind::integer) return static_cast<double>(std::get<std::int64_t>(value_));
  wrong_kind(*this, "a float");
}

const std::string& PyValue::as_str() const {
  if (!is_str()) wrong_kind(*this, "a str");
  return std::get<std::string>(value_);
}

const std::string& PyValue::as_bytes() const {
  if (kind_ != Kind::bytes) wrong_kind(*this, "a bytes");
  return std::get<std::string>(value_);
}

std::string PyValue::as_text() const {
  if (!is_str() && !is_bytes()) wrong_kind(*this, "a str or bytes");
  return std::get<std::string>(value_);
}

const PyList& PyValue::items() const {
  if (!is_sequence()) wrong_kind(*this, "a tuple or list");
  return std::get<PyList>(value_);
}

const PyDict& PyValue::dict_items() const {
  if (kind_ != Kind::dict) wrong_kind(*this, "a dict");
  return std::get<PyDict>(value_);
}

const PyValue* PyValue::find(std::string_view key) const {
  for (const auto& [k, v] : dict_items())
    if (k == key) return &v;
  return nullptr;
}

std::vector<std::int64_t> PyValue::as_int_vector() const {
  if (!is_sequence()) wrong_kind(*this, "a tuple of ints");
  std::vector<std::int64_t> out;
  for (const PyValue& item : items()) {
    if (!item.is_int()) wrong_kind(*this, "a tuple of ints");
    out.push_back(item.as_int());
  }
  return out;
}

std::string PyValue::type_name() const {
  switch (kind_) {
    case Kind::none: return "None";
    case Kind::boolean: return "bool";
    case Kind::integer: return "int";
    case Kind::floating: return "float";
    case Kind::float64: return "numpy.float64";
    case Kind::str: return "str";
    case Kind::bytes: return "bytes";
    case Kind::tuple: return "tuple";
    case Kind::list: return "list";
    case Kind::dict: return "dict";
    case Kind::raw: return "str (not pymodaq JSON: '" + std::get<std::string>(value_).substr(0, 60) + "')";
  }
  return "?";
}

bool operator==(const PyValue& a, const PyValue& b) {
  using K = PyValue::Kind;
  const auto numeric = [](const PyValue& v) { return v.is_number() || v.is_bool(); };
  if (numeric(a) && numeric(b)) {
    const auto as_double = [](const PyValue& v) {
      if (v.is_bool()) return v.as_bool() ? 1.0 : 0.0;
      return v.as_float();
    };
    if (a.is_int() && b.is_int()) return a.as_int() == b.as_int();
    return as_double(a) == as_double(b);
  }
  if (a.is_str() && b.is_str()) return a.as_str() == b.as_str();
  if (a.kind() != b.kind()) return false;
  switch (a.kind()) {
    case K::none: return true;
    case K::bytes: return a.as_bytes() == b.as_bytes();
    case K::tuple:
    case K::list: return a.items() == b.items();
    case K::dict: return a.dict_items() == b.dict_items();
    default: return false;
  }
}

}  // namespace h5kit::daq
