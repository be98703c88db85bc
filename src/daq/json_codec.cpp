// JsonConverter.json2object (spec §3.2) and h5kit's decoding on top of it. nlohmann-json stays
// private to this file.
#include <cmath>
#include <limits>
#include <string>

#include <nlohmann/json.hpp>

#include "daq/text.hpp"
#include "h5kit/daq/attribute_codec.hpp"
#include "h5kit/error.hpp"

namespace h5kit::daq {

namespace {

using Json = nlohmann::ordered_json;

PyValue from_json(const Json& j) {
  switch (j.type()) {
    case Json::value_t::null: return PyValue::none();
    case Json::value_t::boolean: return PyValue(j.get<bool>());
    case Json::value_t::number_integer: return PyValue(j.get<std::int64_t>());
    case Json::value_t::number_unsigned: {
      const auto u = j.get<std::uint64_t>();
      if (u > static_cast<std::uint64_t>(std::numeric_limits<std::int64_t>::max()))
        return PyValue(static_cast<double>(u));
      return PyValue(static_cast<std::int64_t>(u));
    }
    case Json::value_t::number_float: return PyValue(j.get<double>());
    case Json::value_t::string: return PyValue(j.get<std::string>());
    case Json::value_t::array: {
      PyList items;
      for (const auto& e : j) items.push_back(from_json(e));
      return PyValue::list(std::move(items));
    }
    case Json::value_t::object: {
      PyDict items;
      for (const auto& [k, v] : j.items()) items.emplace_back(k, from_json(v));
      return PyValue::dict(std::move(items));
    }
    default: return PyValue::none();
  }
}

bool evaluated_type(const std::string& type) {
  static const char* const kTypes[] = {"float", "int",   "str",  "datetime", "date",   "time",
                                       "tuple", "list",  "bool", "bytes",    "float64"};
  for (const char* t : kTypes)
    if (type == t) return true;
  return false;
}

// The JSON object when `text` is one with a string "type", else nullopt.
std::optional<Json> pymodaq_object(std::string_view text) {
  Json j = Json::parse(text.begin(), text.end(), nullptr, false);
  if (j.is_discarded() || !j.is_object()) return std::nullopt;
  return j;
}

}  // namespace

PyValue json2object(std::string_view text) {
  const auto j = pymodaq_object(text);
  // json2object indexes dic['type'] and dic['data']: a failure (no such key, not a dict) returns the text.
  if (!j || !j->contains("type")) return PyValue::raw(std::string(text));
  const Json& type = (*j)["type"];
  if (!type.is_string() || !evaluated_type(type.get<std::string>())) return from_json(*j);
  if (!j->contains("data") || !(*j)["data"].is_string()) return PyValue::raw(std::string(text));
  try {
    PyValue v = parse_python_literal((*j)["data"].get<std::string>());
    if (type.get<std::string>() == "float64") {
      if (!v.is_number()) return PyValue::raw(std::string(text));
      return PyValue::float64(v.as_float());
    }
    return v;
  } catch (const Error&) {
    return PyValue::raw(std::string(text));
  }
}

PyValue decode_attribute(std::string_view text) {
  PyValue v = json2object(text);
  const auto j = (v.is_dict() || v.is_raw()) ? pymodaq_object(text) : std::nullopt;
  // operator[] on a const json with a missing key is undefined behaviour (an assertion in debug builds).
  if (!j || !j->contains("type")) return v;
  const Json& type = (*j)["type"];
  const Json* data = j->contains("data") ? &(*j)["data"] : nullptr;
  if (!type.is_string()) return v;
  const std::string t = type.get<std::string>();
  if (t == "NoneType") return PyValue::none();
  if (!data || !data->is_string()) return v;
  const std::string d = data->get<std::string>();
  // float('nan') and friends: repr gives names that literal_eval refuses.
  if (t == "float" || t == "float64" || t == "float32" || t == "float16") {
    double f = 0;
    if (d == "nan" || d == "-nan") f = std::numeric_limits<double>::quiet_NaN();
    else if (d == "inf") f = std::numeric_limits<double>::infinity();
    else if (d == "-inf") f = -std::numeric_limits<double>::infinity();
    else if (v.is_dict()) {
      try {
        const PyValue n = parse_python_literal(d);
        if (n.is_number()) return PyValue(n.as_float());
      } catch (const Error&) {
      }
      return v;
    } else {
      return v;
    }
    return t == "float64" ? PyValue::float64(f) : PyValue(f);
  }
  // numpy integer and bool scalars (np.int64(3) is stored with type 'int64' and data '3').
  if (t.starts_with("int") || t.starts_with("uint") || t == "bool_") {
    try {
      const PyValue n = parse_python_literal(d);
      if ((t == "bool_" && n.is_bool()) || (t != "bool_" && n.is_int())) return n;
    } catch (const Error&) {
    }
  }
  return v;
}

PyValue decode_attribute_strict(std::string_view text, std::string_view what) {
  PyValue v = decode_attribute(text);
  if (v.is_raw()) {
    const auto j = pymodaq_object(text);
    const std::string why = !j ? "is not pymodaq JSON ({\"module\": ..., \"type\": ..., \"data\": ...})"
                               : "holds a `data` literal that does not parse";
    throw_error(ErrorKind::type_mismatch, "decode attribute", "", "",
                std::string(what) + " " + why + ": " + detail::excerpt(text));
  }
  if (v.is_dict())
    throw_error(ErrorKind::type_mismatch, "decode attribute", "", "",
                std::string(what) + " holds a Python type h5kit does not read: " + detail::excerpt(text));
  return v;
}

}  // namespace h5kit::daq
