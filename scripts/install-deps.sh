#!/usr/bin/env bash
# Installs the Debian packages h5kit needs to build, test and benchmark (see docs/dependencies.md).
set -euo pipefail
SUDO=""
if [ "$(id -u)" != 0 ]; then SUDO=sudo; fi
packages=(
  g++ cmake ninja-build pkg-config
  libhdf5-dev hdf5-tools libboost1.81-dev nlohmann-json3-dev libcli11-dev
  libudunits2-dev
  libgtest-dev libgmock-dev libbenchmark-dev
  python3-h5py python3-numpy python3-tables python3-netcdf4
  hdf5-plugin-lzf hdf5-filter-plugin bitshuffle
  graphviz
  clang libclang-rt-14-dev
)
$SUDO apt-get update -qq
DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq --no-install-recommends "${packages[@]}" >/dev/null
echo "install-deps: ${#packages[@]} packages present"
