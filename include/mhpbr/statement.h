// A payment statement: one line per cluster period in the contract year and
// per one-off intervention, a summary per cluster, and the totals a
// commissioner pays from (pricing.md 6).

#ifndef MHPBR_STATEMENT_H_
#define MHPBR_STATEMENT_H_

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "absl/time/civil_time.h"
#include "absl/types/span.h"
#include "mhpbr/cluster.h"
#include "mhpbr/cluster_period.h"
#include "mhpbr/tariff_schedule.h"

namespace mhpbr {

// A one-off intervention priced separately: count * price * MFF.
struct OneOff {
  std::string item;
  int64_t count = 0;
  int64_t price_pence = 0;
  int64_t line = 0;
  // Who pays for it; empty when not known.
  std::string commissioner = {};
};

enum class LineStatus : uint8_t {
  kPriced = 0,
  kUnpriced = 1,  // the tariff does not price the cluster: amount 0
  // Priced under several contracts, one per commissioner
  // (commissioner_statements.h), the record names no commissioner: amount
  // 0, reported rather than dropped.
  kNoCommissioner = 2,
};

// "priced", "unpriced" or "no_commissioner".
absl::string_view LineStatusName(LineStatus s);

struct StatementLine {
  // Empty for a one-off.
  std::string patient_id;
  // None for a one-off.
  std::optional<Cluster> cluster;
  absl::CivilDay start;
  std::optional<absl::CivilDay> end;
  int64_t days_in_year = 0;
  // None when unpriced or a one-off.
  std::optional<Basis> basis;
  // Days (day, year), review periods (period), or the one-off's count.
  int64_t units = 0;
  int64_t amount_pence = 0;
  int64_t social_care_pence = 0;
  LineStatus status = LineStatus::kPriced;
  bool one_off = false;
  std::string item;  // the one-off's item
  // The period's or one-off's commissioner, as given; set only when pricing
  // by commissioner (commissioner_statements.h).
  std::string commissioner = {};

  // Priced by setting (the tariff entry has setting prices): of
  // days_in_year, the admitted days, and the part of amount_pence they
  // pay, rounded on its own (the community part is the rest, so the line
  // still rounds once).
  bool by_setting = false;
  int64_t admitted_days = 0;
  int64_t admitted_pence = 0;
};

// Sorts period lines by patient (bytewise), then start, keeping the order
// of equal lines; lines that are already in order are left untouched.
void SortByPatientThenStart(absl::Span<StatementLine> lines);

// One contract outcome as paid: its weight and the attainment used, and for
// a measured outcome (floor_ppm and target_ppm) the indicator's value.
struct OutcomeAttainment {
  std::string name;
  int64_t weight_ppm = 0;
  int64_t attainment_ppm = 0;
  // From a measured indicator rather than typed in.
  bool measured = false;
  // Measured, with an empty value (denominator 0): attainment 0, reported.
  bool no_value = false;
  // The measured value, when there is one.
  std::optional<int64_t> value_ppm = std::nullopt;
};

struct ClusterStatement {
  Cluster cluster;
  int64_t patients = 0;
  int64_t periods = 0;
  int64_t days = 0;
  int64_t amount_pence = 0;
};

struct StatementTotals {
  int64_t baseline_pence = 0;
  // A: the sum of every line's amount.
  int64_t activity_pence = 0;
  // P(A) after risk sharing, and P(A) - A.
  int64_t risk_shared_pence = 0;
  int64_t risk_share_pence = 0;
  // Withhold: withheld and earned back. Bonus: 0, and the bonus earned.
  int64_t withheld_pence = 0;
  int64_t earned_pence = 0;
  // P - withheld + earned.
  int64_t payment_pence = 0;
  // When decoupled: social care = sum of the lines' social-care amounts,
  // health = A - social care.
  int64_t health_pence = 0;
  int64_t social_care_pence = 0;
};

struct Statement {
  // Sorted by patient (bytewise; one-offs, with no patient, first in input
  // order), then start.
  std::vector<StatementLine> lines;
  // Sorted by cluster; one-offs are not in any cluster.
  std::vector<ClusterStatement> clusters;
  StatementTotals totals;
  bool decoupled = false;
  // One per contract outcome, in the contract's order.
  std::vector<OutcomeAttainment> outcomes;
};

}  // namespace mhpbr

#endif  // MHPBR_STATEMENT_H_
