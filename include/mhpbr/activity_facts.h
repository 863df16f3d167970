// What the report counts of a block of priced activity rows, gathered on
// the thread that parsed and priced them (ReportBuilder::GatherActivity):
// the consuming thread then adds a block without reading its rows again,
// each of which would be a cache miss there, rows being parsed on another
// core.

#ifndef MHPBR_ACTIVITY_FACTS_H_
#define MHPBR_ACTIVITY_FACTS_H_

#include <cstddef>
#include <cstdint>
#include <vector>

#include "absl/container/flat_hash_map.h"
#include "absl/strings/string_view.h"
#include "mhpbr/monthly_tally.h"

namespace mhpbr {

struct ActivityFacts {
  // Per priced record (the block's k-th row read without error): its
  // team, an index in `teams`, or -1 when the row names none.
  std::vector<int32_t> team;
  // The block's distinct teams, viewing its rows.
  std::vector<absl::string_view> teams;
  // A record priced without error whose patient has no number: its index
  // among the priced records and its patient's id (viewing its row).
  struct Unnumbered {
    size_t record = 0;
    absl::string_view patient_id;
  };
  std::vector<Unnumbered> unnumbered;
  // The costs of the records priced without error into a period, by the
  // month of their date, modulo 2^64 (a block's partial sum may pass
  // int64 where the month's total does not).
  MonthlyTally<uint64_t> month_cost_pence;
  // Records priced with an error.
  size_t unpriced = 0;
  // The numbers of `teams`.
  absl::flat_hash_map<absl::string_view, int32_t> team_numbers;

  // Empty, for the next block.
  void Clear() {
    team.clear();
    teams.clear();
    unnumbered.clear();
    month_cost_pence = {};
    unpriced = 0;
    team_numbers.clear();
  }
};

}  // namespace mhpbr

#endif  // MHPBR_ACTIVITY_FACTS_H_
