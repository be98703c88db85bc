// daq_append: 1,000,000 appends of one row, one call per row, into a chunked float64 EArray growing
// along axis 0 (issue 11's append bench). Two rows: 16 bytes (2 float64, a small record) and 1 KiB
// (128 float64). The implementations:
//   daq_append_<row>/h5kit      StreamingWriter + Stream::append per row (the DAQ layer's buffered
//                               EArray, in SWMR mode, rows visible at every full chunk)
//   daq_append_<row>/h5doappend raw C, H5DOappend per row (HDF5's high-level "append" call)
//   daq_append_<row>/rawc_chunks raw C, rows gathered and written a whole chunk at a time: the ceiling
//   daq_append_<row>/rawc_chunks_swmr  the same in SWMR mode, H5Dflush after each chunk: the same
//                               work as h5kit (rows visible to readers at every full chunk)
// Every implementation uses the chunk h5kit's EArray picks (Stream::chunk_rows). h5py's resize-and-write
// loop and PyTables' EArray.append (per row and per block) run in bench/daq_append_bench.py.
// After the timed runs each file is checked (untimed): 1,000,000 rows, first and last row right.
#include <cstdlib>
#include <span>
#include <string>
#include <vector>

#include <h5kit/daq/streaming.hpp>
#include <h5kit/file.hpp>

#include "bench_common.hpp"
#include "rawc_append.h"

namespace bench {

namespace {

constexpr std::size_t kAppends = 1'000'000;
constexpr const char* kNode = "/RawData/EnlData00";

// The rows each implementation wrote: every one of kAppends, the first and last with their values.
void check_file(benchmark::State& state, const std::string& path, const std::string& dataset, std::size_t row_elements) {
  const h5kit::File f(path, "r");
  const h5kit::Dataset ds = f.dataset(dataset);
  if (ds.shape() != h5kit::Shape{kAppends, row_elements}) {
    state.SkipWithError(("daq_append: " + path + " holds shape " + h5kit::to_string(ds.shape())).c_str());
    return;
  }
  for (std::size_t row : {std::size_t{0}, kAppends - 1}) {
    const auto values = ds.read_block<std::vector<double>>({row, 0}, {1, row_elements});
    for (std::size_t j = 0; j < row_elements; ++j)
      if (values[j] != bench_append_value(row, j, row_elements)) {
        state.SkipWithError(("daq_append: wrong value in row " + std::to_string(row) + " of " + path).c_str());
        return;
      }
  }
}

void h5kit_append(const std::string& path, std::size_t row_elements) {
  h5kit::daq::StreamingWriter writer(path);
  auto group = writer.get_set_group("/", "RawData");
  h5kit::daq::Stream stream =
      writer.create_stream(group, "EnlData00", h5kit::daq::ElementType::float64, {row_elements});
  writer.start();
  std::vector<double> row(row_elements);
  for (std::size_t i = 0; i < kAppends; ++i) {
    for (std::size_t j = 0; j < row_elements; ++j) row[j] = bench_append_value(i, j, row_elements);
    stream.append(std::span<const double>(row));
  }
  writer.close();
}

// The rows per chunk h5kit's EArray picks for this row, asked of a probe file (untimed): every
// implementation uses the same chunks.
std::size_t chunk_rows_for(std::size_t row_elements) {
  const std::string probe = scratch_file("daq_append_probe.h5");
  h5kit::daq::StreamingWriter writer(probe);
  auto group = writer.get_set_group("/", "RawData");
  const std::size_t rows =
      writer.create_stream(group, "EnlData00", h5kit::daq::ElementType::float64, {row_elements}).chunk_rows();
  writer.close();
  remove_file(probe);
  return rows;
}

template <std::size_t RowElements>
void append_h5kit(benchmark::State& state) {
  const std::string path = scratch_file("daq_append_h5kit.h5");
  h5kit_append(path, RowElements);  // warm-up (bench_common.hpp)
  for (auto _ : state) h5kit_append(path, RowElements);
  check_file(state, path, kNode, RowElements);
  state.counters["chunk_rows"] = static_cast<double>(chunk_rows_for(RowElements));
  remove_file(path);
}

template <std::size_t RowElements, int (*Append)(const char*, std::size_t, std::size_t, std::size_t)>
void append_rawc(benchmark::State& state) {
  const std::string path = scratch_file("daq_append_rawc.h5");
  const std::size_t chunk = chunk_rows_for(RowElements);
  if (Append(path.c_str(), kAppends, RowElements, chunk) != 0) state.SkipWithError("daq_append: raw C failed");
  for (auto _ : state)
    if (Append(path.c_str(), kAppends, RowElements, chunk) != 0) state.SkipWithError("daq_append: raw C failed");
  check_file(state, path, "/data", RowElements);
  state.counters["chunk_rows"] = static_cast<double>(chunk);
  remove_file(path);
}

}  // namespace

void register_daq_append() {
  benchmark::RegisterBenchmark("daq_append_16B/h5kit", guarded<append_h5kit<2>>)->Unit(benchmark::kMillisecond);
  benchmark::RegisterBenchmark("daq_append_16B/h5doappend", guarded<append_rawc<2, bench_append_h5doappend>>)
      ->Unit(benchmark::kMillisecond);
  benchmark::RegisterBenchmark("daq_append_16B/rawc_chunks", guarded<append_rawc<2, bench_append_whole_chunks>>)
      ->Unit(benchmark::kMillisecond);
  benchmark::RegisterBenchmark("daq_append_16B/rawc_chunks_swmr",
                               guarded<append_rawc<2, bench_append_whole_chunks_swmr>>)
      ->Unit(benchmark::kMillisecond);
  benchmark::RegisterBenchmark("daq_append_1KiB/h5kit", guarded<append_h5kit<128>>)->Unit(benchmark::kMillisecond);
  benchmark::RegisterBenchmark("daq_append_1KiB/h5doappend", guarded<append_rawc<128, bench_append_h5doappend>>)
      ->Unit(benchmark::kMillisecond);
  benchmark::RegisterBenchmark("daq_append_1KiB/rawc_chunks", guarded<append_rawc<128, bench_append_whole_chunks>>)
      ->Unit(benchmark::kMillisecond);
  benchmark::RegisterBenchmark("daq_append_1KiB/rawc_chunks_swmr",
                               guarded<append_rawc<128, bench_append_whole_chunks_swmr>>)
      ->Unit(benchmark::kMillisecond);
}

}  // namespace bench
