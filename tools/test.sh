#!/usr/bin/env bash
# Installs what is missing, builds everything and runs the whole test suite.
#   tools/test.sh              Release build in build/
#   tools/test.sh --sanitize   AddressSanitizer + UBSan build in build-asan/
set -euo pipefail
cd "$(dirname "$0")/.."

tools/bootstrap.sh

dir=build
flags=(-DCMAKE_BUILD_TYPE=Release -DMHPBR_WERROR=ON)
if [ "${1:-}" = "--sanitize" ]; then
  dir=build-asan
  flags=(-DCMAKE_BUILD_TYPE=RelWithDebInfo -DMHPBR_WERROR=ON -DMHPBR_SANITIZE=ON
         -DMHPBR_BUILD_BENCHMARKS=OFF)
fi

cmake -S . -B "$dir" -G Ninja "${flags[@]}"
cmake --build "$dir"
ctest --test-dir "$dir" --output-on-failure -j "$(nproc)"
