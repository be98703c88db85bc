// numpy.sort along one axis of an N-d dataset within the memory cap, and unique/isin built on it.
//
// Every lane (the elements along the sorted axis at one index of the other axes) is sorted on its
// own. With M = elements_within_cap(sizeof(T)) and lanes of L elements:
//
// - L <= M, the slab path: blocks that cover all of the axis and as many lanes as fit are read,
//   each lane sorted in memory, and written back. The slabs are a ChunkPlan of the array with the
//   axis squeezed to 1, so they follow the storage chunks the way every other block loop does.
// - L > M, the lane path: each lane is sorted by an external merge sort that reads and writes the
//   lane through hyperslabs (the lane's own selection in the file, so no copy of it is made).
//   Pass 0 reads cap-sized runs, sorts each in memory and writes it to a scratch dataset. Each
//   following pass merges groups of up to `fan_in` neighbouring runs into one, through one buffer
//   per run plus one output buffer, all sized so together they hold at most M elements; passes
//   alternate between two scratch datasets, and the last writes into the destination lane. With the
//   default fan-in (buffers of 64 Ki elements) M elements of cap sort M * (M / 64Ki - 1) elements in
//   one merge pass: 10 million doubles under an 8 MiB cap need 10 runs and one pass.
#include "h5kit/lazy/sort.hpp"

#include <unistd.h>

#include <algorithm>
#include <atomic>
#include <cmath>
#include <filesystem>
#include <optional>
#include <string>
#include <type_traits>

#include "detail/checked.hpp"
#include "h5kit/file.hpp"
#include "h5kit/lazy/reductions.hpp"  // detail::normalize_axis
#include "lazy/raw_blocks.hpp"

namespace h5kit::lazy::detail {

namespace {

// numpy's order: NaN after every number.
template <class T>
bool before(T a, T b) {
  if constexpr (std::is_floating_point_v<T>) {
    if (std::isnan(a)) return false;
    if (std::isnan(b)) return true;
  }
  return a < b;
}

template <class T>
bool same(T a, T b) {
  if constexpr (std::is_floating_point_v<T>)
    if (std::isnan(a) && std::isnan(b)) return true;
  return a == b;
}

// A scratch HDF5 file in the temporary directory, removed when done. A separate file, not the
// user's: space freed inside an HDF5 file is not returned to the file system.
class ScratchFile {
 public:
  ScratchFile() {
    static std::atomic<unsigned> counter{0};
    std::error_code error;
    const std::filesystem::path directory = std::filesystem::temp_directory_path(error);
    if (error)
      h5kit::detail::reject(ErrorKind::file, "sort", h5kit::detail::Where{},
                            "expected a temporary directory for the sort's scratch file (TMPDIR), found none: " +
                                error.message());
    path_ = directory / ("h5kit-sort-" + std::to_string(::getpid()) + "-" + std::to_string(counter++) + ".h5");
    file_ = File(path_.string(), "w");
  }
  ~ScratchFile() {
    file_.close();
    std::error_code ignored;
    std::filesystem::remove(path_, ignored);
  }
  ScratchFile(const ScratchFile&) = delete;
  ScratchFile& operator=(const ScratchFile&) = delete;
  const File& file() const { return file_; }

 private:
  std::filesystem::path path_;
  File file_;
};

// The elements along `axis` from `origin` in `dataset`: one lane, addressed by its own positions.
struct Lane {
  const Dataset* dataset;
  Shape origin;
  std::size_t axis;

  Block part(std::size_t start, std::size_t count) const {
    Block b{origin, Shape(origin.size(), 1)};
    b.offset[axis] += start;
    b.count[axis] = count;
    return b;
  }
};

Lane whole_line(const Dataset& ds) { return Lane{&ds, Shape{0}, 0}; }


template <class T>
void read_part(const Lane& lane, std::size_t start, std::size_t count, T* out, std::string_view op) {
  read_raw(*lane.dataset, dtype<T>(), lane.part(start, count), out, op);
}
template <class T>
void write_part(const Lane& lane, std::size_t start, std::size_t count, const T* in, std::string_view op) {
  write_raw(*lane.dataset, dtype<T>(), lane.part(start, count), in, op);
}

// Merges the sorted runs [bounds[0], bounds[1]), [bounds[1], bounds[2]), ... of `in` into `out`
// at the same positions, with `buffer` elements per run and for the output.
template <class T>
void merge_runs(const Lane& in, const Lane& out, const std::vector<std::size_t>& bounds, std::size_t buffer,
                std::string_view op) {
  struct Stream {
    std::size_t next, end;
    std::vector<T> data;
    std::size_t pos = 0;
  };
  std::vector<Stream> streams;
  for (std::size_t r = 0; r + 1 < bounds.size(); ++r) streams.push_back(Stream{bounds[r], bounds[r + 1], {}, 0});
  auto refill = [&](Stream& s) {
    const std::size_t count = std::min(buffer, s.end - s.next);
    s.data.resize(count);
    read_part(in, s.next, count, s.data.data(), op);
    s.next += count;
    s.pos = 0;
  };
  // A min-heap of stream numbers by their current element (ties: lower stream first).
  auto later = [&](std::size_t a, std::size_t b) {
    const T x = streams[a].data[streams[a].pos], y = streams[b].data[streams[b].pos];
    if (before(y, x)) return true;
    if (before(x, y)) return false;
    return a > b;
  };
  std::vector<std::size_t> heap;
  for (std::size_t i = 0; i < streams.size(); ++i) {
    refill(streams[i]);
    if (!streams[i].data.empty()) heap.push_back(i);
  }
  std::make_heap(heap.begin(), heap.end(), later);
  std::vector<T> pending;
  pending.reserve(buffer);
  std::size_t written = bounds.front();
  auto flush = [&] {
    write_part(out, written, pending.size(), pending.data(), op);
    written += pending.size();
    pending.clear();
  };
  while (!heap.empty()) {
    std::pop_heap(heap.begin(), heap.end(), later);
    const std::size_t i = heap.back();
    Stream& s = streams[i];
    pending.push_back(s.data[s.pos++]);
    if (pending.size() == buffer) flush();
    if (s.pos == s.data.size() && s.next < s.end) refill(s);
    if (s.pos < s.data.size())
      std::push_heap(heap.begin(), heap.end(), later);
    else
      heap.pop_back();
  }
  if (!pending.empty()) flush();
}

// The external merge sort of one lane of `length` > `cap` elements. `runs` are two 1-D scratch
// datasets of at least `length` elements, reused from lane to lane. `destination` may be `source`:
// pass 0 reads all of the source lane before the last pass writes to it.
template <class T>
void sort_lane_externally(const Lane& source, const Lane& destination, std::size_t length, std::size_t cap,
                          const Dataset (&runs)[2], std::string_view op) {
  const Lane scratch[2] = {whole_line(runs[0]), whole_line(runs[1])};
  std::vector<std::size_t> bounds{0};
  {
    std::vector<T> run;
    for (std::size_t start = 0; start < length; start += cap) {
      const std::size_t count = std::min(cap, length - start);
      run.resize(count);
      read_part(source, start, count, run.data(), op);
      std::sort(run.begin(), run.end(), before<T>);
      write_part(scratch[0], start, count, run.data(), op);
      bounds.push_back(start + count);
    }
  }
  const std::size_t preferred_buffer = std::max<std::size_t>(1, std::min<std::size_t>(cap / 3, std::size_t{1} << 16));
  const std::size_t fan_in = std::max<std::size_t>(2, cap / preferred_buffer - 1);
  for (int current = 0;; current ^= 1) {
    const std::size_t run_count = bounds.size() - 1;
    const Lane& out = run_count <= fan_in ? destination : scratch[current ^ 1];
    std::vector<std::size_t> merged{0};
    for (std::size_t first = 0; first < run_count; first += fan_in) {
      const std::size_t last = std::min(run_count, first + fan_in);
      const std::vector<std::size_t> group(bounds.begin() + static_cast<std::ptrdiff_t>(first),
                                           bounds.begin() + static_cast<std::ptrdiff_t>(last + 1));
      // One buffer per run and one for the output share the cap.
      const std::size_t buffer = std::max<std::size_t>(1, cap / (last - first + 1));
      merge_runs<T>(scratch[current], out, group, buffer, op);
      merged.push_back(bounds[last]);
    }
    if (run_count <= fan_in) return;
    bounds = std::move(merged);
  }
}

// The slab path: lanes of `length` <= `cap` elements, as many per block as fit.
template <class T>
void sort_slabs(const Dataset& source, const Block& region, const Dataset& destination, const Shape& destination_offset,
                std::size_t axis, std::size_t cap, std::string_view op) {
  const std::size_t length = region.count[axis];
  // A slab with more than one lane, when the axis is not its last varying one, has strided lanes:
  // each is gathered into a lane buffer to sort it, so such slabs leave room for that buffer.
  std::size_t lanes = cap / length;
  if (lanes >= 2) --lanes;
  Shape others = region.count;
  others[axis] = 1;
  std::optional<Shape> chunks = aligned_chunks(source, region);
  if (chunks) (*chunks)[axis] = 1;
  const ChunkPlan plan(others, lanes, chunks);
  const Datatype type = dtype<T>();
  std::vector<T> slab, lane;
  for (Block b : plan) {
    b.count[axis] = length;
    const std::size_t n = element_count(b.count);
    slab.resize(n);
    read_raw(source, type, shifted(b, region.offset), slab.data(), op);
    std::size_t inner = 1;  // the distance between neighbours along the axis in the slab
    for (std::size_t d = axis + 1; d < b.count.size(); ++d) inner *= b.count[d];
    const std::size_t outer = n / (length * inner);
    if (inner == 1) {
      for (std::size_t o = 0; o < outer; ++o)
        std::sort(slab.begin() + static_cast<std::ptrdiff_t>(o * length),
                         slab.begin() + static_cast<std::ptrdiff_t>((o + 1) * length), before<T>);
    } else {
      lane.resize(length);
      for (std::size_t o = 0; o < outer; ++o)
        for (std::size_t i = 0; i < inner; ++i) {
          T* first = slab.data() + o * length * inner + i;
          for (std::size_t j = 0; j < length; ++j) lane[j] = first[j * inner];
          std::sort(lane.begin(), lane.end(), before<T>);
          for (std::size_t j = 0; j < length; ++j) first[j * inner] = lane[j];
        }
    }
    write_raw(destination, type, shifted(b, destination_offset), slab.data(), op);
  }
}

// Sorts every lane along `axis` (already checked) of `source`'s `region` into `destination` at
// `destination_offset` (a block of the same shape; may be the same block of the same dataset).
template <class T>
void sort_lanes(const Dataset& source, const Block& region, const Dataset& destination, const Shape& destination_offset,
                std::size_t axis, std::string_view op) {
  if (element_count(region.count) == 0) return;
  const std::size_t length = region.count[axis];
  const std::size_t cap = elements_within_cap(sizeof(T));
  if (length <= cap) return sort_slabs<T>(source, region, destination, destination_offset, axis, cap, op);
  ScratchFile scratch;
  const Dataset runs[2] = {scratch.file().create_dataset("runs0", Shape{length}, dtype<T>()),
                           scratch.file().create_dataset("runs1", Shape{length}, dtype<T>())};
  Shape others = region.count;
  others[axis] = 1;
  // Lane origins, row-major over the other axes (a plan of single elements enumerates them).
  for (Block origin : ChunkPlan(others, 1)) {
    const Lane from{&source, shifted(origin, region.offset).offset, axis};
    const Lane to{&destination, shifted(origin, destination_offset).offset, axis};
    sort_lane_externally<T>(from, to, length, cap, runs, op);
  }
}

// Copies the region's elements, in row-major order, into the 1-D `destination`.
template <class T>
void flatten_into(const Dataset& source, const Block& region, const Dataset& destination, std::string_view op) {
  const ChunkPlan plan(region.count, elements_within_cap(sizeof(T)), aligned_chunks(source, region));
  const Datatype type = dtype<T>();
  std::vector<T> block;
  std::size_t written = 0;
  // A plan's blocks are consecutive row-major ranges of the array, in order.
  for (const Block& b : plan) {
    block.resize(element_count(b.count));
    read_raw(source, type, shifted(b, region.offset), block.data(), op);
    write_raw(destination, type, Block{{written}, {block.size()}}, block.data(), op);
    written += block.size();
  }
}

// All elements of the region, sorted, into the 1-D `destination` of their number.
template <class T>
void sort_flat_into(const Dataset& source, const Block& region, const Dataset& destination, std::string_view op) {
  if (region.count.size() == 1) return sort_lanes<T>(source, region, destination, Shape{0}, 0, op);
  flatten_into<T>(source, region, destination, op);
  sort_lanes<T>(destination, Block{{0}, destination.shape()}, destination, Shape{0}, 0, op);
}

}  // namespace

template <class T>
void sort_in_place(const Dataset& source, const Block& region, int axis) {
  constexpr std::string_view op = "sort array";
  const std::size_t along = normalize_axis(source, op, axis, region.count.size());
  sort_lanes<T>(source, region, source, region.offset, along, op);
}

template <class T>
Dataset sorted_copy(const Dataset& source, const Block& region, int axis, const Into& into) {
  constexpr std::string_view op = "sort array";
  const std::size_t along = normalize_axis(source, op, axis, region.count.size());
  return create_filled(into.group, into.name, region.count, dtype<T>(), into.options, [&](const Dataset& out) {
    sort_lanes<T>(source, region, out, Shape(region.count.size(), 0), along, op);
  });
}

template <class T>
Dataset flat_sorted_copy(const Dataset& source, const Block& region, const Into& into) {
  constexpr std::string_view op = "sort array";
  return create_filled(into.group, into.name, Shape{element_count(region.count)}, dtype<T>(), into.options,
                       [&](const Dataset& out) { sort_flat_into<T>(source, region, out, op); });
}

template <class T>
Dataset unique_copy(const Dataset& source, const Block& region, const Into& into) {
  constexpr std::string_view op = "unique of array";
  const Datatype type = dtype<T>();
  const std::size_t n = element_count(region.count);
  ScratchFile scratch;
  const Dataset sorted = scratch.file().create_dataset("sorted", Shape{n}, type);
  sort_flat_into<T>(source, region, sorted, op);
  const std::size_t half = std::max<std::size_t>(1, elements_within_cap(sizeof(T)) / 2);
  // Two passes over the sorted copy: count the distinct values, then write them into a dataset of
  // exactly that size (so the caller's options need not make it growable).
  auto distinct = [&](auto emit) {
    std::vector<T> block;
    bool have_previous = false;
    T previous{};
    for (std::size_t start = 0; start < n; start += half) {
      block.resize(std::min(half, n - start));
      read_raw(sorted, type, Block{{start}, {block.size()}}, block.data(), op);
      for (const T& v : block) {
        if (!have_previous || !same(v, previous)) emit(v);
        previous = v;
        have_previous = true;
      }
    }
  };
  std::size_t count = 0;
  distinct([&](const T&) { ++count; });
  return create_filled(into.group, into.name, Shape{count}, type, into.options, [&](const Dataset& out) {
    std::vector<T> pending;
    std::size_t written = 0;
    auto flush = [&] {
      write_raw(out, type, Block{{written}, {pending.size()}}, pending.data(), op);
      written += pending.size();
      pending.clear();
    };
    distinct([&](const T& v) {
      pending.push_back(v);
      if (pending.size() == half) flush();
    });
    if (!pending.empty()) flush();
  });
}

template <class T>
Dataset isin_copy(const Dataset& source, const Block& region, std::span<const T> values, const Into& into) {
  constexpr std::string_view op = "isin of array";
  std::vector<T> sorted(values.begin(), values.end());
  std::sort(sorted.begin(), sorted.end(), before<T>);
  const Datatype type = dtype<T>();
  const Datatype boolean = dtype<bool>();
  return create_filled(into.group, into.name, region.count, boolean, into.options, [&](const Dataset& out) {
    // An element and its answer: sizeof(T) + 1 bytes.
    const ChunkPlan plan(region.count, std::max<std::size_t>(1, memory_cap() / (sizeof(T) + 1)),
                         aligned_chunks(source, region));
    std::vector<T> block;
    std::vector<unsigned char> found;  // bytes 0/1, the image of bool that HDF5's boolean enum maps
    for (const Block& b : plan) {
      block.resize(element_count(b.count));
      found.resize(block.size());
      read_raw(source, type, shifted(b, region.offset), block.data(), op);
      for (std::size_t i = 0; i < block.size(); ++i) {
        const T v = block[i];
        bool hit = false;
        if constexpr (std::is_floating_point_v<T>)
          hit = !std::isnan(v) && std::binary_search(sorted.begin(), sorted.end(), v, before<T>);
        else
          hit = std::binary_search(sorted.begin(), sorted.end(), v);
        found[i] = hit ? 1 : 0;
      }
      write_raw(out, boolean, b, found.data(), op);
    }
  });
}

#define H5KIT_LAZY_SORT_INSTANTIATE(T)                                                                               \
  template void sort_in_place<T>(const Dataset&, const Block&, int);                                                  \
  template Dataset sorted_copy<T>(const Dataset&, const Block&, int, const Into&);                                   \
  template Dataset flat_sorted_copy<T>(const Dataset&, const Block&, const Into&);                                   \
  template Dataset unique_copy<T>(const Dataset&, const Block&, const Into&);                                        \
  template Dataset isin_copy<T>(const Dataset&, const Block&, std::span<const T>, const Into&);
H5KIT_LAZY_SORT_TYPES(H5KIT_LAZY_SORT_INSTANTIATE)

}  // namespace h5kit::lazy::detail
