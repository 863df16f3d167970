#!/bin/bash
# The sample report rendered by headless Chromium (Debian's chromium
# package): the page loads from a file:// URL with networking disabled, the
# DOM Chromium builds holds the headings, charts and figures, the page logs
# no console error, no chart is empty and no text is clipped outside its
# chart (page_check.js, run inside the browser on a copy of the page), and
# a screenshot of it is a real picture (> 10 kB), kept in ARTIFACT_DIR.
# The same in-browser check must find each fault of bad_page.html, so a
# check that stopped working fails too.
#
#   chromium_render_test.sh MHPBR_TOOL PROJECT_SOURCE_DIR ARTIFACT_DIR
#
# Exit 0 pass, 1 fail, 77 skipped (no /usr/bin/chromium; ctest
# SKIP_RETURN_CODE). $MHPBR_CHROMIUM overrides the browser's path.

set -u

chromium=${MHPBR_CHROMIUM:-/usr/bin/chromium}
if [ ! -x "$chromium" ]; then
  echo "chromium not installed: skipping the rendered-report check"
  exit 77
fi
if [ $# -ne 3 ]; then
  echo "usage: $0 MHPBR_TOOL PROJECT_SOURCE_DIR ARTIFACT_DIR" >&2
  exit 1
fi
tool=$1
root=$2
artifacts=$3
data=$root/examples/data
here=$(dirname "$0")

tmp=$(mktemp -d "${TMPDIR:-/tmp}/mhpbr_chromium.XXXXXX") || exit 1
trap 'rm -rf "$tmp"' EXIT

failures=0
fail() {
  echo "FAIL: $*"
  failures=$((failures + 1))
}

if ! "$tool" report --periods "$data/periods.csv" \
    --activity "$data/activity.csv" \
    --unit-costs "$root/lib/rules/example_unit_costs.textproto" \
    --as-of 2024-03-31 --assessments "$data/assessments.csv" \
    --events "$data/events.csv" --out "$tmp/report.html" \
    --csv-dir "$tmp/csv" 2>"$tmp/report.err"; then
  echo "FAIL: mhpbr report failed:"
  cat "$tmp/report.err"
  exit 1
fi

flags=(--headless --no-sandbox --disable-gpu --disable-quic --no-first-run
       --disable-background-networking --disable-component-update
       --disable-sync)

# A fresh profile for each run, so nothing is shared with other runs.
if ! timeout 40 "$chromium" "${flags[@]}" --user-data-dir="$tmp/profile-dom" \
    --dump-dom "file://$tmp/report.html" >"$tmp/dom.html" \
    2>"$tmp/chromium-dom.log"; then
  echo "FAIL: chromium --dump-dom failed; its log:"
  tail -20 "$tmp/chromium-dom.log"
  exit 1
fi
if ! timeout 40 "$chromium" "${flags[@]}" --user-data-dir="$tmp/profile-png" \
    --screenshot="$tmp/report.png" --window-size=1200,2000 \
    "file://$tmp/report.html" >"$tmp/chromium-png.out" \
    2>"$tmp/chromium-png.log"; then
  echo "FAIL: chromium --screenshot failed; its log:"
  tail -20 "$tmp/chromium-png.log"
  exit 1
fi

dom=$tmp/dom.html

# page_check.js's findings for a page: a copy with the script first in its
# <head> is loaded (virtual time lets the load handler run before the DOM
# is dumped) and the lines of its <pre id="mhpbr-check"> printed.
inspect_page() {
  local page=$1 name=$2
  python3 - "$page" "$here/page_check.js" >"$tmp/$name-checked.html" <<'PY'
import sys
page = open(sys.argv[1], encoding="utf-8").read()
script = open(sys.argv[2], encoding="utf-8").read()
print(page.replace("<head>", "<head><script>\n" + script + "</script>", 1), end="")
PY
  if ! timeout 40 "$chromium" "${flags[@]}" --user-data-dir="$tmp/profile-$name" \
      --virtual-time-budget=5000 --dump-dom "file://$tmp/$name-checked.html" \
      >"$tmp/$name-dom.html" 2>"$tmp/$name-chromium.log"; then
    echo "chromium could not load $page" >&2
    return 1
  fi
  python3 - "$tmp/$name-dom.html" <<'PY'
import html, re, sys
dom = open(sys.argv[1], encoding="utf-8").read()
m = re.search(r'<pre id="mhpbr-check">(.*?)</pre>', dom, re.S)
print(html.unescape(m.group(1)) if m else "no check output: the page did not load")
PY
}
# The value of one key of summary.csv.
summary() {
  awk -F, -v k="$1" '$1 == k { print $2 }' "$tmp/csv/summary.csv"
}
count() {  # occurrences of a fixed string in a file
  grep -o -F -- "$1" "$2" | wc -l
}
expect_in_dom() {
  grep -q -F -- "$1" "$dom" || fail "the rendered DOM lacks: $1"
}

expect_in_dom "Are clusters a fair basis for payment?"
expect_in_dom "1. Cost homogeneity"
expect_in_dom "2. Coverage"
expect_in_dom "3. Data quality"
expect_in_dom "As of 2024-03-31"

# Figures: the people, the records read, the red allocations.
patients=$(summary patients)
records=$(summary activity_records)
rejected=$(summary activity_rejected)
red=$(summary allocations_red)
allocations=$(summary allocations)
[ -n "$patients" ] && [ "$patients" -gt 0 ] || fail "no patients in summary.csv"
expect_in_dom "People ($patients)"
expect_in_dom "<td>people</td><td>$patients</td>"
expect_in_dom "$records activity records read, $rejected rejected"
expect_in_dom "<td>red allocations</td><td>$red</td><td>$allocations</td>"

# Every chart survived parsing: as many <svg> elements and boxes in the DOM
# as in the file, one box per row of homogeneity.csv.
svg_file=$(count "<svg" "$tmp/report.html")
svg_dom=$(count "<svg" "$dom")
[ "$svg_file" -ge 4 ] || fail "only $svg_file charts in the page"
[ "$svg_dom" -eq "$svg_file" ] || fail "$svg_dom <svg> in the DOM, $svg_file in the file"
rows=$(($(wc -l <"$tmp/csv/homogeneity.csv") - 1))
# The SPC charts at the end title their points too: count before them.
boxes=$(awk -v m='<h2>Monthly measures (SPC)</h2>' \
  '{ i = index($0, m); if (i) { print substr($0, 1, i - 1); exit } print }' \
  "$dom" | grep -o -F "<g><title>" | wc -l)
[ "$boxes" -eq "$rows" ] || fail "$boxes boxes in the DOM, $rows homogeneity rows"
if grep -q -i -F "<script" "$dom"; then fail "a script in the DOM"; fi

# In the browser: console errors, empty charts, clipped text.
findings=$(inspect_page "$tmp/report.html" report) || fail "the report did not load"
echo "$findings" | head -1 | grep -q "^charts $svg_file\$" ||
  fail "the in-browser check saw '$(echo "$findings" | head -1)', not charts $svg_file"
problems=$(echo "$findings" | tail -n +2)
[ -z "$problems" ] || fail "the rendered report has faults:
$problems"

# The check itself finds each fault of a page made to have them.
bad=$(inspect_page "$here/bad_page.html" bad) || fail "bad_page.html did not load"
for want in "console error: deliberate" "(Empty): empty" \
    "(Clipped): text clipped"; do
  echo "$bad" | grep -q -F -- "$want" ||
    fail "the in-browser check missed '$want' in bad_page.html: $bad"
done
if echo "$bad" | grep -q -F "(Fine)"; then
  fail "the in-browser check faulted a sound chart: $bad"
fi

# The screenshot: a PNG of some substance, kept for CI.
if [ ! -f "$tmp/report.png" ]; then
  fail "no screenshot written"
else
  size=$(stat -c %s "$tmp/report.png")
  [ "$size" -gt 10240 ] || fail "screenshot only $size bytes"
  magic=$(head -c 8 "$tmp/report.png" | od -An -tx1 | tr -d ' \n')
  [ "$magic" = "89504e470d0a1a0a" ] || fail "screenshot is not a PNG ($magic)"
  mkdir -p "$artifacts" && cp "$tmp/report.png" "$artifacts/report.png" ||
    fail "could not keep the screenshot in $artifacts"
fi

if [ "$failures" -ne 0 ]; then
  echo "$failures check(s) failed; the dumped DOM starts:"
  head -c 2000 "$dom"
  exit 1
fi
echo "rendered report checked: $svg_dom charts, $boxes boxes, no faults; screenshot ${size} bytes in $artifacts/report.png"
exit 0
