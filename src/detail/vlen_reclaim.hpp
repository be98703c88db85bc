#pragma once
// Giving back what HDF5 allocated while reading variable-length data (strings, hvl_t rows) into a
// buffer of `count` elements of a memory type. HDF5 1.10 wants the memory type and a dataspace of
// the element count.
#include <hdf5.h>

#include <cstddef>

namespace h5kit::detail {

// Never throws: it runs in destructors and on error paths.
inline void reclaim_vlen(hid_t mem_type, std::size_t count, void* buffer) noexcept {
  const hsize_t n = count;
  const hid_t space = H5Screate_simple(1, &n, nullptr);
  if (space < 0) return;
  H5Dvlen_reclaim(mem_type, space, H5P_DEFAULT, buffer);
  H5Sclose(space);
}

// Reclaims when the scope ends, also when decoding the buffer stops with an exception.
class VlenReclaimer {
 public:
  VlenReclaimer(hid_t mem_type, std::size_t count, void* buffer) noexcept
      : type_(mem_type), count_(count), buffer_(buffer) {}
  VlenReclaimer(const VlenReclaimer&) = delete;
  VlenReclaimer& operator=(const VlenReclaimer&) = delete;
  ~VlenReclaimer() { reclaim_vlen(type_, count_, buffer_); }

 private:
  hid_t type_;
  std::size_t count_;
  void* buffer_;
};

}  // namespace h5kit::detail
