#!/bin/sh
# The R package (r/) against the built libmhpbr, from a copy of r/ in a
# temporary directory (R CMD INSTALL and check build in the directory they
# are given, which must not be the source tree):
#   run_r_tests.sh testthat SOURCE_DIR   install into a temporary library,
#                                        then run r/tests/testthat
#   run_r_tests.sh check SOURCE_DIR      R CMD build, R CMD check --no-manual;
#                                        fails on any WARNING or ERROR
# MHPBR_LIBRARY names the libmhpbr.so to link; MHPBR_TOOL (the built tool)
# lets the tests compare with its output.
set -eu
what=$1
src=$2
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT INT TERM
cp -R "$src/r" "$tmp/r"
cd "$tmp"
case "$what" in
  testthat)
    mkdir lib
    R CMD INSTALL --no-test-load -l lib r > install.log 2>&1 || {
      cat install.log
      exit 1
    }
    R_LIBS="$tmp/lib" MHPBR_SOURCE_DIR="$src" Rscript -e '
      library(testthat); library(mhpbr)
      cat("mhpbr", mhpbr_version(), "\n")
      test_dir(commandArgs(TRUE)[1], reporter = "summary",
               stop_on_failure = TRUE)' "$tmp/r/tests/testthat"
    ;;
  check)
    R CMD build --no-manual r > build.log 2>&1 || {
      cat build.log
      exit 1
    }
    status=0
    _R_CHECK_FORCE_SUGGESTS_=false R CMD check --no-manual mhpbr_*.tar.gz \
      > check.log 2>&1 || status=$?
    cat check.log
    if [ "$status" -ne 0 ] || grep -Eq '(WARNING|ERROR)$' check.log; then
      cat mhpbr.Rcheck/00install.out 2>/dev/null || true
      exit 1
    fi
    ;;
  *)
    echo "usage: $0 testthat|check SOURCE_DIR" >&2
    exit 2
    ;;
esac
