// Google Benchmark wrappers around the raw HDF5 C workloads of rawc_workloads.c. The timed region is
// the C function call only; inputs are made before it and files removed after it.
#include <algorithm>
#include <cstdint>
#include <cstdlib>
#include <string>

#include "bench_common.hpp"

namespace bench {
namespace {

constexpr const char* kImpl = "rawc";

void bulk_write(benchmark::State& state) {
  const auto& data = bulk_data();
  const std::string path = scratch_file("rawc_bulk_write.h5");
  if (rawc_bulk_write(path.c_str(), data.data(), data.size()) != 0) {  // warm-up (bench_common.hpp)
    state.SkipWithError("rawc_bulk_write failed");
    return;
  }
  remove_file(path);
  for (auto _ : state) {
    if (rawc_bulk_write(path.c_str(), data.data(), data.size()) != 0) {
      state.SkipWithError("rawc_bulk_write failed");
      break;
    }
  }
  remove_file(path);
  set_counters(state, 1, 0);
}

// The file the bulk reads read, written once.
const std::string& bulk_file() {
  static const std::string path = [] {
    std::string p = scratch_file("rawc_bulk_read.h5");
    if (rawc_bulk_write(p.c_str(), bulk_data().data(), bulk_data().size()) != 0) std::abort();
    return p;
  }();
  return path;
}

void bulk_read(benchmark::State& state) {
  const std::string& path = bulk_file();
  std::vector<double> buffer(BENCH_BULK_ELEMENTS, -1.0);  // allocated and touched outside the timed region
  if (rawc_bulk_read(path.c_str(), buffer.data(), buffer.size()) != 0) {  // warm-up (bench_common.hpp)
    state.SkipWithError("rawc_bulk_read failed");
    return;
  }
  std::fill(buffer.begin(), buffer.end(), -1.0);
  for (auto _ : state) {
    if (rawc_bulk_read(path.c_str(), buffer.data(), buffer.size()) != 0) {
      state.SkipWithError("rawc_bulk_read failed");
      break;
    }
    benchmark::ClobberMemory();
  }
  if (!looks_like_bulk_data(buffer.data(), buffer.size())) state.SkipWithError("rawc: wrong data read back");
  set_counters(state, 1, 0);
}

// malloc, read, check, free: what a C caller does when it has no buffer yet.
bool read_into_new_buffer(const std::string& path) {
  auto* buffer = static_cast<double*>(std::malloc(BENCH_BULK_ELEMENTS * sizeof(double)));
  if (buffer == nullptr || rawc_bulk_read(path.c_str(), buffer, BENCH_BULK_ELEMENTS) != 0) {
    std::free(buffer);
    return false;
  }
  benchmark::DoNotOptimize(buffer);
  const bool ok = looks_like_bulk_data(buffer, BENCH_BULK_ELEMENTS);
  std::free(buffer);
  return ok;
}

void bulk_read_alloc(benchmark::State& state) {
  const std::string& path = bulk_file();
  bool ok = read_into_new_buffer(path);  // warm-up (bench_common.hpp)
  for (auto _ : state) ok = read_into_new_buffer(path) && ok;
  if (!ok) state.SkipWithError("rawc: read failed or wrong data read back");
  set_counters(state, 1, 0);
}

// 6. Compression dominates: no warm-up write before the timed one (it would double the run for an effect
// -- the hypervisor handing back pages, bench_common.hpp -- within the noise of seconds of deflate).
template <int Shuffle>
void gzip_write(benchmark::State& state) {
  const auto& data = gzip_data();
  const std::string path = scratch_file(Shuffle ? "rawc_gzip_shuffle_write.h5" : "rawc_gzip_write.h5");
  remove_file(path);
  for (auto _ : state) {
    if (rawc_gzip_write(path.c_str(), data.data(), data.size(), Shuffle) != 0) {
      state.SkipWithError("rawc_gzip_write failed");
      break;
    }
  }
  remove_file(path);
  set_counters(state, 1, 0);
}

template <int Shuffle>
void gzip_read(benchmark::State& state) {
  static const std::string path = [] {
    std::string p = scratch_file(Shuffle ? "rawc_gzip_shuffle_read.h5" : "rawc_gzip_read.h5");
    if (rawc_gzip_write(p.c_str(), gzip_data().data(), gzip_data().size(), Shuffle) != 0) std::abort();
    return p;
  }();
  std::vector<float> buffer(BENCH_GZIP_ELEMENTS, -1.0f);  // allocated and touched outside the timed region
  if (rawc_gzip_read(path.c_str(), buffer.data(), buffer.size()) != 0) {  // warm-up (bench_common.hpp)
    state.SkipWithError("rawc_gzip_read failed");
    return;
  }
  std::fill(buffer.begin(), buffer.end(), -1.0f);
  for (auto _ : state) {
    if (rawc_gzip_read(path.c_str(), buffer.data(), buffer.size()) != 0) {
      state.SkipWithError("rawc_gzip_read failed");
      break;
    }
    benchmark::ClobberMemory();
  }
  if (!looks_like_gzip_data(buffer.data(), buffer.size())) state.SkipWithError("rawc: wrong data read back");
  set_counters(state, 1, gzip_checksum(buffer.data(), buffer.size()));
}

const std::string& point_file() {
  static const std::string path = [] {
    std::string p = scratch_file("rawc_point.h5");
    if (rawc_bulk_write(p.c_str(), point_data().data(), point_data().size()) != 0) std::abort();
    return p;
  }();
  return path;
}

template <int (*Read)(rawc_point_reader*, const std::uint64_t*, std::size_t, double*)>
void point_read(benchmark::State& state) {
  const auto& positions = point_positions();
  rawc_point_reader reader;
  if (rawc_point_open(&reader, point_file().c_str()) != 0) {
    state.SkipWithError("rawc_point_open failed");
    return;
  }
  double sum = 0.0;
  for (auto _ : state) {
    sum = 0.0;
    if (Read(&reader, positions.data(), positions.size(), &sum) != 0) {
      state.SkipWithError("rawc point read failed");
      break;
    }
  }
  rawc_point_close(&reader);
  set_counters(state, static_cast<double>(positions.size()), sum);
}

void attrs_create(benchmark::State& state) {
  const auto& names = attribute_name_pointers();
  const std::string path = scratch_file("rawc_attrs_create.h5");
  remove_file(path);
  for (auto _ : state) {
    if (rawc_attrs_create(path.c_str(), names.data(), names.size()) != 0) {
      state.SkipWithError("rawc_attrs_create failed");
      break;
    }
  }
  remove_file(path);
  set_counters(state, static_cast<double>(names.size()), 0);
}

void attrs_read(benchmark::State& state) {
  const auto& names = attribute_name_pointers();
  static const std::string path = [&] {
    std::string p = scratch_file("rawc_attrs_read.h5");
    if (rawc_attrs_create(p.c_str(), names.data(), names.size()) != 0) std::abort();
    return p;
  }();
  std::int64_t sum = 0;
  for (auto _ : state) {
    sum = 0;
    if (rawc_attrs_read(path.c_str(), names.data(), names.size(), &sum) != 0) {
      state.SkipWithError("rawc_attrs_read failed");
      break;
    }
  }
  set_counters(state, static_cast<double>(names.size()), static_cast<double>(sum));
}

void groups_create(benchmark::State& state) {
  const auto& names = group_name_pointers();
  const std::string path = scratch_file("rawc_groups.h5");
  remove_file(path);
  for (auto _ : state) {
    if (rawc_groups_create(path.c_str(), names.data(), names.size()) != 0) {
      state.SkipWithError("rawc_groups_create failed");
      break;
    }
  }
  remove_file(path);
  set_counters(state, static_cast<double>(names.size()), 0);
}

// 7. Typed models: the same file layout by hand (Compact: attributes kept in the object headers).
template <int Compact>
void model_dump(benchmark::State& state) {
  const auto& values = station_values();
  const std::string path = scratch_file(Compact ? "rawc_model_dump_compact.h5" : "rawc_model_dump.h5");
  remove_file(path);
  for (auto _ : state) {
    if (rawc_model_dump(path.c_str(), values.data(), BENCH_MODEL_STATIONS, Compact) != 0) {
      state.SkipWithError("rawc_model_dump failed");
      break;
    }
  }
  remove_file(path);
  set_counters(state, BENCH_MODEL_STATIONS * BENCH_MODEL_FIELDS, 0);
}

template <int Compact>
void model_load(benchmark::State& state) {
  static const std::string path = [] {
    std::string p = scratch_file(Compact ? "rawc_model_load_compact.h5" : "rawc_model_load.h5");
    if (rawc_model_dump(p.c_str(), station_values().data(), BENCH_MODEL_STATIONS, Compact) != 0) std::abort();
    return p;
  }();
  std::vector<double> values(BENCH_MODEL_STATIONS * BENCH_MODEL_FIELDS, -1.0);
  std::size_t stations = 0;
  for (auto _ : state) {
    if (rawc_model_load(path.c_str(), values.data(), BENCH_MODEL_STATIONS, &stations) != 0) {
      state.SkipWithError("rawc_model_load failed");
      break;
    }
  }
  double sum = 0.0;
  for (std::size_t i = 0; i < stations * BENCH_MODEL_FIELDS; ++i) sum += values[i];
  set_counters(state, BENCH_MODEL_STATIONS * BENCH_MODEL_FIELDS, sum);
}

// 8. Eager (every value read) or lazy (attributes and shapes only).
template <int ReadValues>
void scan_load(benchmark::State& state) {
  static const std::string path = [] {
    std::string p = scratch_file("rawc_scan.h5");
    if (rawc_scan_write(p.c_str()) != 0) std::abort();
    return p;
  }();
  double checksum = 0.0;
  if (rawc_scan_load(path.c_str(), ReadValues, &checksum) != 0) {  // warm-up (bench_common.hpp)
    state.SkipWithError("rawc_scan_load failed");
    return;
  }
  for (auto _ : state) {
    checksum = 0.0;
    if (rawc_scan_load(path.c_str(), ReadValues, &checksum) != 0) {
      state.SkipWithError("rawc_scan_load failed");
      break;
    }
  }
  set_counters(state, BENCH_SCAN_IMAGES, checksum);
}

}  // namespace

void register_rawc_model() {
  add("model_dump", kImpl, model_dump<0>);
  add("model_load", kImpl, model_load<0>);
  add("model_dump_compact", kImpl, model_dump<1>);
  add("model_load_compact", kImpl, model_load<1>);
  add("scan_load_eager", kImpl, scan_load<1>);
  add("scan_load_lazy", kImpl, scan_load<0>);
}

void register_rawc() {
  add("bulk_write", kImpl, bulk_write);
  add("bulk_read", kImpl, bulk_read);
  add("bulk_read_alloc", kImpl, bulk_read_alloc);
  add("point_read", kImpl, point_read<rawc_point_read>);
  add("point_read_fresh_spaces", kImpl, point_read<rawc_point_read_fresh_spaces>);
  add("attrs_create", kImpl, attrs_create);
  add("attrs_read", kImpl, attrs_read);
  add("groups_create", kImpl, groups_create);
  limit_gzip_repetitions(add("gzip_write", kImpl, gzip_write<0>));
  limit_gzip_repetitions(add("gzip_read", kImpl, gzip_read<0>));
  limit_gzip_repetitions(add("gzip_shuffle_write", kImpl, gzip_write<1>));
  limit_gzip_repetitions(add("gzip_shuffle_read", kImpl, gzip_read<1>));
}

}  // namespace bench
