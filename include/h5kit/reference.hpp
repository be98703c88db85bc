#pragma once
// Object references: a small value that points at a group, dataset or named type in the same file
// (h5py's h5py.Reference for objects). Region references come with the selection work.
#include <cstdint>

namespace h5kit {

struct ObjectReference {
  std::uint64_t address = 0;  // the HDF5 hobj_ref_t; 0 is the null reference
  bool is_null() const noexcept { return address == 0; }
  friend bool operator==(const ObjectReference&, const ObjectReference&) = default;
};

}  // namespace h5kit
