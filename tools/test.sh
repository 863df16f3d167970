#!/usr/bin/env bash
# Installs what is missing, builds everything and runs the whole test suite.
#   tools/test.sh              Release build in build/
#   tools/test.sh --sanitize   AddressSanitizer + UBSan build in build-asan/
#   tools/test.sh --tsan       ThreadSanitizer build in build-tsan/ of the
#                              concurrency tests only (ctest -L concurrency)
#   tools/test.sh --fuzz       clang libFuzzer build in build-fuzz/: each
#                              fuzzer for a bounded time on its committed
#                              corpus (ctest -L fuzz; fuzz/CMakeLists.txt)
set -euo pipefail
cd "$(dirname "$0")/.."

tools/bootstrap.sh

dir=build
flags=(-DCMAKE_BUILD_TYPE=Release -DMHPBR_WERROR=ON)
if [ "${1:-}" = "--sanitize" ]; then
  dir=build-asan
  # -O1 with line tables: half the compile time of -O2 -g (the suite is
  # mostly test code), and still fast enough to run; asserts stay on.
  flags=(-DCMAKE_BUILD_TYPE=Debug "-DCMAKE_CXX_FLAGS_DEBUG=-O1 -g1"
         "-DCMAKE_C_FLAGS_DEBUG=-O1 -g1" -DMHPBR_WERROR=ON -DMHPBR_SANITIZE=ON
         -DMHPBR_BUILD_BENCHMARKS=OFF)
fi
targets=()  # none: build everything
labels=()   # none: run every test
if [ "${1:-}" = "--tsan" ]; then
  dir=build-tsan
  flags=(-DCMAKE_BUILD_TYPE=Debug "-DCMAKE_CXX_FLAGS_DEBUG=-O1 -g"
         -DMHPBR_WERROR=ON -DMHPBR_TSAN=ON -DMHPBR_BUILD_BENCHMARKS=OFF)
  targets=(--target concurrency_test concurrency_capi_test
           concurrency_blocks_test concurrency_classify_rows_test
           concurrency_report_blocks_test concurrency_report_finish_test)
  labels=(-L concurrency)
fi
if [ "${1:-}" = "--fuzz" ]; then
  dir=build-fuzz
  flags=(-DCMAKE_C_COMPILER=clang -DCMAKE_CXX_COMPILER=clang++
         -DCMAKE_BUILD_TYPE=Debug "-DCMAKE_CXX_FLAGS_DEBUG=-O1 -gline-tables-only"
         "-DCMAKE_C_FLAGS_DEBUG=-O1 -gline-tables-only"
         -DMHPBR_WERROR=ON -DMHPBR_FUZZ=ON -DMHPBR_BUILD_BENCHMARKS=OFF)
  targets=(--target mhpbr_fuzzers)
  labels=(-L fuzz)
fi

cmake -S . -B "$dir" -G Ninja "${flags[@]}"
cmake --build "$dir" "${targets[@]}"
ctest --test-dir "$dir" --output-on-failure -j "$(nproc)" "${labels[@]}"
