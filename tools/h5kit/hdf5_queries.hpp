#pragma once
// The few things the CLI needs that h5kit's public API does not offer yet, asked of the HDF5 C API
// directly. Each function names the library API that should replace it; when that API exists, this
// file shrinks. Every function here is read-only and turns HDF5 failures into an empty answer or an
// h5kit-style message, never a crash.
#include <optional>
#include <string>
#include <vector>

#include <h5kit/h5kit.hpp>

namespace h5kit::cli {

// The fill value a dataset's creation properties define, in the native memory type, when the
// user set one (h5py's fillvalue=). nullopt when the fill value is HDF5's default or undefined.
// Replace with Dataset::fill_value_native() -> std::optional<RawData>.
std::optional<RawData> user_fill_value(const Dataset& dataset);



}  // namespace h5kit::cli
