#!/usr/bin/env bash
# One command from a fresh Debian machine to a working h5kit: installs the system packages, builds
# everything into build/, runs the main example (examples/experiment.cpp: a typed model dumped to
# build/experiment.h5 and loaded back validated) and prints the file it wrote with the h5kit CLI.
#   scripts/setup.sh            # RelWithDebInfo build in build/
#   BUILD_DIR=build-asan CMAKE_ARGS=-DH5KIT_SANITIZE=ON scripts/setup.sh   # the sanitizer flavour
set -euo pipefail
cd "$(dirname "$0")/.."
BUILD_DIR=${BUILD_DIR:-build}
if [ "${SKIP_DEPS:-0}" != 1 ]; then scripts/install-deps.sh; fi
# shellcheck disable=SC2086
cmake -S . -B "$BUILD_DIR" -G Ninja ${CMAKE_ARGS:-}
cmake --build "$BUILD_DIR" -j "$(nproc)"
"$BUILD_DIR/examples/quickstart" "$BUILD_DIR/quickstart.h5"   # the core API, without models
"$BUILD_DIR/examples/experiment" "$BUILD_DIR/experiment.h5"
"$BUILD_DIR/bin/h5kit" tree "$BUILD_DIR/experiment.h5"
