// Group::create_virtual_dataset: a VirtualLayout's mappings as HDF5 hyperslabs (H5Pset_virtual).
#include <hdf5.h>

#include <algorithm>
#include <filesystem>
#include <system_error>
#include <variant>

#include "detail/checked.hpp"
#include "detail/dataspace.hpp"
#include "detail/paths.hpp"
#include "detail/plists.hpp"
#include "h5kit/group.hpp"
#include "h5kit/virtual.hpp"

namespace h5kit {

using detail::checked;
using detail::Handle;
using detail::Where;

namespace {

constexpr const char* kCreate = "create virtual dataset";

// What a region expression means on one side of a mapping (the layout, or a source), for messages.
struct Side {
  std::string name;  // "the layout" or "source f.h5:/data"
  const Shape& extent;
  const Shape& max;
};

[[noreturn]] void refuse(const Where& where, const Side& side, const std::string& what) {
  detail::reject(ErrorKind::invalid_argument, kCreate, where, side.name + ": " + what);
}

// How far a region may reach on `axis`: the maxshape when the axis can grow (unlimited: no end),
// the extent otherwise.
std::size_t reach(const Side& side, std::size_t axis) {
  const std::size_t max = side.max[axis];
  return max == unlimited ? unlimited : std::max(side.extent[axis], max);
}

// numpy's rule for a bound: negative counts from the end of the current extent, then it is clamped.
std::size_t clamp_bound(std::ptrdiff_t value, std::size_t extent, std::size_t limit) {
  const std::ptrdiff_t n = static_cast<std::ptrdiff_t>(extent);
  if (value < 0) value = std::max<std::ptrdiff_t>(0, value + n);
  const std::size_t v = static_cast<std::size_t>(value);
  return limit == unlimited ? v : std::min(v, limit);
}

void set_axis(Hyperslab& slab, std::size_t axis, std::size_t start, std::size_t stride, std::size_t count,
              std::size_t block) {
  slab.start[axis] = start;
  slab.stride[axis] = stride;
  slab.count[axis] = count;
  slab.block[axis] = block;
}

void slice_axis(Hyperslab& slab, std::size_t axis, const Slice& slice, const Side& side, const Where& where) {
  if (slice.step <= 0) refuse(where, side, "a slice step must be positive, got " + std::to_string(slice.step));
  const std::size_t limit = reach(side, axis);
  const std::size_t start = slice.start ? clamp_bound(*slice.start, side.extent[axis], limit) : 0;
  const std::size_t stop = slice.stop ? clamp_bound(*slice.stop, side.extent[axis], limit) : limit;
  const std::size_t step = static_cast<std::size_t>(slice.step);
  if (stop == unlimited) return set_axis(slab, axis, start, step, unlimited, 1);
  const std::size_t count = stop > start ? (stop - start + step - 1) / step : 0;
  set_axis(slab, axis, start, step, count, 1);
}

void multi_block_axis(Hyperslab& slab, std::size_t axis, const MultiBlockSlice& m, const Side& side,
                      const Where& where) {
  if (m.block == 0 || m.stride == 0) refuse(where, side, "multi_block needs a positive stride and block");
  const std::size_t limit = reach(side, axis);
  std::size_t count = 0;
  if (m.count) count = *m.count;
  else if (limit == unlimited) count = unlimited;
  else if (limit >= m.start + m.block) count = (limit - m.start - m.block) / m.stride + 1;
  set_axis(slab, axis, m.start, m.stride, count, m.block);
}

// The regular hyperslab an index expression selects on one side of a mapping.
Hyperslab slab_of(std::span<const Index> index, const Side& side, const Where& where) {
  const std::size_t rank = side.extent.size();
  Hyperslab slab{Shape(rank, 0), Shape(rank, 1), Shape(rank, 1), Shape(rank, 1)};
  std::size_t given = 0, ellipses = 0;
  for (const Index& i : index) (std::holds_alternative<Ellipsis>(i.value()) ? ellipses : given) += 1;
  if (ellipses > 1) refuse(where, side, "an index can hold one ellipsis");
  if (given > rank)
    refuse(where, side, "the index has " + std::to_string(given) + " entries for " + std::to_string(rank) + " axes");
  std::vector<const Index*> per_axis(rank, nullptr);  // nullptr: the whole axis
  std::size_t axis = 0;
  for (const Index& i : index) {
    if (std::holds_alternative<Ellipsis>(i.value())) axis += rank - given;
    else per_axis[axis++] = &i;
  }
  for (axis = 0; axis < rank; ++axis) {
    const std::string where_axis = " on axis " + std::to_string(axis);
    if (!per_axis[axis]) {
      slice_axis(slab, axis, Slice{}, side, where);
      continue;
    }
    const Index::Value& v = per_axis[axis]->value();
    if (const auto* position = std::get_if<std::ptrdiff_t>(&v)) {
      const std::ptrdiff_t n = static_cast<std::ptrdiff_t>(side.extent[axis]);
      const std::ptrdiff_t p = *position < 0 ? *position + n : *position;
      const std::size_t limit = reach(side, axis);
      if (p < 0 || (limit != unlimited && static_cast<std::size_t>(p) >= limit))
        refuse(where, side, "index " + std::to_string(*position) + where_axis + " is outside its extent " +
                                std::to_string(limit));
      set_axis(slab, axis, static_cast<std::size_t>(p), 1, 1, 1);
    } else if (const auto* slice = std::get_if<Slice>(&v)) {
      slice_axis(slab, axis, *slice, side, where);
    } else if (std::holds_alternative<All>(v)) {
      slice_axis(slab, axis, Slice{}, side, where);
    } else if (const auto* blocks = std::get_if<MultiBlockSlice>(&v)) {
      multi_block_axis(slab, axis, *blocks, side, where);
    } else {
      refuse(where, side, "virtual mappings take integers, slices, all, ellipsis and multi_block" + where_axis +
                              " (HDF5 maps regular hyperslabs only)");
    }
  }
  return slab;
}

// The number of elements a slab selects; unlimited when it reaches to infinity.
std::size_t slab_elements(const Hyperslab& slab) {
  std::size_t n = 1;
  for (std::size_t axis = 0; axis < slab.count.size(); ++axis) {
    if (slab.count[axis] == unlimited || slab.block[axis] == unlimited) return unlimited;
    n *= slab.count[axis] * slab.block[axis];
  }
  return n;
}

// A region that ends past a fixed axis would make HDF5 fail later, with less to say.
void check_inside(const Hyperslab& slab, const Side& side, const Where& where) {
  for (std::size_t axis = 0; axis < slab.count.size(); ++axis) {
    const std::size_t limit = reach(side, axis);
    const std::size_t count = slab.count[axis];
    if (limit == unlimited || count == unlimited || count == 0) continue;
    const std::size_t last = slab.start[axis] + (count - 1) * slab.stride[axis] + slab.block[axis];
    if (last > limit)
      refuse(where, side, "the region " + to_string(slab, side.extent) + " ends at " + std::to_string(last) +
                              " on axis " + std::to_string(axis) + ", past its extent " + std::to_string(limit));
  }
}

Handle region_space(const Hyperslab& slab, const Side& side, const Where& where) {
  Handle space = detail::simple_space(side.extent, side.max, kCreate, where);
  if (side.extent.empty()) return space;  // a scalar has one element, selected as a whole
  const std::vector<hsize_t> start = detail::to_hsize(slab.start), stride = detail::to_hsize(slab.stride),
                             count = detail::to_hsize(slab.count), block = detail::to_hsize(slab.block);
  checked(H5Sselect_hyperslab(space.get(), H5S_SELECT_SET, start.data(), stride.data(), count.data(), block.data()),
          kCreate, where, ErrorKind::invalid_argument, side.name + " region " + to_string(slab, side.extent));
  return space;
}

// Whether HDF5 will expand the name per block (%b); "%%" is a literal '%'.
bool is_printf_name(const std::string& name) {
  for (std::size_t i = 0; i + 1 < name.size(); ++i) {
    if (name[i] != '%') continue;
    if (name[i + 1] == 'b') return true;
    ++i;  // "%%" or another conversion: skip its second character
  }
  return false;
}

// A source in the file being written is stored as "." (as h5py does), so renaming the file keeps it.
std::string stored_file_name(const std::string& file, const std::string& own_file) {
  if (file == "." || is_printf_name(file)) return file;
  std::error_code ec1, ec2;
  const auto a = std::filesystem::weakly_canonical(file, ec1), b = std::filesystem::weakly_canonical(own_file, ec2);
  return !ec1 && !ec2 && a == b ? "." : file;
}

void check_options(const DatasetOptions& o, const Where& where) {
  std::string refused;
  if (o.chunks() || o.layout()) refused = "a layout or chunks";
  else if (o.maxshape()) refused = "a maxshape (give it to the VirtualLayout)";
  else if (o.filtered()) refused = "filters";
  else if (o.fill_time() || o.alloc_time() != AllocTime::default_) refused = "a fill or allocation time";
  else if (o.chunk_cache()) refused = "a chunk cache";
  else if (o.dtype()) refused = "a dtype (give it to the VirtualLayout)";
  if (!refused.empty())
    detail::reject(ErrorKind::invalid_argument, kCreate, where,
                   "a virtual dataset stores no data of its own, so it takes no " + refused +
                       "; its options are the fill value, track_order and track_times");
}

void add_mapping(hid_t dcpl, const VirtualLayout& layout, const VirtualLayout::Mapping& m, std::size_t number,
                 const std::string& own_file, const Where& where) {
  const VirtualSource& source = m.source;
  const Side here{"mapping " + std::to_string(number) + " in the layout", layout.shape(), layout.maxshape()};
  const Side there{"mapping " + std::to_string(number) + ", source " + source.file() + ":" + source.dataset(),
                   source.shape(), source.maxshape()};
  if (source.maxshape().size() != source.shape().size())
    refuse(where, there, "maxshape " + to_string(source.maxshape()) + " has another rank than shape " +
                             to_string(source.shape()));
  if (source.dataset().empty()) refuse(where, there, "no source dataset named");
  const Hyperslab to = slab_of(m.index, here, where), from = slab_of(source.index(), there, where);
  check_inside(to, here, where);
  check_inside(from, there, where);
  const std::size_t n_to = slab_elements(to), n_from = slab_elements(from);
  const bool printf_names = is_printf_name(source.file()) || is_printf_name(source.dataset());
  if (n_to == 0 || n_from == 0) refuse(where, here, "the mapping selects no element");
  if (n_to != n_from && !(printf_names && n_to == unlimited && n_from != unlimited)) {
    const auto count_text = [](std::size_t n) { return n == unlimited ? std::string("no end") : std::to_string(n); };
    std::string hint;
    if (n_to == unlimited) hint = "; a region without end needs a source without end, or sources named printf-style (%b)";
    refuse(where, here, "the region " + to_string(to, layout.shape()) + " selects " + count_text(n_to) +
                            " elements, the source's " + to_string(from, source.shape()) + " " + count_text(n_from) +
                            hint);
  }
  const Handle vspace = region_space(to, here, where), sspace = region_space(from, there, where);
  const std::string file = stored_file_name(source.file(), own_file);
  checked(H5Pset_virtual(dcpl, vspace.get(), file.c_str(), source.dataset().c_str(), sspace.get()), kCreate, where,
          ErrorKind::invalid_argument, here.name + " from " + file + ":" + source.dataset());
}

}  // namespace

Dataset Group::create_virtual_dataset(std::string_view path, const VirtualLayout& layout,
                                      const DatasetOptions& options) const {
  require_valid(kCreate);
  const std::string p = detail::checked_path(path, id(), kCreate);
  const Where where{id(), p};
  if (!layout.dtype().valid()) detail::reject(ErrorKind::invalid_argument, kCreate, where, "no datatype given");
  if (layout.maxshape().size() != layout.shape().size())
    detail::reject(ErrorKind::invalid_argument, kCreate, where,
                   "maxshape " + to_string(layout.maxshape()) + " has another rank than shape " +
                       to_string(layout.shape()));
  if (layout.mappings().empty())
    detail::reject(ErrorKind::invalid_argument, kCreate, where,
                   "the layout maps no source (a virtual dataset without sources is only its fill value)");
  check_options(options, where);
  const Handle dcpl(checked(H5Pcreate(H5P_DATASET_CREATE), kCreate, where));
  checked(H5Pset_obj_track_times(dcpl.get(), options.track_times()), kCreate, where);
  if (options.track_order())
    checked(H5Pset_attr_creation_order(dcpl.get(), H5P_CRT_ORDER_TRACKED | H5P_CRT_ORDER_INDEXED), kCreate, where);
  if (!options.fill_bytes().empty())
    checked(H5Pset_fill_value(dcpl.get(), options.fill_type().id(), options.fill_bytes().data()), kCreate, where,
            ErrorKind::type_mismatch, "fill value of type " + options.fill_type().name());
  const std::string own_file = file_name();
  for (std::size_t i = 0; i < layout.mappings().size(); ++i)
    add_mapping(dcpl.get(), layout, layout.mappings()[i], i, own_file, where);
  const Handle space = detail::simple_space(layout.shape(), layout.maxshape(), kCreate, where);
  const hid_t d = H5Dcreate2(id(), p.c_str(), layout.dtype().id(), space.get(), detail::link_creation_plist(),
                             dcpl.get(), H5P_DEFAULT);
  if (d < 0) detail::fail_creation(kCreate, where);
  return Dataset(Handle(d));
}

}  // namespace h5kit
