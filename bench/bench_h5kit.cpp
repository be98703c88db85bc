// The benchmark workloads written the way an h5kit user writes them. Each timed region covers the
// same work as its raw C twin in rawc_workloads.c (file creation/opening and closing included where the
// C function includes them).
#include <algorithm>
#include <cstdint>
#include <cstdlib>
#include <exception>
#include <span>
#include <string>
#include <vector>

#include <h5kit/h5kit.hpp>

#include "bench_common.hpp"

namespace bench {
namespace {

constexpr const char* kImpl = "h5kit";


template <class Body>
void run(benchmark::State& state, Body&& body) {
  for (auto _ : state) body();
}

void write_file(const std::string& path, const std::vector<double>& data) {
  h5kit::File file(path, "w");
  file.create_dataset(BENCH_DATASET_NAME, data);
}

void bulk_write(benchmark::State& state) {
  const auto& data = bulk_data();
  const std::string path = scratch_file("h5kit_bulk_write.h5");
  write_file(path, data);  // warm-up (bench_common.hpp)
  remove_file(path);
  run(state, [&] { write_file(path, data); });
  remove_file(path);
  set_counters(state, 1, 0);
}

const std::string& bulk_file() {
  static const std::string path = [] {
    std::string p = scratch_file("h5kit_bulk_read.h5");
    write_file(p, bulk_data());
    return p;
  }();
  return path;
}

void bulk_read(benchmark::State& state) {
  const std::string& path = bulk_file();
  std::vector<double> buffer(BENCH_BULK_ELEMENTS, -1.0);  // allocated and touched outside the timed region
  auto read = [&] {
    h5kit::File file(path, "r");
    file.dataset(BENCH_DATASET_NAME).read(std::span<double>(buffer));
    benchmark::ClobberMemory();
  };
  read();  // warm-up (bench_common.hpp)
  std::fill(buffer.begin(), buffer.end(), -1.0);
  run(state, read);
  if (!looks_like_bulk_data(buffer.data(), buffer.size())) state.SkipWithError("h5kit: wrong data read back");
  set_counters(state, 1, 0);
}

void bulk_read_alloc(benchmark::State& state) {
  const std::string& path = bulk_file();
  bool ok = true;
  auto read = [&] {
    h5kit::File file(path, "r");
    const auto values = file.dataset(BENCH_DATASET_NAME).read<std::vector<double>>();
    benchmark::DoNotOptimize(values.data());
    ok = ok && looks_like_bulk_data(values.data(), values.size());
  };
  read();  // warm-up (bench_common.hpp)
  run(state, read);
  if (!ok) state.SkipWithError("h5kit: wrong data read back");
  set_counters(state, 1, 0);
}

void point_read(benchmark::State& state) {
  static const std::string path = [] {
    std::string p = scratch_file("h5kit_point.h5");
    write_file(p, point_data());
    return p;
  }();
  const auto& positions = point_positions();
  double sum = 0.0;
  {
    const h5kit::File file(path, "r");
    const h5kit::Dataset dataset = file.dataset(BENCH_DATASET_NAME);
    run(state, [&] {
      sum = 0.0;
      for (const std::uint64_t i : positions) sum += dataset.read_element<double>({i});
    });
  }
  set_counters(state, static_cast<double>(positions.size()), sum);
}

// 6. One 256 MiB float32 dataset in 1 MiB gzip chunks (workloads.h).
void write_gzip_file(const std::string& path, const std::vector<float>& data, bool shuffle) {
  h5kit::File file(path, "w");
  file.create_dataset(BENCH_DATASET_NAME, data,
                      h5kit::DatasetOptions{}.chunks({BENCH_GZIP_CHUNK}).shuffle(shuffle).gzip(BENCH_GZIP_LEVEL));
}

// No warm-up write: see the raw C twin in bench_rawc.cpp.
template <bool Shuffle>
void gzip_write(benchmark::State& state) {
  const auto& data = gzip_data();
  const std::string path = scratch_file(Shuffle ? "h5kit_gzip_shuffle_write.h5" : "h5kit_gzip_write.h5");
  remove_file(path);
  run(state, [&] { write_gzip_file(path, data, Shuffle); });
  remove_file(path);
  set_counters(state, 1, 0);
}

template <bool Shuffle>
void gzip_read(benchmark::State& state) {
  static const std::string path = [] {
    std::string p = scratch_file(Shuffle ? "h5kit_gzip_shuffle_read.h5" : "h5kit_gzip_read.h5");
    write_gzip_file(p, gzip_data(), Shuffle);
    return p;
  }();
  std::vector<float> buffer(BENCH_GZIP_ELEMENTS, -1.0f);  // allocated and touched outside the timed region
  auto read = [&] {
    h5kit::File file(path, "r");
    file.dataset(BENCH_DATASET_NAME).read(std::span<float>(buffer));
    benchmark::ClobberMemory();
  };
  read();  // warm-up (bench_common.hpp)
  std::fill(buffer.begin(), buffer.end(), -1.0f);
  run(state, read);
  if (!looks_like_gzip_data(buffer.data(), buffer.size())) state.SkipWithError("h5kit: wrong data read back");
  set_counters(state, 1, gzip_checksum(buffer.data(), buffer.size()));
}

void create_attributes(const std::string& path) {
  const auto& names = attribute_names();
  h5kit::File file(path, "w");
  const h5kit::AttributeManager attrs = file.create_group(BENCH_ATTR_GROUP_NAME).attrs();
  for (std::size_t i = 0; i < names.size(); ++i) attrs.set(names[i], static_cast<std::int64_t>(i));
}

void attrs_create(benchmark::State& state) {
  const std::string path = scratch_file("h5kit_attrs_create.h5");
  remove_file(path);
  run(state, [&] { create_attributes(path); });
  remove_file(path);
  set_counters(state, static_cast<double>(BENCH_ATTRIBUTES), 0);
}

void attrs_read(benchmark::State& state) {
  static const std::string path = [] {
    std::string p = scratch_file("h5kit_attrs_read.h5");
    create_attributes(p);
    return p;
  }();
  const auto& names = attribute_names();
  std::int64_t sum = 0;
  run(state, [&] {
    sum = 0;
    const h5kit::File file(path, "r");
    const h5kit::AttributeManager attrs = file.group(BENCH_ATTR_GROUP_NAME).attrs();
    for (const auto& name : names) sum += attrs.get<std::int64_t>(name);
  });
  set_counters(state, static_cast<double>(names.size()), static_cast<double>(sum));
}

void groups_create(benchmark::State& state) {
  const auto& names = group_names();
  const std::string path = scratch_file("h5kit_groups.h5");
  remove_file(path);
  run(state, [&] {
    h5kit::File file(path, "w");
    for (std::size_t i = 0; i < names.size(); ++i) {
      const h5kit::AttributeManager attrs = file.create_group(names[i]).attrs();
      attrs.set("index", static_cast<std::int64_t>(i));
      attrs.set("value", static_cast<double>(i) * 0.5);
    }
  });
  remove_file(path);
  set_counters(state, static_cast<double>(names.size()), 0);
}

}  // namespace

void register_h5kit() {
  add("bulk_write", kImpl, guarded<bulk_write>);
  add("bulk_read", kImpl, guarded<bulk_read>);
  add("bulk_read_alloc", kImpl, guarded<bulk_read_alloc>);
  add("point_read", kImpl, guarded<point_read>);
  add("attrs_create", kImpl, guarded<attrs_create>);
  add("attrs_read", kImpl, guarded<attrs_read>);
  add("groups_create", kImpl, guarded<groups_create>);
  limit_gzip_repetitions(add("gzip_write", kImpl, guarded<gzip_write<false>>));
  limit_gzip_repetitions(add("gzip_read", kImpl, guarded<gzip_read<false>>));
  limit_gzip_repetitions(add("gzip_shuffle_write", kImpl, guarded<gzip_write<true>>));
  limit_gzip_repetitions(add("gzip_shuffle_read", kImpl, guarded<gzip_read<true>>));
}

}  // namespace bench
