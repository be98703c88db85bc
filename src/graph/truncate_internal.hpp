#pragma once
// The pieces of graph::truncate (include/h5kit/graph/truncate.hpp), one file each:
//   truncate_plan.cpp        which rows of which dataset are kept (the row plan)
//   truncate_nwb.cpp         the NWB ragged-table rules that adjust the plan
//   truncate_copier.cpp      the object copier: groups, links, named types, datasets, attributes
//   truncate_data.cpp        dataset values copied block by block (bounded memory)
//   truncate_references.cpp  where references sit in a type, and rewriting them to the new file
//   truncate.cpp             the public entry: checks, atomic target, result
#include <hdf5.h>

#include <cstdint>
#include <functional>
#include <map>
#include <optional>
#include <string>
#include <unordered_map>
#include <vector>

#include "detail/checked.hpp"
#include "h5kit/detail/handle.hpp"
#include "h5kit/graph/reference_layout.hpp"
#include "h5kit/graph/truncate.hpp"

namespace h5kit::graph::detail {

using h5kit::detail::Handle;

// ---- the row plan -------------------------------------------------------------------------------

// What happens to the integer values of a dataset besides the row cut (NWB mode).
enum class ValueRule {
  copy,          // values copied unchanged
  offsets,       // a VectorIndex: value - shift; values past `limit` reported
  row_indices,   // a DynamicTableRegion: value in [shift, limit) -> value - shift, others reported
};

struct RowPlan {
  std::uint64_t start = 0, stop = 0;  // rows kept of the first axis (only when `cut`)
  bool cut = false;
  ValueRule values = ValueRule::copy;
  std::int64_t shift = 0;
  std::int64_t limit = 0;
  std::string why;  // NWB mode: the rule that chose the rows ("VectorIndex /units/spike_times_index")
};

// One dataset of the source as the plan sees it.
struct DatasetFacts {
  std::string path;
  haddr_t address = HADDR_UNDEF;
  std::vector<hsize_t> dims;  // empty for scalars and null dataspaces
  bool simple = false;        // a simple dataspace with rank >= 1
  bool null_space = false;
  bool virtual_layout = false;  // a virtual dataset: its values live in its sources, never cut
  std::size_t element_size = 0;
  std::string neurodata_type;  // "neurodata_type" or "data_type" attribute ("" when absent)
};

struct Plan {
  std::unordered_map<haddr_t, RowPlan> rows;        // datasets with a cut or a value rule
  std::unordered_map<haddr_t, std::uint64_t> bytes; // value bytes each dataset will copy
  std::uint64_t total_bytes = 0;
  std::vector<TruncateIssue> issues;
};

// Every object reachable by hard links from the root, once each (H5Ovisit order).
std::vector<DatasetFacts> survey_datasets(hid_t source_file);
// The default rule: datasets outside /specifications whose first axis is longer than the window
// keep the window's rows. Throws InvalidArgumentError when no dataset reaches the window start.
Plan plan_rows(const std::vector<DatasetFacts>& datasets, RowWindow window, bool window_given);
// NWB mode: VectorIndex chains, DynamicTableRegion columns (truncate_nwb.cpp).
void apply_nwb_rules(hid_t source_file, const std::vector<DatasetFacts>& datasets, RowWindow window, Plan& plan);
// Recomputes plan.bytes / total_bytes after the rules changed rows.
void count_bytes(const std::vector<DatasetFacts>& datasets, Plan& plan);

// ---- references in a type -----------------------------------------------------------------------

// Where references sit in one element of a type: graph::reference_layout (reference_layout.hpp).
ReferenceLayout layout_of(hid_t type);
// True when the type holds variable-length data (sequences or strings) anywhere.
bool has_variable_length(hid_t type);

// Old object -> new object, filled by the copier.
struct CopiedObject {
  std::string path;                 // the path it was first copied to (the same in both files)
  haddr_t new_address = HADDR_UNDEF;
};
using ObjectMap = std::unordered_map<haddr_t, CopiedObject>;

// Rewrites every reference in `count` elements at `buffer` (laid out as `layout`) from the source
// file's objects to the target's; problems go to `issues` with `location` + "[i]" + field.
class ReferenceRewriter {
 public:
  ReferenceRewriter(hid_t source_file, hid_t target_file, const ObjectMap& objects, const Plan& plan,
                    std::vector<TruncateIssue>& issues)
      : source_(source_file), target_(target_file), objects_(objects), plan_(plan), issues_(issues) {}
  // `count` elements of a block at `offset` with shape `extent` (both empty for a scalar); `location`
  // names the owner ("/a/b@attr" or "/a/b") in messages, followed by the element's index.
  void rewrite(const ReferenceLayout& layout, std::byte* buffer, std::size_t count, const std::string& location,
               const std::vector<hsize_t>& offset, const std::vector<hsize_t>& extent);
  std::size_t rewritten() const noexcept { return rewritten_; }

 private:
  // Where the element being rewritten is; the text is only made when something is reported.
  struct Place {
    const std::string* location;
    const std::vector<hsize_t>* offset;
    const std::vector<hsize_t>* extent;
    std::size_t element;
    const std::string* field;
    std::string text() const;
  };
  void rewrite_object(std::byte* at, const Place& place);
  void rewrite_region(std::byte* at, const Place& place);
  void report(TruncateIssueKind kind, std::string where, std::string detail);

  hid_t source_, target_;
  const ObjectMap& objects_;
  const Plan& plan_;
  std::vector<TruncateIssue>& issues_;
  std::unordered_map<haddr_t, std::vector<hsize_t>> new_dims_;  // copied datasets' extents
  std::size_t rewritten_ = 0;
  std::size_t reported_ = 0;
};

// A selection of a dataset's old extent clipped to rows [start, stop), moved to start at row 0, on a
// dataspace of `new_dims`. nullopt when nothing is left. Not cut: the selection copied as it is.
std::optional<Handle> clip_selection(hid_t old_space, const RowPlan* rows, const std::vector<hsize_t>& new_dims);

// ---- values ------------------------------------------------------------------------------------

// Copies the values of `source` (rows per `rows`, all when null) into `target`, which has the new
// extent, block by block within `buffer_bytes`. `on_block` sees every block in memory before it is
// written (references rewritten, NWB values adjusted); it gets the block's buffer, its element
// count, and the flat index of its first element in the new dataset... for contiguous runs only, so
// blocks are whole rows where a row fits in the buffer.
struct BlockView {
  std::byte* data = nullptr;
  std::size_t count = 0;             // elements in the block
  std::vector<hsize_t> offset;       // in the target
  std::vector<hsize_t> extent;       // the block's shape
};
void copy_values(hid_t source, hid_t target, hid_t memory_type, const RowPlan* rows, std::size_t buffer_bytes,
                 const std::function<void(BlockView&)>& on_block, const std::function<void(std::uint64_t)>& on_bytes);

// A small integer-valued helper for the NWB rules: reads one dataset of integers whole (index tables
// are small next to the data they index) as int64.
std::vector<std::int64_t> read_integers(hid_t dataset, std::uint64_t first, std::uint64_t count);

// ---- messages ----------------------------------------------------------------------------------
// "[3]", "[2, 0]": element `element` of a block at `offset` with shape `extent` ("" for a scalar).
std::string index_text(const std::vector<hsize_t>& offset, const std::vector<hsize_t>& extent, std::size_t element);

}  // namespace h5kit::graph::detail
