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

namespace {

// Adds the options that say where other files are found (virtual sources, external storage) to
// `dapl` (a new list when it is not valid yet).
Handle with_file_lookup_options(Handle dapl, const DatasetAccess& access, const Where& where) {
  constexpr const char* kOpen = "open dataset";
  if (!access.has_file_lookup_options()) return dapl;
  if (dapl.get() < 0) dapl = Handle(checked(H5Pcreate(H5P_DATASET_ACCESS), kOpen, where));
  if (access.virtual_view())
    checked(H5Pset_virtual_view(dapl.get(), *access.virtual_view() == VirtualView::first_missing
                                                ? H5D_VDS_FIRST_MISSING
                                                : H5D_VDS_LAST_AVAILABLE),
            kOpen, where);
  if (access.virtual_printf_gap())
    checked(H5Pset_virtual_printf_gap(dapl.get(), static_cast<hsize_t>(*access.virtual_printf_gap())), kOpen, where);
  if (access.virtual_prefix()) checked(H5Pset_virtual_prefix(dapl.get(), access.virtual_prefix()->c_str()), kOpen, where);
  if (access.external_prefix())
    checked(H5Pset_efile_prefix(dapl.get(), access.external_prefix()->c_str()), kOpen, where);
  return dapl;
}

}  // namespace

Dataset Group::dataset(std::string_view path, const DatasetAccess& access) const {
  const std::string p = detail::checked_path(path, id(), "open dataset");
  Dataset ds = open(p).as_dataset();
  const Where where{id(), p};
  // A requested cache is used as given; otherwise the chunk size decides (an asked-for cache makes
  // the chunk shape irrelevant, so it is not fetched).
  std::size_t chunk_bytes = 0;
  if (!access.chunk_cache()) {
    const std::optional<Shape> chunk = ds.chunks();
    // A chunk past size_t (only a damaged file declares one) keeps HDF5's default cache.
    if (chunk) chunk_bytes = byte_count(*chunk, ds.dtype().size()).value_or(0);
  }
  Handle dapl = chunk_bytes > 0 || access.chunk_cache()
                    ? detail::chunk_cache_access_plist(id(), chunk_bytes, access.chunk_cache(), where)
                    : Handle();
  dapl = with_file_lookup_options(std::move(dapl), access, where);
  if (dapl.get() < 0) return ds;
  // The cache and the file lookups are fixed when HDF5 opens a dataset, so reopen it with the access
  // list. HDF5 keeps one cache per dataset however often it is opened: another open handle keeps the
  // cache it got.
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
