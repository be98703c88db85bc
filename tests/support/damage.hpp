#pragma once
// Test support: damaging a file on purpose, the way a failed transfer or a bad disk would.
#include <string>
#include <string_view>

namespace h5kit::test {

// Overwrites every occurrence of `from` in the file at `path` with `to` (same length); returns how
// many were overwritten. HDF5's metadata blocks start with 4-byte signatures ("BTHD", "FRHP",
// "OHDR", ...), so replacing one damages exactly that kind of block.
int overwrite_bytes(const std::string& path, std::string_view from, std::string_view to);

}  // namespace h5kit::test
