// Dimension scales through HDF5's HL H5DS API. The HL functions report only "failed" (they push
// no useful error stack), so every condition they refuse is checked here first and named.
#include "h5kit/dimension_scales.hpp"

#include <hdf5.h>
#include <hdf5_hl.h>

#include "detail/checked.hpp"

namespace h5kit {

using detail::checked;
using detail::Handle;
using detail::Where;

namespace {

std::string quoted_path(const Dataset& ds) { return "\"" + ds.path() + "\""; }

bool same_object(const Dataset& a, const Dataset& b) { return static_cast<const Object&>(a) == b; }

bool is_scale_id(hid_t id, const char* op) {
  detail::silence_hdf5_errors();
  return checked(H5DSis_scale(id), op, Where{id}) > 0;
}

// H5DS* take an unsigned axis; h5kit's rank checks run before, so this never narrows a bad value.
unsigned axis_arg(std::size_t axis) { return static_cast<unsigned>(axis); }

}  // namespace

// ---- Dataset members ---------------------------------------------------------------------------

Dimension Dataset::dims(std::size_t axis) const {
  require_valid("get dimension");
  if (axis >= rank())
    detail::reject(ErrorKind::invalid_argument, "get dimension", Where{id()},
                   "axis " + std::to_string(axis) + " is out of range for a dataset of shape " + to_string(shape()));
  return Dimension(*this, axis);
}

void Dataset::make_scale(std::string_view name) const {
  const char* op = "make dimension scale";
  require_valid(op);
  for (std::size_t axis = 0; axis < rank(); ++axis)
    if (H5DSget_num_scales(id(), axis_arg(axis)) > 0)
      detail::reject(ErrorKind::invalid_argument, op, Where{id()},
                     "dimension scales are attached to axis " + std::to_string(axis) +
                         " of this dataset; a scale cannot have scales of its own");
  H5Eclear2(H5E_DEFAULT);
  const std::string n(name);
  detail::silence_hdf5_errors();
  checked(H5DSset_scale(id(), n.empty() ? nullptr : n.c_str()), op, Where{id()});
}

bool Dataset::is_scale() const {
  require_valid("test dimension scale");
  return is_scale_id(id(), "test dimension scale");
}

std::string Dataset::scale_name() const {
  const char* op = "get dimension scale name";
  require_valid(op);
  if (!is_scale_id(id(), op))
    detail::reject(ErrorKind::invalid_argument, op, Where{id()}, "the dataset is not a dimension scale");
  const ssize_t n = checked(H5DSget_scale_name(id(), nullptr, 0), op, Where{id()});
  if (n <= 0) return {};
  std::string name(static_cast<std::size_t>(n) + 1, '\0');
  checked(H5DSget_scale_name(id(), name.data(), name.size()), op, Where{id()});
  name.resize(static_cast<std::size_t>(n));
  return name;
}

// ---- Dimension ---------------------------------------------------------------------------------

Dimension::Dimension(Dataset dataset, std::size_t axis) : dataset_(std::move(dataset)), axis_(axis) {}

void Dimension::attach_scale(const Dataset& scale) const {
  const char* op = "attach dimension scale";
  const Where where{dataset_.id()};
  if (!scale.valid()) detail::reject(ErrorKind::closed, op, where, "the scale dataset is closed");
  const std::string axis_text = "axis " + std::to_string(axis_);
  if (same_object(dataset_, scale))
    detail::reject(ErrorKind::invalid_argument, op, where, "a dataset cannot be a dimension scale of itself");
  if (is_scale_id(dataset_.id(), op))
    detail::reject(ErrorKind::invalid_argument, op, where,
                   "the dataset is itself a dimension scale; HDF5 does not attach scales to scales");
  if (!is_scale_id(scale.id(), op))
    detail::reject(ErrorKind::invalid_argument, op, where,
                   quoted_path(scale) + " is not a dimension scale; call make_scale() on it first");
  if (scale.file_name() != dataset_.file_name())
    detail::reject(ErrorKind::invalid_argument, op, where,
                   "the scale " + quoted_path(scale) + " is in another file (" + scale.file_name() + ")");
  detail::silence_hdf5_errors();
  checked(H5DSattach_scale(dataset_.id(), scale.id(), axis_arg(axis_)), op, where, ErrorKind::file,
          "attaching " + quoted_path(scale) + " to " + axis_text);
}

void Dimension::detach_scale(const Dataset& scale) const {
  const char* op = "detach dimension scale";
  const Where where{dataset_.id()};
  if (!is_attached(scale))
    detail::reject(ErrorKind::not_found, op, where,
                   quoted_path(scale) + " is not attached to axis " + std::to_string(axis_));
  detail::silence_hdf5_errors();
  checked(H5DSdetach_scale(dataset_.id(), scale.id(), axis_arg(axis_)), op, where);
}

bool Dimension::is_attached(const Dataset& scale) const {
  const char* op = "test dimension scale";
  const Where where{dataset_.id()};
  if (!scale.valid()) detail::reject(ErrorKind::closed, op, where, "the scale dataset is closed");
  // H5DSis_attached fails (rather than answering false) for a dataset that is not a scale.
  if (same_object(dataset_, scale) || !is_scale_id(scale.id(), op) ||
      H5DSget_num_scales(dataset_.id(), axis_arg(axis_)) <= 0) {
    H5Eclear2(H5E_DEFAULT);
    return false;
  }
  detail::silence_hdf5_errors();
  return checked(H5DSis_attached(dataset_.id(), scale.id(), axis_arg(axis_)), op, where) > 0;
}

void Dimension::set_label(std::string_view label) const {
  const char* op = "set dimension label";
  const std::string text(label);
  detail::silence_hdf5_errors();
  checked(H5DSset_label(dataset_.id(), axis_arg(axis_), text.c_str()), op, Where{dataset_.id()});
}

std::string Dimension::label() const {
  const char* op = "get dimension label";
  detail::silence_hdf5_errors();
  const ssize_t n = checked(H5DSget_label(dataset_.id(), axis_arg(axis_), nullptr, 0), op, Where{dataset_.id()});
  if (n <= 0) return {};
  std::string text(static_cast<std::size_t>(n) + 1, '\0');
  checked(H5DSget_label(dataset_.id(), axis_arg(axis_), text.data(), text.size()), op, Where{dataset_.id()});
  text.resize(static_cast<std::size_t>(n));
  return text;
}

std::size_t Dimension::size() const {
  detail::silence_hdf5_errors();
  const int n = H5DSget_num_scales(dataset_.id(), axis_arg(axis_));
  // HDF5 answers "failed" for a dataset that is itself a scale: it has none attached.
  if (n < 0) {
    H5Eclear2(H5E_DEFAULT);
    if (!is_scale_id(dataset_.id(), "count dimension scales"))
      detail::fail(ErrorKind::file, "count dimension scales", Where{dataset_.id()});
    return 0;
  }
  return static_cast<std::size_t>(n);
}

namespace {
herr_t collect_scale(hid_t, unsigned, hid_t scale, void* data) {
  // HDF5 closes `scale` when the visitor returns; the extra reference keeps it open for us.
  try {
    static_cast<std::vector<Dataset>*>(data)->emplace_back(Handle::share(scale));
  } catch (...) {
    return -1;
  }
  return 0;
}
}  // namespace

std::vector<Dataset> Dimension::scales() const {
  std::vector<Dataset> out;
  if (size() == 0) return out;
  int idx = 0;
  detail::silence_hdf5_errors();
  checked(H5DSiterate_scales(dataset_.id(), axis_arg(axis_), &idx, collect_scale, &out), "list dimension scales",
          Where{dataset_.id()});
  return out;
}

std::vector<std::string> Dimension::scale_names() const {
  std::vector<std::string> names;
  for (const Dataset& scale : scales()) names.push_back(scale.scale_name());
  return names;
}

Dataset Dimension::scale(std::string_view name) const {
  std::vector<std::string> names;
  for (const Dataset& candidate : scales()) {
    std::string candidate_name = candidate.scale_name();
    if (candidate_name == name) return candidate;
    names.push_back(candidate_name.empty() ? "(unnamed)" : std::move(candidate_name));
  }
  std::string attached;
  for (const std::string& n : names) attached += (attached.empty() ? "" : ", ") + n;
  detail::reject(ErrorKind::not_found, "find dimension scale", detail::Where{dataset_.id()},
                 "no scale named \"" + std::string(name) + "\" on axis " + std::to_string(axis_) +
                     (attached.empty() ? std::string(" (none is attached)") : " (attached: " + attached + ")"));
}

}  // namespace h5kit
