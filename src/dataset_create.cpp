// Group: creating datasets (layout, chunking, filters, fill value).
#include <hdf5.h>

#include <cstdint>

#include "detail/checked.hpp"
#include "detail/dataspace.hpp"
#include "detail/fill_string.hpp"
#include "detail/filters.hpp"
#include "detail/paths.hpp"
#include "detail/plists.hpp"
#include "h5kit/group.hpp"

namespace h5kit {

using detail::checked;
using detail::Handle;
using detail::Where;

namespace {

constexpr const char* kCreate = "create dataset";

// h5py's rule: chunked storage when asked, when a filter needs it, or whenever a maxshape is given
// (h5py chunks even when maxshape equals the shape). An explicit contiguous or compact layout keeps a
// maxshape equal to the shape.
bool needs_chunks(const Shape& shape, const DatasetOptions& o) {
  if (!o.external().empty()) return false;  // external storage is contiguous (checked in set_external)
  const bool maxshape_asks = o.maxshape() && (!o.layout() || *o.maxshape() != shape);
  return o.chunks() || maxshape_asks || o.filtered() || o.layout() == Layout::chunked;
}

const char* layout_name(Layout layout) {
  switch (layout) {
    case Layout::compact: return "compact";
    case Layout::contiguous: return "contiguous";
    case Layout::chunked: return "chunked";
    default: return "virtual";
  }
}

// Compact data lives in the layout message of the object header. A message must stay below 64 KiB
// and the layout message spends 4 bytes on version, class and size: at most 65531 bytes of data
// (the boundary measured with HDF5 1.10.8, through h5kit and h5py alike).
constexpr std::size_t kCompactLimit = 65536 - 4 - 1;

void check_layout(const Shape& shape, const Datatype& type, const DatasetOptions& o, const Where& where) {
  if (!o.layout() || *o.layout() == Layout::chunked) return;
  const Layout layout = *o.layout();
  if (layout == Layout::virtual_)
    detail::reject(ErrorKind::invalid_argument, kCreate, where, "virtual datasets are not created through layout()");
  std::string conflict;
  if (o.chunks()) conflict = "chunks()";
  else if (o.maxshape() && *o.maxshape() != shape) conflict = "a maxshape larger than the shape";
  else if (o.filtered()) conflict = "filters";
  if (!conflict.empty())
    detail::reject(ErrorKind::invalid_argument, kCreate, where,
                   std::string(layout_name(layout)) + " layout cannot have " + conflict + "; use chunked storage");
  if (layout == Layout::compact) {
    const std::size_t bytes = byte_count(shape, type.size()).value_or(SIZE_MAX);
    if (bytes > kCompactLimit)
      detail::reject(ErrorKind::invalid_argument, kCreate, where,
                     "compact layout holds at most 65531 bytes (64 KiB less its header), the data needs " +
                         std::to_string(bytes) +
                         " bytes (shape " + to_string(shape) + " of " + type.name() +
                         "); use contiguous or chunked storage");
  }
}

void set_scaleoffset(hid_t dcpl, const Datatype& type, const DatasetOptions& o, const Where& where) {
  const int value = *o.scaleoffset();
  if (value < 0)
    detail::reject(ErrorKind::invalid_argument, kCreate, where,
                   "scaleoffset must be >= 0 (integer bits, or float decimal digits), got " + std::to_string(value));
  if (o.fletcher32())
    detail::reject(ErrorKind::invalid_argument, kCreate, where,
                   "fletcher32 cannot be combined with the potentially lossy scaleoffset filter (as in h5py)");
  if (type.type_class() == TypeClass::integer) {
    if (static_cast<std::size_t>(value) > type.size() * 8)
      detail::reject(ErrorKind::invalid_argument, kCreate, where,
                     "scaleoffset keeps " + std::to_string(value) + " bits, more than " + type.name() + " has");
    checked(H5Pset_scaleoffset(dcpl, H5Z_SO_INT, value), kCreate, where, ErrorKind::invalid_argument);
  } else if (type.type_class() == TypeClass::floating) {
    // With no count, 0 digits would round every value to an integer: {1.234, 2.718} read back as
    // {1.234, 2.234} (the filter keeps the minimum and offsets from it). h5py refuses this too.
    if (!o.scaleoffset_value_given())
      detail::reject(ErrorKind::invalid_argument, kCreate, where,
                     "scaleoffset() on floating-point data (" + type.name() +
                         ") needs the number of decimal digits to keep, e.g. scaleoffset(3)");
    checked(H5Pset_scaleoffset(dcpl, H5Z_SO_FLOAT_DSCALE, value), kCreate, where, ErrorKind::invalid_argument);
  } else {
    detail::reject(ErrorKind::invalid_argument, kCreate, where,
                   "scaleoffset applies to integer and floating-point data, not " + type.name());
  }
}

void set_szip(hid_t dcpl, const DatasetOptions& o, const Where& where) {
  const auto [coding, pixels] = *o.szip();
  if (pixels < 2 || pixels > 32 || pixels % 2 != 0)
    detail::reject(ErrorKind::invalid_argument, kCreate, where,
                   "szip pixels_per_block must be an even number from 2 to 32, got " + std::to_string(pixels));
  detail::require_encoder(H5Z_FILTER_SZIP, kCreate, where);
  checked(H5Pset_szip(dcpl, coding == SzipCoding::nn ? H5_SZIP_NN_OPTION_MASK : H5_SZIP_EC_OPTION_MASK, pixels),
          kCreate, where, ErrorKind::invalid_argument);
}

void set_filter(hid_t dcpl, const FilterRequest& f, bool allow_unknown, const Where& where) {
  if (f.id < 0 || f.id > H5Z_FILTER_MAX)
    detail::reject(ErrorKind::invalid_argument, kCreate, where,
                   "filter id " + std::to_string(f.id) + " is outside HDF5's range 0 to 65535");
  if (!allow_unknown) {
    detail::require_encoder(static_cast<H5Z_filter_t>(f.id), kCreate, where);
  } else if (!f.optional && !filter_availability(f.id).available) {
    // HDF5 records a filter it cannot load only as optional (h5py sets every such filter so).
    detail::reject(ErrorKind::invalid_argument, kCreate, where,
                   "filter " + std::to_string(f.id) +
                       " is not available here, and HDF5 stores an unknown filter only as optional: give "
                       "filter(" + std::to_string(f.id) + ", values, true)");
  }
  checked(H5Pset_filter(dcpl, static_cast<H5Z_filter_t>(f.id), f.optional ? H5Z_FLAG_OPTIONAL : H5Z_FLAG_MANDATORY,
                        f.values.size(), f.values.data()),
          kCreate, where, ErrorKind::invalid_argument, "filter " + std::to_string(f.id));
}

// The pipeline in h5py's order: scaleoffset first (it needs the raw numbers), shuffle before the
// compressors (it groups bytes of equal significance so they find longer runs), fletcher32 last
// (it checksums what is stored).
void set_pipeline(hid_t dcpl, const Datatype& type, const DatasetOptions& o, const Where& where) {
  if (o.scaleoffset()) set_scaleoffset(dcpl, type, o, where);
  if (o.shuffle()) checked(H5Pset_shuffle(dcpl), kCreate, where);
  if (o.gzip_level() >= 0) checked(H5Pset_deflate(dcpl, static_cast<unsigned>(o.gzip_level())), kCreate, where);
  if (o.szip()) set_szip(dcpl, o, where);
  for (const FilterRequest& f : o.filters()) set_filter(dcpl, f, o.allow_unknown_filter(), where);
  if (o.fletcher32()) checked(H5Pset_fletcher32(dcpl), kCreate, where);
}

Shape set_chunks(hid_t dcpl, const Shape& shape, const Datatype& type, const DatasetOptions& o, const Where& where) {
  if (shape.empty())
    detail::reject(ErrorKind::invalid_argument, kCreate, where, "a scalar dataset cannot be chunked, grown or filtered");
  const Shape chunk = o.chunks() ? *o.chunks() : guess_chunk(shape, o.maxshape(), type.size());
  if (chunk.size() != shape.size())
    detail::reject(ErrorKind::invalid_argument, kCreate, where,
                   "chunk shape " + to_string(chunk) + " has another rank than shape " + to_string(shape));
  for (std::size_t i = 0; i < chunk.size(); ++i) {
    const std::size_t limit = o.maxshape() ? (*o.maxshape())[i] : shape[i];
    if (chunk[i] == 0 || (limit != unlimited && chunk[i] > limit && limit > 0))
      detail::reject(ErrorKind::invalid_argument, kCreate, where,
                     "chunk shape " + to_string(chunk) + " must be positive and within the maximum shape");
  }
  // HDF5 keeps a chunk's size in 32 bits.
  if (byte_count(chunk, type.size()).value_or(SIZE_MAX) >= (std::size_t{1} << 32))
    detail::reject(ErrorKind::invalid_argument, kCreate, where,
                   "chunk shape " + to_string(chunk) + " makes chunks of 4 GiB or more, HDF5's limit");
  std::vector<hsize_t> dims(chunk.begin(), chunk.end());
  checked(H5Pset_chunk(dcpl, static_cast<int>(dims.size()), dims.data()), kCreate, where,
          ErrorKind::invalid_argument);
  return chunk;
}

// External raw storage holds the data contiguously in the listed files, so nothing that needs
// chunks goes with it, and the files must hold every byte the dataset can reach.
void set_external(hid_t dcpl, const Shape& shape, const Datatype& type, const DatasetOptions& o, const Where& where) {
  const bool grows = o.maxshape() && *o.maxshape() != shape;
  if (o.chunks() || o.filtered() || (o.layout() && *o.layout() != Layout::contiguous))
    detail::reject(ErrorKind::invalid_argument, kCreate, where,
                   "external storage is contiguous: it cannot have chunks, filters or another layout");
  std::size_t total = 0;
  for (std::size_t i = 0; i < o.external().size(); ++i) {
    const ExternalFile& file = o.external()[i];
    if (file.name.empty())
      detail::reject(ErrorKind::invalid_argument, kCreate, where, "external file " + std::to_string(i) + " has no name");
    if (file.size == unlimited && i + 1 != o.external().size())
      detail::reject(ErrorKind::invalid_argument, kCreate, where,
                     "only the last external file can be unlimited, not " + file.name);
    total = file.size == unlimited || total + file.size < total ? unlimited : total + file.size;
    checked(H5Pset_external(dcpl, file.name.c_str(), static_cast<off_t>(file.offset),
                            file.size == unlimited ? H5F_UNLIMITED : static_cast<hsize_t>(file.size)),
            kCreate, where, ErrorKind::invalid_argument, "external file " + file.name);
  }
  const Shape& reach = grows ? *o.maxshape() : shape;  // the most the dataset can hold
  const std::size_t needed = byte_count(reach, type.size()).value_or(unlimited);
  if (total != unlimited && (needed == unlimited || needed > total))
    detail::reject(ErrorKind::invalid_argument, kCreate, where,
                   "the external files hold " + std::to_string(total) + " bytes, the data needs " +
                       (needed == unlimited ? std::string("more (it can grow without bound)") : std::to_string(needed)) +
                       " (shape " + to_string(reach) + " of " + type.name() + ")");
}

H5D_fill_time_t to_hdf5(FillTime t) {
  switch (t) {
    case FillTime::alloc: return H5D_FILL_TIME_ALLOC;
    case FillTime::never: return H5D_FILL_TIME_NEVER;
    default: return H5D_FILL_TIME_IFSET;
  }
}

H5D_alloc_time_t to_hdf5(AllocTime t) {
  switch (t) {
    case AllocTime::early: return H5D_ALLOC_TIME_EARLY;
    case AllocTime::incremental: return H5D_ALLOC_TIME_INCR;
    case AllocTime::late: return H5D_ALLOC_TIME_LATE;
    default: return H5D_ALLOC_TIME_DEFAULT;
  }
}

struct CreationPlists {
  Handle dcpl, dapl;
};

CreationPlists dataset_plists(const Shape& shape, const Datatype& type, const DatasetOptions& o, const Where& where) {
  CreationPlists p{Handle(checked(H5Pcreate(H5P_DATASET_CREATE), kCreate, where)), Handle()};
  const hid_t dcpl = p.dcpl.get();
  if (o.track_order())
    checked(H5Pset_attr_creation_order(dcpl, H5P_CRT_ORDER_TRACKED | H5P_CRT_ORDER_INDEXED), kCreate, where);
  checked(H5Pset_obj_track_times(dcpl, o.track_times()), kCreate, where);
  if (o.gzip_level() > 9 || o.gzip_level() < -1)
    detail::reject(ErrorKind::invalid_argument, kCreate, where,
                   "gzip level must be 0 to 9, got " + std::to_string(o.gzip_level()));
  check_layout(shape, type, o, where);
  if (!o.external().empty()) set_external(dcpl, shape, type, o, where);
  if (o.layout() == Layout::compact) checked(H5Pset_layout(dcpl, H5D_COMPACT), kCreate, where);
  std::optional<Shape> chunk;
  if (needs_chunks(shape, o)) {
    chunk = set_chunks(dcpl, shape, type, o, where);
    set_pipeline(dcpl, type, o, where);
  }
  if (o.alloc_time() == AllocTime::incremental && !chunk)
    detail::reject(ErrorKind::invalid_argument, kCreate, where, "incremental allocation needs chunked storage");
  if (o.alloc_time() != AllocTime::default_)
    checked(H5Pset_alloc_time(dcpl, to_hdf5(o.alloc_time())), kCreate, where, ErrorKind::invalid_argument);
  // h5py fills chunked datasets at allocation so that a dataset grown later never shows stale bytes.
  if (o.fill_time()) checked(H5Pset_fill_time(dcpl, to_hdf5(*o.fill_time())), kCreate, where);
  else if (chunk) checked(H5Pset_fill_time(dcpl, H5D_FILL_TIME_ALLOC), kCreate, where);
  if (!o.fill_bytes().empty())
    checked(H5Pset_fill_value(dcpl, o.fill_type().id(), o.fill_bytes().data()), kCreate, where,
            ErrorKind::type_mismatch, "fill value of type " + o.fill_type().name());
  if (o.fill_string()) detail::set_string_fill_value(dcpl, type, *o.fill_string(), where);
  if (chunk)
    p.dapl = detail::chunk_cache_access_plist(where.loc, element_count(*chunk) * type.size(), o.chunk_cache(), where);
  return p;
}

}  // namespace

Dataset Group::create_dataset(std::string_view path, const Shape& shape, const Datatype& type,
                              const DatasetOptions& options) const {
  require_valid("create dataset");
  const std::string p = detail::checked_path(path, id(), "create dataset");
  const Where where{id(), p};
  if (!type.valid()) detail::reject(ErrorKind::invalid_argument, "create dataset", where, "no datatype given");
  Handle space = options.maxshape() ? detail::simple_space(shape, *options.maxshape(), "create dataset", where)
                                    : detail::simple_space(shape, "create dataset", where);
  CreationPlists plists = dataset_plists(shape, type, options, where);
  const hid_t d = H5Dcreate2(id(), p.c_str(), type.id(), space.get(), detail::link_creation_plist(),
                             plists.dcpl.get(), plists.dapl.get() >= 0 ? plists.dapl.get() : H5P_DEFAULT);
  if (d < 0) detail::fail_creation("create dataset", where);
  return Dataset(Handle(d));
}

Dataset Group::create_dataset(std::string_view path, const Empty& empty) const {
  require_valid("create dataset");
  const std::string p = detail::checked_path(path, id(), "create dataset");
  const Where where{id(), p};
  if (detail::path_exists(id(), p, false))
    detail::reject(ErrorKind::already_exists, "create dataset", where, "the name is already taken");
  Handle space = detail::null_space("create dataset", where);
  const Handle dcpl(checked(H5Pcreate(H5P_DATASET_CREATE), "create dataset", where));
  checked(H5Pset_obj_track_times(dcpl.get(), false), "create dataset", where);  // as every new dataset
  return Dataset(Handle(checked(H5Dcreate2(id(), p.c_str(), empty.type.id(), space.get(), detail::link_creation_plist(),
                                           dcpl.get(), H5P_DEFAULT),
                                "create dataset", where)));
}

Dataset Group::require_dataset(std::string_view path, const Shape& shape, const Datatype& type,
                               const DatasetOptions& options) const {
  require_valid("require dataset");
  const std::string p = detail::checked_path(path, id(), "require dataset");
  if (!detail::path_exists(id(), p, true)) return create_dataset(p, shape, type, options);
  Dataset ds = dataset(p);
  const Where where{id(), p};
  // h5py 3.8+: with a maxshape, a dataset that has grown (or shrunk) within that same maxshape is
  // the one asked for: an acquisition file reopened after appends.
  if (ds.shape() != shape) {
    if (!options.maxshape())
      detail::reject(ErrorKind::shape_mismatch, "require dataset", where,
                     "expected shape " + to_string(shape) + ", found " + to_string(ds.shape()) +
                         " (give the maxshape to accept a dataset grown within it)");
    const Shape& max = *options.maxshape();
    if (max != ds.maxshape())
      detail::reject(ErrorKind::shape_mismatch, "require dataset", where,
                     "expected maxshape " + to_string(max) + ", found " + to_string(ds.maxshape()));
    for (std::size_t i = 0; i < shape.size() && i < max.size(); ++i)
      if (max[i] != unlimited && shape[i] > max[i])
        detail::reject(ErrorKind::shape_mismatch, "require dataset", where,
                       "the requested shape " + to_string(shape) + " is larger than its maxshape " + to_string(max));
  }
  const Datatype stored = ds.dtype();
  const bool numeric_pair = (stored.type_class() == TypeClass::integer || stored.type_class() == TypeClass::floating) &&
                            (type.type_class() == TypeClass::integer || type.type_class() == TypeClass::floating);
  if (!(stored == type) && !numeric_pair && stored.type_class() != type.type_class())
    detail::reject(ErrorKind::type_mismatch, "require dataset", where,
                   "expected type " + type.name() + ", found " + stored.name());
  return ds;
}

}  // namespace h5kit
