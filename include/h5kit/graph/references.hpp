#pragma once
// The reference inventory: every object and region reference stored in an object or a whole file,
// with where it lives and what it points to (spec §5.2).
//
// Locations, written by ReferenceLocation::to_string():
//   /g@attr              a scalar reference attribute
//   /g@attr[3]           element 3 of a reference array attribute (row-major index for N-d: [1,2])
//   /g@attr:field[3]     a reference inside a compound (or array-typed) attribute element
//   /d#data[2,1]         element [2,1] of a reference dataset of any rank; /d#data for a scalar
//   /d#column:ts[5]      row 5 of the compound column `ts` (nested: column:outer.inner, arrays: v[2])
//
// Columns are chosen from the datatype (graph/reference_layout.hpp), never by sampling an element, and
// datasets are read in blocks of rows with a memory type holding only the reference members.
// Null references are listed (is_null) with no target; empty compounds and null dataspaces hold none.
#include <cstddef>
#include <functional>
#include <optional>
#include <string>
#include <vector>

#include "h5kit/graph/identity.hpp"
#include "h5kit/graph/reference_layout.hpp"
#include "h5kit/reference.hpp"
#include "h5kit/selection.hpp"

namespace h5kit::graph {

struct ReferenceLocation {
  std::string owner;                // canonical path of the object holding the reference
  std::string attribute;            // attribute name; empty when the reference is in the dataset's data
  bool in_attribute = false;
  std::vector<std::size_t> index;   // element coordinates; empty for a scalar
  std::string field;                // field path inside the element ("" for a plain reference element)
  std::string to_string() const;
};

struct StoredReference {
  ReferenceLocation location;
  ReferenceKind kind = ReferenceKind::object;
  bool is_null = false;
  ObjectReference object_ref;                 // kind object: the stored value
  RegionReference region_ref;                 // kind region: the stored value
  std::optional<ObjectId> target;             // nullopt for null or unresolvable references
  std::optional<std::string> target_path;     // canonical path of the target
  std::optional<Selection> selection;         // kind region, resolved: the stored selection
  // Non-null but pointing at nothing reachable in this file (another file's reference, a deleted object).
  bool unresolved() const noexcept { return !is_null && !target_path; }
};

struct InventoryOptions {
  // Objects whose canonical path matches are not inspected (nor descended into). Empty: inspect all.
  std::function<bool(const std::string& canonical_path)> skip;
  // Called after each object is inspected with (objects done, objects to do); may be left empty.
  std::function<void(std::size_t done, std::size_t total)> progress;
  // Elements per dataset read (bounded memory for large reference columns).
  std::size_t block_elements = 1U << 16;
};

// Calls `visit` for every reference stored in `object` (attributes first, in name order, then its
// data); returning true from `visit` stops. Returns true when stopped.
bool visit_references(const Object& object, const FileIndex& index,
                      const std::function<bool(const StoredReference&)>& visit,
                      std::size_t block_elements = 1U << 16);

// Every reference stored in `object`.
std::vector<StoredReference> references(const Object& object, const FileIndex& index);
std::vector<StoredReference> references(const Object& object);

// Every reference stored in `start` and every object below it (each object once, canonical order).
std::vector<StoredReference> inventory(const Group& start, const FileIndex& index, const InventoryOptions& options = {});
std::vector<StoredReference> inventory(const Group& start, const InventoryOptions& options = {});

namespace compat {
// nwb-linkml's get_references(obj): target paths of scalar reference attributes (name order), then of
// a scalar or 1-D reference dataset (one per element, duplicates kept), then of the reference columns
// of a compound with at least two fields (column by column). Null and unresolvable references, which
// nwb-linkml raises on, are left out; the cases nwb-linkml misses (2-D, 1-field compounds, array
// attributes, nested compounds) are left out too, so the list is exactly nwb-linkml's where it works.
std::vector<std::string> get_references(const Object& object, const FileIndex& index);
}  // namespace compat

}  // namespace h5kit::graph
