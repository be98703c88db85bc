// Workloads 7 and 8 (workloads.h) with h5kit's typed models (include/h5kit/model.hpp): the models
// a user declares, dump() and load() as a user calls them. Everything the model layer does is timed:
// validation before the dump, the atomic temporary file and its fsync, the checks of every type and
// shape on load. The raw C and h5py twins write and read the same layout.
#include <cstdint>
#include <exception>
#include <string>
#include <vector>

#include <h5kit/h5kit.hpp>
#include <h5kit/model.hpp>

#include "bench_common.hpp"

namespace bench_models {

// 7: /stations/<i> with float64 attributes f0..f9.
struct Station {
  double f0 = 0, f1 = 0, f2 = 0, f3 = 0, f4 = 0, f5 = 0, f6 = 0, f7 = 0, f8 = 0, f9 = 0;
};
BOOST_DESCRIBE_STRUCT(Station, (), (f0, f1, f2, f3, f4, f5, f6, f7, f8, f9))

struct Network {
  std::vector<Station> stations;
};
BOOST_DESCRIBE_STRUCT(Network, (), (stations))

// 8: /images/<k>, float32 of any 2-D shape with a float64 attribute "exposure"; root attributes
// "temperature" and "frames".
struct Image : h5kit::DatasetOf<float, h5kit::kAnyExtent, h5kit::kAnyExtent> {
  double exposure = 0;
};
BOOST_DESCRIBE_STRUCT(Image, (), (exposure))

struct Scan {
  double temperature = 0;
  std::int64_t frames = 0;
  std::vector<Image> images;
};
BOOST_DESCRIBE_STRUCT(Scan, (), (temperature, frames, images))

}  // namespace bench_models

namespace bench {
namespace {

constexpr const char* kImpl = "h5kit";

using bench_models::Image;
using bench_models::Network;
using bench_models::Scan;
using bench_models::Station;


// The model of workload 7, built outside any timed region.
const Network& network() {
  static const Network model = [] {
    static_assert(sizeof(Station) == BENCH_MODEL_FIELDS * sizeof(double), "Station is f0..f9");
    const auto& v = station_values();
    Network n;
    n.stations.resize(BENCH_MODEL_STATIONS);
    for (std::size_t i = 0; i < BENCH_MODEL_STATIONS; ++i) {
      const double* f = &v[i * BENCH_MODEL_FIELDS];
      n.stations[i] = Station{f[0], f[1], f[2], f[3], f[4], f[5], f[6], f[7], f[8], f[9]};
    }
    return n;
  }();
  return model;
}

double sum_of(const Network& n) {
  double sum = 0.0;
  for (const Station& s : n.stations) sum += s.f0 + s.f1 + s.f2 + s.f3 + s.f4 + s.f5 + s.f6 + s.f7 + s.f8 + s.f9;
  return sum;
}

// 7a. dump(model, path): validated, written to a temporary file, fsync'd and renamed over `path`.
void model_dump(benchmark::State& state) {
  const Network& model = network();
  const std::string path = scratch_file("h5kit_model_dump.h5");
  remove_file(path);
  for (auto _ : state) h5kit::dump(model, path);
  remove_file(path);
  set_counters(state, BENCH_MODEL_STATIONS * BENCH_MODEL_FIELDS, 0);
}

// 7c. dump(model, group) into a new file's root: no temporary file and no fsync, as raw C and h5py.
void model_dump_group(benchmark::State& state) {
  const Network& model = network();
  const std::string path = scratch_file("h5kit_model_dump_group.h5");
  remove_file(path);
  for (auto _ : state) {
    h5kit::File file(path, "w");
    h5kit::dump(model, file);
  }
  remove_file(path);
  set_counters(state, BENCH_MODEL_STATIONS * BENCH_MODEL_FIELDS, 0);
}

// 7b. load<Network>(path): every field checked (present, float64-compatible, scalar).
void model_load(benchmark::State& state) {
  static const std::string path = [] {
    std::string p = scratch_file("h5kit_model_load.h5");
    h5kit::dump(network(), p);
    return p;
  }();
  double sum = 0.0;
  for (auto _ : state) {
    const Network loaded = h5kit::load<Network>(path);
    sum = sum_of(loaded);
  }
  set_counters(state, BENCH_MODEL_STATIONS * BENCH_MODEL_FIELDS, sum);
}

const std::string& scan_file() {
  static const std::string path = [] {
    Scan scan;
    scan.temperature = BENCH_SCAN_TEMPERATURE;
    scan.frames = BENCH_SCAN_FRAMES;
    scan.images.resize(BENCH_SCAN_IMAGES);
    for (std::size_t k = 0; k < BENCH_SCAN_IMAGES; ++k) {
      h5kit::NDArray<float> values = h5kit::NDArray<float>::uninitialized(h5kit::Shape{BENCH_SCAN_ROWS, BENCH_SCAN_COLUMNS});
      for (std::size_t e = 0; e < values.size(); ++e) values.data()[e] = bench_image_value(k, e);
      scan.images[k].assign(std::move(values));
      scan.images[k].exposure = static_cast<double>(k + 1) * 0.5;
    }
    std::string p = scratch_file("h5kit_scan.h5");
    h5kit::dump(scan, p);
    return p;
  }();
  return path;
}

// 8a/8b. load<Scan>(path), eagerly (every image read) or lazily (opened and checked, values not read).
// The model is destroyed inside the timed region (its buffers freed, a lazy model's datasets and file
// closed), as the raw C twin frees and closes everything.
template <bool Lazy>
void scan_load(benchmark::State& state) {
  const std::string& path = scan_file();
  double checksum = 0.0;
  auto load = [&] {
    const Scan scan = h5kit::load<Scan>(path, h5kit::LoadOptions{.lazy = Lazy});
    double sum = scan.temperature + static_cast<double>(scan.frames);
    for (const Image& image : scan.images) {
      const h5kit::Shape shape = image.shape();
      sum += image.exposure + static_cast<double>(shape.at(0) * shape.at(1));
      if (!Lazy) sum += image.values().data()[image.values().size() - 1];
    }
    checksum = sum;
  };
  load();  // warm-up (bench_common.hpp)
  for (auto _ : state) load();
  set_counters(state, BENCH_SCAN_IMAGES, checksum);
}

}  // namespace

void register_h5kit_model() {
  add("model_dump", kImpl, guarded<model_dump>);
  add("model_dump_group", kImpl, guarded<model_dump_group>);
  add("model_load", kImpl, guarded<model_load>);
  add("scan_load_eager", kImpl, guarded<scan_load<false>>);
  add("scan_load_lazy", kImpl, guarded<scan_load<true>>);
}

}  // namespace bench
