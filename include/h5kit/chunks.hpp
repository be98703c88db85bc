#pragma once
// Direct chunk I/O: the stored (filtered) bytes of one chunk, bypassing the filter pipeline.
#include <cstddef>
#include <cstdint>
#include <vector>

#include "h5kit/shape.hpp"

namespace h5kit {

// One allocated chunk of a chunked dataset (H5Dget_chunk_info).
struct ChunkInfo {
  Shape offset;              // element coordinates of the chunk's first element
  unsigned filter_mask = 0;  // bit i set: filter i of the pipeline was skipped for this chunk
  std::uint64_t address = 0; // byte address in the file
  std::size_t size = 0;      // stored bytes (after filtering)
};

// A chunk as stored: the filtered bytes and the mask of skipped filters.
struct RawChunk {
  unsigned filter_mask = 0;
  std::vector<std::byte> bytes;
};

}  // namespace h5kit
