#include "bench_common.hpp"

#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <stdexcept>
#include <system_error>

namespace bench {
namespace {

std::string& scratch_storage() {
  static std::string dir;
  return dir;
}

std::vector<std::string> numbered_names(const char* prefix, std::size_t count) {
  std::vector<std::string> names;
  names.reserve(count);
  char buffer[32];
  for (std::size_t i = 0; i < count; ++i) {
    std::snprintf(buffer, sizeof buffer, "%s%05zu", prefix, i);
    names.emplace_back(buffer);
  }
  return names;
}

std::vector<const char*> pointers(const std::vector<std::string>& names) {
  std::vector<const char*> out;
  out.reserve(names.size());
  for (const auto& name : names) out.push_back(name.c_str());
  return out;
}

}  // namespace

const std::string& scratch_dir() { return scratch_storage(); }

void make_scratch_dir() {
  const char* base = std::getenv("H5KIT_BENCH_TMPDIR");
  if (base == nullptr || *base == '\0') base = std::getenv("TMPDIR");
  if (base == nullptr || *base == '\0') base = "/tmp";
  std::string pattern = std::string(base) + "/h5kit-bench-XXXXXX";
  if (mkdtemp(pattern.data()) == nullptr) throw std::runtime_error("cannot create a scratch directory under " + std::string(base));
  scratch_storage() = pattern;
}

void remove_scratch_dir() noexcept {
  if (scratch_storage().empty()) return;
  std::error_code ec;
  std::filesystem::remove_all(scratch_storage(), ec);
  scratch_storage().clear();
}

std::string scratch_file(const std::string& name) { return scratch_dir() + "/" + name; }

void remove_file(const std::string& path) noexcept {
  std::error_code ec;
  std::filesystem::remove(path, ec);
}

const std::vector<double>& bulk_data() {
  static const std::vector<double> data = [] {
    std::vector<double> v(BENCH_BULK_ELEMENTS);
    for (std::size_t i = 0; i < v.size(); ++i) v[i] = static_cast<double>(i) * 0.5;
    return v;
  }();
  return data;
}

bool looks_like_bulk_data(const double* buffer, std::size_t n) {
  if (n != BENCH_BULK_ELEMENTS) return false;
  for (std::size_t i = 0; i < n; i += 4093)
    if (buffer[i] != static_cast<double>(i) * 0.5) return false;
  return buffer[n - 1] == static_cast<double>(n - 1) * 0.5;
}

const std::vector<float>& gzip_data() {
  static const std::vector<float> data = [] {
    std::vector<float> v(BENCH_GZIP_ELEMENTS);
    for (std::size_t i = 0; i < v.size(); ++i) v[i] = bench_gzip_value(i);
    return v;
  }();
  return data;
}

bool looks_like_gzip_data(const float* buffer, std::size_t n) {
  if (n != BENCH_GZIP_ELEMENTS) return false;
  for (std::size_t i = 0; i < n; i += 4093)
    if (buffer[i] != bench_gzip_value(i)) return false;
  return buffer[n - 1] == bench_gzip_value(n - 1);
}

double gzip_checksum(const float* buffer, std::size_t n) {
  double sum = 0.0;
  for (std::size_t i = 0; i < n; i += 4093) sum += buffer[i];
  return sum;
}

void limit_gzip_repetitions(benchmark::internal::Benchmark* benchmark) {
  const char* text = std::getenv("H5KIT_BENCH_GZIP_REPETITIONS");
  if (text == nullptr || *text == '\0') return;
  const int repetitions = std::atoi(text);
  if (repetitions > 0) benchmark->Repetitions(repetitions);
}

const std::vector<double>& point_data() {
  static const std::vector<double> data = [] {
    std::vector<double> v(BENCH_POINT_DATASET_ELEMENTS);
    for (std::size_t i = 0; i < v.size(); ++i) v[i] = static_cast<double>(i);
    return v;
  }();
  return data;
}

const std::vector<std::uint64_t>& point_positions() {
  static const std::vector<std::uint64_t> positions = [] {
    std::vector<std::uint64_t> p(BENCH_POINT_READS);
    std::uint64_t state = BENCH_POINT_SEED;
    for (auto& x : p) x = bench_splitmix64(&state) % BENCH_POINT_DATASET_ELEMENTS;
    return p;
  }();
  return positions;
}

double expected_point_checksum() {
  double sum = 0.0;
  for (std::uint64_t p : point_positions()) sum += point_data()[p];
  return sum;
}

const std::vector<std::string>& attribute_names() {
  static const std::vector<std::string> names = numbered_names("attr_", BENCH_ATTRIBUTES);
  return names;
}
const std::vector<const char*>& attribute_name_pointers() {
  static const std::vector<const char*> p = pointers(attribute_names());
  return p;
}
const std::vector<std::string>& group_names() {
  static const std::vector<std::string> names = numbered_names("g_", BENCH_GROUPS);
  return names;
}
const std::vector<const char*>& group_name_pointers() {
  static const std::vector<const char*> p = pointers(group_names());
  return p;
}

std::int64_t expected_attribute_checksum() {
  const auto n = static_cast<std::int64_t>(BENCH_ATTRIBUTES);
  return n * (n - 1) / 2;
}

const std::vector<double>& station_values() {
  static const std::vector<double> values = [] {
    std::vector<double> v(BENCH_MODEL_STATIONS * BENCH_MODEL_FIELDS);
    for (std::size_t i = 0; i < BENCH_MODEL_STATIONS; ++i)
      for (std::size_t j = 0; j < BENCH_MODEL_FIELDS; ++j) v[i * BENCH_MODEL_FIELDS + j] = bench_station_value(i, j);
    return v;
  }();
  return values;
}

double expected_station_checksum() {
  double sum = 0.0;
  for (double v : station_values()) sum += v;
  return sum;
}

double expected_scan_checksum(bool with_values) {
  constexpr std::size_t n = std::size_t{BENCH_SCAN_ROWS} * BENCH_SCAN_COLUMNS;
  double sum = BENCH_SCAN_TEMPERATURE + BENCH_SCAN_FRAMES;
  for (std::size_t k = 0; k < BENCH_SCAN_IMAGES; ++k) {
    sum += static_cast<double>(k + 1) * 0.5 + static_cast<double>(n);
    if (with_values) sum += bench_image_value(k, n - 1);
  }
  return sum;
}

void set_counters(benchmark::State& state, double ops, double checksum) {
  state.counters["ops"] = benchmark::Counter(ops);
  state.counters["checksum"] = benchmark::Counter(checksum);
}

benchmark::internal::Benchmark* add(const std::string& workload, const std::string& implementation,
                                    void (*fn)(benchmark::State&)) {
  return benchmark::RegisterBenchmark((workload + "/" + implementation).c_str(), fn)
      ->Iterations(1)
      ->UseRealTime()
      ->Unit(benchmark::kMillisecond);
}

}  // namespace bench
