// graph_truncate/h5kit: truncate an NWB-like 1.15 GiB session to its first 10 rows (the input is written
// by truncate_bench.py --make-input; run.sh passes its path in $H5KIT_BENCH_TRUNCATE_INPUT). One
// iteration = graph::truncate(source, target, 10): what `h5kit truncate SRC DST -n 10` does. Its h5py twin
// is nwb-linkml's truncate_file (copy the file, resize, h5repack, rewrite the references).
#include <cstdint>
#include <cstdlib>
#include <stdexcept>
#include <string>
#include <vector>

#include <h5kit/file.hpp>
#include <h5kit/graph.hpp>
#include <h5kit/ndarray.hpp>

#include "bench_common.hpp"

namespace bench {

namespace {

constexpr std::uint64_t kRows = 10;
constexpr std::size_t kChannels = 64;

// The truncated series must be the source's first rows, and its electrodes region must still name
// the electrodes table: what the h5py side checks too.
void check_truncated(const std::string& source_path, const std::string& target_path) {
  const h5kit::File source(source_path, "r");
  const h5kit::File target(target_path, "r");
  const h5kit::Dataset data = target.dataset("acquisition/ElectricalSeries/data");
  if (data.shape() != h5kit::Shape{kRows, kChannels})
    throw std::runtime_error(target_path + ": the series is " + h5kit::to_string(data.shape()) + ", not (10, 64)");
  const auto kept = data.read<h5kit::NDArray<std::int16_t>>();
  const auto first_rows = source.dataset("acquisition/ElectricalSeries/data")
                              .select(h5kit::s(0, static_cast<std::ptrdiff_t>(kRows)))
                              .read<h5kit::NDArray<std::int16_t>>();
  if (kept != first_rows) throw std::runtime_error(target_path + ": the series differs from the source's first rows");
  const auto table =
      target.dataset("acquisition/ElectricalSeries/electrodes").attrs().get<h5kit::ObjectReference>("table");
  if (!(target.dereference(table) == target.open("general/extracellular_ephys/electrodes")))
    throw std::runtime_error(target_path + ": electrodes@table does not point at the electrodes table");
}

void graph_truncate(benchmark::State& state) {
  const char* input = std::getenv("H5KIT_BENCH_TRUNCATE_INPUT");
  if (input == nullptr || *input == '\0') {
    state.SkipWithError("H5KIT_BENCH_TRUNCATE_INPUT is not set (bench/run.sh writes the input)");
    return;
  }
  const std::string target = scratch_file("truncate_h5kit_truncated.hdf5");
  h5kit::graph::TruncateResult result;
  auto once = [&] { result = h5kit::graph::truncate(input, target, kRows); };
  once();  // warm-up (bench_common.hpp)
  for (auto _ : state) once();
  check_truncated(input, target);
  state.counters["source_bytes"] = static_cast<double>(result.source_bytes);
  state.counters["target_bytes"] = static_cast<double>(result.target_bytes);
  state.counters["datasets_cut"] = static_cast<double>(result.cut.size());
  state.counters["references"] = static_cast<double>(result.references);
  remove_file(target);
}

}  // namespace

void register_truncate() {
  benchmark::RegisterBenchmark("graph_truncate/h5kit", guarded<graph_truncate>)->Unit(benchmark::kMillisecond);
}

}  // namespace bench
