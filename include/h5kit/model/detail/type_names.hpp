#pragma once
// C++ type names as files and messages show them (src/model/schema_build.cpp).
#include <string>
#include <string_view>

namespace h5kit::detail::model {

// "beamline::Beam" -> "Beam", "beamline::Tagged<beamline::Beam>" -> "Tagged<Beam>", a type in an
// anonymous namespace -> its bare name: a file or a message should not carry C++ namespaces.
std::string without_qualifiers(std::string_view type_name);

}  // namespace h5kit::detail::model
