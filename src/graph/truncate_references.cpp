// truncate: where references sit in a type, and rewriting them from the source's objects to the copies.
// Object references (HDF5 1.10's hobj_ref_t) are object addresses, so they are rewritten by looking the
// old address up in the copier's map. Region references are heap entries of the source file: each is
// followed in the source (dataset + selection), its selection clipped to the kept rows and a new
// reference created in the target.
#include <hdf5.h>

#include <algorithm>
#include <cstring>

#include "graph/truncate_internal.hpp"
#include "h5kit/datatype.hpp"

namespace h5kit::graph::detail {

using h5kit::detail::checked;
using h5kit::detail::Where;

namespace {

// Enough problems of one run to see what went wrong; the rest are counted in the last entry.
constexpr std::size_t max_reported = 1000;

bool variable_length(hid_t type) {
  const H5T_class_t cls = H5Tget_class(type);
  if (cls == H5T_VLEN) return true;
  if (cls == H5T_STRING) return H5Tis_variable_str(type) > 0;
  if (cls == H5T_ARRAY) {
    Handle base{checked(H5Tget_super(type), "inspect array type", Where{})};
    return variable_length(base.get());
  }
  if (cls == H5T_COMPOUND) {
    const int members = checked(H5Tget_nmembers(type), "inspect compound type", Where{});
    for (int i = 0; i < members; ++i) {
      Handle member{checked(H5Tget_member_type(type, static_cast<unsigned>(i)), "inspect compound type", Where{})};
      if (variable_length(member.get())) return true;
    }
  }
  return false;
}

}  // namespace

ReferenceLayout layout_of(hid_t type) { return reference_layout(Datatype{Handle::share(type)}); }

bool has_variable_length(hid_t type) { return variable_length(type); }

std::string index_text(const std::vector<hsize_t>& offset, const std::vector<hsize_t>& extent, std::size_t element) {
  if (extent.empty()) return "";
  std::vector<std::uint64_t> index(extent.size());
  std::uint64_t rest = element;
  for (std::size_t axis = extent.size(); axis-- > 0;) {
    const std::uint64_t size = std::max<hsize_t>(extent[axis], 1);
    index[axis] = rest % size + (axis < offset.size() ? offset[axis] : 0);
    rest /= size;
  }
  std::string text = "[";
  for (std::size_t i = 0; i < index.size(); ++i) text += (i ? ", " : "") + std::to_string(index[i]);
  return text + "]";
}

std::string ReferenceRewriter::Place::text() const {
  return *location + index_text(*offset, *extent, element) + (field->empty() ? "" : "." + *field);
}

void ReferenceRewriter::report(TruncateIssueKind kind, std::string where, std::string detail) {
  ++reported_;
  if (reported_ < max_reported) {
    issues_.push_back(TruncateIssue{kind, std::move(where), std::move(detail)});
  } else if (reported_ == max_reported) {
    issues_.push_back(TruncateIssue{kind, std::move(where), "and more problems of this run, not listed"});
  }
}

void ReferenceRewriter::rewrite(const ReferenceLayout& layout, std::byte* buffer, std::size_t count,
                                const std::string& location, const std::vector<hsize_t>& offset,
                                const std::vector<hsize_t>& extent) {
  for_each_reference(layout, buffer, count, [&](std::size_t element, const ReferenceHit& hit) {
    const Place place{&location, &offset, &extent, element, &hit.field_path};
    if (hit.slot->kind == ReferenceKind::object) {
      rewrite_object(hit.bytes, place);
    } else {
      rewrite_region(hit.bytes, place);
    }
    return false;
  });
}

void ReferenceRewriter::rewrite_object(std::byte* at, const Place& place) {
  hobj_ref_t old_ref = 0;
  std::memcpy(&old_ref, at, sizeof old_ref);
  ++rewritten_;
  if (old_ref == 0) return;  // null stays null
  hobj_ref_t new_ref = 0;
  const auto found = objects_.find(static_cast<haddr_t>(old_ref));
  if (found != objects_.end()) {
    new_ref = static_cast<hobj_ref_t>(found->second.new_address);
  } else {
    report(TruncateIssueKind::dangling_reference, place.text(),
           "an object reference to address " + std::to_string(old_ref) +
               ", which no link from the root reaches: written as a null reference");
  }
  std::memcpy(at, &new_ref, sizeof new_ref);
}

void ReferenceRewriter::rewrite_region(std::byte* at, const Place& place) {
  hdset_reg_ref_t old_ref{};
  std::memcpy(&old_ref, at, sizeof old_ref);
  ++rewritten_;
  hdset_reg_ref_t new_ref{};
  const bool null = std::all_of(std::begin(old_ref), std::end(old_ref), [](auto b) { return b == 0; });
  if (null) return;
  h5kit::detail::silence_hdf5_errors();
  const hid_t dataset_id = H5Rdereference2(source_, H5P_DEFAULT, H5R_DATASET_REGION, &old_ref);
  const hid_t space_id = dataset_id >= 0 ? H5Rget_region(source_, H5R_DATASET_REGION, &old_ref) : H5I_INVALID_HID;
  Handle dataset{dataset_id}, space{space_id};
  H5O_info_t info{};
  if (!dataset.valid() || !space.valid() || H5Oget_info2(dataset.get(), &info, H5O_INFO_BASIC) < 0) {
    h5kit::detail::take_error_stack();
    report(TruncateIssueKind::dangling_reference, place.text(),
           "a region reference that does not resolve in the source: written as a null reference");
    std::memcpy(at, &new_ref, sizeof new_ref);
    return;
  }
  const auto found = objects_.find(info.addr);
  if (found == objects_.end()) {
    report(TruncateIssueKind::dangling_reference, place.text(),
           "a region reference to a dataset no link from the root reaches: written as a null reference");
    std::memcpy(at, &new_ref, sizeof new_ref);
    return;
  }
  const auto plan = plan_.rows.find(info.addr);
  const RowPlan* rows = plan != plan_.rows.end() && plan->second.cut ? &plan->second : nullptr;
  // The new extent: the copy's shape, looked up once per dataset.
  auto known = new_dims_.find(info.addr);
  if (known == new_dims_.end()) {
    Handle copy{checked(H5Dopen2(target_, found->second.path.c_str(), H5P_DEFAULT), "open copied dataset",
                        Where{target_, found->second.path})};
    Handle copy_space{checked(H5Dget_space(copy.get()), "get dataspace", Where{copy.get()})};
    const int rank = H5Sget_simple_extent_ndims(copy_space.get());
    std::vector<hsize_t> extent(static_cast<std::size_t>(std::max(rank, 0)));
    if (rank > 0) H5Sget_simple_extent_dims(copy_space.get(), extent.data(), nullptr);
    known = new_dims_.emplace(info.addr, std::move(extent)).first;
  }
  const std::vector<hsize_t>& dims = known->second;
  std::optional<Handle> clipped = clip_selection(space.get(), rows, dims);
  if (!clipped) {
    report(TruncateIssueKind::region_emptied, place.text(),
           "a region reference into " + found->second.path +
               " selects only rows that were cut: written as a null reference");
    std::memcpy(at, &new_ref, sizeof new_ref);
    return;
  }
  checked(H5Rcreate(&new_ref, target_, found->second.path.c_str(), H5R_DATASET_REGION, clipped->get()),
          "create region reference", Where{target_, found->second.path});
  std::memcpy(at, &new_ref, sizeof new_ref);
}

std::optional<Handle> clip_selection(hid_t old_space, const RowPlan* rows, const std::vector<hsize_t>& new_dims) {
  const Where where{};
  const H5S_sel_type type = H5Sget_select_type(old_space);
  const int old_rank = H5Sget_simple_extent_ndims(old_space);
  if (!rows || new_dims.empty() || old_rank != static_cast<int>(new_dims.size())) {
    // Not cut: the same selection (and the extent it was made on) as in the source.
    return Handle{checked(H5Scopy(old_space), "copy selection", where)};
  }
  const std::size_t rank = new_dims.size();
  Handle space{checked(H5Screate_simple(static_cast<int>(rank), new_dims.data(), nullptr), "clip selection", where)};
  const hsize_t first = rows->start, last = rows->stop;  // kept rows [first, last) of the old extent
  if (type == H5S_SEL_ALL) {
    return space;  // every row kept is selected
  }
  if (type == H5S_SEL_NONE) {
    checked(H5Sselect_none(space.get()), "clip selection", where);
    return space;
  }
  bool any = false;
  if (type == H5S_SEL_POINTS) {
    const hssize_t points = checked(H5Sget_select_elem_npoints(old_space), "clip selection", where);
    std::vector<hsize_t> coords(static_cast<std::size_t>(points) * rank);
    if (points > 0)
      checked(H5Sget_select_elem_pointlist(old_space, 0, static_cast<hsize_t>(points), coords.data()),
              "clip selection", where);
    std::vector<hsize_t> kept;
    for (hssize_t p = 0; p < points; ++p) {
      const hsize_t* c = coords.data() + static_cast<std::size_t>(p) * rank;
      if (c[0] < first || c[0] >= last) continue;
      kept.push_back(c[0] - first);
      kept.insert(kept.end(), c + 1, c + rank);
    }
    if (kept.empty()) return std::nullopt;
    checked(H5Sselect_elements(space.get(), H5S_SELECT_SET, kept.size() / rank, kept.data()), "clip selection",
            where);
    return space;
  }
  // Hyperslabs: every block (start and end corners, inclusive) intersected with the kept rows.
  const hssize_t blocks = checked(H5Sget_select_hyper_nblocks(old_space), "clip selection", where);
  std::vector<hsize_t> corners(static_cast<std::size_t>(blocks) * rank * 2);
  if (blocks > 0)
    checked(H5Sget_select_hyper_blocklist(old_space, 0, static_cast<hsize_t>(blocks), corners.data()),
            "clip selection", where);
  std::vector<hsize_t> start(rank), count(rank, 1), block(rank);
  for (hssize_t b = 0; b < blocks; ++b) {
    const hsize_t* lo = corners.data() + static_cast<std::size_t>(b) * rank * 2;
    const hsize_t* hi = lo + rank;
    const hsize_t row_lo = std::max<hsize_t>(lo[0], first);
    const hsize_t row_hi = std::min<hsize_t>(hi[0] + 1, last);
    if (row_lo >= row_hi) continue;
    start[0] = row_lo - first;
    block[0] = row_hi - row_lo;
    for (std::size_t axis = 1; axis < rank; ++axis) {
      start[axis] = lo[axis];
      block[axis] = hi[axis] - lo[axis] + 1;
    }
    checked(H5Sselect_hyperslab(space.get(), any ? H5S_SELECT_OR : H5S_SELECT_SET, start.data(), nullptr,
                                count.data(), block.data()),
            "clip selection", where);
    any = true;
  }
  if (!any) return std::nullopt;
  return space;
}

}  // namespace h5kit::graph::detail
