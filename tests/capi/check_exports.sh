#!/bin/sh
# Checks the shared C library's ABI surface:
#   - every exported (dynamic, defined) symbol starts with mhpbr_ (the
#     version script's node, e.g. MHPBR_0, is a version definition, not a
#     symbol of the API, and is allowed);
#   - every function mhpbr.h declares with MHPBR_EXPORT is exported;
#   - the SONAME is libmhpbr.so.<ABI major>.
# Usage: check_exports.sh LIBRARY HEADER EXPECTED_SONAME
set -u
lib=$1
header=$2
want_soname=$3
status=0

if [ ! -f "$lib" ]; then
  echo "FAIL: $lib does not exist"
  exit 1
fi

# "ADDRESS TYPE NAME[@@VERSION]" per line; strip the version suffix.
symbols=$(nm -D --defined-only "$lib") || { echo "FAIL: nm failed"; exit 1; }
exported=$(printf '%s\n' "$symbols" | awk '
  NF >= 3 {
    name = $3; sub(/@.*/, "", name)
    if ($2 == "A" && name ~ /^MHPBR_[0-9]+$/) next   # version node
    print name
  }' | sort -u)

if [ -z "$exported" ]; then
  echo "FAIL: no exported symbols in $lib"
  status=1
fi
bad=$(printf '%s\n' "$exported" | grep -v '^mhpbr_' || true)
if [ -n "$bad" ]; then
  echo "FAIL: symbols exported from $lib that do not start with mhpbr_:"
  printf '  %s\n' $bad
  status=1
fi

declared=$(grep '^MHPBR_EXPORT' "$header" |
           grep -o 'mhpbr_[a-z0-9_]*(' | tr -d '(' | sort -u)
if [ -z "$declared" ]; then
  echo "FAIL: found no MHPBR_EXPORT declarations in $header"
  status=1
fi
for fn in $declared; do
  if ! printf '%s\n' "$exported" | grep -qx "$fn"; then
    echo "FAIL: $fn is declared in mhpbr.h but not exported"
    status=1
  fi
done
for sym in $exported; do
  if ! printf '%s\n' "$declared" | grep -qx "$sym"; then
    echo "FAIL: $sym is exported but not declared in mhpbr.h"
    status=1
  fi
done

soname=$(readelf -d "$lib" | sed -n 's/.*(SONAME).*\[\(.*\)\].*/\1/p')
if [ "$soname" != "$want_soname" ]; then
  echo "FAIL: SONAME is '$soname', expected '$want_soname'"
  status=1
fi

if [ $status -eq 0 ]; then
  echo "OK: $(printf '%s\n' "$exported" | wc -l) symbols, all mhpbr_*, all" \
       "declared in mhpbr.h; SONAME $soname"
fi
exit $status
