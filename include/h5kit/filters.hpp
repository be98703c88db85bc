#pragma once
// The filters of a chunked dataset's pipeline (compression, checksums, byte shuffling).
#include <string>
#include <vector>

namespace h5kit {

// One filter in a dataset's pipeline, in the order HDF5 applies it when writing.
struct FilterInfo {
  int id = -1;                   // HDF5 filter id: 1 deflate (gzip), 2 shuffle, 3 fletcher32, 32000 LZF...
  std::string name;              // the name the filter registered ("deflate", "shuffle", "lzf"...)
  std::vector<unsigned> values;  // the filter's client data (the gzip level, ...)
  bool optional = false;         // HDF5 skips an optional filter when it fails, instead of failing the write
};

}  // namespace h5kit
