// mhpbr cost --periods FILE --activity FILE --unit-costs FILE --as-of DATE
//            [--rules FILE] [--out FILE] [--by-cluster FILE]
//            [--by-setting FILE] [--summary FILE] [--rejects FILE] [--strict]
//            [--suppress [--suppress-threshold N] [--suppress-base N]]
// What each cluster period cost (formats.md, pricing.md 1). Activity is
// streamed: memory grows with the periods, not the activity.

#include <cstdio>
#include <string>
#include <vector>

#include "absl/strings/str_cat.h"
#include "activity_rows.h"
#include "args.h"
#include "command_start.h"
#include "commands.h"
#include "cost_outputs.h"
#include "help.h"
#include "input_file.h"
#include "mhpbr/activity_costing.h"
#include "mhpbr/costing_io.h"
#include "mhpbr/dates.h"
#include "mhpbr/status_macros.h"
#include "mhsds_columns_flag.h"
#include "mhsds_contact_rows.h"
#include "mhsds_referral_file.h"
#include "output_file.h"
#include "period_rows.h"
#include "row_ledger.h"
#include "rule_set_flag.h"
#include "suppress_flag.h"
#include "threads_flag.h"
#include "ward_stay_rows.h"

namespace mhpbr::cli {

int RunCost(const std::vector<std::string>& argv) {
  CommandStart start;
  if (auto stop = StartCommand(
          {"cost",
           {"periods", "activity", "unit-costs", "as-of", "rules", "out",
            "by-cluster", "by-setting", "summary", "rejects", "mhsds-contacts",
            "mhsds-referrals", "team-map", "mhsds-columns", "mhsds-ward-stays",
            "mhsds-spells", "threads", kSuppressThreshold, kSuppressBase},
           {"strict", "progress", "no-progress", kSuppress},
           {"periods", "unit-costs", "as-of"}},
          argv, &start)) {
    return *stop;
  }
  const Args* args = &start.args;
  const absl::StatusOr<int> threads = ThreadsFromArgs(*args);
  if (!threads.ok()) return UsageError("cost", threads.status().message());
  if (auto stop = CheckActivitySources(*args, "cost")) return *stop;
  // With --suppress only --by-cluster and --summary are written: the
  // periods (--out, else standard output) and --by-setting are one row per
  // period.
  auto suppress = SuppressionFromArgs(*args, start.rules->suppression(),
                                      {"out", "by-setting"});
  if (!suppress.ok()) return UsageError("cost", suppress.status().message());
  if (*suppress && !args->Has("by-cluster") && !args->Has("summary")) {
    return UsageError("cost",
                      "--suppress writes only the aggregated outputs: give "
                      "--by-cluster or --summary");
  }
  if (auto stop = CheckWardStayFlags(*args, "cost")) return *stop;
  const absl::CivilDay as_of = *start.as_of;
  auto fail = DataError;
  auto costs = LoadUnitCostsFile(*args->Get("unit-costs"));
  if (!costs.ok()) return fail(costs.status());
  OutputSet outputs;
  auto ledger =
      RowLedger::Open(outputs, args->Get("rejects"), args->Has("strict"));
  if (!ledger.ok()) return fail(ledger.status());
  // Rejected period rows are reported and counted like activity rows; the
  // activity they would have covered falls to the unclustered bucket.
  auto periods = ReadPeriodRows(*args->Get("periods"), **ledger, *threads);
  if (!periods.ok()) return fail(periods.status());
  auto coster = ActivityCoster::Create(*std::move(periods), as_of, *costs,
                                       start.rules->day_count());
  if (!coster.ok()) return fail(coster.status());

  if (auto activity = args->Get("activity")) {
    if (absl::Status s =
            CostActivityRows(*activity, "", *coster, **ledger, *threads);
        !s.ok()) {
      return fail(s);
    }
  }
  auto mhsds_columns = MhsdsColumnsFlag(*args);
  if (!mhsds_columns.ok()) return fail(mhsds_columns.status());
  ContactCounts contacts;
  // MHS101, read once for the contacts and the ward stays.
  const std::shared_ptr<MhsdsReferralFile> referrals = ReferralFileFlag(*args);
  if (auto files = ContactFilesFlags(*args, referrals)) {
    if (absl::Status s = CostContacts(*files, *costs, *mhsds_columns, *coster,
                                      **ledger, &contacts);
        !s.ok()) {
      return fail(s);
    }
  }
  WardStayCounts stays;
  if (auto files = WardStayFilesFlags(*args, referrals)) {
    if (absl::Status s = CostWardStays(*files, *costs, *mhsds_columns, *coster,
                                       **ledger, &stays);
        !s.ok()) {
      return fail(s);
    }
  }

  const absl::Status written = WriteCostOutputs(
      outputs, *args, kCostCommandOutputs, *coster, contacts, stays, *suppress);
  if (!written.ok()) return fail(written);
  return (*ledger)->Finish();
}

}  // namespace mhpbr::cli
