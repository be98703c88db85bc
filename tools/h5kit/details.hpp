#pragma once
// What `h5kit tree --details` adds under an object's line: for a dataset its storage (layout and
// chunk shape, maxshape, filter pipeline, user fill value) and dimension scales; for every object
// its attributes with their types. The exact lines are in docs/cli.md.
#include <string>
#include <vector>

#include <h5kit/h5kit.hpp>

#include "json_value.hpp"

namespace h5kit::cli {

// "gzip(level=4)", "shuffle", "fletcher32", "lzf", "scaleoffset(int,minbits=auto)",
// "szip(nn,pixels_per_block=8)", "nbit", and for filters without a spelling here
// "lz4(id=32004,values=[...])" (plugins: a short name, the id and the client data).
std::string describe_filter(const FilterInfo& filter);

// "layout: chunked {10, 10}", "maxshape: {unlimited, 3}", "filters: shuffle, gzip(level=4)",
// "source: [0, :] <- other.h5:/b [:]" (one per virtual mapping), "fill: -1", "dims: [/x, /y]", "scale: x" (each only when
// it says something).
std::vector<std::string> dataset_details(const Dataset& dataset, ReferenceResolver& references);

// "@units: str {SCALAR}", one line per attribute, in the object's attribute order.
std::vector<std::string> attribute_details(const Object& object);

}  // namespace h5kit::cli
