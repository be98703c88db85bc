#pragma once
// String fill values (h5py's fillvalue=b"N/A" on an S<n> or string_dtype() dataset): set on a
// dataset creation list, and read back.
#include <hdf5.h>

#include <optional>
#include <string>

#include "detail/checked.hpp"
#include "h5kit/datatype.hpp"
#include "h5kit/storage.hpp"

namespace h5kit::detail {

// Checks `fill` against the stored string type `type` as a write of that value would be checked,
// then sets it on `dcpl`. InvalidArgumentError / TypeMismatchError name the dataset at `where`.
void set_string_fill_value(hid_t dcpl, const Datatype& type, const DatasetOptions::FillString& fill,
                           const Where& where);

// The fill value of a string dataset: nullopt when undefined, "" when the library default (zero
// bytes) applies, else the value without its padding.
std::optional<std::string> read_string_fill_value(hid_t dcpl, hid_t stored_type, const Where& where);

}  // namespace h5kit::detail
