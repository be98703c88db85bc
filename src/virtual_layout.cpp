// Virtual datasets: the layout and sources a user builds, and how a mapping is written in messages.
#include <utility>

#include "h5kit/dataset.hpp"
#include "h5kit/virtual.hpp"

namespace h5kit {

VirtualSource::VirtualSource(std::string file, std::string dataset, Shape shape, std::optional<Shape> maxshape)
    : file_(std::move(file)), dataset_(std::move(dataset)), shape_(std::move(shape)) {
  maxshape_ = maxshape ? std::move(*maxshape) : shape_;
}

VirtualSource::VirtualSource(const Dataset& source)
    : VirtualSource(source.file_name(), source.path(), source.shape(), source.maxshape()) {}

VirtualSource VirtualSource::select(std::span<const Index> index) const {
  VirtualSource selected = *this;
  selected.index_.assign(index.begin(), index.end());
  return selected;
}

VirtualLayout::VirtualLayout(Shape shape, Datatype type, std::optional<Shape> maxshape)
    : shape_(std::move(shape)), type_(std::move(type)) {
  maxshape_ = maxshape ? std::move(*maxshape) : shape_;
}

VirtualLayout& VirtualLayout::map(std::span<const Index> index, const VirtualSource& source) {
  mappings_.push_back(Mapping{std::vector<Index>(index.begin(), index.end()), source});
  return *this;
}

namespace {

std::string bound_text(std::size_t n) { return n == unlimited ? "None" : std::to_string(n); }

// One axis in numpy's words when it has them: i, start:stop, start:stop:step, or h5py's multi_block().
std::string axis_text(std::size_t start, std::size_t stride, std::size_t count, std::size_t block,
                      std::size_t extent) {
  const bool contiguous = (block == 1 && stride == 1) || count == 1;
  if (contiguous && start == 0 && count != unlimited && block != unlimited && count * block == extent && extent > 1)
    return ":";
  if (count == 1 && block == 1) return std::to_string(start);
  if (block == 1 || count == 1) {
    const std::size_t n = block == 1 ? count : block;
    const std::size_t step = block == 1 ? stride : 1;
    const bool to_end = n == unlimited || (step == 1 && start + n == extent);
    std::string out = start == 0 ? "" : std::to_string(start);
    out += ":";
    if (!to_end) out += std::to_string(start + (n - 1) * step + 1);
    if (step != 1) out += ":" + std::to_string(step);
    return out;
  }
  return "multi_block(" + std::to_string(start) + ", " + std::to_string(stride) + ", " + bound_text(count) + ", " +
         bound_text(block) + ")";
}

}  // namespace

std::string to_string(const Hyperslab& slab, const Shape& extent) {
  std::string out = "[";
  for (std::size_t axis = 0; axis < slab.start.size(); ++axis) {
    if (axis) out += ", ";
    const std::size_t n = axis < extent.size() ? extent[axis] : unlimited;
    out += axis_text(slab.start[axis], slab.stride[axis], slab.count[axis], slab.block[axis], n);
  }
  return out + "]";
}

std::string to_string(const VirtualRegion& region) {
  if (region.whole) return "[...]";
  if (region.hyperslab) return to_string(*region.hyperslab, region.extent);
  return std::to_string(region.blocks.size()) + " blocks";
}

}  // namespace h5kit
