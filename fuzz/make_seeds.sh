#!/usr/bin/env bash
# Regenerates the seed corpora fuzz/corpus/<target>/seed-* from the sample
# data (examples/data, lib/rules). Files named crash-* (reproducers of bugs
# the fuzzers found) are left alone. Needs protoc for the C API seeds.
set -euo pipefail
cd "$(dirname "$0")/.."
c=fuzz/corpus
ex=examples/data
rm -f "$c"/*/seed-*
mkdir -p "$c"/{csv_reader,assessment_csv,event_csv,pricing_csv,activity_csv,mhsds,rule_set_text,contract_text,package_text,capi_proto,capi_struct}_fuzzer

# seed TARGET NAME PREFIX_BYTES FILE...: the prefix (printf format) then
# the files, concatenated.
seed() {
  local target=$1 name=$2 prefix=$3
  shift 3
  { printf "$prefix"; for f in "$@"; do cat "$f"; done; } > "$c/${target}_fuzzer/seed-$name"
}

tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
printf 'a,"b ""q"", c",d\r\n"multi\nline",,\r\n\r\n1,2,3\n"x"y,z\n' > "$tmp/quoted.csv"
printf '\xef\xbb\xbfassessment_id,date\r\nA1,2023-04-01\r\n' > "$tmp/bom.csv"

seed csv_reader header '\x08\x00' $ex/assessments.csv
seed csv_reader padded '\x09\x10' $ex/events.csv
seed csv_reader quoted '\x01\x03' "$tmp/quoted.csv"
seed csv_reader short-limit '\x0a\x00' $ex/activity.csv
seed csv_reader bom '\x08\x00' "$tmp/bom.csv"

seed assessment_csv sample '\x00' $ex/assessments.csv
tail -n +2 $ex/assessments.csv | cut -d, -f1-21 > "$tmp/rows.csv"
seed assessment_csv rows '\x01' "$tmp/rows.csv"
printf 'A1,2023-04-01,0,0,1,1,2,2,1,,0,1,0,0,0,0,0,0,0,1,,2,,,,,,,,3\n' > "$tmp/types.csv"
seed assessment_csv types '\x02' "$tmp/types.csv"

seed event_csv sample '\x00' $ex/events.csv
tail -n +2 $ex/events.csv > "$tmp/events.csv"
seed event_csv rows '\x01' "$tmp/events.csv"

seed pricing_csv tariff '\x00' $ex/tariff.csv
cut -d, -f1-4 $ex/periods.csv > "$tmp/periods.csv"
seed pricing_csv periods '\x01' "$tmp/periods.csv"
seed pricing_csv one-offs '\x02' $ex/one_offs.csv
printf 'big,9223372036854775807,2\nneg,-1,5\nx,3,4\n' > "$tmp/one_offs.csv"
seed pricing_csv one-offs-huge '\x06' "$tmp/one_offs.csv"

seed activity_csv sample '\x00' $ex/activity.csv
printf 'A1,P1,2023-05-01,contact,pwp,9223372036854775807,,,,\nA2,P1,2023-05-01,bed_day,,,picu,99999999999999,,\nA3,P2,2023-05-01,other,,,,,,922337203685477580\n' > "$tmp/activity.csv"
seed activity_csv huge '\x01' "$tmp/activity.csv"

seed mhsds mhs803 '\x00' $ex/mhsds/mhs803.csv
seed mhsds item-map '\x01' $ex/mhsds/item_map.csv
{ cat $ex/mhsds/item_map.csv; printf '\xff'; cat $ex/mhsds/mhs801.csv; printf '\xff'; cat $ex/mhsds/mhs802.csv; } > "$tmp/801.csv"
seed mhsds mhs801-802 '\x02' "$tmp/801.csv"

seed rule_set_text reference '\x00' lib/rules/mhct_reference.textproto
printf 'rows { from: 1 to: [1, 2, 3, 4] }\nrows { from: 2 to: [1, 3, 4] }\n' > "$tmp/transitions.textproto"
seed rule_set_text transitions '\x01' "$tmp/transitions.textproto"

seed contract_text example '' $ex/contract.textproto
printf 'year_start: "2024-04-01"\nmff_ppm: 10000000\nbaseline_pence: 9223372036854775807\nrisk_bands { rate_ppm: 1000000 }\n' > "$tmp/contract.textproto"
seed contract_text huge '' "$tmp/contract.textproto"

seed package_text catalogue '\x00' lib/rules/example_catalogue.textproto
seed package_text plan '\x01' $ex/plan.textproto
seed package_text unit-costs '\x02' lib/rules/example_unit_costs.textproto

# The C API's requests, written in text format and encoded by protoc.
encode() {
  local selector=$1 type=$2 name=$3
  { printf "$selector"; protoc -Iproto --encode="mhpbr.v1.$type" \
      proto/mhpbr/v1/periods.proto proto/mhpbr/v1/pricing.proto \
      proto/mhpbr/v1/costing.proto proto/mhpbr/v1/care_package.proto; } \
    > "$c/capi_proto_fuzzer/seed-$name"
}
encode '\x00' PeriodRequest periods <<'T'
as_of: "2024-03-31"
events { patient_id: "P1" date: "2023-04-03" kind: ALLOCATE cluster: 1 }
events { patient_id: "P1" date: "2023-09-18" kind: ALLOCATE cluster: 2 }
events { patient_id: "P2" date: "2023-05-01" kind: ALLOCATE cluster: 11 }
events { patient_id: "P2" date: "2023-12-01" kind: DISCHARGE }
transitions { rows { from: 1 to: [2, 3] } }
T
encode '\x01' PriceRequest price <<'T'
contract { year_start: "2023-04-01" mff_ppm: 1085430 partial_period: PRO_RATA
  social_care: DECOUPLED baseline_pence: 2500000
  risk_bands { to_pct: -5 rate_ppm: 0 }
  risk_bands { from_pct: -5 to_pct: 5 rate_ppm: 1000000 }
  risk_bands { from_pct: 5 rate_ppm: 500000 }
  withhold_ppm: 25000
  outcomes { name: "a" weight_ppm: 600000 attainment_ppm: 812000 }
  outcomes { name: "b" weight_ppm: 400000 attainment_ppm: 455000 } }
tariff { entries { cluster: 1 basis: BASIS_PERIOD price_pence: 38000 }
  entries { cluster: 2 basis: BASIS_DAY price_pence: 520 social_care_ppm: 100000 }
  entries { cluster: 11 basis: BASIS_YEAR price_pence: 1100000 } }
periods { patient_id: "P1" cluster: 1 start: "2023-04-03" end: "2023-09-17" }
periods { patient_id: "P1" cluster: 2 start: "2023-09-18" }
periods { patient_id: "P2" cluster: 11 start: "2022-05-01" }
one_offs { item: "ect" count: 3 price_pence: 180000 }
T
encode '\x02' CostRequest cost <<'T'
unit_costs { source: "s" overhead_ppm: 180000
  staff { code: "pwp" pence_per_hour: 3900 }
  ward { code: "picu" pence_per_day: 98000 } }
as_of: "2024-03-31"
periods { patient_id: "P1" cluster: 1 start: "2023-04-03" end: "2023-09-17" }
periods { patient_id: "P1" cluster: 2 start: "2023-09-18" }
activity { activity_id: "A1" patient_id: "P1" date: "2023-05-01" kind: CONTACT staff_group: "pwp" minutes: 60 }
activity { activity_id: "A2" patient_id: "P1" date: "2023-10-01" kind: GROUP staff_group: "pwp" minutes: 90 attendees: 6 }
activity { activity_id: "A3" patient_id: "P1" date: "2023-11-01" kind: BED_DAY ward: "picu" count: 3 }
activity { activity_id: "A4" patient_id: "P9" date: "2023-11-01" kind: OTHER cost_pence: 12000 }
T
encode '\x03' TariffRequest tariff <<'T'
settings { basis: BASIS_PERIOD iqr_k: "1.5" uplift_ppm: 20000 efficiency_ppm: 11000 min_periods: 3 }
samples { cluster: 1 days: 84 cost_pence: 120000 }
samples { cluster: 1 days: 90 cost_pence: 150000 }
samples { cluster: 1 days: 70 cost_pence: 90000 }
samples { cluster: 1 days: 10 cost_pence: 900000 }
samples { cluster: 0 days: 30 cost_pence: 10000 }
T
encode '\x04' PackageCostRequest package-cost < /dev/null
encode '\x05' PlanRequest plan <<'T'
plan { patient_id: "P001" cluster: 1 period_start: "2023-04-03" period_end: "2023-06-25"
  chosen: "c1-hi" budget: PERSONAL_HEALTH_BUDGET }
activity { activity_id: "A1" patient_id: "P001" date: "2023-05-01" kind: CONTACT staff_group: "pwp" minutes: 35 }
as_of: "2023-06-25"
T
seed capi_proto rules '\x06' tests/data/test_rules.textproto

# Assessments as C structs: op, flags, sizes, count, odd, then bytes.
printf '\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x01\x01\x02\x02\x01\x00\x00\x01\x00\x00\x00\x00\x00\x00' > "$c/capi_struct_fuzzer/seed-classify"
printf '\x01\x05\x10\x08\x03\x01\x03\x03\x03\x03\x02\x02\x02\x09\x09\x09\x04\x04\x00\x01\x02\x03\x04\x09' > "$c/capi_struct_fuzzer/seed-batch"
printf '\x02\x10\x00\x00\x00\x05\x00\x01\x02\x03\x04\x09\x00\x01\x02\x03\x04\x09\x00\x01\x02\x03\x04\x09' > "$c/capi_struct_fuzzer/seed-check"
echo "seeds written under $c"
