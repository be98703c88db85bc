// Names and errors of the element-wise operations (include/h5kit/lazy/elementwise.hpp).
#include "h5kit/lazy/elementwise.hpp"

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

}  // namespace h5kit::lazy::detail
