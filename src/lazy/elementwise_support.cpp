// Names and errors of the element-wise operations (include/h5kit/lazy/elementwise.hpp).
#include "h5kit/lazy/elementwise.hpp"

#include <sstream>
#include <string>

namespace h5kit::lazy::detail {

const char* to_string(Unary op) noexcept {
  static constexpr const char* names[] = {
      "sin",   "cos",   "tan",   "arcsin", "arccos", "arctan", "sinh",     "cosh",  "tanh",  "arcsinh", "arccosh",
      "arctanh", "floor", "ceil", "trunc", "exp",    "expm1",  "exp2",     "log",   "log10", "log2",    "log1p",
      "sqrt",  "cbrt",  "negative", "square", "abs", "sign",   "isfinite", "isinf", "isnan"};
  return names[static_cast<int>(op)];
}

const char* to_string(Binary op) noexcept {
  static constexpr const char* names[] = {
      "add",   "subtract", "multiply", "divide",        "floor_divide", "power",      "mod",
      "maximum", "minimum", "equal",   "not_equal",     "less",         "less_equal", "greater",
      "greater_equal", "logical_and", "logical_or", "logical_xor"};
  return names[static_cast<int>(op)];
}

void throw_in_place_type(std::string_view operation, const Dataset& a, const char* why) {
  reject(ErrorKind::invalid_argument, std::string(operation) + " in place", a,
         std::string("expected a result that fits the array's element type: ") + why + "; nothing was written");
}

NumpyType numpy_binary_type(Binary op, NumpyType array, const ScalarValue& v) noexcept {
  if (is_boolean(op)) return NumpyType::bool_;
  const NumpyType t = uses_loop_search(op) ? loop_search_type(array, v) : result_type(array, v);
  if (op == Binary::divide && kind_of(t) != NumpyKind::floating) return NumpyType::float64;
  return t;
}

namespace {
std::string scalar_text(const ScalarValue& v) {
  std::ostringstream out;
  switch (kind_of(v.type)) {
    case NumpyKind::boolean: out << (v.signed_value ? "True" : "False"); break;
    case NumpyKind::signed_int: out << v.signed_value; break;
    case NumpyKind::unsigned_int: out << v.unsigned_value; break;
    case NumpyKind::floating: out.precision(17); out << v.floating; break;
  }
  return out.str() + " (" + numpy_name(v.type) + ")";
}
// numpy's order of kinds for same_kind casting: bool < unsigned < signed < floating.
int kind_order(NumpyType t) {
  switch (kind_of(t)) {
    case NumpyKind::boolean: return 0;
    case NumpyKind::unsigned_int: return 1;
    case NumpyKind::signed_int: return 2;
    case NumpyKind::floating: return 3;
  }
  return 3;
}
}  // namespace

void throw_scalar_widens(Binary op, const Dataset& a, NumpyType array, const ScalarValue& v, NumpyType numpy_type,
                         NumpyType fixed) {
  reject(ErrorKind::invalid_argument, to_string(op), a,
         std::string("expected a scalar whose value keeps numpy's result type ") + numpy_name(fixed) +
             " (fixed when the call was compiled); found " + scalar_text(v) + ", for which numpy 1.24 gives " +
             numpy_name(numpy_type) + " with an array of " + numpy_name(array) +
             " (value-based casting): name the result type, e.g. " + to_string(op) + "<" +
             (numpy_type == NumpyType::float64 ? std::string("double") :
              numpy_type == NumpyType::float32 ? std::string("float") :
              numpy_type == NumpyType::longdouble ? std::string("long double") :
              "std::" + std::string(numpy_name(numpy_type)) + "_t") +
             ">(a, value, Into{...})");
}

void check_same_kind(Binary op, const Dataset& a, NumpyType result, NumpyType array) {
  if (kind_order(result) <= kind_order(array)) return;
  throw_in_place_type(to_string(op), a,
                      (std::string("numpy computes it as ") + numpy_name(result) +
                       ", which numpy's same_kind casting does not store into " + numpy_name(array))
                          .c_str());
}

}  // namespace h5kit::lazy::detail
