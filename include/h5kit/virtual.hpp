#pragma once
// Virtual datasets (HDF5 1.10's VDS, h5py's VirtualLayout / VirtualSource): one dataset whose
// elements are read from regions of other datasets, in this file or others. Detector data at
// synchrotrons is stored this way: each module (or each acquisition file) writes its own dataset,
// and a virtual dataset presents them as one array.
//
//   VirtualLayout layout({4, 100}, dtype<std::int32_t>());
//   for (int i = 0; i < 4; ++i)
//     layout.map({i}, VirtualSource("module-" + std::to_string(i) + ".h5", "/data", {100}));
//   f.create_virtual_dataset("frames", layout);
//
// Regions are numpy index expressions restricted to what HDF5 maps: integers, slices, all, ellipsis
// and multi_block() (regular hyperslabs). On an axis that can grow without bound, an open stop (all,
// s(k, none)) and a multi_block() without a count reach to infinity: the virtual dataset then grows
// with its sources, or with source files named printf-style (%b is the block number):
//
//   VirtualLayout frames({0, 512}, dtype<std::uint16_t>(), Shape{unlimited, 512});
//   frames.map({multi_block(0, 100, none, 100), all}, VirtualSource("frames-%b.h5", "/data", {100, 512}));
//
// A relative source file name is found (by HDF5) beside the virtual dataset's own file, so a
// directory of sources and their virtual dataset can be moved together; "." is the file itself.
// A file name with a literal '%' must write it "%%". Writes go to the sources, as in HDF5.
#include <cstddef>
#include <initializer_list>
#include <optional>
#include <span>
#include <string>
#include <vector>

#include "h5kit/datatype.hpp"
#include "h5kit/selection.hpp"
#include "h5kit/shape.hpp"
#include "h5kit/storage.hpp"  // VirtualView, DatasetAccess

namespace h5kit {

class Dataset;

// A dataset elements are read from, and the part of it that is mapped (h5py's VirtualSource).
class VirtualSource {
 public:
  // The source `dataset` in `file` ("." for the virtual dataset's own file), of extent `shape` and
  // maximum shape `maxshape` (default: `shape`). The source need not exist yet: it is looked up
  // when the virtual dataset is read, and reads as the fill value while it is missing.
  VirtualSource(std::string file, std::string dataset, Shape shape, std::optional<Shape> maxshape = std::nullopt);
  // An existing dataset: its file name, path, shape and maxshape. A source in the file the virtual
  // dataset is created in is stored as "." (as h5py does), so the file can be renamed.
  explicit VirtualSource(const Dataset& source);

  // h5py's vsource[index]: only this part of the source is mapped (default: all of it).
  VirtualSource operator[](std::initializer_list<Index> index) const { return select(index); }
  VirtualSource select(std::span<const Index> index) const;

  const std::string& file() const noexcept { return file_; }
  const std::string& dataset() const noexcept { return dataset_; }
  const Shape& shape() const noexcept { return shape_; }
  const Shape& maxshape() const noexcept { return maxshape_; }
  const std::vector<Index>& index() const noexcept { return index_; }

 private:
  std::string file_;
  std::string dataset_;
  Shape shape_;
  Shape maxshape_;
  std::vector<Index> index_;
};

// The shape, type and mappings of a virtual dataset to create (h5py's VirtualLayout).
class VirtualLayout {
 public:
  // `maxshape` (default: `shape`) may hold h5kit::unlimited on the axes the dataset grows along.
  VirtualLayout(Shape shape, Datatype type, std::optional<Shape> maxshape = std::nullopt);

  // h5py's layout[index] = source: the elements `index` selects here are read from `source`'s
  // selected elements, in row-major order of both. The two must select as many elements (or both
  // reach to infinity, or the source be named printf-style); create_virtual_dataset checks it.
  VirtualLayout& map(std::initializer_list<Index> index, const VirtualSource& source) {
    return map(std::span<const Index>(index.begin(), index.size()), source);
  }
  VirtualLayout& map(std::span<const Index> index, const VirtualSource& source);
  // The whole layout from `source`.
  VirtualLayout& map(const VirtualSource& source) { return map(std::span<const Index>{}, source); }

  struct Mapping {
    std::vector<Index> index;  // the region of the layout; empty: all of it
    VirtualSource source;
  };
  const Shape& shape() const noexcept { return shape_; }
  const Shape& maxshape() const noexcept { return maxshape_; }
  const Datatype& dtype() const noexcept { return type_; }
  const std::vector<Mapping>& mappings() const noexcept { return mappings_; }

 private:
  Shape shape_;
  Shape maxshape_;
  Datatype type_;
  std::vector<Mapping> mappings_;
};

// A regular hyperslab as HDF5 holds it, per axis: `count` blocks of `block` elements, one block every
// `stride`, from `start`. A count or block of h5kit::unlimited reaches to infinity.
struct Hyperslab {
  Shape start, stride, count, block;
  friend bool operator==(const Hyperslab&, const Hyperslab&) = default;
};
// numpy's terms where they fit ("[0:10, :]", "[2, 0:512]"), multi_block(start, stride, count, block)
// otherwise; "None" for what reaches to infinity.
std::string to_string(const Hyperslab& slab, const Shape& extent);

// The elements one side of a mapping selects: a regular hyperslab (always, for what h5kit and h5py
// create, and for every region that reaches to infinity), or else the blocks of HDF5's list.
struct VirtualRegion {
  Shape extent;                      // the extent the selection was made on
  std::optional<Hyperslab> hyperslab;
  std::vector<Block> blocks;         // when `hyperslab` is empty
  // HDF5 holds "everything" rather than a hyperslab (h5py maps whole sources so); the extent HDF5
  // then returns may be a scalar's, whatever the source's shape, and `hyperslab` covers that extent.
  bool whole = false;
};
// "[0:10, :]" for a hyperslab, "[...]" for a whole source, "N blocks" otherwise.
std::string to_string(const VirtualRegion& region);

// One mapping of a virtual dataset, read back (h5py's VDSmap from Dataset.virtual_sources()).
struct VirtualMapping {
  VirtualRegion region;  // in the virtual dataset
  std::string file;      // as stored: "." for the same file, printf-style names unexpanded
  std::string dataset;
  VirtualRegion source_region;
};

}  // namespace h5kit
