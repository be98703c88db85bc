#pragma once
// The few things the CLI needs that h5kit's public API does not offer yet, asked of the HDF5 C API
// directly. Each function names the library API that should replace it; when that API exists, this
// file shrinks. Every function here is read-only and turns HDF5 failures into an empty answer or an
// h5kit-style message, never a crash.
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include <h5kit/h5kit.hpp>

namespace h5kit::cli {

// The tag of an opaque type ("" when none). Replace with Datatype::opaque_tag().
std::string opaque_tag(const Datatype& type);

// True for HDF5's dataset region reference (hdset_reg_ref_t), as opposed to an object reference.
// Replace with Datatype::is_region_reference() (or a RegionReference type in reference.hpp).
bool is_region_reference(const Datatype& type);

// Which part of a dataset a region reference selects, in HDF5's own terms.
struct RegionSelection {
  enum class Kind { none, all, points, hyperslab };
  Kind kind = Kind::none;
  std::size_t rank = 0;
  // points: one coordinate list (rank values) per point, in selection order.
  std::vector<std::vector<std::uint64_t>> points;
  // hyperslab: one block per entry, as [start, stop) per axis (stop exclusive, like Python slices).
  std::vector<std::vector<std::pair<std::uint64_t, std::uint64_t>>> blocks;
};

struct RegionTarget {
  std::string path;  // the referenced dataset's path
  RegionSelection selection;
};

// Decodes the region reference at `reference` (HDF5_REF_DSETREG bytes read from a file whose root is
// `root`). nullopt for the null reference or one that no longer resolves.
// Replace with a RegionReference in reference.hpp (dereference + selection()).
std::optional<RegionTarget> resolve_region(const Group& root, const void* reference);

// The fill value a dataset's creation properties define, in the native memory type, when the
// user set one (h5py's fillvalue=). nullopt when the fill value is HDF5's default or undefined.
// Replace with Dataset::fill_value_native() -> std::optional<RawData>.
std::optional<RawData> user_fill_value(const Dataset& dataset);

// The sources a virtual dataset maps, as "file:dataset" ("." for the file itself), in mapping order.
// Replace with Dataset::virtual_sources().
std::vector<std::string> virtual_sources(const Dataset& dataset);

}  // namespace h5kit::cli
