#!/usr/bin/env bash
# Builds the libFuzzer targets (fuzz/, Clang, ASan+UBSan) in build-fuzz and runs each for a fixed
# time over its seed corpus (fuzz/corpus/<target>). Usage: scripts/fuzz.sh [SECONDS per target].
# A crash of h5kit's own parsers fails the run and leaves the input in build-fuzz/crashes/. The
# file-image target also reaches libhdf5, which is not instrumented and crashes on some malformed
# files by itself: it runs in libFuzzer's fork mode, which carries on after a crash, and its
# crashes are counted and kept, not failed on (docs/reliability.md "Fuzzing").
set -euo pipefail
cd "$(dirname "$0")/.."
seconds=${1:-20}
cmake -S . -B build-fuzz -G Ninja -DCMAKE_BUILD_TYPE=RelWithDebInfo -DCMAKE_C_COMPILER=clang \
  -DCMAKE_CXX_COMPILER=clang++ -DH5KIT_FUZZ=ON -DH5KIT_BUILD_TESTS=OFF -DH5KIT_BUILD_TOOLS=OFF \
  -DH5KIT_BUILD_EXAMPLES=OFF >/dev/null
cmake --build build-fuzz -j2
mkdir -p build-fuzz/crashes
export ASAN_OPTIONS=detect_leaks=0:allocator_may_return_null=1
status=0
for target in python_literal attribute_json model_schema_json; do
  work=build-fuzz/corpus/$target
  mkdir -p "$work"
  if build-fuzz/fuzz/fuzz_$target -max_total_time="$seconds" -max_len=4096 -timeout=10 -rss_limit_mb=2048 \
       -artifact_prefix=build-fuzz/crashes/$target- "$work" fuzz/corpus/$target >build-fuzz/$target.log 2>&1; then
    echo "fuzz: $target: $(grep -o 'Done [0-9]* runs' build-fuzz/$target.log | tail -1 | cut -d' ' -f2) runs, no crash"
  else
    echo "fuzz: $target FAILED: a crash, kept in build-fuzz/crashes/ (log: build-fuzz/$target.log)"
    tail -40 build-fuzz/$target.log
    status=1
  fi
done
work=build-fuzz/corpus/file_image
mkdir -p "$work"
build-fuzz/fuzz/fuzz_file_image -fork=1 -ignore_crashes=1 -ignore_timeouts=1 -ignore_ooms=1 \
  -max_total_time="$seconds" -max_len=65536 -timeout=10 -rss_limit_mb=2048 \
  -artifact_prefix=build-fuzz/crashes/file_image- "$work" fuzz/corpus/file_image >build-fuzz/file_image.log 2>&1 || true
crashes=$(ls build-fuzz/crashes | grep -c '^file_image-crash' || true)
hangs=$(ls build-fuzz/crashes | grep -c '^file_image-timeout' || true)
echo "fuzz: file_image: $crashes crashing and $hangs hanging inputs kept in build-fuzz/crashes/ (libhdf5 or h5kit: see build-fuzz/file_image.log)"
exit $status
