// Workloads 9 and 10: the lazy layer (include/h5kit/lazy/) against raw C reading block by block and h5py
// loading the whole array (workloads.h). Besides the timed benchmarks, two commands run outside Google
// Benchmark (bench/run.sh uses them):
//   h5kit_bench --lazy-make-input PATH    writes the input file once, before anything is timed
//   h5kit_bench --lazy-once WORKLOAD/IMPL runs one workload once in this fresh process and prints its
//                                         peak RSS as JSON (the memory of one implementation alone)
#include <sys/resource.h>

#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <fstream>
#include <stdexcept>
#include <string>

#include <h5kit/h5kit.hpp>
#include <h5kit/lazy/describe.hpp>
#include <h5kit/lazy/elementwise.hpp>
#include <h5kit/lazy/reductions.hpp>

#include "bench_common.hpp"

namespace bench {
namespace {

struct Moments {
  double sum = 0.0, mean = 0.0, std_dev = 0.0;
};

// The input file: $H5KIT_BENCH_LAZY_INPUT when run.sh made it, else made once in the scratch directory.
const std::string& lazy_input() {
  static const std::string path = [] {
    if (const char* given = std::getenv("H5KIT_BENCH_LAZY_INPUT"); given != nullptr && *given != '\0')
      return std::string(given);
    std::string p = scratch_file("lazy_input.h5");
    if (rawc_lazy_make_input(p.c_str()) != 0) throw std::runtime_error("cannot write the lazy input " + p);
    return p;
  }();
  return path;
}

// What a user of the lazy layer writes: sum() for the sum alone; describe() for several statistics,
// one pass over the file as raw C's (three calls, sum, mean and std_, would make three passes).
Moments h5kit_reduce(const std::string& path, bool moments) {
  const h5kit::lazy::ScopedMemoryCap cap(BENCH_LAZY_CAP);
  const h5kit::File file(path, "r");
  const h5kit::lazy::H5Array<double> a(file.dataset(BENCH_DATASET_NAME));
  Moments m;
  if (!moments) {
    m.sum = h5kit::lazy::sum(a);
    return m;
  }
  const h5kit::lazy::Description<double> d = h5kit::lazy::describe(a);
  m.sum = d.sum;
  m.mean = d.mean;
  m.std_dev = d.std_dev;
  return m;
}

void h5kit_sin(const std::string& in_path, const std::string& out_path) {
  const h5kit::lazy::ScopedMemoryCap cap(BENCH_LAZY_CAP);
  const h5kit::File input(in_path, "r");
  const h5kit::File output(out_path, "w");
  const h5kit::lazy::H5Array<double> a(input.dataset(BENCH_DATASET_NAME));
  h5kit::lazy::sin(a, h5kit::lazy::Into{output, BENCH_LAZY_OUTPUT_NAME,
                                        h5kit::DatasetOptions{}.chunks({BENCH_LAZY_CHUNK_ROWS, BENCH_LAZY_CHUNK_COLUMNS})});
}

Moments rawc_reduce(const std::string& path, bool moments) {
  Moments m;
  if (rawc_lazy_reduce(path.c_str(), moments ? 1 : 0, &m.sum, &m.mean, &m.std_dev) != 0)
    throw std::runtime_error("raw C: lazy reduce failed");
  return m;
}

void rawc_sin(const std::string& in_path, const std::string& out_path) {
  if (rawc_lazy_sin(in_path.c_str(), out_path.c_str()) != 0) throw std::runtime_error("raw C: lazy sin failed");
}

bool close_to(double a, double b) { return std::abs(a - b) <= 1e-9 * std::max(1.0, std::abs(b)); }

// Empty when the results are the exact ones (workloads.h), else what is wrong.
std::string check(const Moments& m, bool moments) {
  Moments expected;
  bench_lazy_expected(&expected.sum, &expected.mean, &expected.std_dev);
  if (m.sum != expected.sum) return "sum " + std::to_string(m.sum) + ", expected " + std::to_string(expected.sum);
  if (moments && (!close_to(m.mean, expected.mean) || !close_to(m.std_dev, expected.std_dev)))
    return "mean/std " + std::to_string(m.mean) + "/" + std::to_string(m.std_dev) + ", expected " +
           std::to_string(expected.mean) + "/" + std::to_string(expected.std_dev);
  return {};
}

template <bool H5kit, bool WithMoments>
void reduce(benchmark::State& state) {
  const std::string& path = lazy_input();
  Moments m;
  auto once = [&] { m = H5kit ? h5kit_reduce(path, WithMoments) : rawc_reduce(path, WithMoments); };
  once();  // warm-up (bench_common.hpp)
  for (auto _ : state) once();
  if (const std::string problem = check(m, WithMoments); !problem.empty())
    state.SkipWithError((std::string(H5kit ? "h5kit: " : "raw C: ") + problem).c_str());
  set_counters(state, 1, m.sum);
}

template <bool H5kit>
void sin_into(benchmark::State& state) {
  const std::string& in_path = lazy_input();
  const std::string out_path = scratch_file(H5kit ? "h5kit_lazy_sin.h5" : "rawc_lazy_sin.h5");
  auto once = [&] { H5kit ? h5kit_sin(in_path, out_path) : rawc_sin(in_path, out_path); };
  once();  // warm-up (bench_common.hpp)
  remove_file(out_path);
  for (auto _ : state) once();
  if (rawc_lazy_check_sin(out_path.c_str()) != 0) state.SkipWithError("sin: wrong values written");
  remove_file(out_path);
  set_counters(state, 1, 0);
}

// $H5KIT_BENCH_LAZY_REPETITIONS (run.sh sets it): a pass over 2 GiB takes a second or more.
void limit_lazy_repetitions(benchmark::internal::Benchmark* benchmark) {
  const char* text = std::getenv("H5KIT_BENCH_LAZY_REPETITIONS");
  if (text == nullptr || *text == '\0') return;
  if (const int repetitions = std::atoi(text); repetitions > 0) benchmark->Repetitions(repetitions);
}

// Resident set size of this process now, in KiB (VmRSS of /proc/self/status).
long current_rss_kib() {
  std::ifstream status("/proc/self/status");
  for (std::string line; std::getline(status, line);)
    if (line.rfind("VmRSS:", 0) == 0) return std::atol(line.c_str() + 6);
  return -1;
}

int run_once(const std::string& name) {
  const auto slash = name.find('/');
  const std::string workload = name.substr(0, slash), impl = slash == std::string::npos ? "" : name.substr(slash + 1);
  const bool h5kit = impl == "h5kit";
  if (!h5kit && impl != "rawc") throw std::runtime_error("--lazy-once: unknown implementation '" + impl + "'");
  const std::string& input = lazy_input();
  const long start_kib = current_rss_kib();
  std::string problem;
  if (workload == "lazy_sum" || workload == "lazy_reduce") {
    const bool moments = workload == "lazy_reduce";
    problem = check(h5kit ? h5kit_reduce(input, moments) : rawc_reduce(input, moments), moments);
  } else if (workload == "lazy_sin") {
    const std::string out = scratch_file(impl + "_lazy_sin_once.h5");
    h5kit ? h5kit_sin(input, out) : rawc_sin(input, out);
    if (rawc_lazy_check_sin(out.c_str()) != 0) problem = "sin: wrong values written";
    remove_file(out);
  } else {
    throw std::runtime_error("--lazy-once: unknown workload '" + workload + "'");
  }
  if (!problem.empty()) throw std::runtime_error(name + ": " + problem);
  rusage usage{};
  getrusage(RUSAGE_SELF, &usage);
  std::printf("{\"workload\": \"%s\", \"implementation\": \"%s\", \"peak_rss_kib\": %ld, \"start_rss_kib\": %ld}\n",
              workload.c_str(), impl.c_str(), usage.ru_maxrss, start_kib);
  return 0;
}

}  // namespace

void register_lazy() {
  limit_lazy_repetitions(add("lazy_sum", "h5kit", guarded<reduce<true, false>>));
  limit_lazy_repetitions(add("lazy_sum", "rawc", guarded<reduce<false, false>>));
  limit_lazy_repetitions(add("lazy_reduce", "h5kit", guarded<reduce<true, true>>));
  limit_lazy_repetitions(add("lazy_reduce", "rawc", guarded<reduce<false, true>>));
  limit_lazy_repetitions(add("lazy_sin", "h5kit", guarded<sin_into<true>>));
  limit_lazy_repetitions(add("lazy_sin", "rawc", guarded<sin_into<false>>));
}

std::optional<int> run_lazy_command(int argc, char** argv) {
  if (argc != 3) return std::nullopt;
  const std::string command = argv[1], argument = argv[2];
  if (command != "--lazy-make-input" && command != "--lazy-once") return std::nullopt;
  try {
    if (command == "--lazy-make-input") return rawc_lazy_make_input(argument.c_str()) == 0 ? 0 : 1;
    make_scratch_dir();
    const int status = run_once(argument);
    remove_scratch_dir();
    return status;
  } catch (const std::exception& e) {
    std::fprintf(stderr, "h5kit_bench %s: %s\n", command.c_str(), e.what());
    remove_scratch_dir();
    return 1;
  }
}

}  // namespace bench
