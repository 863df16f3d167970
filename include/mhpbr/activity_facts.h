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
  // The numbers of `teams`: those of up to 7 bytes by a word of their
  // bytes and length (ShortTeamKey), as a national year's rows each name
  // one of hundreds of short codes, where hashing and comparing a string
  // per row was a tenth of the report's own work; the rest by name.
  absl::flat_hash_map<uint64_t, int32_t> short_team_numbers;
  absl::flat_hash_map<absl::string_view, int32_t> team_numbers;

  // Empty, for the next block.
  void Clear() {
    team.clear();
    teams.clear();
    unnumbered.clear();
    month_cost_pence = {};
    unpriced = 0;
    short_team_numbers.clear();
    team_numbers.clear();
  }
};

// A team name of up to 7 bytes as one word, distinct for each such name;
// 0 for a longer one.
inline uint64_t ShortTeamKey(absl::string_view team) {
  if (team.size() > 7) return 0;
  uint64_t key = static_cast<uint64_t>(team.size()) << 56;
  for (size_t i = 0; i < team.size(); ++i) {
    key |= static_cast<uint64_t>(static_cast<unsigned char>(team[i]))
           << (8 * i);
  }
  return key;
}

}  // namespace mhpbr

#endif  // MHPBR_ACTIVITY_FACTS_H_
