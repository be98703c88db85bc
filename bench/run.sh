#!/usr/bin/env bash
# Builds and runs h5kit's benchmarks against the raw HDF5 C API and h5py, then writes bench/RESULTS.md.
#
#   bench/run.sh            # full run (a few minutes on 2 cores)
#   bench/run.sh --quick    # 2 repetitions, no default-libver h5py column: checks that everything works
#   bench/run.sh --no-build # reuse the existing build-bench
#   bench/run.sh --out FILE # write the report to FILE instead of bench/RESULTS.md (e.g. a filtered run)
#
# Environment: H5KIT_BENCH_BUILD_DIR (default <repo>/build-bench), H5KIT_BENCH_REPETITIONS (default 7),
# H5KIT_BENCH_DEFAULT_LIBVER_REPETITIONS (default 3; 0 skips h5py's default-libver column),
# H5KIT_BENCH_GZIP_REPETITIONS (default 3: the gzip workloads compress 256 MiB, seconds per repetition),
# H5KIT_BENCH_LAZY_REPETITIONS (default 3: the lazy workloads pass over 2 GiB, seconds per repetition),
# H5KIT_BENCH_GRAPH_REPETITIONS (default 3: graph_refs on the h5py side), H5KIT_BENCH_GRAPH_H5PY_TIMEOUT (default 1800 s),
# H5KIT_BENCH_TRUNCATE_REPETITIONS (default 5: graph_truncate on the h5py side),
# H5KIT_BENCH_FILTER (regex of Google Benchmark names and of h5py workload names, e.g. 'model|scan', '^lazy_'),
# TMPDIR (where the scratch files go; they are removed at the end).
set -euo pipefail

here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
root=$(dirname "$here")
build=${H5KIT_BENCH_BUILD_DIR:-$root/build-bench}
reps=${H5KIT_BENCH_REPETITIONS:-7}
default_reps=${H5KIT_BENCH_DEFAULT_LIBVER_REPETITIONS:-3}
gzip_reps=${H5KIT_BENCH_GZIP_REPETITIONS:-3}
lazy_reps=${H5KIT_BENCH_LAZY_REPETITIONS:-3}
filter=${H5KIT_BENCH_FILTER:-}
# selected NAME...: true when no filter is set or one of the benchmark names matches it.
selected() {
  [[ -z $filter ]] && return 0
  local name
  for name; do [[ $name =~ $filter ]] && return 0; done
  return 1
}
python=/usr/bin/python3   # Debian's python3 has h5py and numpy; the first python3 on PATH may not
do_build=1
out=$here/RESULTS.md

out_arg=
while [[ $# -gt 0 ]]; do
  case $1 in
    --quick) reps=2; default_reps=0; gzip_reps=1; lazy_reps=1; out=$build/RESULTS-quick.md ;;
    --no-build) do_build=0 ;;
    --out) [[ $# -ge 2 ]] || { echo "run.sh: --out needs a file" >&2; exit 2; }; out_arg=$2; shift ;;
    -h|--help) sed -n '2,15p' "$0"; exit 0 ;;
    *) echo "run.sh: unknown argument $1" >&2; exit 2 ;;
  esac
  shift
done
[[ -n $out_arg ]] && out=$(realpath -m "$out_arg")

if ! "$python" -c 'import h5py, numpy' 2>/dev/null; then
  echo "run.sh: $python cannot import h5py and numpy (apt-get install python3-h5py python3-numpy)" >&2
  exit 1
fi

if [[ $do_build == 1 ]]; then
  cmake -S "$root" -B "$build" -G Ninja -DCMAKE_BUILD_TYPE=Release -DH5KIT_BUILD_BENCH=ON \
        -DH5KIT_BUILD_TESTS=OFF -DH5KIT_BUILD_EXAMPLES=OFF -DH5KIT_BUILD_TOOLS=OFF >/dev/null
  cmake --build "$build" --target h5kit_bench -j 2
fi
bench_exe=$build/bench/h5kit_bench
[[ -x $bench_exe ]] || { echo "run.sh: $bench_exe not built" >&2; exit 1; }

scratch=$(mktemp -d "${TMPDIR:-/tmp}/h5kit-bench-run-XXXXXX")
trap 'rm -rf "$scratch"' EXIT
export H5KIT_BENCH_TMPDIR=$scratch
export H5KIT_BENCH_GZIP_REPETITIONS=$gzip_reps
export H5KIT_BENCH_LAZY_REPETITIONS=$lazy_reps
results=$build/bench-results
mkdir -p "$results"
rm -f "$results/rss.jsonl"

# 9, 10: the lazy workloads share one 2 GiB input, written once here (untimed) and removed with $scratch.
lazy=()
for w in lazy_sum lazy_reduce lazy_sin; do
  if selected "$w/h5kit" "$w/rawc"; then lazy+=("$w"); fi
done
if [[ ${#lazy[@]} -gt 0 ]]; then
  echo "== lazy workloads: writing their 2 GiB input" >&2
  export H5KIT_BENCH_LAZY_INPUT=$scratch/lazy_input.h5
  "$bench_exe" --lazy-make-input "$H5KIT_BENCH_LAZY_INPUT"
fi

# graph_refs: the file graph input (100,001 objects, 10,000 references), written once by h5py (untimed).
graph_reps=${H5KIT_BENCH_GRAPH_REPETITIONS:-3}
graph_timeout=${H5KIT_BENCH_GRAPH_H5PY_TIMEOUT:-1800}
rm -f "$results/h5py_graph.json"
if selected graph_refs/h5kit graph_refs/h5py; then
  echo "== graph_refs: writing its input" >&2
  export H5KIT_BENCH_GRAPH_INPUT=$scratch/graph_input.h5
  "$python" "$here/h5py_graph_bench.py" --make-input "$H5KIT_BENCH_GRAPH_INPUT"
fi

# graph_truncate: an NWB-like 1.15 GiB session, written once by h5py (untimed), cut to 10 rows.
truncate_reps=${H5KIT_BENCH_TRUNCATE_REPETITIONS:-5}
rm -f "$results/h5py_truncate.json"
if selected graph_truncate/h5kit graph_truncate/h5py; then
  echo "== graph_truncate: writing its input" >&2
  export H5KIT_BENCH_TRUNCATE_INPUT=$scratch/truncate_input.h5
  "$python" "$here/truncate_bench.py" --make-input "$H5KIT_BENCH_TRUNCATE_INPUT"
fi

echo "== h5kit and raw C ($reps repetitions, interleaved)" >&2
"$bench_exe" --benchmark_repetitions="$reps" --benchmark_enable_random_interleaving=true \
             ${filter:+--benchmark_filter="$filter"} \
             --benchmark_display_aggregates_only=true \
             --benchmark_out="$results/cpp.json" --benchmark_format=console --benchmark_out_format=json

echo "== h5py ($reps repetitions; default libver: $default_reps)" >&2
"$python" "$here/h5py_bench.py" --repetitions "$reps" --default-libver-repetitions "$default_reps" \
          --gzip-repetitions "$gzip_reps" --lazy-repetitions "$lazy_reps" \
          ${filter:+--filter "$filter"} --out "$results/h5py.json"

# graph_refs, h5py side: one process, best of $graph_reps; dereferencing for .name searches the file each
# time, so a timeout (H5KIT_BENCH_GRAPH_H5PY_TIMEOUT seconds) records an error instead of hanging the run.
if [[ -n ${H5KIT_BENCH_GRAPH_INPUT:-} ]] && selected graph_refs/h5py; then
  echo "== h5py graph_refs ($graph_reps repetitions, timeout ${graph_timeout}s)" >&2
  if ! timeout "$graph_timeout" "$python" "$here/h5py_graph_bench.py" --input "$H5KIT_BENCH_GRAPH_INPUT" \
         --repetitions "$graph_reps" --out "$results/h5py_graph.json"; then
    echo "{\"error\": \"did not finish within ${graph_timeout} s\"}" > "$results/h5py_graph.json"
  fi
fi

# graph_truncate, h5py side: nwb-linkml's truncate_file (copy + resize + h5repack), best of $truncate_reps.
if [[ -n ${H5KIT_BENCH_TRUNCATE_INPUT:-} ]] && selected graph_truncate/h5py; then
  echo "== h5py + h5repack graph_truncate ($truncate_reps repetitions)" >&2
  "$python" "$here/truncate_bench.py" --input "$H5KIT_BENCH_TRUNCATE_INPUT" --dir "$scratch" \
            --repetitions "$truncate_reps" --out "$results/h5py_truncate.json"
fi

# daq_append, h5py and PyTables side: best of one 1,000,000-append run each (h5py's loop takes about a
# minute per row size). The chunk rows are h5kit's (PyTables' chunkshape for pymodaq's expectedrows=1000).
if selected daq_append_16B/h5py_loop daq_append_1KiB/h5py_loop; then
  echo "== h5py and PyTables daq_append" >&2
  "$python" "$here/daq_append_bench.py" --dir "$scratch" --chunk-rows-16B 4096 --chunk-rows-1KiB 64 \
            > "$results/daq_append_python.jsonl"
fi

# Peak memory of the lazy workloads: each implementation alone in a fresh process, once.
for w in "${lazy[@]}"; do
  echo "== peak RSS: $w" >&2
  "$bench_exe" --lazy-once "$w/h5kit" >> "$results/rss.jsonl"
  "$bench_exe" --lazy-once "$w/rawc" >> "$results/rss.jsonl"
  "$python" "$here/h5py_bench.py" --once "$w" >> "$results/rss.jsonl"
done
rss_arg=()
[[ -s $results/rss.jsonl ]] && rss_arg=(--rss "$results/rss.jsonl")
[[ -s $results/h5py_graph.json ]] && rss_arg+=(--graph "$results/h5py_graph.json")
[[ -s $results/h5py_truncate.json ]] && rss_arg+=(--truncate "$results/h5py_truncate.json")

compiler=$(sed -n 's/^CMAKE_CXX_COMPILER:[A-Z]*=//p' "$build/CMakeCache.txt" 2>/dev/null || true)
compiler_version=$("${compiler:-c++}" --version 2>/dev/null | head -n 1 || true)
build_type=$(sed -n 's/^CMAKE_BUILD_TYPE:[A-Z]*=//p' "$build/CMakeCache.txt" 2>/dev/null || true)

echo "== report" >&2
"$python" "$here/report.py" --cpp "$results/cpp.json" --h5py "$results/h5py.json" --out "$out" "${rss_arg[@]}" \
          --build-info "${build_type:-?} build, $compiler_version; Google Benchmark $(dpkg-query -W -f='${Version}' libbenchmark-dev 2>/dev/null || echo '?')"
