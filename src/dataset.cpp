#include "h5kit/dataset.hpp"

#include <hdf5.h>

#include <algorithm>

#include "detail/checked.hpp"
#include "detail/dataspace.hpp"
#include "detail/fill_string.hpp"
#include "detail/native.hpp"
#include "detail/stored_type_check.hpp"
#include "detail/unwritten.hpp"

namespace h5kit {

using detail::checked;
using detail::Handle;
using detail::Where;

namespace {
Handle space_of(const Dataset& ds, const char* op) {
  detail::silence_hdf5_errors();
  return Handle(checked(H5Dget_space(ds.id()), op, Where{ds.id()}));
}
Handle creation_plist(const Dataset& ds, const char* op) {
  detail::silence_hdf5_errors();
  return Handle(checked(H5Dget_create_plist(ds.id()), op, Where{ds.id()}));
}
}  // namespace

Dataset::Dataset(Handle handle) : Object(std::move(handle)) {
  if (!valid()) return;
  detail::silence_hdf5_errors();
  type_ = Datatype(Handle(checked(H5Dget_type(id()), "open dataset", Where{id()}, ErrorKind::type_mismatch)));
  fills_before_read_ = detail::reads_leave_unwritten(id(), "open dataset");
  type_damage_ = detail::stored_type_damage(type_.id());
}

Shape Dataset::shape() const {
  require_valid("get dataset shape");
  Handle space = space_of(*this, "get dataset shape");
  return detail::extent_of(space.get());
}

std::size_t Dataset::size() const { return is_empty() ? 0 : element_count(shape()); }

Datatype Dataset::dtype() const {
  require_valid("get dataset type");
  return type_;
}

bool Dataset::is_scalar() const {
  require_valid("get dataset shape");
  Handle space = space_of(*this, "get dataset shape");
  return H5Sget_simple_extent_type(space.get()) == H5S_SCALAR;
}

bool Dataset::is_empty() const {
  require_valid("get dataset shape");
  Handle space = space_of(*this, "get dataset shape");
  return H5Sget_simple_extent_type(space.get()) == H5S_NULL;
}

Shape Dataset::maxshape() const {
  require_valid("get dataset maxshape");
  Handle space = space_of(*this, "get dataset maxshape");
  return detail::max_extent_of(space.get());
}

Layout Dataset::layout() const {
  require_valid("get dataset layout");
  Handle dcpl = creation_plist(*this, "get dataset layout");
  switch (H5Pget_layout(dcpl.get())) {
    case H5D_COMPACT: return Layout::compact;
    case H5D_CHUNKED: return Layout::chunked;
    case H5D_VIRTUAL: return Layout::virtual_;
    default: return Layout::contiguous;
  }
}

ChunkShape Dataset::chunks() const {
  require_valid("get dataset chunks");
  Handle dcpl = creation_plist(*this, "get dataset chunks");
  if (H5Pget_layout(dcpl.get()) != H5D_CHUNKED) return std::nullopt;
  hsize_t dims[H5S_MAX_RANK];
  const int rank = checked(H5Pget_chunk(dcpl.get(), H5S_MAX_RANK, dims), "get dataset chunks", Where{id()});
  return ChunkShape(Shape(dims, dims + rank));
}

namespace {
std::vector<FilterInfo> pipeline_of(hid_t dcpl, hid_t dataset) {
  const int n = checked(H5Pget_nfilters(dcpl), "get dataset filters", Where{dataset});
  std::vector<FilterInfo> filters;
  for (int i = 0; i < n; ++i) {
    unsigned flags = 0, config = 0;
    std::size_t nvalues = 16;
    unsigned values[16] = {};
    char name[256] = {};
    const H5Z_filter_t id = H5Pget_filter2(dcpl, static_cast<unsigned>(i), &flags, &nvalues, values, sizeof name,
                                           name, &config);
    checked(id, "get dataset filters", Where{dataset});
    filters.push_back(FilterInfo{static_cast<int>(id), name,
                                 std::vector<unsigned>(values, values + std::min<std::size_t>(nvalues, 16)),
                                 (flags & H5Z_FLAG_OPTIONAL) != 0});
  }
  return filters;
}

const FilterInfo* find_filter(const std::vector<FilterInfo>& filters, int id) {
  for (const FilterInfo& f : filters)
    if (f.id == id) return &f;
  return nullptr;
}
}  // namespace

std::vector<FilterInfo> Dataset::filters() const {
  require_valid("get dataset filters");
  Handle dcpl = creation_plist(*this, "get dataset filters");
  return pipeline_of(dcpl.get(), id());
}

int Dataset::gzip_level() const {
  const std::vector<FilterInfo> pipeline = filters();
  const FilterInfo* gzip = find_filter(pipeline, H5Z_FILTER_DEFLATE);
  return gzip ? static_cast<int>(gzip->values.empty() ? 0 : gzip->values[0]) : -1;
}

bool Dataset::shuffle() const {
  return find_filter(filters(), H5Z_FILTER_SHUFFLE) != nullptr;
}

bool Dataset::fletcher32() const { return find_filter(filters(), H5Z_FILTER_FLETCHER32) != nullptr; }

std::optional<int> Dataset::scaleoffset() const {
  const std::vector<FilterInfo> pipeline = filters();
  const FilterInfo* f = find_filter(pipeline, H5Z_FILTER_SCALEOFFSET);
  // HDF5 expands the client data when the dataset is created; the caller's factor stays at index 1.
  if (!f || f->values.size() < 2) return std::nullopt;
  return static_cast<int>(f->values[1]);
}

FillTime Dataset::fill_time() const {
  require_valid("get fill time");
  Handle dcpl = creation_plist(*this, "get fill time");
  H5D_fill_time_t t = H5D_FILL_TIME_IFSET;
  checked(H5Pget_fill_time(dcpl.get(), &t), "get fill time", Where{id()});
  return t == H5D_FILL_TIME_ALLOC ? FillTime::alloc : t == H5D_FILL_TIME_NEVER ? FillTime::never : FillTime::ifset;
}

AllocTime Dataset::alloc_time() const {
  require_valid("get allocation time");
  Handle dcpl = creation_plist(*this, "get allocation time");
  H5D_alloc_time_t t = H5D_ALLOC_TIME_DEFAULT;
  checked(H5Pget_alloc_time(dcpl.get(), &t), "get allocation time", Where{id()});
  switch (t) {
    case H5D_ALLOC_TIME_EARLY: return AllocTime::early;
    case H5D_ALLOC_TIME_INCR: return AllocTime::incremental;
    case H5D_ALLOC_TIME_LATE: return AllocTime::late;
    default: return AllocTime::default_;
  }
}

std::size_t Dataset::storage_size() const {
  require_valid("get storage size");
  return H5Dget_storage_size(id());
}

void Dataset::resize(const Shape& new_shape) const {
  require_valid("resize dataset");
  const Where where{id()};
  const Shape max = maxshape();
  if (new_shape.size() != max.size())
    detail::reject(ErrorKind::invalid_argument, "resize dataset", where,
                   "new shape " + to_string(new_shape) + " has rank " + std::to_string(new_shape.size()) +
                       ", the dataset has rank " + std::to_string(max.size()));
  for (std::size_t i = 0; i < max.size(); ++i)
    if (max[i] != unlimited && new_shape[i] > max[i])
      detail::reject(ErrorKind::invalid_argument, "resize dataset", where,
                     "new shape " + to_string(new_shape) + " exceeds maxshape " + to_string(max));
  if (layout() != Layout::chunked && new_shape != shape())
    detail::reject(ErrorKind::invalid_argument, "resize dataset", where,
                   "only chunked datasets can be resized (create it with maxshape or chunks)");
  std::vector<hsize_t> dims(new_shape.begin(), new_shape.end());
  checked(H5Dset_extent(id(), dims.data()), "resize dataset", where);
}

void Dataset::flush() const {
  require_valid("flush dataset");
  detail::silence_hdf5_errors();
  checked(H5Dflush(id()), "flush dataset", Where{id()});
}

void Dataset::refresh() const {
  require_valid("refresh dataset");
  detail::silence_hdf5_errors();
  // H5Drefresh reopens the dataset under the same id; see with_single_references.
  herr_t status = 0;
  const hid_t ids[] = {id()};
  detail::with_single_references(ids, [&] { status = H5Drefresh(id()); });
  checked(status, "refresh dataset", Where{id()});
}

void Dataset::require_sound_type(const char* operation) const {
  require_valid(operation);
  if (!type_damage_.empty())
    detail::reject(ErrorKind::type_mismatch, operation, Where{id()}, "the stored type is damaged: " + type_damage_);
}

detail::IoTarget Dataset::target(const char* operation) const {
  require_sound_type(operation);
  detail::IoTarget t{id(), false, nullptr, nullptr, type_.id()};
  t.fill_before_read = fills_before_read_;
  return t;
}

detail::IoTarget Dataset::block(const char* operation, const Shape& offset, const Shape& count) const {
  require_sound_type(operation);
  detail::IoTarget t{id(), false, &offset, &count, type_.id()};
  t.fill_before_read = fills_before_read_;
  return t;
}

bool Dataset::read_fill_value(const Datatype& mem_type, void* out) const {
  require_valid("read fill value");
  Handle dcpl = creation_plist(*this, "read fill value");
  H5D_fill_value_t status = H5D_FILL_VALUE_UNDEFINED;
  checked(H5Pfill_value_defined(dcpl.get(), &status), "read fill value", Where{id()});
  if (status == H5D_FILL_VALUE_UNDEFINED) return false;
  checked(H5Pget_fill_value(dcpl.get(), mem_type.id(), out), "read fill value", Where{id()},
          ErrorKind::type_mismatch);
  return true;
}

std::optional<std::string> Dataset::read_fill_string() const {
  require_valid("read fill value");
  Handle dcpl = creation_plist(*this, "read fill value");
  const Handle stored(checked(H5Dget_type(id()), "read fill value", Where{id()}));
  if (H5Tget_class(stored.get()) != H5T_STRING)
    detail::reject(ErrorKind::type_mismatch, "read fill value", Where{id()},
                   "the dataset's type is " + dtype().name() + ", whose fill value is not a string");
  return detail::read_string_fill_value(dcpl.get(), stored.get(), Where{id()});
}

RawData Dataset::read_native() const { return detail::read_native(target(read_operation)); }

RawData Dataset::read_native(const Shape& offset, const Shape& count) const {
  return detail::read_native(block("read block", offset, count));
}

Datatype Dataset::native_dtype() const { return detail::native_type_of(target(read_operation)); }

}  // namespace h5kit
