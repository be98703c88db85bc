// h5kit_bench: the h5kit and raw HDF5 C workloads side by side, in one Google Benchmark binary so that
// --benchmark_enable_random_interleaving can interleave their repetitions (machine noise then falls
// on both alike). bench/run.sh runs it together with h5py_bench.py and merges the results.
#include <cstdio>
#include <exception>
#include <string>

#include <hdf5.h>

#include "bench_common.hpp"

int main(int argc, char** argv) {
  // Before anything else: --lazy-once measures this process's peak memory.
  if (const auto status = bench::run_lazy_command(argc, argv)) return *status;
  benchmark::Initialize(&argc, argv);
  if (benchmark::ReportUnrecognizedArguments(argc, argv)) return 1;

  unsigned major = 0, minor = 0, release = 0;
  H5get_libversion(&major, &minor, &release);
  benchmark::AddCustomContext("hdf5_version", std::to_string(major) + "." + std::to_string(minor) + "." +
                                                  std::to_string(release));
  benchmark::AddCustomContext("bulk_bytes", std::to_string(BENCH_BULK_ELEMENTS * sizeof(double)));
  benchmark::AddCustomContext("point_reads", std::to_string(BENCH_POINT_READS));
  benchmark::AddCustomContext("point_dataset_elements", std::to_string(BENCH_POINT_DATASET_ELEMENTS));
  benchmark::AddCustomContext("attributes", std::to_string(BENCH_ATTRIBUTES));
  benchmark::AddCustomContext("groups", std::to_string(BENCH_GROUPS));
  benchmark::AddCustomContext("gzip_bytes", std::to_string(BENCH_GZIP_ELEMENTS * sizeof(float)));
  benchmark::AddCustomContext("gzip_chunk_elements", std::to_string(BENCH_GZIP_CHUNK));
  benchmark::AddCustomContext("gzip_level", std::to_string(BENCH_GZIP_LEVEL));
  benchmark::AddCustomContext("expected_gzip_checksum",
                              std::to_string(bench::gzip_checksum(bench::gzip_data().data(), BENCH_GZIP_ELEMENTS)));
  benchmark::AddCustomContext("expected_point_checksum", std::to_string(bench::expected_point_checksum()));
  benchmark::AddCustomContext("expected_attribute_checksum", std::to_string(bench::expected_attribute_checksum()));

  benchmark::AddCustomContext("model_stations", std::to_string(BENCH_MODEL_STATIONS));
  benchmark::AddCustomContext("model_fields", std::to_string(BENCH_MODEL_FIELDS));
  benchmark::AddCustomContext("expected_station_checksum", std::to_string(bench::expected_station_checksum()));
  benchmark::AddCustomContext("scan_images", std::to_string(BENCH_SCAN_IMAGES));
  benchmark::AddCustomContext("expected_scan_checksum_eager", std::to_string(bench::expected_scan_checksum(true)));
  benchmark::AddCustomContext("expected_scan_checksum_lazy", std::to_string(bench::expected_scan_checksum(false)));

  {
    double sum = 0, mean = 0, std_dev = 0;
    bench_lazy_expected(&sum, &mean, &std_dev);
    benchmark::AddCustomContext("lazy_bytes", std::to_string(std::size_t{BENCH_LAZY_ROWS} * BENCH_LAZY_COLUMNS * 8));
    benchmark::AddCustomContext("lazy_cap_bytes", std::to_string(BENCH_LAZY_CAP));
    benchmark::AddCustomContext("expected_lazy_checksum", std::to_string(sum));
  }

  int status = 0;
  try {
    bench::make_scratch_dir();
    bench::register_h5kit();
    bench::register_rawc();
    bench::register_h5kit_model();
    bench::register_rawc_model();
    bench::register_lazy();
    bench::register_graph();  // graph_refs (bench_graph.cpp)
    bench::register_truncate();  // graph_truncate (bench_truncate.cpp)
    bench::register_daq_append();  // daq_append_* (bench_daq_append.cpp)
    benchmark::RunSpecifiedBenchmarks();
  } catch (const std::exception& e) {
    std::fprintf(stderr, "h5kit_bench: %s\n", e.what());
    status = 1;
  }
  bench::remove_scratch_dir();
  benchmark::Shutdown();
  return status;
}
