#pragma once
// Filter availability and chunk-cache property lists, shared by dataset creation, opening and the
// error reporter.
#include <hdf5.h>

#include <cstddef>
#include <optional>
#include <string>
#include <string_view>

#include "detail/checked.hpp"
#include "h5kit/detail/handle.hpp"
#include "h5kit/storage.hpp"

namespace h5kit::detail {

// The name h5kit uses for a filter id in messages ("32000 (lzf)").
std::string filter_label(int id);

// Throws InvalidArgumentError when this process cannot encode with the filter: not built in, no
// plugin for it on the plugin path (listed in the message), or a decode-only build (szip without
// its encoder).
void require_encoder(H5Z_filter_t id, std::string_view operation, const Where& where);

// A dataset access list with the chunk cache h5kit's rule gives a chunk of `chunk_bytes`, or with
// `requested`; an invalid Handle when the file's default cache already fits (use H5P_DEFAULT).
Handle chunk_cache_access_plist(hid_t loc, std::size_t chunk_bytes, const std::optional<ChunkCache>& requested,
                                const Where& where);

// For fail(): when HDF5's error stack `stack` says the filter pipeline failed on the dataset `loc`,
// the plain-words reason (a filter this process cannot load, a failed checksum), else "".
std::string explain_filter_failure(hid_t loc, std::string_view stack);

}  // namespace h5kit::detail
