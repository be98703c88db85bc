#pragma once
// The filters of a chunked dataset's pipeline (compression, checksums, byte shuffling), and which
// filters this process can use.
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

// What this process can do with a filter: built in or registered, or found as a plugin.
struct FilterAvailability {
  bool available = false;  // registered now, or loaded from the plugin path on this call
  bool can_encode = false;
  bool can_decode = false;
};
// Tries HDF5's plugin path when the filter is not registered yet (as writing or reading would).
FilterAvailability filter_availability(int id);

// The directories HDF5 searches for filter plugins, in order: HDF5_PLUGIN_PATH when set at library
// start, otherwise the built-in default (Debian: /usr/lib/x86_64-linux-gnu/hdf5/serial/plugins).
std::vector<std::string> plugin_paths();

}  // namespace h5kit
