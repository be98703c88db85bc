#pragma once
// Dimension scales (HDF5's HL H5DS API, h5py's `dset.dims[i]`): datasets that label the axes of
// other datasets, the way netCDF-4 stores its dimensions and coordinate variables.
//   Dataset x = f.create_dataset("x", xs);  x.make_scale("x");
//   Dataset t = f.create_dataset("temperature", data);
//   t.dims(0).attach_scale(x);  t.dims(0).set_label("x");
//   for (const Dataset& s : t.dims(0).scales()) ... s.scale_name() ...
#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

#include "h5kit/dataset.hpp"

namespace h5kit {

// One axis of a dataset, as seen by the dimension-scale API (h5py's DimensionProxy).
// InvalidArgumentError from Dataset::dims when the axis is not below the dataset's rank.
class Dimension {
 public:
  Dimension(Dataset dataset, std::size_t axis);

  const Dataset& dataset() const noexcept { return dataset_; }
  std::size_t axis() const noexcept { return axis_; }

  // Attaches a scale to this axis (H5DSattach_scale); attaching one already attached does nothing.
  // InvalidArgumentError when `scale` is not a dimension scale (make_scale first; HDF5 and h5py
  // would silently turn it into an unnamed one), is this dataset itself, or when this dataset is
  // itself a scale (HDF5 forbids scales of scales). A scale of another length than the axis is
  // accepted, as by HDF5 and h5py: an unlimited axis and its scale grow one after the other.
  void attach_scale(const Dataset& scale) const;
  // NotFoundError when the scale is not attached to this axis.
  void detach_scale(const Dataset& scale) const;
  bool is_attached(const Dataset& scale) const;

  // The axis label (h5py's dims[i].label); "" when none was set.
  void set_label(std::string_view label) const;
  std::string label() const;

  std::size_t size() const;                      // number of attached scales (len(dims[i]))
  std::vector<Dataset> scales() const;           // attached scales in attachment order (values())
  std::vector<std::string> scale_names() const;  // their scale names, "" when unnamed (keys())
  // h5py's dims[i]["name"]: the first attached scale of that name; NotFoundError naming the axis and
  // the attached scales' names otherwise.
  Dataset scale(std::string_view name) const;

 private:
  Dataset dataset_;
  std::size_t axis_;
};

}  // namespace h5kit
