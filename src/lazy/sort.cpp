// External merge sort of 1-D datasets within the memory cap, and unique/isin built on it.
//
// Pass 0 reads cap-sized runs, sorts each in memory and writes it to a scratch dataset. Each
// following pass merges groups of up to `fan_in` neighbouring runs into one, through one buffer
// per run plus one output buffer, all sized so together they hold at most cap elements; passes
// alternate between two scratch datasets, and the last writes into the destination. With the
// default fan-in (buffers of 64 Ki elements) a cap of M elements sorts M * (M / 64Ki - 1)
// elements in one merge pass: 10 million doubles under an 8 MiB cap need 10 runs and one pass.
#include "h5kit/lazy/sort.hpp"

#include <unistd.h>

#include <algorithm>
#include <atomic>
#include <cmath>
#include <filesystem>
#include <string>
#include <type_traits>

#include "h5kit/file.hpp"
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
    path_ = std::filesystem::temp_directory_path() /
            ("h5kit-sort-" + std::to_string(::getpid()) + "-" + std::to_string(counter++) + ".h5");
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

Block span_block(std::size_t offset, std::size_t count) { return Block{{offset}, {count}}; }

// Merges the sorted runs [bounds[0], bounds[1]), [bounds[1], bounds[2]), ... of `in` into `out`
// at the same offsets, with `buffer` elements per run and for the output.
template <class T>
void merge_runs(const Dataset& in, const Dataset& out, const Datatype& type, const std::vector<std::size_t>& bounds,
                std::size_t buffer, std::string_view op) {
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
    read_raw(in, type, span_block(s.next, count), s.data.data(), op);
    s.next += count;
    s.pos = 0;
  };
  // A min-heap of stream numbers by their current element (ties: lower stream first, so equal
  // values keep their order and the sort is stable).
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
    write_raw(out, type, span_block(written, pending.size()), pending.data(), op);
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

void require_one_dimensional(const Dataset& ds, std::string_view op) {
  if (ds.rank() != 1) invalid(ds, op, "a 1-D array; found shape " + to_string(ds.shape()));
}


}  // namespace

template <class T>
void sort_into(const Dataset& source, const Dataset& destination) {
  constexpr std::string_view op = "sort array";
  require_one_dimensional(source, op);
  if (destination.shape() != source.shape())
    mismatch(destination, op, "the source's shape " + to_string(source.shape()) + "; found " +
                                  to_string(destination.shape()));
  const Datatype type = dtype<T>();
  const std::size_t n = source.size();
  const std::size_t cap = elements_within_cap(sizeof(T));
  if (n <= cap) {
    std::vector<T> all(n);
    read_raw(source, type, span_block(0, n), all.data(), op);
    std::stable_sort(all.begin(), all.end(), before<T>);
    write_raw(destination, type, span_block(0, n), all.data(), op);
    return;
  }
  ScratchFile scratch;
  Dataset runs[2] = {scratch.file().create_dataset("runs0", Shape{n}, type),
                     scratch.file().create_dataset("runs1", Shape{n}, type)};
  std::vector<std::size_t> bounds{0};
  {
    std::vector<T> run;
    for (std::size_t start = 0; start < n; start += cap) {
      const std::size_t count = std::min(cap, n - start);
      run.resize(count);
      read_raw(source, type, span_block(start, count), run.data(), op);
      std::stable_sort(run.begin(), run.end(), before<T>);
      write_raw(runs[0], type, span_block(start, count), run.data(), op);
      bounds.push_back(start + count);
    }
  }
  const std::size_t preferred_buffer = std::max<std::size_t>(1, std::min<std::size_t>(cap / 3, std::size_t{1} << 16));
  const std::size_t fan_in = std::max<std::size_t>(2, cap / preferred_buffer - 1);
  for (int current = 0;; current ^= 1) {
    const std::size_t run_count = bounds.size() - 1;
    const Dataset& out = run_count <= fan_in ? destination : runs[current ^ 1];
    std::vector<std::size_t> merged{0};
    for (std::size_t first = 0; first < run_count; first += fan_in) {
      const std::size_t last = std::min(run_count, first + fan_in);
      const std::vector<std::size_t> group(bounds.begin() + static_cast<std::ptrdiff_t>(first),
                                           bounds.begin() + static_cast<std::ptrdiff_t>(last + 1));
      // One buffer per run and one for the output share the cap.
      const std::size_t buffer = std::max<std::size_t>(1, cap / (last - first + 1));
      merge_runs<T>(runs[current], out, type, group, buffer, op);
      merged.push_back(bounds[last]);
    }
    if (run_count <= fan_in) return;
    bounds = std::move(merged);
  }
}

template <class T>
Dataset sorted_copy(const Dataset& source, const Group& where, std::string_view path, const DatasetOptions& options) {
  require_one_dimensional(source, "sort array");
  return create_filled(where, path, source.shape(), dtype<T>(), options,
                       [&](const Dataset& out) { sort_into<T>(source, out); });
}

template <class T>
Dataset unique_copy(const Dataset& source, const Group& where, std::string_view path, const DatasetOptions& options) {
  constexpr std::string_view op = "unique of array";
  require_one_dimensional(source, op);
  const Datatype type = dtype<T>();
  ScratchFile scratch;
  const Dataset sorted = scratch.file().create_dataset("sorted", source.shape(), type);
  sort_into<T>(source, sorted);
  const std::size_t n = sorted.size();
  const std::size_t half = std::max<std::size_t>(1, elements_within_cap(sizeof(T)) / 2);
  // Two passes over the sorted copy: count the distinct values, then write them into a dataset of
  // exactly that size (so the caller's options need not make it growable).
  auto distinct = [&](auto emit) {
    std::vector<T> block;
    bool have_previous = false;
    T previous{};
    for (std::size_t start = 0; start < n; start += half) {
      block.resize(std::min(half, n - start));
      read_raw(sorted, type, span_block(start, block.size()), block.data(), op);
      for (const T& v : block) {
        if (!have_previous || !same(v, previous)) emit(v);
        previous = v;
        have_previous = true;
      }
    }
  };
  std::size_t count = 0;
  distinct([&](const T&) { ++count; });
  return create_filled(where, path, Shape{count}, type, options, [&](const Dataset& out) {
    std::vector<T> pending;
    std::size_t written = 0;
    auto flush = [&] {
      write_raw(out, type, span_block(written, pending.size()), pending.data(), op);
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
Dataset isin_copy(const Dataset& source, std::span<const T> values, const Group& where, std::string_view path,
                  const DatasetOptions& options) {
  constexpr std::string_view op = "isin of array";
  std::vector<T> sorted(values.begin(), values.end());
  std::sort(sorted.begin(), sorted.end(), before<T>);
  const Datatype type = dtype<T>();
  const Datatype boolean = dtype<bool>();
  return create_filled(where, path, source.shape(), boolean, options, [&](const Dataset& out) {
    // An element and its answer: sizeof(T) + 1 bytes.
    const ChunkPlan plan(source.shape(), std::max<std::size_t>(1, memory_cap() / (sizeof(T) + 1)), source.chunks());
    std::vector<T> block;
    std::vector<unsigned char> found;  // bytes 0/1, the image of bool that HDF5's boolean enum maps
    for (const Block& b : plan) {
      block.resize(element_count(b.count));
      found.resize(block.size());
      read_raw(source, type, b, block.data(), op);
      for (std::size_t i = 0; i < block.size(); ++i) {
        const T v = block[i];
        bool hit = false;
        if constexpr (std::is_floating_point_v<T>) hit = !std::isnan(v) && std::binary_search(sorted.begin(), sorted.end(), v, before<T>);
        else hit = std::binary_search(sorted.begin(), sorted.end(), v);
        found[i] = hit ? 1 : 0;
      }
      write_raw(out, boolean, b, found.data(), op);
    }
  });
}

#define H5KIT_LAZY_SORT_INSTANTIATE(T)                                                                               \
  template void sort_into<T>(const Dataset&, const Dataset&);                                                         \
  template Dataset sorted_copy<T>(const Dataset&, const Group&, std::string_view, const DatasetOptions&);             \
  template Dataset unique_copy<T>(const Dataset&, const Group&, std::string_view, const DatasetOptions&);             \
  template Dataset isin_copy<T>(const Dataset&, std::span<const T>, const Group&, std::string_view,                   \
                                const DatasetOptions&);
H5KIT_LAZY_SORT_TYPES(H5KIT_LAZY_SORT_INSTANTIATE)

}  // namespace h5kit::lazy::detail
