#include "hdf5_queries.hpp"

#include <cstring>

#include <hdf5.h>

namespace h5kit::cli {

namespace {

// Owns one HDF5 identifier of any kind (dataspace, property list, dataset) for the span of a query.
class Owned {
 public:
  explicit Owned(hid_t id) noexcept : id_(id) {}
  Owned(const Owned&) = delete;
  Owned& operator=(const Owned&) = delete;
  ~Owned() {
    if (id_ >= 0) H5Idec_ref(id_);
  }
  hid_t get() const noexcept { return id_; }
  bool ok() const noexcept { return id_ >= 0; }

 private:
  hid_t id_;
};

// HDF5 prints its error stack on stderr by default; the CLI reports failures itself, on one line.
void quiet() { H5Eset_auto2(H5E_DEFAULT, nullptr, nullptr); }

RegionSelection selection_of(hid_t space) {
  RegionSelection out;
  const int rank = H5Sget_simple_extent_ndims(space);
  if (rank < 0) return out;
  out.rank = static_cast<std::size_t>(rank);
  switch (H5Sget_select_type(space)) {
    case H5S_SEL_ALL: out.kind = RegionSelection::Kind::all; break;
    case H5S_SEL_POINTS: {
      out.kind = RegionSelection::Kind::points;
      const hssize_t n = H5Sget_select_elem_npoints(space);
      if (n <= 0 || rank == 0) break;
      std::vector<hsize_t> coords(static_cast<std::size_t>(n) * out.rank);
      if (H5Sget_select_elem_pointlist(space, 0, static_cast<hsize_t>(n), coords.data()) < 0) break;
      for (hssize_t i = 0; i < n; ++i) {
        const auto first = coords.begin() + i * rank;
        out.points.emplace_back(first, first + rank);
      }
      break;
    }
    case H5S_SEL_HYPERSLABS: {
      out.kind = RegionSelection::Kind::hyperslab;
      const hssize_t n = H5Sget_select_hyper_nblocks(space);
      if (n <= 0 || rank == 0) break;
      // Each block comes as its start corner then its end corner, both inclusive.
      std::vector<hsize_t> corners(static_cast<std::size_t>(n) * 2 * out.rank);
      if (H5Sget_select_hyper_blocklist(space, 0, static_cast<hsize_t>(n), corners.data()) < 0) break;
      for (hssize_t b = 0; b < n; ++b) {
        std::vector<std::pair<std::uint64_t, std::uint64_t>> block;
        const hsize_t* start = corners.data() + b * 2 * rank;
        const hsize_t* end = start + rank;
        for (int axis = 0; axis < rank; ++axis) block.emplace_back(start[axis], end[axis] + 1);
        out.blocks.push_back(std::move(block));
      }
      break;
    }
    default: out.kind = RegionSelection::Kind::none; break;
  }
  return out;
}

}  // namespace

std::string opaque_tag(const Datatype& type) {
  quiet();
  char* tag = H5Tget_tag(type.id());
  if (!tag) return {};
  std::string out(tag);
  H5free_memory(tag);
  return out;
}

bool is_region_reference(const Datatype& type) {
  quiet();
  return H5Tget_class(type.id()) == H5T_REFERENCE && H5Tequal(type.id(), H5T_STD_REF_DSETREG) > 0;
}

std::optional<RegionTarget> resolve_region(const Group& root, const void* reference) {
  // The null reference is all zero bytes; HDF5 would only answer it with an error stack.
  static const hdset_reg_ref_t null_reference{};
  if (std::memcmp(reference, &null_reference, sizeof null_reference) == 0) return std::nullopt;
  quiet();
  const Owned dataset(H5Rdereference2(root.id(), H5P_DEFAULT, H5R_DATASET_REGION, reference));
  if (!dataset.ok()) return std::nullopt;
  RegionTarget target;
  const ssize_t length = H5Iget_name(dataset.get(), nullptr, 0);
  if (length < 0) return std::nullopt;
  target.path.resize(static_cast<std::size_t>(length) + 1);
  H5Iget_name(dataset.get(), target.path.data(), target.path.size());
  target.path.resize(static_cast<std::size_t>(length));
  const Owned space(H5Rget_region(root.id(), H5R_DATASET_REGION, reference));
  if (!space.ok()) return std::nullopt;
  target.selection = selection_of(space.get());
  H5Eclear2(H5E_DEFAULT);
  return target;
}

std::optional<RawData> user_fill_value(const Dataset& dataset) {
  quiet();
  const Owned dcpl(H5Dget_create_plist(dataset.id()));
  if (!dcpl.ok()) return std::nullopt;
  H5D_fill_value_t status{};
  if (H5Pfill_value_defined(dcpl.get(), &status) < 0 || status != H5D_FILL_VALUE_USER_DEFINED) return std::nullopt;
  const Owned stored(H5Dget_type(dataset.id()));
  if (!stored.ok()) return std::nullopt;
  const hid_t native_id = H5Tget_native_type(stored.get(), H5T_DIR_ASCEND);
  if (native_id < 0) return std::nullopt;
  Datatype native{detail::Handle(native_id)};
  RawData value(native, Shape{}, false);  // one element (a scalar shape)
  if (H5Pget_fill_value(dcpl.get(), native.id(), value.data()) < 0) {
    H5Eclear2(H5E_DEFAULT);
    return std::nullopt;
  }
  return value;
}

std::vector<std::string> virtual_sources(const Dataset& dataset) {
  quiet();
  std::vector<std::string> out;
  const Owned dcpl(H5Dget_create_plist(dataset.id()));
  size_t count = 0;
  if (!dcpl.ok() || H5Pget_virtual_count(dcpl.get(), &count) < 0) return out;
  // Both getters answer the length first when given no buffer, as H5Iget_name does.
  const auto text = [&](auto getter, size_t index) {
    const ssize_t length = getter(dcpl.get(), index, nullptr, 0);
    if (length < 0) return std::string("?");
    std::string value(static_cast<std::size_t>(length) + 1, '\0');
    getter(dcpl.get(), index, value.data(), value.size());
    value.resize(static_cast<std::size_t>(length));
    return value;
  };
  for (size_t i = 0; i < count; ++i) out.push_back(text(H5Pget_virtual_filename, i) + ":" + text(H5Pget_virtual_dsetname, i));
  H5Eclear2(H5E_DEFAULT);
  return out;
}

}  // namespace h5kit::cli
