#include "bed_days.h"

#include "absl/strings/str_cat.h"
#include "input_rows.h"
#include "mhpbr/activity.h"
#include "mhpbr/admitted_nights.h"
#include "mhpbr/costing_io.h"

namespace mhpbr::cli {

absl::StatusOr<int64_t> ReadBedDays(const std::string& path, RowLedger& ledger,
                                    std::vector<PeriodToPrice>& periods) {
  std::vector<Stay> stays;
  int64_t ignored = 0;
  MHPBR_RETURN_IF_ERROR((ForEachRow<ActivityCsvReader, ActivityRecord>(
      path, absl::StrCat(path, ": "), ledger, [&](ActivityRecord& record) {
        if (std::optional<Stay> stay = StayOf(record)) {
          stays.push_back(*std::move(stay));
        } else {
          ++ignored;
        }
        return absl::OkStatus();
      })));
  SetAdmittedNights(stays, absl::MakeSpan(periods));
  return ignored;
}

void SettingSummary::Add(absl::Span<const StatementLine> lines) {
  for (const StatementLine& l : lines) {
    if (!l.by_setting) continue;
    admitted_days_ += l.admitted_days;
    admitted_pence_ += l.admitted_pence;
    community_pence_ += l.amount_pence - l.admitted_pence;
  }
}

void SettingSummary::Write(std::optional<int64_t> bed_days_ignored,
                           CsvWriter& out) const {
  out.KeyValueRow("admitted_days", admitted_days_);
  out.KeyValueRow("admitted_pence", admitted_pence_);
  out.KeyValueRow("community_pence", community_pence_);
  if (bed_days_ignored) out.KeyValueRow("bed_days_ignored", *bed_days_ignored);
}

}  // namespace mhpbr::cli
