#pragma once
// The "dtype" the CLI prints: Datatype::name(), except that opaque types carry their tag, since the
// tag is often all that says what the bytes are. h5py's numpy time types read as numpy names it:
//   opaque(16)                 no tag
//   opaque(8,"NUMPY:|V8")      any other tag, in double quotes
//   datetime64[ns], timedelta64[ms]   h5py's "NUMPY:<M8[ns]" / "NUMPY:<m8[ms]" tags
// Compounds, arrays and vlen sequences holding such types are spelled as name() spells them.
#include <string>

#include <h5kit/h5kit.hpp>

namespace h5kit::cli {

std::string type_name(const Datatype& type);

}  // namespace h5kit::cli
