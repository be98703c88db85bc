#!/bin/sh
# Compile-time cost of a model declaration (docs/model_declaring.md): tests/model/forty_fields_test.cpp
# with and without its model parts, -fsyntax-only and a full compile with the build's own flags
# (taken from build/compile_commands.json; configure with -DCMAKE_EXPORT_COMPILE_COMMANDS=ON).
# Prints the median of 3 runs of CPU time (user+sys, steady on a shared machine) and wall time.
#   scripts/measure_model_compile.sh [build-dir]
set -eu
build=${1:-build}
src=tests/model/forty_fields_test.cpp
flags=$(/usr/bin/python3 - "$build/compile_commands.json" <<'PY'
import json, shlex, sys
for entry in json.load(open(sys.argv[1])):
    if entry["file"].endswith("tests/model/forty_fields_test.cpp"):
        args = shlex.split(entry["command"])[1:]
        keep, skip = [], False
        for a in args:
            if skip: skip = False; continue
            if a in ("-o", "-c"): skip = True; continue
            keep.append(a)
        print(shlex.join(keep))
        break
else:
    sys.exit("forty_fields_test.cpp is not in compile_commands.json")
PY
)
compiler=$(/usr/bin/python3 -c "import json,shlex,sys; print(shlex.split([e for e in json.load(open(sys.argv[1])) if e['file'].endswith('forty_fields_test.cpp')][0]['command'])[0])" "$build/compile_commands.json")
out=$(mktemp -d)
trap 'rm -rf "$out"' EXIT
printf '#include <gtest/gtest.h>\n#include "h5kit/model.hpp"\n' > "$out/header_only.cpp"

measure() {  # label, extra flags, source
  label=$1; extra=$2; file=$3
  for i in 1 2 3; do
    /usr/bin/time -f "%U %S %e" -o "$out/t" sh -c "$compiler $flags $extra $file -o $out/o.o" >/dev/null
    awk '{ printf "%.2f %.2f\n", $1 + $2, $3 }' "$out/t"
  done | sort -n | sed -n 2p | { read cpu wall; printf '%-44s cpu %6.2f s  wall %6.2f s\n' "$label" "$cpu" "$wall"; }
}

measure "-fsyntax-only, struct only"          "-fsyntax-only -DH5KIT_FORTY_FIELDS_STRUCT_ONLY" "$src"
measure "-fsyntax-only, h5kit/model.hpp only"  "-fsyntax-only" "$out/header_only.cpp"
measure "-fsyntax-only, 40-field model"        "-fsyntax-only" "$src"
measure "-c (build flags), struct only"        "-c -DH5KIT_FORTY_FIELDS_STRUCT_ONLY" "$src"
measure "-c (build flags), h5kit/model.hpp only" "-c" "$out/header_only.cpp"
measure "-c (build flags), 40-field model"     "-c" "$src"
echo "flags: $flags"
