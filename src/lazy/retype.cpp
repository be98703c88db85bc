// Rewriting a dataset with another element type: HDF5 fixes the type when a dataset is created,
// so astype in place and the widening of fixed-length strings stage a converted copy beside the
// dataset, with the same creation properties and attributes, and swap it in under the same path.
#include <hdf5.h>

#include <algorithm>
#include <string>
#include <vector>

#include "detail/checked.hpp"
#include "detail/vlen_reclaim.hpp"
#include "h5kit/lazy/routines.hpp"
#include "lazy/raw_blocks.hpp"

namespace h5kit::lazy::detail {

using h5kit::detail::checked;
using h5kit::detail::Handle;
using h5kit::detail::Where;

namespace {

// Copies every attribute of `from` onto `to`, in creation order when the dataset tracks it.
void copy_attributes(const Dataset& from, hid_t to, std::string_view op) {
  H5O_info_t info;
  checked(H5Oget_info2(from.id(), &info, H5O_INFO_NUM_ATTRS), op, Where{from.id()});
  Handle dcpl(checked(H5Dget_create_plist(from.id()), op, Where{from.id()}));
  unsigned order_flags = 0;
  checked(H5Pget_attr_creation_order(dcpl.get(), &order_flags), op, Where{from.id()});
  const H5_index_t index = (order_flags & H5P_CRT_ORDER_TRACKED) ? H5_INDEX_CRT_ORDER : H5_INDEX_NAME;
  for (hsize_t i = 0; i < info.num_attrs; ++i) {
    Handle attr(checked(H5Aopen_by_idx(from.id(), ".", index, H5_ITER_INC, i, H5P_DEFAULT, H5P_DEFAULT), op,
                        Where{from.id()}));
    const ssize_t name_size = checked(H5Aget_name(attr.get(), 0, nullptr), op, Where{from.id()});
    std::string name(static_cast<std::size_t>(name_size), '\0');
    checked(H5Aget_name(attr.get(), name.size() + 1, name.data()), op, Where{from.id()});
    const Where where{from.id(), name};
    Handle type(checked(H5Aget_type(attr.get()), op, where));
    Handle space(checked(H5Aget_space(attr.get()), op, where));
    Handle acpl(checked(H5Aget_create_plist(attr.get()), op, where));  // keeps the name's charset
    const hssize_t count = checked(H5Sget_simple_extent_npoints(space.get()), op, where);
    const std::size_t n = static_cast<std::size_t>(count);
    // Raw bytes of the stored type; variable-length members point into memory HDF5 allocated,
    // valid until reclaimed, so the write below copies their contents.
    std::vector<std::byte> buffer(std::max<std::size_t>(1, n * H5Tget_size(type.get())));
    checked(H5Aread(attr.get(), type.get(), buffer.data()), op, where);
    const h5kit::detail::VlenReclaimer reclaim(type.get(), n, buffer.data());
    Handle copy(checked(H5Acreate2(to, name.c_str(), type.get(), space.get(), acpl.get(), H5P_DEFAULT), op, where));
    checked(H5Awrite(copy.get(), type.get(), buffer.data()), op, where);
  }
}

}  // namespace

Dataset retype(const Dataset& ds, const Datatype& type, std::string_view op) {
  fixed_size_type(ds, op);
  if (H5Tdetect_class(type.id(), H5T_VLEN) > 0 || H5Tis_variable_str(type.id()) > 0)
    invalid(ds, op, "a fixed-size target type; found a variable-length one");
  if (H5Tequal(ds.dtype().id(), type.id()) > 0) return ds;
  const std::string path = ds.path();
  if (path.empty() || path == "/") invalid(ds, op, "a dataset reachable by a path; found an anonymous one");
  const std::string staged = path + ".h5kit-retype";
  const Where where{ds.id(), path};
  h5kit::detail::silence_hdf5_errors();
  // A staged copy that a process left when it died before the swap: the dataset at `path` is
  // still whole (the swap deletes it only after the copy is complete), so the leftover goes.
  if (H5Lexists(ds.id(), staged.c_str(), H5P_DEFAULT) > 0)
    checked(H5Ldelete(ds.id(), staged.c_str(), H5P_DEFAULT), op, Where{ds.id(), staged});

  Handle space(checked(H5Dget_space(ds.id()), op, where));
  Handle dcpl(checked(H5Dget_create_plist(ds.id()), op, where));  // layout, chunks, filters, fill value
  const hid_t created = H5Dcreate2(ds.id(), staged.c_str(), type.id(), space.get(), H5P_DEFAULT, dcpl.get(), H5P_DEFAULT);
  if (created < 0) h5kit::detail::fail_creation(op, Where{ds.id(), staged});
  Dataset copy{Handle(created)};
  try {
    copy_blocks(ds, copy, type, op, [](const Block& b) { return b; });
    copy_attributes(ds, copy.id(), op);
  } catch (...) {
    H5Ldelete(ds.id(), staged.c_str(), H5P_DEFAULT);  // the dataset at `path` is untouched
    throw;
  }
  checked(H5Ldelete(ds.id(), path.c_str(), H5P_DEFAULT), op, where);
  if (H5Lmove(ds.id(), staged.c_str(), ds.id(), path.c_str(), H5P_DEFAULT, H5P_DEFAULT) < 0)
    h5kit::detail::fail(ErrorKind::file, op, Where{ds.id(), staged},
                        "the converted data is at " + staged + "; moving it to " + path + " failed");
  return copy;
}

}  // namespace h5kit::lazy::detail
