#!/usr/bin/env bash
# Kills a SWMR StreamingWriter with SIGKILL at random moments and checks every file left behind in
# h5kit and h5py (tests/daq/streaming_kill_test.cpp); prints the tally.
#
#   scripts/swmr_kill_trials.sh [TRIALS]     # default 200; needs build/tests/h5kit_daq_tests
#
# Environment: H5KIT_BUILD_DIR (default <repo>/build).
set -euo pipefail
root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
build=${H5KIT_BUILD_DIR:-$root/build}
trials=${1:-200}
exe=$build/tests/h5kit_daq_tests
[[ -x $exe ]] || { echo "swmr_kill_trials.sh: $exe not built (cmake --build build --target h5kit_daq_tests)" >&2; exit 1; }
out=$(H5KIT_SWMR_KILL_TRIALS=$trials "$exe" --gtest_filter='StreamingKill.*' 2>&1) || status=$?
grep -E '^swmr kill trials:' <<<"$out" || true
if [[ ${status:-0} -ne 0 ]]; then
  echo "$out" | grep -E 'Failure|Expected|FAILED|kill' | head -20
  exit "${status}"
fi
echo "all trials passed"
