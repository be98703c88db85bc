#pragma once
// References: small values stored in datasets and attributes that point into the same file.
//   ObjectReference  — a group, dataset or named type (HDF5's hobj_ref_t; h5py.Reference).
//   RegionReference  — a dataset plus a selection in it (HDF5 1.10's hdset_reg_ref_t;
//                      h5py.RegionReference). Created by Dataset::region_reference, followed by
//                      Group::dereference (see docs/references.md).
// Neither records which file it belongs to: a reference is only meaningful in the file that made it.
#include <array>
#include <cstdint>

namespace h5kit {

struct ObjectReference {
  std::uint64_t address = 0;  // the HDF5 hobj_ref_t; 0 is the null reference
  bool is_null() const noexcept { return address == 0; }
  friend bool operator==(const ObjectReference&, const ObjectReference&) = default;
};

struct RegionReference {
  // The HDF5 hdset_reg_ref_t: the address of the heap object that stores the dataset's address and
  // the serialised selection. All zero is the null reference (what h5py writes for an unset one).
  std::array<std::uint8_t, 12> bytes{};
  bool is_null() const noexcept {
    for (auto b : bytes)
      if (b != 0) return false;
    return true;
  }
  friend bool operator==(const RegionReference&, const RegionReference&) = default;
};

}  // namespace h5kit
