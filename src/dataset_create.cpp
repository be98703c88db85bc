// Group: creating datasets (layout, chunking, filters, fill value).
#include <hdf5.h>

#include "detail/checked.hpp"
#include "detail/dataspace.hpp"
#include "detail/paths.hpp"
#include "detail/plists.hpp"
#include "h5kit/group.hpp"

namespace h5kit {

using detail::checked;
using detail::Handle;
using detail::Where;

namespace {

// h5py's rule: chunked storage when asked, or when growth or a filter needs it.
bool needs_chunks(const Shape& shape, const DatasetOptions& o) {
  return o.chunks() || (o.maxshape() && *o.maxshape() != shape) || o.gzip_level() >= 0 || o.shuffle();
}

Handle dataset_creation_plist(const Shape& shape, const Datatype& type, const DatasetOptions& o, const Where& where) {
  const char* op = "create dataset";
  Handle dcpl(checked(H5Pcreate(H5P_DATASET_CREATE), op, where));
  if (o.track_order())
    checked(H5Pset_attr_creation_order(dcpl.get(), H5P_CRT_ORDER_TRACKED | H5P_CRT_ORDER_INDEXED), op, where);
  if (o.gzip_level() > 9 || o.gzip_level() < -1)
    detail::reject(ErrorKind::invalid_argument, op, where,
                   "gzip level must be 0 to 9, got " + std::to_string(o.gzip_level()));
  if (needs_chunks(shape, o)) {
    if (shape.empty())
      detail::reject(ErrorKind::invalid_argument, op, where, "a scalar dataset cannot be chunked, grown or filtered");
    const Shape chunk = o.chunks() ? *o.chunks() : guess_chunk(shape, o.maxshape(), type.size());
    if (chunk.size() != shape.size())
      detail::reject(ErrorKind::invalid_argument, op, where,
                     "chunk shape " + to_string(chunk) + " has another rank than shape " + to_string(shape));
    for (std::size_t i = 0; i < chunk.size(); ++i) {
      const std::size_t limit = o.maxshape() ? (*o.maxshape())[i] : shape[i];
      if (chunk[i] == 0 || (limit != unlimited && chunk[i] > limit && limit > 0))
        detail::reject(ErrorKind::invalid_argument, op, where,
                       "chunk shape " + to_string(chunk) + " must be positive and within the maximum shape");
    }
    std::vector<hsize_t> dims(chunk.begin(), chunk.end());
    checked(H5Pset_chunk(dcpl.get(), static_cast<int>(dims.size()), dims.data()), op, where,
            ErrorKind::invalid_argument);
    // Shuffle first: it groups bytes of equal significance so deflate finds longer runs.
    if (o.shuffle()) checked(H5Pset_shuffle(dcpl.get()), op, where);
    if (o.gzip_level() >= 0)
      checked(H5Pset_deflate(dcpl.get(), static_cast<unsigned>(o.gzip_level())), op, where);
  }
  if (!o.fill_bytes().empty())
    checked(H5Pset_fill_value(dcpl.get(), o.fill_type().id(), o.fill_bytes().data()), op, where,
            ErrorKind::type_mismatch, "fill value of type " + o.fill_type().name());
  return dcpl;
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
  Handle dcpl = dataset_creation_plist(shape, type, options, where);
  const hid_t d = H5Dcreate2(id(), p.c_str(), type.id(), space.get(), detail::link_creation_plist(), dcpl.get(),
                             H5P_DEFAULT);
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
  return Dataset(Handle(checked(H5Dcreate2(id(), p.c_str(), empty.type.id(), space.get(), detail::link_creation_plist(),
                                           H5P_DEFAULT, H5P_DEFAULT),
                                "create dataset", where)));
}

Dataset Group::require_dataset(std::string_view path, const Shape& shape, const Datatype& type,
                               const DatasetOptions& options) const {
  require_valid("require dataset");
  const std::string p = detail::checked_path(path, id(), "require dataset");
  if (!detail::path_exists(id(), p, true)) return create_dataset(p, shape, type, options);
  Dataset ds = dataset(p);
  const Where where{id(), p};
  if (ds.shape() != shape)
    detail::reject(ErrorKind::shape_mismatch, "require dataset", where,
                   "expected shape " + to_string(shape) + ", found " + to_string(ds.shape()));
  const Datatype stored = ds.dtype();
  const bool numeric_pair = (stored.type_class() == TypeClass::integer || stored.type_class() == TypeClass::floating) &&
                            (type.type_class() == TypeClass::integer || type.type_class() == TypeClass::floating);
  if (!(stored == type) && !numeric_pair && stored.type_class() != type.type_class())
    detail::reject(ErrorKind::type_mismatch, "require dataset", where,
                   "expected type " + type.name() + ", found " + stored.name());
  return ds;
}

}  // namespace h5kit
