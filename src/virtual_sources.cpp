// Dataset::virtual_sources: a virtual dataset's mappings read back from its creation properties.
#include <hdf5.h>

#include "detail/checked.hpp"
#include "detail/dataspace.hpp"
#include "h5kit/dataset.hpp"

namespace h5kit {

using detail::checked;
using detail::Handle;
using detail::Where;

namespace {

constexpr const char* kSources = "read virtual sources";

VirtualRegion region_of(hid_t space, const Where& where) {
  VirtualRegion region;
  region.extent = detail::extent_of(space);
  const std::size_t rank = region.extent.size();
  const H5S_sel_type type = H5Sget_select_type(space);
  if (type == H5S_SEL_ALL) {
    region.hyperslab = Hyperslab{Shape(rank, 0), Shape(rank, 1), Shape(rank, 1), region.extent};
    region.whole = true;
    return region;
  }
  if (type != H5S_SEL_HYPERSLABS)
    detail::reject(ErrorKind::file, kSources, where, "a mapping selects points, which HDF5 does not map");
  if (checked(H5Sis_regular_hyperslab(space), kSources, where) > 0) {
    std::vector<hsize_t> start(rank), stride(rank), count(rank), block(rank);
    checked(H5Sget_regular_hyperslab(space, start.data(), stride.data(), count.data(), block.data()), kSources,
            where);
    region.hyperslab = Hyperslab{detail::from_hsize(start), detail::from_hsize(stride), detail::from_hsize(count), detail::from_hsize(block)};
    return region;
  }
  const hssize_t n = checked(H5Sget_select_hyper_nblocks(space), kSources, where);
  std::vector<hsize_t> corners(static_cast<std::size_t>(n) * 2 * rank);
  checked(H5Sget_select_hyper_blocklist(space, 0, static_cast<hsize_t>(n), corners.data()), kSources, where);
  for (hssize_t b = 0; b < n; ++b) {
    const hsize_t* first = corners.data() + static_cast<std::size_t>(b) * 2 * rank;
    Block block{Shape(rank), Shape(rank)};
    for (std::size_t axis = 0; axis < rank; ++axis) {
      block.offset[axis] = first[axis];
      block.count[axis] = first[rank + axis] - first[axis] + 1;
    }
    region.blocks.push_back(std::move(block));
  }
  return region;
}

// HDF5's name getters answer the length first, then fill a buffer of it.
template <class Get>
std::string name_of(Get get, const Where& where) {
  const ssize_t n = checked(get(nullptr, 0), kSources, where);
  std::string name(static_cast<std::size_t>(n) + 1, '\0');
  checked(get(name.data(), name.size()), kSources, where);
  name.resize(static_cast<std::size_t>(n));
  return name;
}

}  // namespace

std::vector<VirtualMapping> Dataset::virtual_sources() const {
  require_valid(kSources);
  const Where where{id()};
  if (!is_virtual())
    detail::reject(ErrorKind::invalid_argument, kSources, where, "not a virtual dataset (h5py raises too)");
  detail::silence_hdf5_errors();
  const Handle dcpl(checked(H5Dget_create_plist(id()), kSources, where));
  size_t count = 0;
  checked(H5Pget_virtual_count(dcpl.get(), &count), kSources, where);
  std::vector<VirtualMapping> mappings;
  mappings.reserve(count);
  for (size_t i = 0; i < count; ++i) {
    VirtualMapping m;
    const Handle vspace(checked(H5Pget_virtual_vspace(dcpl.get(), i), kSources, where));
    const Handle sspace(checked(H5Pget_virtual_srcspace(dcpl.get(), i), kSources, where));
    m.region = region_of(vspace.get(), where);
    m.source_region = region_of(sspace.get(), where);
    m.file = name_of([&](char* out, size_t n) { return H5Pget_virtual_filename(dcpl.get(), i, out, n); }, where);
    m.dataset = name_of([&](char* out, size_t n) { return H5Pget_virtual_dsetname(dcpl.get(), i, out, n); }, where);
    mappings.push_back(std::move(m));
  }
  return mappings;
}

}  // namespace h5kit
