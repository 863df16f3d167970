#!/usr/bin/env bash
# Installs the Debian 12 packages mhpbr builds with, when any is missing.
# Safe to run again: it installs nothing when everything is present.
# chromium renders the HTML report in tests/report_cli (console errors,
# empty charts, clipped text; a screenshot kept in BUILD/artifacts).
# Boost.Math gives the gamma quantiles of the funnel limits, libxlsxwriter
# writes the Excel workbooks, R and its two packages build and test r/,
# openpyxl reads the workbooks back in the tests.
set -euo pipefail

packages=(g++ cmake ninja-build pkg-config libabsl-dev libprotobuf-dev
          protobuf-compiler libgtest-dev libgmock-dev libbenchmark-dev
          python3 python3-protobuf python3-pandas python3-pip
          python3-setuptools python3-wheel python3-openpyxl doxygen clang
          libclang-rt-14-dev chromium libboost-math-dev libxlsxwriter-dev
          r-base-dev r-cran-testthat r-cran-jsonlite)

missing=()
for p in "${packages[@]}"; do
  if ! dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed"; then
    missing+=("$p")
  fi
done

if [ ${#missing[@]} -gt 0 ]; then
  echo "mhpbr: installing ${missing[*]}" >&2
  sudo=""
  if [ "$(id -u)" -ne 0 ]; then sudo="sudo"; fi
  $sudo apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq --no-install-recommends "${missing[@]}" >&2
fi
