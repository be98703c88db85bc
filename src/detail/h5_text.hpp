#pragma once
// Strings HDF5 allocates for us (member names, link values) become std::string and are freed.
#include <hdf5.h>

#include <string>

namespace h5kit::detail {

inline std::string take_h5_string(char* s) {
  if (!s) return {};
  std::string out(s);
  H5free_memory(s);
  return out;
}

}  // namespace h5kit::detail
