#include "h5kit/model/ref.hpp"

#include "h5kit/group.hpp"

namespace h5kit {

bool RefBase::bind(std::string path, std::weak_ptr<const void> target, const std::type_info& type) {
  path_ = std::move(path);
  if (type != *type_) {
    target_.reset();
    return false;
  }
  target_ = std::move(target);
  return true;
}

std::string RefBase::target_path(const Group& any_group) const {
  // HDF5 names an object opened by dereferencing with the first hard-link path of a name-ordered
  // walk from the root: the canonical path (docs/graph_load.md), what h5py's f[ref].name gives.
  return any_group.dereference(reference_).path();
}

}  // namespace h5kit
