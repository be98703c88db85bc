#pragma once
// pymodaq's attribute codec (spec §3): JsonConverter.object2json / json2object, and the Python
// `repr` and literal syntax they rely on. Pure text functions, no HDF5: H5Backend stores the
// result as PyTables stores a Python str (attribute_storage.hpp says how).
#include <string>
#include <string_view>

#include "h5kit/daq/py_value.hpp"

namespace h5kit::daq {

// ---- writing (§3.1) --------------------------------------------------------------------------

// Python's repr() of the value: 'text' / "it's", b'...', 1.0, 1e-05, (1,), [1, 2], None, True.
// The dict and raw kinds have no repr of their own (InvalidArgumentError): they only come from reading.
std::string python_repr(const PyValue& value);
std::string python_str_repr(std::string_view utf8);     // repr of a str (UTF-8 in, UTF-8 out)
std::string python_bytes_repr(std::string_view bytes);  // repr of a bytes
std::string python_float_repr(double value);            // repr of a float: shortest round-trip digits

// object2json: {"module": "builtins", "type": "str", "data": "'scan'"} with json.dumps' default
// separators and ensure_ascii (non-ASCII as \uXXXX, astral characters as surrogate pairs).
std::string object2json(const PyValue& value);
// The (module, type) pair object2json writes: ("builtins", "tuple"), ("numpy", "float64"), ...
std::pair<std::string, std::string> python_type_of(const PyValue& value);

// ---- reading (§3.2) --------------------------------------------------------------------------

// ast.literal_eval over the literals pymodaq writes: str (quotes, prefixes r/b/u, escapes, adjacent
// literals), bytes, int (decimal, 0x/0o/0b, underscores, sign), float, True/False/None, tuple, list,
// and numpy >= 2's scalar repr np.float64(x) / numpy.float64(x). As in Python, `nan` and `inf` are
// names, not literals. Anything else is an InvalidArgumentError naming the position.
PyValue parse_python_literal(std::string_view text);

// json2object exactly: a JSON object whose `type` is one of float int str datetime date time tuple
// list bool bytes float64 gives its `data` evaluated as a literal (numpy.float64 for float64); any
// other JSON object is returned as the dict; non-JSON text, or data that fails to evaluate (a float
// nan/inf), gives the whole text back as the raw fallback.
PyValue json2object(std::string_view text);

// What h5kit's backend reads (json2object plus three things pymodaq's callers do afterwards or
// newer pymodaq does): {"type": "NoneType"} gives None; the numpy scalar types (int8..uint64,
// float16/32/64, bool_) give int/float/bool; a float `nan`, `inf` or `-inf` gives that float. Every
// other case is json2object's.
PyValue decode_attribute(std::string_view text);

// The strict reading for callers that need pymodaq JSON: like decode_attribute, but the raw and
// dict fallbacks are an InvalidArgumentError that says what the text was ("not pymodaq JSON",
// "unparsable literal"). `what` names the attribute in the message.
PyValue decode_attribute_strict(std::string_view text, std::string_view what);

}  // namespace h5kit::daq
