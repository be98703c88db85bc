#pragma once
// What the h5kit and raw C benchmarks share: the scratch directory, the input data (made once, outside
// any timed region) and the expected checksums.
#include <cstdint>
#include <exception>
#include <optional>
#include <string>
#include <vector>

#include <benchmark/benchmark.h>

#include "workloads.h"

namespace bench {

// Runs one benchmark function; an exception (in setup or in the timed loop) ends it with its message.
template <void (*Fn)(benchmark::State&)>
void guarded(benchmark::State& state) {
  try {
    Fn(state);
  } catch (const std::exception& e) {
    state.SkipWithError(e.what());
  }
}

// The scratch directory: a fresh directory made by main() under $H5KIT_BENCH_TMPDIR (or $TMPDIR, or /tmp)
// and removed with everything in it when the run ends.
const std::string& scratch_dir();
void make_scratch_dir();
void remove_scratch_dir() noexcept;
// A path inside the scratch directory.
std::string scratch_file(const std::string& name);
// Removes a file if present.
void remove_file(const std::string& path) noexcept;

// Warm-up. Each bulk benchmark (and its h5py twin) runs its operation once, untimed, right before the
// timed run. This virtual machine hands memory that stays free for a few seconds back to the
// hypervisor (free page reporting; DAMON pages out what stays cold for a minute), and the next
// 256 MiB allocation -- page cache of a new file, a new array -- then pays for the host providing it
// again: single writes became 5-15x slower at random. Done immediately before, the same operation
// leaves the pages it needs in the guest, so the timed run measures the library, not the hypervisor.

// 256 MiB of float64: element i holds i * 0.5.
const std::vector<double>& bulk_data();
// True when `buffer` holds what bulk_data() holds (checked on a sparse sample of positions).
bool looks_like_bulk_data(const double* buffer, std::size_t n);
// Element i holds i: the dataset of the single-element reads.
const std::vector<double>& point_data();
// BENCH_POINT_READS positions in [0, BENCH_POINT_DATASET_ELEMENTS), from SplitMix64 seeded with BENCH_POINT_SEED.
const std::vector<std::uint64_t>& point_positions();
// Sum of point_data() at point_positions(): what every implementation must report.
double expected_point_checksum();

// 256 MiB of float32: element i holds bench_gzip_value(i).
const std::vector<float>& gzip_data();
// True when `buffer` holds what gzip_data() holds (checked on a sparse sample of positions).
bool looks_like_gzip_data(const float* buffer, std::size_t n);
// Sum (float64, in index order) of every 4093rd element: the gzip read's checksum, compared with h5py's.
double gzip_checksum(const float* buffer, std::size_t n);
// Repetitions of the gzip workloads: $H5KIT_BENCH_GZIP_REPETITIONS (run.sh sets it), else the
// --benchmark_repetitions of the run. Compressing 256 MiB takes seconds, so run.sh asks for fewer.
void limit_gzip_repetitions(benchmark::internal::Benchmark* benchmark);

// "attr_00000".. and "g_00000".., as std::string and as C strings (for the raw C functions).
const std::vector<std::string>& attribute_names();
const std::vector<const char*>& attribute_name_pointers();
const std::vector<std::string>& group_names();
const std::vector<const char*>& group_name_pointers();
// 0 + 1 + ... + (BENCH_ATTRIBUTES - 1).
std::int64_t expected_attribute_checksum();

// 7. The stations' field values: station i, field j at [i * BENCH_MODEL_FIELDS + j] (bench_station_value).
const std::vector<double>& station_values();
// Their sum: what every implementation of the model load must report.
double expected_station_checksum();
// 8. What rawc_scan_load() reports (workloads.h), eager (`with_values`) or lazy.
double expected_scan_checksum(bool with_values);

// Counters every benchmark reports: `ops` operations per iteration (report.py divides the time by it)
// and a checksum of what was read, compared across implementations.
void set_counters(benchmark::State& state, double ops, double checksum);

// Registers a benchmark named "<workload>/<implementation>" with the harness's fixed settings:
// one iteration per repetition (repetitions come from --benchmark_repetitions), wall-clock time.
benchmark::internal::Benchmark* add(const std::string& workload, const std::string& implementation,
                                    void (*fn)(benchmark::State&));

// Registration of each implementation's benchmarks (called from main in a fixed order).
void register_rawc();
void register_h5kit();
void register_rawc_model();
// 9, 10 (bench_lazy.cpp): the lazy layer, h5kit and raw C.
void register_lazy();
// h5kit_bench --lazy-make-input PATH | --lazy-once WORKLOAD/IMPL (bench_lazy.cpp): the exit status, or
// nothing when the arguments are not one of these commands.
std::optional<int> run_lazy_command(int argc, char** argv);
void register_h5kit_model();

// graph_refs (bench_graph.cpp): dependency graph + reference inventory, input in $H5KIT_BENCH_GRAPH_INPUT.
void register_graph();
void register_truncate();  // bench_truncate.cpp
void register_daq_append();  // bench_daq_append.cpp

}  // namespace bench
