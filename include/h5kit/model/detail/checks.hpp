#pragma once
// The checks every model path shares: the typed loader, the in-memory validate(), and the file
// validator that works from a schema alone (`h5kit validate`). Each returns what is wrong as text
// ("must be >= 0 J, found -3.4"), or an empty string when the value is fine.
#include <string>
#include <string_view>

#include "h5kit/datatype.hpp"
#include "h5kit/link.hpp"
#include "h5kit/model/schema.hpp"
#include "h5kit/shape.hpp"

namespace h5kit::detail::model {

// Whether a stored type and shape can be read as `expected`. By class, not width: integers of any
// width load into any integer field (values are range-checked on read), integers or floats into
// float fields, any string into a string field, enums into enum fields (names checked on read).
// `integer_enums` (LoadOptions::integer_enums): integers into enum fields too (values checked on read).
std::string check_stored(const ValueSchema& expected, const Datatype& found_type, const Shape& found_shape,
                         bool integer_enums = false);
// The same test for a shape alone (a declared shape with wildcards against a found one).
std::string check_shape(const std::vector<std::int64_t>& expected, bool any_rank, const Shape& found);

std::string check_number(const FieldSchema& field, double value);
// The longest string checked against a pattern (a longer one is a problem).
inline constexpr std::size_t kMaxPatternChecked = 4096;
std::string check_text(const FieldSchema& field, std::string_view value);
// A value from the file inside a problem message: in quotes, and a long one cut after
// kQuotedBytes bytes (at a character boundary) with its full length, so a hostile file cannot
// make a message of megabytes.
inline constexpr std::size_t kQuotedBytes = 64;
std::string quoted_value(std::string_view value);
// The problem of a member whose soft or external link leads to no object (dangling, or a loop):
// "is a soft link to "/x" that leads to no object (...)".
std::string leads_nowhere(const LinkInfo& link);
// Element count of an array or list, or length of a string.
std::string check_length(const FieldSchema& field, std::size_t length);

// Why a `units` attribute cannot name a unit (it must be a scalar string), or empty when it can.
std::string check_units_attribute(const Datatype& type, const Shape& shape, bool is_empty);

// "int32 (3, 2)", "float64", "str (any)": how messages name an expected value.
std::string describe(const ValueSchema& value);
std::string describe_found(const Datatype& type, const Shape& shape);

}  // namespace h5kit::detail::model
