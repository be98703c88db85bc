// Opening a dataset with a chunk cache that fits its chunks (see docs/storage.md).
#include <hdf5.h>

#include "detail/checked.hpp"
#include "detail/filters.hpp"
#include "detail/paths.hpp"
#include "h5kit/group.hpp"

namespace h5kit {

using detail::checked;
using detail::Handle;
using detail::Where;

Dataset Group::dataset(std::string_view path, const DatasetAccess& access) const {
  const std::string p = detail::checked_path(path, id(), "open dataset");
  Dataset ds = open(p).as_dataset();
  // A requested cache is used as given; otherwise the chunk size decides (an asked-for cache makes
  // the chunk shape irrelevant, so it is not fetched).
  std::size_t chunk_bytes = 0;
  if (!access.chunk_cache()) {
    const std::optional<Shape> chunk = ds.chunks();
    if (!chunk) return ds;
    // A chunk past size_t (only a damaged file declares one) keeps HDF5's default cache.
    chunk_bytes = byte_count(*chunk, ds.dtype().size()).value_or(0);
  }
  const Where where{id(), p};
  Handle dapl = detail::chunk_cache_access_plist(id(), chunk_bytes, access.chunk_cache(), where);
  if (dapl.get() < 0) return ds;
  // The cache is fixed when HDF5 opens a dataset, so reopen it with the access list. HDF5 keeps one
  // cache per dataset however often it is opened: another open handle keeps the cache it got.
  ds.close();
  detail::silence_hdf5_errors();
  Dataset reopened(Handle(checked(H5Dopen2(id(), p.c_str(), dapl.get()), "open dataset", where)));
  if (access.chunk_cache()) {
    const ChunkCache got = reopened.chunk_cache();
    if (got != *access.chunk_cache())
      detail::reject(ErrorKind::invalid_argument, "open dataset", where,
                     "the dataset is already open elsewhere in this process with a chunk cache of " +
                         std::to_string(got.bytes) + " bytes; HDF5 shares one cache per open dataset, so close "
                         "the other handles before asking for another cache");
  }
  return reopened;
}

}  // namespace h5kit
