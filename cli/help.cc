#include "help.h"

#include <cstdio>
#include <string>

#include "absl/strings/str_cat.h"
#include "output_file.h"
#include "row_ledger.h"

namespace mhpbr::cli {
namespace {

struct CommandText {
  const char* name;
  const char* synopsis;  // "usage: ..." lines
  const char* details;   // what follows the synopsis in --help
};

constexpr char kRowExits[] =
    "\nExit status: 0 done (even with rejected rows); 1 done, but --strict "
    "and rows were\nrejected; 2 usage error, unreadable input or an output "
    "that could not be written\n(then no output file is written).\n";

constexpr char kOutputs[] =
    "Outputs are all or nothing: each is written to a temporary file beside "
    "it and\nmoved into place only when every output is complete. Without "
    "--out the main\noutput goes to standard output.\n";

constexpr CommandText kCommands[] = {
    {"classify",
     "usage: mhpbr classify --in FILE [--rules FILE] [--out FILE] "
     "[--rejects FILE] [--strict]\n"
     "       mhpbr classify --mhsds-tool MHS801.csv --mhsds-ratings "
     "MHS802.csv --item-map FILE\n"
     "                      [--rules FILE] [--out FILE] [--rejects FILE] "
     "[--strict]\n",
     "\nSuggests a care cluster for each MHCT assessment and checks the "
     "allocated\ncluster against its red rules.\n\n"
     "Options:\n"
     "  --in FILE             assessments CSV: assessment_id, date, r1..r7, "
     "r8 or\n"
     "                        r8a..r8j, r9..r13, ra..re; optional "
     "patient_id,\n"
     "                        organic, psychosis, allocated_cluster\n"
     "  --mhsds-tool FILE     MHS801 extract (one assessment per row), with\n"
     "  --mhsds-ratings FILE  MHS802 extract (its ratings) and\n"
     "  --item-map FILE       CSV concept_id,item mapping coded ratings to "
     "items\n"
     "  --rules FILE          rule set in text format (default: the built-in "
     "one), or a\n"
     "                        bundle of rule sets by date: each assessment by "
     "the rule\n"
     "                        set in force on its date (none in force: the "
     "row is rejected)\n"
     "  --out FILE            output CSV, one row per accepted assessment in "
     "input order:\n"
     "                        assessment_id,patient_id,date,suggested_cluster,"
     "suggested_fit,\n"
     "                        runner_up_cluster,runner_up_fit,superclass,"
     "allocated_cluster,\n"
     "                        allocation_red,red_items,reason\n"
     "  --rejects FILE        rejected rows as line,id,reason\n"
     "  --strict              exit 1 when any row was rejected\n"},
    {"periods",
     "usage: mhpbr periods (--in FILE | --mhsds-clusters MHS803.csv "
     "[--mhsds-tool MHS801.csv])\n"
     "                     --as-of YYYY-MM-DD\n"
     "                     [--rules FILE] [--transitions FILE] [--out FILE] "
     "[--rejects FILE]\n"
     "                     [--by-patient FILE] [--by-cluster FILE] "
     "[--strict]\n",
     "\nBuilds cluster periods from allocations and discharges, with review "
     "dates,\noverdue days and transition checks.\n\n"
     "Options:\n"
     "  --in FILE               events CSV: patient_id,date,event,cluster "
     "(event\n"
     "                          allocate or discharge; cluster for allocate);\n"
     "                          optional team,provider,commissioner: a "
     "period takes\n"
     "                          those of the allocation that opened it\n"
     "  --mhsds-clusters FILE   an MHS803 extract instead of --in "
     "(OrgIDProv and\n"
     "                          OrgIDComm kept as provider and commissioner)\n"
     "  --mhsds-tool FILE       with --mhsds-clusters: the MHS801 extract, "
     "giving a row\n"
     "                          the patient (and OrgIDProv) of the MHS801 row "
     "of its\n"
     "                          ClustId when it has none\n"
     "  --as-of YYYY-MM-DD      the day the data runs to (required)\n"
     "  --rules FILE            rule set in text format (review periods, day "
     "count)\n"
     "  --transitions FILE      care transition protocol "
     "(mhpbr.v1.TransitionTable text)\n"
     "  --out FILE              periods CSV, sorted by patient then start:\n"
     "                          patient_id,cluster,start,end,days,review_due,"
     "overdue_days,\n"
     "                          transition_ok,superseded, then those of "
     "team,provider,\n"
     "                          commissioner the input has\n"
     "  --by-patient FILE       patient_id,periods,days,overdue_periods\n"
     "  --by-cluster FILE       cluster,periods,days,overdue_periods\n"
     "  --rejects FILE          rejected rows as line,id,reason\n"
     "  --strict                exit 1 when any row was rejected\n"},
    {"cost",
     "usage: mhpbr cost --periods FILE --activity FILE --unit-costs FILE "
     "--as-of YYYY-MM-DD\n"
     "                  [--rules FILE] [--out FILE] [--by-cluster FILE] "
     "[--summary FILE]\n"
     "                  [--by-setting FILE] [--rejects FILE] [--strict]\n",
     "\nCosts activity against cluster periods.\n\n"
     "Options:\n"
     "  --periods FILE      patient_id,cluster,start,end (empty end = open)\n"
     "  --activity FILE     activity_id,patient_id,date,kind,staff_group,"
     "minutes,ward,\n"
     "                      count,attendees,cost_pence (kind contact, group, "
     "bed_day, other)\n"
     "  --unit-costs FILE   unit costs (mhpbr.v1.UnitCosts text)\n"
     "  --as-of YYYY-MM-DD  open periods cover dates through this day\n"
     "  --rules FILE        rule set in text format\n"
     "  --out FILE          patient_id,cluster,start,end,days,records,"
     "cost_pence,\n"
     "                      cost_per_day_pence\n"
     "  --by-cluster FILE   cluster,periods,days,records,cost_pence\n"
     "  --by-setting FILE   patient_id,cluster,start,end,days,admitted_days,"
     "community_days,\n"
     "                      admitted_pence,community_pence (activity's "
     "optional setting\n"
     "                      column: admitted, community or empty = by kind)\n"
     "  --summary FILE      key,value: records_read, records_rejected, "
     "clustered_records,\n"
     "                      clustered_pence, unclustered_records, "
     "unclustered_pence,\n"
     "                      unknown_patient_records, total_pence, periods\n"
     "  --rejects FILE      rejected rows as line,id,reason\n"
     "  --strict            exit 1 when any row was rejected\n"},
    {"tariff",
     "usage: mhpbr tariff --in FILE [--basis day|period|year] [--iqr-k K] "
     "[--uplift-ppm N]\n"
     "                    [--efficiency-ppm N] [--min-periods N] [--rules "
     "FILE] [--out FILE]\n"
     "                    [--evidence FILE] [--by-setting FILE] [--rejects "
     "FILE] [--strict]\n",
     "\nSets prices per cluster from a reference year's costed periods.\n\n"
     "Options:\n"
     "  --in FILE            a `mhpbr cost` output (cluster, days, "
     "cost_pence)\n"
     "  --basis B            day (default), period or year: the price "
     "written to --out\n"
     "  --iqr-k K            outlier fences at Q1 - K*IQR and Q3 + K*IQR "
     "(default 1.5)\n"
     "  --uplift-ppm N       inflation uplift in parts per million "
     "(default 0)\n"
     "  --efficiency-ppm N   efficiency requirement in parts per million "
     "(default 0)\n"
     "  --min-periods N      fewest periods a cluster needs to be priced "
     "(default 10)\n"
     "  --rules FILE         rule set in text format (review lengths)\n"
     "  --out FILE           cluster,basis,price_pence (what `mhpbr price` "
     "reads)\n"
     "  --evidence FILE      cluster,periods,used,excluded,lower_fence,"
     "upper_fence,\n"
     "                       mean_per_day,median_per_day,cv,price_day_pence,"
     "\n"
     "                       price_period_pence,price_year_pence,status\n"
     "  --by-setting FILE    a `mhpbr cost --by-setting` output, matched to "
     "--in on\n"
     "                       patient_id,cluster,start,end (basis day only): "
     "--out adds\n"
     "                       admitted_price_pence,community_price_pence, "
     "--evidence adds\n"
     "                       admitted_days,community_days,"
     "admitted_price_pence,\n"
     "                       community_price_pence\n"
     "  --rejects FILE       rejected rows as line,id,reason\n"
     "  --strict             exit 1 when any row was rejected\n"},
    {"price",
     "usage: mhpbr price --periods FILE --tariff FILE --contract FILE "
     "[--one-offs FILE]\n"
     "                   [--indicators FILE] [--rules FILE] [--out FILE] "
     "[--summary FILE]\n"
     "                   "
     "[--by-cluster FILE] [--by-commissioner FILE]\n"
     "                   [--rejects FILE] [--strict]\n"
     "                   [--as-of DATE [--months FILE]] [--bed-days FILE]\n",
     "\nPrices one contract year of cluster periods.\n\n"
     "Options:\n"
     "  --periods FILE     patient_id,cluster,start,end (empty end = open)\n"
     "                     [,commissioner][,provider]\n"
     "  --tariff FILE      cluster,basis,price_pence[,social_care_ppm]"
     "[,admitted_price_pence,\n"
     "                     community_price_pence] (per day, both or neither, "
     "basis day)\n"
     "  --contract FILE    the contract (mhpbr.v1.Contract text); repeat it "
     "for one\n"
     "                     contract per commissioner (each names its "
     "commissioner): one\n"
     "                     statement each, a leading commissioner column, "
     "the summary\n"
     "                     the provider's total plus commissioners,\n"
     "                     periods_without_commissioner, "
     "one_offs_without_commissioner;\n"
     "                     a record whose commissioner has no contract is "
     "rejected\n"
     "  --one-offs FILE    item,count,price_pence[,commissioner]\n"
     "  --indicators FILE  indicator,numerator,denominator,value_ppm (what "
     "`mhpbr outcomes\n"
     "                     --indicators` writes): outcomes with floor_ppm and "
     "target_ppm\n"
     "                     are paid on them; the summary adds "
     "attainment_ppm:NAME rows\n"
     "  --rules FILE       rule set in text format\n"
     "  --out FILE         the statement: patient_id,cluster,start,end,"
     "days_in_year,basis,\n"
     "                     units,amount_pence,social_care_pence,status\n"
     "  --summary FILE     key,value: lines, baseline_pence, activity_pence, "
     "risk_shared_pence,\n"
     "                     risk_share_pence, withheld_pence, earned_pence, "
     "payment_pence, ...\n"
     "  --by-cluster FILE  cluster,patients,periods,days,amount_pence\n"
     "  --by-commissioner FILE\n"
     "                     commissioner,provider,lines,activity_pence,"
     "risk_share_pence,\n"
     "                     withheld_pence,earned_pence,payment_pence,"
     "health_pence,\n"
     "                     social_care_pence: one row per commissioner, "
     "then total\n"
     "  --rejects FILE     rejected rows as line,id,reason\n"
     "  --strict           exit 1 when any row was rejected\n"
     "  --as-of DATE       in-year: --out and --summary are the forecast "
     "outturn\n"
     "                     (open periods run to 31 March); the summary adds "
     "as_of,\n"
     "                     earned_to_date_pence, forecast_*_pence, "
     "forecast_assumption:*\n"
     "  --months FILE      with --as-of: month,periods,days,amount_pence,"
     "cumulative_pence\n"
     "                     (by commissioner: a leading commissioner column, "
     "then total)\n"
     "  --bed-days FILE    activity (as cost --activity): the bed_day rows' "
     "nights are\n"
     "                     admitted days for clusters with setting prices; "
     "the summary\n"
     "                     adds admitted_days, admitted_pence, "
     "community_pence,\n"
     "                     bed_days_ignored\n"
     "A bad tariff or contract stops the run (exit 2).\n"},
    {"compare",
     "usage: mhpbr compare --periods FILE --scenario NAME=CONTRACT,TARIFF\n"
     "                     --scenario NAME=CONTRACT,TARIFF [--scenario ...]\n"
     "                     [--one-offs FILE] [--indicators FILE] "
     "[--rules FILE]\n"
     "                     [--out FILE] [--by-cluster FILE] "
     "[--by-commissioner FILE]\n"
     "                     [--rejects FILE] [--strict]\n",
     "\nPrices the same periods under two or more contracts and tariffs, "
     "each as\n`mhpbr price` would, side by side; differences are from the "
     "first scenario.\n\n"
     "Options:\n"
     "  --periods FILE     patient_id,cluster,start,end (empty end = open)\n"
     "  --scenario NAME=CONTRACT,TARIFF\n"
     "                     a scenario: its name, its contract file "
     "(mhpbr.v1.Contract\n"
     "                     text) and its tariff file (cluster,basis,"
     "price_pence\n"
     "                     [,social_care_ppm]); two or more, names unique, "
     "the first\n"
     "                     the baseline; the contract's path cannot hold a "
     "comma\n"
     "  --one-offs FILE    item,count,price_pence, priced in every scenario\n"
     "  --indicators FILE  indicator,numerator,denominator,value_ppm: "
     "outcomes with\n"
     "                     floor_ppm and target_ppm are paid on them\n"
     "  --rules FILE       rule set in text format\n"
     "  --out FILE         one row per scenario: scenario,contract,tariff,"
     "lines,\n"
     "                     baseline_pence,activity_pence,risk_shared_pence,\n"
     "                     withheld_pence,earned_pence,payment_pence,"
     "difference_pence\n"
     "                     (payment minus the first scenario's)\n"
     "  --by-cluster FILE  cluster,scenario,periods,days,amount_pence,"
     "difference_pence:\n"
     "                     activity at the scenario's tariff, by cluster "
     "then scenario\n"
     "  --by-commissioner FILE\n"
     "                     commissioner,scenario,periods,days,amount_pence,"
     "\n"
     "                     difference_pence: the same by the periods' and "
     "one-offs'\n"
     "                     commissioner column, those naming none last "
     "(empty cell);\n"
     "                     only the header when no record names one\n"
     "  --rejects FILE     rejected rows as line,id,reason\n"
     "  --strict           exit 1 when any row was rejected\n"
     "A block contract is a baseline with one risk band at rate 0. Fewer "
     "than two\nscenarios, or a malformed or repeated one, is a usage error; "
     "a bad tariff or\ncontract, or contracts of different years, stop the "
     "run (exit 2).\n"},
    {"package",
     "usage: mhpbr package validate [--catalogue FILE] [--unit-costs FILE] "
     "[--out FILE]\n"
     "       mhpbr package cost [--catalogue FILE] [--unit-costs FILE] "
     "[--out FILE]\n"
     "       mhpbr package show --cluster N [--catalogue FILE] "
     "[--unit-costs FILE] [--out FILE]\n"
     "       mhpbr package plan --plan FILE [--catalogue FILE] "
     "[--unit-costs FILE] [--out FILE]\n"
     "                          [--summary FILE]\n"
     "       mhpbr package delivered --plan FILE --activity FILE "
     "[--as-of YYYY-MM-DD]\n"
     "                          [--catalogue FILE] [--unit-costs FILE] "
     "[--out FILE]\n"
     "                          [--unmatched FILE] [--rejects FILE] "
     "[--strict]\n"
     "       mhpbr package spread --periods FILE --activity FILE "
     "--as-of YYYY-MM-DD\n"
     "                          [--catalogue FILE] [--unit-costs FILE] "
     "[--out FILE]\n"
     "                          [--rejects FILE] [--strict]\n",
     "\nCare-package templates, personal plans and delivered care. Without\n"
     "--catalogue the built-in example catalogue is used, without "
     "--unit-costs\nthe built-in illustrative unit costs.\n\n"
     "Actions:\n"
     "  validate   one line per problem in the catalogue; exit 1 when there "
     "are any\n"
     "  cost       cluster,core_pence,essential_pence,variance_pence,"
     "total_pence\n"
     "  show       the package of --cluster N as a clinician reads it\n"
     "  plan       a personal plan (mhpbr.v1.PersonalPlan text): its "
     "elements and cost;\n"
     "             --summary gives the notional personal budget\n"
     "  delivered  delivered against planned care for the plan's period; "
     "--unmatched\n"
     "             lists activity that matches no planned element\n"
     "  spread     how much of each template element the periods of each "
     "cluster received\n"
     "An option the action does not use is a usage error.\n"},
    {"report",
     "usage: mhpbr report --periods FILE --activity FILE --unit-costs FILE "
     "--as-of YYYY-MM-DD\n"
     "                    --out FILE.html [--assessments FILE] [--events "
     "FILE] [--rules FILE]\n"
     "                    [--transitions FILE] [--csv-dir DIR] [--rejects "
     "FILE] [--strict]\n",
     "\nAre clusters a fair basis for payment? Costs the periods as `mhpbr "
     "cost` does\nand writes one self-contained HTML page (and its figures "
     "as CSV).\n\n"
     "Options:\n"
     "  --periods, --activity, --unit-costs, --as-of   as for `mhpbr cost`\n"
     "  --out FILE.html     the report page (required)\n"
     "  --assessments FILE  assessments as for `mhpbr classify --in`: "
     "agreement and\n"
     "                      red-rule figures, also per team / clinician "
     "column\n"
     "  --events FILE       events as for `mhpbr periods --in`: overdue "
     "reviews and moves\n"
     "                      outside the transition protocol; with "
     "--assessments, HoNOS\n"
     "                      outcomes as `mhpbr outcomes` measures them\n"
     "  --rules FILE        rule set in text format\n"
     "  --transitions FILE  care transition protocol "
     "(mhpbr.v1.TransitionTable text)\n"
     "  --csv-dir DIR       also write homogeneity.csv, summary.csv, "
     "coverage_by_team.csv,\n"
     "                      red_items.csv and, with outcomes, "
     "outcomes_by_cluster.csv,\n"
     "                      outcomes_by_team.csv and "
     "outcomes_by_commissioner.csv (when\n"
     "                      the events have a team / commissioner column) "
     "and\n"
     "                      outcome_indicators.csv; transitions.csv and\n"
     "                      cluster_mix.csv; with --assessments "
     "agreement.csv and,\n"
     "                      with a team or clinician column, "
     "agreement_by_group.csv\n"
     "                      into DIR (an existing directory)\n"
     "  --rejects FILE      rejected rows as line,id,reason\n"
     "  --strict            exit 1 when any row was rejected\n"},
    {"outcomes",
     "usage: mhpbr outcomes --events FILE --assessments FILE --as-of "
     "YYYY-MM-DD\n"
     "                      [--activity FILE] [--rules FILE] [--out FILE]\n"
     "                      [--indicators FILE] [--by-cluster FILE] "
     "[--by-team FILE]\n"
     "                      [--by-commissioner FILE] [--rejects FILE] "
     "[--strict]\n",
     "\nPairs each cluster period with a start and a follow-up HoNOS "
     "assessment (items\n1-12 of the MHCT), measures the change and the "
     "indicators paid on. The\nwindows, reliable change (8) and clinical "
     "cut-off (11) are the rule set's\n`outcomes`.\n\n"
     "Options:\n"
     "  --events FILE       patient_id,date,event,cluster (as for `mhpbr "
     "periods\n"
     "                      --in`, optional team,provider,commissioner); "
     "periods are\n"
     "                      built from them\n"
     "  --assessments FILE  as for `mhpbr classify --in`, patient_id "
     "required (a row\n"
     "                      without one is rejected: no_patient)\n"
     "  --as-of YYYY-MM-DD  open periods run to this day; later events and\n"
     "                      assessments are not used\n"
     "  --activity FILE     as for `mhpbr cost`: bed_day and contact records "
     "give the\n"
     "                      inpatient stays and their follow-ups (without "
     "it\n"
     "                      follow_up_7_days has denominator 0)\n"
     "  --rules FILE        rule set in text format (review periods, "
     "outcomes)\n"
     "  --out FILE          one row per period, sorted by patient then "
     "start:\n"
     "                      patient_id,cluster,start,end,status,"
     "start_assessment,\n"
     "                      start_date,start_total,follow_up_assessment,\n"
     "                      follow_up_date,follow_up_total,change,"
     "change_behaviour,\n"
     "                      change_impairment,change_symptoms,"
     "change_social,outcome,\n"
     "                      clinically_significant\n"
     "  --indicators FILE   indicator,numerator,denominator,value_ppm for\n"
     "                      valid_mhct_at_allocation, paired_completeness,\n"
     "                      reliably_improved, reviews_on_time, "
     "follow_up_7_days\n"
     "                      (the file `mhpbr price --indicators` reads)\n"
     "  --by-cluster FILE   cluster,periods,paired,improved,no_change,"
     "deteriorated,\n"
     "                      mean_change\n"
     "  --by-team FILE      team, then the columns of --by-cluster: each "
     "period counts\n"
     "                      for the team of the allocation that opened it "
     "(the events'\n"
     "                      team column); sorted by team, the periods naming "
     "none last\n"
     "                      with an empty team\n"
     "  --by-commissioner FILE\n"
     "                      the same by the events' commissioner column\n"
     "  --rejects FILE      rejected rows as line,id,reason\n"
     "  --strict            exit 1 when any row was rejected\n"},
    {"rules",
     "usage: mhpbr rules show [--rules FILE] [--out FILE]\n"
     "       mhpbr rules export [--rules FILE] [--out FILE]\n"
     "       mhpbr rules check [--rules FILE]\n"
     "       mhpbr rules diff A B [--out FILE]\n",
     "\nA rule set: the MHCT profiles, red rules, weights, review periods "
     "and\ntransitions, in protobuf text format (default: the built-in "
     "reference set).\n\n"
     "Actions:\n"
     "  show    the rule set's provenance and clusters\n"
     "  export  the rule set in text format, a starting point for a trust's "
     "own\n"
     "  check   validates the rule set and runs its worked examples; exit 1 "
     "if any\n"
     "          example does not classify to its own cluster. Also takes a "
     "bundle of\n"
     "          rule sets by date: checks their dates and each rule set\n"
     "  diff    what changed from rule set A to rule set B, as CSV\n"
     "          section,key,a,b (sections cluster, example, item, outcome, "
     "profile,\n"
     "          provenance, red_rule, review_period, setting, transition, "
     "weight);\n"
     "          only the header when nothing differs\n\n"
     "Options:\n"
     "  --rules FILE  rule set in text format (check: or a bundle)\n"
     "  --out FILE    output file (show, export, diff)\n"},
};

const CommandText* Find(absl::string_view name) {
  for (const CommandText& c : kCommands) {
    if (name == c.name) return &c;
  }
  return nullptr;
}

std::string ToolHelp() {
  std::string text =
      "usage: mhpbr COMMAND [OPTIONS]\n"
      "       mhpbr COMMAND --help   what COMMAND takes and gives\n\n"
      "Mental health Payment by Results.\n\nCommands:\n"
      "  classify  MHCT ratings to suggested clusters and red-rule checks\n"
      "  periods   allocations and discharges to cluster periods, reviews "
      "and transitions\n"
      "  cost      cost activity against cluster periods\n"
      "  tariff    set prices from costed periods\n"
      "  price     price cluster periods under a tariff and contract\n"
      "  compare   price the same periods under two or more contracts and "
      "tariffs\n"
      "  package   care-package templates, personal plans, delivered care\n"
      "  report    HTML and CSV report: cost homogeneity, coverage, data "
      "quality\n"
      "  outcomes  HoNOS change over cluster periods, and outcome indicators\n"
      "  rules     show, export, check or diff rule sets\n"
      "  version   print the version\n";
  return text;
}

}  // namespace

int UsageError(absl::string_view command, absl::string_view why) {
  PrintError(why);
  if (const CommandText* c = Find(command)) {
    std::fputs(c->synopsis, stderr);
    std::fprintf(stderr, "Run 'mhpbr %s --help' for more.\n", c->name);
  } else {
    std::fputs(ToolHelp().c_str(), stderr);
  }
  return kExitUsage;
}

int DataError(const absl::Status& status) {
  PrintError(status.message());
  return kExitUsage;
}

int PrintToStdout(absl::string_view text) {
  // Through an OutputSet like every other output: the write is checked,
  // the final flush included, and a failure named.
  OutputSet outputs;
  auto out = outputs.Open(std::nullopt);
  if (!out.ok()) return DataError(out.status());
  WriteAll(*out, text);
  if (absl::Status s = outputs.Commit(); !s.ok()) return DataError(s);
  return kExitDone;
}

int PrintHelp(absl::string_view command) {
  if (command.empty()) return PrintToStdout(ToolHelp());
  const CommandText* c = Find(command);
  if (c == nullptr) {
    return UsageError("", absl::StrCat("unknown command '", command, "'"));
  }
  std::string text = absl::StrCat(c->synopsis, c->details);
  if (command == "package" || command == "rules") {
    absl::StrAppend(&text, "\n", kOutputs,
                    "\nExit status: 0 done; 1 problems found (validate, "
                    "check) or, with --strict,\nrows rejected; 2 usage "
                    "error, unreadable input or an output that could not "
                    "be\nwritten (then no output file is written).\n");
  } else {
    absl::StrAppend(&text,
                    "\nRows that cannot be used are rejected one by one; "
                    "the run ends with\n`N read, N ok, N rejected` on "
                    "standard error.\n",
                    kOutputs, kRowExits);
  }
  return PrintToStdout(text);
}

}  // namespace mhpbr::cli
