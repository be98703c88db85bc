#pragma once
// Where references sit inside one element of a datatype: the primitive under the reference inventory
// (graph/references.hpp) and under truncation, which rewrites every reference it copies.
//
//   ref                              one slot at offset 0, field path ""
//   compound{idx_start, count, timeseries: ref}   one slot "timeseries" at its offset
//   compound{a: compound{r: ref}, v: array(ref,(3,))}   "a.r", "v[0]", "v[1]", "v[2]"
//   vlen(ref)                        no fixed slot; one sequence (the hvl_t at offset 0) whose element
//                                    layout is one slot "" (h5py's vlen of references)
//
// The layout is computed from the datatype only (never by sampling a value). Offsets are those of the
// type as given: for the type of a dataset or attribute (H5Dget_type / H5Aget_type) they are the offsets
// of an element read with that same type as memory type, which is how the inventory reads.
#include <cstddef>
#include <functional>
#include <span>
#include <string>
#include <vector>

#include "h5kit/datatype.hpp"

namespace h5kit::graph {

enum class ReferenceKind { object, region };
const char* to_string(ReferenceKind kind) noexcept;

// Bytes of one stored reference: 8 for an object reference (hobj_ref_t), 12 for a region reference
// (HDF5 1.10's hdset_reg_ref_t).
std::size_t reference_size(ReferenceKind kind) noexcept;

// One reference at a fixed place in an element.
struct ReferenceSlot {
  std::size_t offset = 0;  // bytes from the start of the element
  ReferenceKind kind = ReferenceKind::object;
  // Compound members joined by '.', array members as [i] (row-major flat index): "", "timeseries",
  // "outer.inner", "refs[2]", "pairs[1].target". Empty for an element that is itself a reference.
  std::string field_path;
  friend bool operator==(const ReferenceSlot&, const ReferenceSlot&) = default;
};

struct ReferenceSequence;

struct ReferenceLayout {
  std::size_t element_size = 0;                // H5Tget_size of the type
  std::vector<ReferenceSlot> slots;            // in member order, array members in index order
  std::vector<ReferenceSequence> sequences;    // variable-length sequences that hold references
  // True when the type can hold no reference at all.
  bool empty() const noexcept;
  // True when the element is exactly one reference (a reference dataset or attribute).
  bool is_plain_reference() const noexcept;
};

// A variable-length sequence (hvl_t) at `offset` whose elements hold references laid out as `element`.
struct ReferenceSequence {
  std::size_t offset = 0;
  std::string field_path;  // as ReferenceSlot::field_path, naming the vlen member; "" for a vlen element
  ReferenceLayout element;
};

// The layout of any type: H5T_REFERENCE (H5R_OBJECT, H5R_DATASET_REGION), H5T_COMPOUND (recursively),
// H5T_ARRAY, H5T_VLEN sequences; every other class holds no reference. Never throws for a valid type;
// InvalidArgumentError for an invalid (default-constructed) one.
ReferenceLayout reference_layout(const Datatype& type);

// Where one reference was found while walking element bytes.
struct ReferenceHit {
  const ReferenceSlot* slot = nullptr;
  std::byte* bytes = nullptr;  // the reference's bytes, reference_size(slot->kind) of them
  // The full field path including sequence positions: "seq[3]", "refs[2]", "" ...
  std::string field_path;
};

// Calls `visit` for every reference stored in `count` consecutive elements starting at `elements`
// (laid out as `layout`), following variable-length sequences read into memory (hvl_t). `visit` gets
// the element index (0-based, within this block) and the hit; the bytes may be modified in place
// (truncation rewrites them). Returning true from `visit` stops the walk; the function then returns true.
bool for_each_reference(const ReferenceLayout& layout, std::byte* elements, std::size_t count,
                        const std::function<bool(std::size_t element, const ReferenceHit& hit)>& visit);

}  // namespace h5kit::graph
