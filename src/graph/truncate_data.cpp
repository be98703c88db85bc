// truncate: dataset values copied block by block, so that memory stays within a budget whatever the
// dataset's size. Values are read and written with the dataset's own stored type (no conversion, so
// the bytes are the source's), variable-length data included (reclaimed after each block).
#include <hdf5.h>

#include <algorithm>
#include <numeric>

#include "graph/truncate_internal.hpp"

namespace h5kit::graph::detail {

using h5kit::detail::checked;
using h5kit::detail::Where;

namespace {

// Frees the variable-length memory HDF5 allocated for a block, also when the block's callback throws.
class BlockMemory {
 public:
  BlockMemory(hid_t type, bool variable) : type_(type), variable_(variable) {}
  ~BlockMemory() { release(); }
  BlockMemory(const BlockMemory&) = delete;
  BlockMemory& operator=(const BlockMemory&) = delete;
  void filled(hid_t memory_space, void* data) {
    space_ = memory_space;
    data_ = data;
  }
  void release() noexcept {
    if (variable_ && data_) H5Dvlen_reclaim(type_, space_, H5P_DEFAULT, data_);
    data_ = nullptr;
  }

 private:
  hid_t type_;
  bool variable_;
  hid_t space_ = H5I_INVALID_HID;
  void* data_ = nullptr;
};

// The block shape: whole trailing axes where they fit, as many leading rows as the budget allows,
// rounded down to whole chunks so that every chunk is read (and decompressed) once.
std::vector<hsize_t> block_shape(const std::vector<hsize_t>& extent, const std::vector<hsize_t>& chunk,
                                 std::size_t element_size, std::size_t budget) {
  const std::size_t rank = extent.size();
  const std::uint64_t budget_elements = std::max<std::uint64_t>(1, budget / std::max<std::size_t>(element_size, 1));
  // trailing[k]: elements in one step of axis k (the product of the axes after it).
  std::vector<std::uint64_t> trailing(rank, 1);
  for (std::size_t axis = rank - 1; axis-- > 0;) trailing[axis] = trailing[axis + 1] * extent[axis + 1];
  // The first axis whose single step fits the budget: it is split, the axes before it step by 1,
  // the axes after it are taken whole.
  std::size_t k = 0;
  while (k + 1 < rank && trailing[k] > budget_elements) ++k;
  std::vector<hsize_t> block(extent);
  for (std::size_t axis = 0; axis < k; ++axis) block[axis] = 1;
  hsize_t steps = std::max<std::uint64_t>(1, budget_elements / trailing[k]);
  if (!chunk.empty() && chunk[k] > 0 && steps > chunk[k]) steps -= steps % chunk[k];
  block[k] = std::min<hsize_t>(steps, extent[k]);
  return block;
}

}  // namespace

void copy_values(hid_t source, hid_t target, hid_t memory_type, const RowPlan* rows, std::size_t buffer_bytes,
                 const std::function<void(BlockView&)>& on_block,
                 const std::function<void(std::uint64_t)>& on_bytes) {
  const Where where{source};
  H5D_space_status_t status{};
  checked(H5Dget_space_status(source, &status), "copy values", where);
  if (status == H5D_SPACE_STATUS_NOT_ALLOCATED) return;  // never written: the copy reads as fill values too

  Handle source_space{checked(H5Dget_space(source), "copy values", where)};
  Handle target_space{checked(H5Dget_space(target), "copy values", Where{target})};
  const H5S_class_t space_class = H5Sget_simple_extent_type(source_space.get());
  if (space_class == H5S_NULL) return;
  const std::size_t element_size = H5Tget_size(memory_type);
  const bool variable = has_variable_length(memory_type);

  if (space_class == H5S_SCALAR) {
    std::vector<std::byte> buffer(element_size);
    BlockMemory memory(memory_type, variable);
    checked(H5Dread(source, memory_type, H5S_ALL, H5S_ALL, H5P_DEFAULT, buffer.data()), "read values", where);
    memory.filled(source_space.get(), buffer.data());
    BlockView view{buffer.data(), 1, {}, {}};
    on_block(view);
    checked(H5Dwrite(target, memory_type, H5S_ALL, H5S_ALL, H5P_DEFAULT, buffer.data()), "write values",
            Where{target});
    if (on_bytes) on_bytes(element_size);
    return;
  }

  const int rank = H5Sget_simple_extent_ndims(target_space.get());
  std::vector<hsize_t> extent(static_cast<std::size_t>(rank));
  H5Sget_simple_extent_dims(target_space.get(), extent.data(), nullptr);
  if (std::any_of(extent.begin(), extent.end(), [](hsize_t d) { return d == 0; })) return;

  std::vector<hsize_t> chunk;
  {
    Handle dcpl{checked(H5Dget_create_plist(source), "copy values", where)};
    if (H5Pget_layout(dcpl.get()) == H5D_CHUNKED) {
      chunk.resize(extent.size());
      checked(H5Pget_chunk(dcpl.get(), rank, chunk.data()), "copy values", where);
    }
  }
  const std::vector<hsize_t> block = block_shape(extent, chunk, element_size, buffer_bytes);
  const std::uint64_t block_elements =
      std::accumulate(block.begin(), block.end(), std::uint64_t{1}, std::multiplies<>{});
  std::vector<std::byte> buffer(block_elements * element_size);
  const hsize_t row_offset = rows && rows->cut ? rows->start : 0;

  std::vector<hsize_t> offset(extent.size(), 0), count(extent.size());
  for (;;) {
    for (std::size_t axis = 0; axis < extent.size(); ++axis)
      count[axis] = std::min<hsize_t>(block[axis], extent[axis] - offset[axis]);
    std::vector<hsize_t> source_offset = offset;
    source_offset[0] += row_offset;
    Handle memory_space{checked(H5Screate_simple(rank, count.data(), nullptr), "copy values", where)};
    checked(H5Sselect_hyperslab(source_space.get(), H5S_SELECT_SET, source_offset.data(), nullptr, count.data(),
                                nullptr),
            "select source block", where);
    checked(H5Sselect_hyperslab(target_space.get(), H5S_SELECT_SET, offset.data(), nullptr, count.data(), nullptr),
            "select target block", Where{target});
    const std::uint64_t elements = std::accumulate(count.begin(), count.end(), std::uint64_t{1}, std::multiplies<>{});
    {
      BlockMemory memory(memory_type, variable);
      checked(H5Dread(source, memory_type, memory_space.get(), source_space.get(), H5P_DEFAULT, buffer.data()),
              "read values", where);
      memory.filled(memory_space.get(), buffer.data());
      BlockView view{buffer.data(), static_cast<std::size_t>(elements), offset, count};
      on_block(view);
      checked(H5Dwrite(target, memory_type, memory_space.get(), target_space.get(), H5P_DEFAULT, buffer.data()),
              "write values", Where{target});
    }
    if (on_bytes) on_bytes(elements * element_size);
    // Next block, last axis fastest.
    std::size_t axis = extent.size();
    while (axis-- > 0) {
      offset[axis] += block[axis];
      if (offset[axis] < extent[axis]) break;
      offset[axis] = 0;
    }
    if (axis == static_cast<std::size_t>(-1)) break;
  }
}

std::vector<std::int64_t> read_integers(hid_t dataset, std::uint64_t first, std::uint64_t count) {
  std::vector<std::int64_t> values(count);
  if (count == 0) return values;
  Handle space{checked(H5Dget_space(dataset), "read index values", Where{dataset})};
  const hsize_t start = first, n = count;
  checked(H5Sselect_hyperslab(space.get(), H5S_SELECT_SET, &start, nullptr, &n, nullptr), "read index values",
          Where{dataset});
  Handle memory{checked(H5Screate_simple(1, &n, nullptr), "read index values", Where{dataset})};
  checked(H5Dread(dataset, H5T_NATIVE_INT64, memory.get(), space.get(), H5P_DEFAULT, values.data()),
          "read index values", Where{dataset});
  return values;
}

}  // namespace h5kit::graph::detail
