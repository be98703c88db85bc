#pragma once
// PyValue: a Python value as pymodaq's attribute codec stores it (spec §3): None, bool, int, float,
// numpy.float64, str, bytes, tuple, list, and the two fallbacks of pymodaq's json2object: a JSON
// object whose `type` it does not evaluate is "returned as the dict", and text that is not pymodaq
// JSON (or whose literal fails to evaluate) comes back as the raw string.
#include <cstdint>
#include <initializer_list>
#include <string>
#include <string_view>
#include <type_traits>
#include <utility>
#include <variant>
#include <vector>

namespace h5kit::daq {

class PyValue;
using PyList = std::vector<PyValue>;
// A JSON object kept as pymodaq returns it: its items in file order.
using PyDict = std::vector<std::pair<std::string, PyValue>>;

class PyValue {
 public:
  enum class Kind {
    none,     // None
    boolean,  // bool
    integer,  // int (h5kit holds it in 64 bits)
    floating, // float
    float64,  // numpy.float64 (written as {"module": "numpy", "type": "float64", ...})
    str,      // str (UTF-8)
    bytes,    // bytes
    tuple,    // tuple
    list,     // list
    dict,     // json2object's "returned as dict" fallback (NoneType, numpy int64, ...)
    raw,      // json2object's raw-string fallback: the stored text itself (a Python str)
  };

  PyValue() noexcept : kind_(Kind::none) {}
  PyValue(std::nullptr_t) noexcept : kind_(Kind::none) {}
  PyValue(bool b) noexcept : kind_(Kind::boolean), value_(b) {}
  template <class I>
    requires(std::is_integral_v<I> && !std::is_same_v<I, bool> && !std::is_same_v<I, char>)
  PyValue(I i) noexcept : kind_(Kind::integer), value_(static_cast<std::int64_t>(i)) {}
  PyValue(double d) noexcept : kind_(Kind::floating), value_(d) {}
  PyValue(float d) noexcept : kind_(Kind::floating), value_(static_cast<double>(d)) {}
  PyValue(const char* s) : kind_(Kind::str), value_(std::string(s)) {}
  PyValue(std::string s) noexcept : kind_(Kind::str), value_(std::move(s)) {}
  PyValue(std::string_view s) : kind_(Kind::str), value_(std::string(s)) {}

  static PyValue none() noexcept { return PyValue(); }
  static PyValue float64(double d) noexcept { return PyValue(Kind::float64, d); }
  static PyValue bytes(std::string b) { return PyValue(Kind::bytes, std::move(b)); }
  static PyValue tuple(PyList items) { return PyValue(Kind::tuple, std::move(items)); }
  static PyValue list(PyList items) { return PyValue(Kind::list, std::move(items)); }
  static PyValue dict(PyDict items) { return PyValue(Kind::dict, std::move(items)); }
  static PyValue raw(std::string text) { return PyValue(Kind::raw, std::move(text)); }
  // A tuple of ints, as pymodaq's `shape` and `nav_indexes`.
  template <class I>
    requires std::is_integral_v<I>
  static PyValue int_tuple(const std::vector<I>& values) {
    PyList items;
    items.reserve(values.size());
    for (I v : values) items.emplace_back(static_cast<std::int64_t>(v));
    return tuple(std::move(items));
  }

  Kind kind() const noexcept { return kind_; }
  bool is_none() const noexcept { return kind_ == Kind::none; }
  bool is_bool() const noexcept { return kind_ == Kind::boolean; }
  bool is_int() const noexcept { return kind_ == Kind::integer; }
  bool is_float() const noexcept { return kind_ == Kind::floating || kind_ == Kind::float64; }  // float or float64
  bool is_number() const noexcept { return is_int() || is_float(); }
  // A Python str: a decoded str, or the raw-string fallback (which is a str in Python too).
  bool is_str() const noexcept { return kind_ == Kind::str || kind_ == Kind::raw; }
  bool is_raw() const noexcept { return kind_ == Kind::raw; }
  bool is_bytes() const noexcept { return kind_ == Kind::bytes; }
  bool is_sequence() const noexcept { return kind_ == Kind::tuple || kind_ == Kind::list; }
  bool is_dict() const noexcept { return kind_ == Kind::dict; }

  // Checked accessors: a TypeMismatchError saying what was found (callers that know the file and
  // node catch it and name them; Node::get_* do).
  bool as_bool() const;
  std::int64_t as_int() const;
  double as_float() const;                 // float, float64, or int (Python's float(x))
  const std::string& as_str() const;       // str or raw
  const std::string& as_bytes() const;
  std::string as_text() const;             // str, raw, or bytes taken as UTF-8 (settings may be either)
  const PyList& items() const;             // tuple or list
  const PyDict& dict_items() const;        // dict
  // A dict item by key, nullptr when absent (dict only).
  const PyValue* find(std::string_view key) const;
  // A tuple/list of ints (shape, nav_indexes); TypeMismatchError for anything else.
  std::vector<std::int64_t> as_int_vector() const;

  // "None", "bool", "int", "float", "numpy.float64", "str", "bytes", "tuple", "list", "dict", "raw str".
  std::string type_name() const;

  // Python's ==, except that numbers of different kinds compare by value (1 == 1.0 == True, as in
  // Python) and the raw fallback equals a str with the same text.
  friend bool operator==(const PyValue& a, const PyValue& b);

 private:
  PyValue(Kind k, double d) noexcept : kind_(k), value_(d) {}
  PyValue(Kind k, std::string s) noexcept : kind_(k), value_(std::move(s)) {}
  PyValue(Kind k, PyList l) noexcept : kind_(k), value_(std::move(l)) {}
  PyValue(Kind k, PyDict d) noexcept : kind_(k), value_(std::move(d)) {}

  Kind kind_;
  std::variant<std::monostate, bool, std::int64_t, double, std::string, PyList, PyDict> value_;
};

// Attributes given to add_group, add_array and friends, in the order they are written (a Python dict).
using Metadata = std::vector<std::pair<std::string, PyValue>>;

}  // namespace h5kit::daq
