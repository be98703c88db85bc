// Dataset: the chunk cache in use and direct chunk I/O, which moves a chunk's stored bytes without
// running the filter pipeline.
#include <hdf5.h>

#include <cstdint>

#include "detail/checked.hpp"
#include "detail/dataspace.hpp"
#include "h5kit/dataset.hpp"

namespace h5kit {

using detail::checked;
using detail::Handle;
using detail::Where;

ChunkCache Dataset::chunk_cache() const {
  require_valid("get chunk cache");
  detail::silence_hdf5_errors();
  // An open dataset's access list reports the cache HDF5 actually uses for it.
  Handle dapl(checked(H5Dget_access_plist(id()), "get chunk cache", Where{id()}));
  ChunkCache cache;
  checked(H5Pget_chunk_cache(dapl.get(), &cache.slots, &cache.bytes, &cache.w0), "get chunk cache", Where{id()});
  return cache;
}

namespace {
// The chunk shape, or an error naming the operation when the dataset is not chunked.
Shape chunk_shape_for(const Dataset& ds, const char* op) {
  const std::optional<Shape> chunk = ds.chunks();
  if (!chunk)
    detail::reject(ErrorKind::invalid_argument, op, Where{ds.id()},
                   "direct chunk I/O needs a chunked dataset, this one is not chunked");
  return *chunk;
}

std::vector<hsize_t> checked_chunk_offset(const Dataset& ds, const Shape& chunk, const Shape& offset, const char* op) {
  const Shape shape = ds.shape();
  const Where where{ds.id()};
  if (offset.size() != shape.size())
    detail::reject(ErrorKind::invalid_argument, op, where,
                   "chunk offset " + to_string(offset) + " has rank " + std::to_string(offset.size()) +
                       ", the dataset has rank " + std::to_string(shape.size()));
  for (std::size_t i = 0; i < offset.size(); ++i) {
    if (offset[i] % chunk[i] != 0)
      detail::reject(ErrorKind::invalid_argument, op, where,
                     "chunk offset " + to_string(offset) + " is not on a chunk boundary (chunk shape " +
                         to_string(chunk) + ")");
    if (offset[i] >= shape[i])
      detail::reject(ErrorKind::invalid_argument, op, where,
                     "chunk offset " + to_string(offset) + " is outside the dataset's shape " + to_string(shape));
  }
  return std::vector<hsize_t>(offset.begin(), offset.end());
}
}  // namespace

std::vector<ChunkInfo> Dataset::chunk_list() const {
  const char* op = "list chunks";
  require_valid(op);
  const Shape chunk = chunk_shape_for(*this, op);
  detail::silence_hdf5_errors();
  Handle space(checked(H5Dget_space(id()), op, Where{id()}));
  hsize_t n = 0;
  checked(H5Dget_num_chunks(id(), space.get(), &n), op, Where{id()});
  std::vector<ChunkInfo> chunks;
  chunks.reserve(n);
  std::vector<hsize_t> offset(chunk.size());
  for (hsize_t i = 0; i < n; ++i) {
    unsigned mask = 0;
    haddr_t address = 0;
    hsize_t size = 0;
    checked(H5Dget_chunk_info(id(), space.get(), i, offset.data(), &mask, &address, &size), op, Where{id()});
    chunks.push_back(ChunkInfo{Shape(offset.begin(), offset.end()), mask, address, static_cast<std::size_t>(size)});
  }
  return chunks;
}

RawChunk Dataset::read_chunk(const Shape& offset) const {
  const char* op = "read chunk";
  require_valid(op);
  const Shape chunk = chunk_shape_for(*this, op);
  const std::vector<hsize_t> at = checked_chunk_offset(*this, chunk, offset, op);
  detail::silence_hdf5_errors();
  hsize_t size = 0;
  if (H5Dget_chunk_storage_size(id(), at.data(), &size) < 0 || size == 0) {
    H5Eclear2(H5E_DEFAULT);
    detail::reject(ErrorKind::not_found, op, Where{id()},
                   "no chunk is stored at offset " + to_string(offset) + " (never written)");
  }
  RawChunk out;
  out.bytes.resize(static_cast<std::size_t>(size));
  checked(H5Dread_chunk(id(), H5P_DEFAULT, at.data(), &out.filter_mask, out.bytes.data()), op, Where{id()});
  return out;
}

void Dataset::write_chunk(const Shape& offset, std::span<const std::byte> bytes, unsigned filter_mask) const {
  const char* op = "write chunk";
  require_valid(op);
  const Shape chunk = chunk_shape_for(*this, op);
  const std::vector<hsize_t> at = checked_chunk_offset(*this, chunk, offset, op);
  const Where where{id()};
  if (bytes.empty()) detail::reject(ErrorKind::invalid_argument, op, where, "no bytes given; nothing was written");
  // With every filter skipped the chunk is stored raw, so its size is known: a wrong size would
  // make every later read of the chunk fail or return garbage.
  const std::size_t nfilters = filters().size();
  const bool raw = nfilters == 0 || (nfilters < 32 && (filter_mask & ((1u << nfilters) - 1)) == (1u << nfilters) - 1);
  const std::size_t raw_bytes = byte_count(chunk, type_.size()).value_or(SIZE_MAX);  // a damaged file's chunk can overflow
  if (raw && bytes.size() != raw_bytes)
    detail::reject(ErrorKind::shape_mismatch, op, where,
                   "an unfiltered chunk of shape " + to_string(chunk) + " holds " + std::to_string(raw_bytes) +
                       " bytes, got " + std::to_string(bytes.size()) + "; nothing was written");
  detail::silence_hdf5_errors();
  checked(H5Dwrite_chunk(id(), H5P_DEFAULT, filter_mask, at.data(), bytes.size(), bytes.data()), op, where);
}

}  // namespace h5kit
