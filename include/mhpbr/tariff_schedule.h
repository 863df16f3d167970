// A tariff schedule: per cluster, the basis it is paid on and its price,
// with the share of each amount social care pays. Immutable once created,
// and safe to share across threads.
//
//   auto t = mhpbr::TariffSchedule::Create(
//       {{*mhpbr::Cluster::FromCode(3), mhpbr::Basis::kDay, 252, 0}});
//   const mhpbr::TariffEntry* e = t->Find(cluster);   // nullptr: unpriced
//
// Tariffs by date: an entry may carry the days it is in force, so that a
// cluster has several entries, one per stretch of dates, that must not
// overlap. A line is then priced at the entry in force on each day
// (contract_pricer.h). An entry without dates is in force on every day, as
// every entry was before.

#ifndef MHPBR_TARIFF_SCHEDULE_H_
#define MHPBR_TARIFF_SCHEDULE_H_

#include <array>
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "absl/status/statusor.h"
#include "absl/strings/string_view.h"
#include "absl/time/civil_time.h"
#include "absl/types/span.h"
#include "mhpbr/cluster.h"

namespace mhpbr {

enum class Basis : uint8_t {
  kDay = 0,     // per cluster day
  kPeriod = 1,  // per review period
  kYear = 2,    // per year of care
};

// "day", "period" or "year".
absl::string_view BasisName(Basis b);
absl::StatusOr<Basis> ParseBasis(absl::string_view text);

struct TariffEntry {
  Cluster cluster;
  Basis basis = Basis::kDay;
  int64_t price_pence = 0;
  // 0..1000000.
  int64_t social_care_ppm = 0;
  // Per day, for admitted (inpatient) days and for days in the community
  // (pay_setting.h): both or neither, and only on basis `day`. With them
  // a line pays each day at its setting's price instead of price_pence.
  std::optional<int64_t> admitted_price_pence = std::nullopt;
  std::optional<int64_t> community_price_pence = std::nullopt;

  // The first and last days in force (inclusive); none: unbounded on that
  // side.
  std::optional<absl::CivilDay> effective_from = std::nullopt;
  std::optional<absl::CivilDay> effective_to = std::nullopt;

  bool has_setting_prices() const { return admitted_price_pence.has_value(); }
  bool dated() const {
    return effective_from.has_value() || effective_to.has_value();
  }
  bool InForce(absl::CivilDay day) const {
    return (!effective_from || *effective_from <= day) &&
           (!effective_to || day <= *effective_to);
  }
};

// "2023-10-01 to 2024-03-31", "2023-10-01 to open", "any date".
std::string EffectiveDates(const TariffEntry& e);

// Prices above this (ten billion pounds) are taken to be mistakes.
inline constexpr int64_t kMaxPricePence = 1000000000000;

class TariffSchedule {
 public:
  // Validates each entry (prices 0..kMaxPricePence, share 0..1e6, setting
  // prices both or neither and only on basis day, effective_to not before
  // effective_from) and that no cluster is in force twice on a day: an
  // undated cluster is listed once, and a dated cluster's entries do not
  // overlap and share a basis, a social care share and whether they have
  // setting prices (a line has one basis and one share). Errors name the
  // entry's cluster and field, or both entries' dates.
  static absl::StatusOr<TariffSchedule> Create(std::vector<TariffEntry> entries,
                                               std::string source = "");

  // nullptr when the cluster is not priced; for a dated cluster, its
  // earliest entry (the one that says its basis and share).
  const TariffEntry* Find(Cluster c) const {
    const int i = index_[c.index()];
    return i < 0 ? nullptr : &entries_[i];
  }
  // The entry in force on `day`, or nullptr.
  const TariffEntry* FindOn(Cluster c, absl::CivilDay day) const;
  // The cluster's entries in date order; empty when it is not priced.
  absl::Span<const TariffEntry> EntriesFor(Cluster c) const {
    const int i = index_[c.index()];
    if (i < 0) return {};
    return absl::MakeConstSpan(entries_).subspan(i, count_[c.index()]);
  }
  // Sorted by cluster, then date.
  absl::Span<const TariffEntry> entries() const { return entries_; }
  // Whether any entry has dates.
  bool dated() const { return dated_; }
  const std::string& source() const { return source_; }
  // Whether any entry has setting prices.
  bool has_setting_prices() const { return has_setting_prices_; }

 private:
  TariffSchedule() { index_.fill(-1); }

  std::vector<TariffEntry> entries_;
  std::array<int, Cluster::kCount> index_;
  std::array<int, Cluster::kCount> count_{};
  std::string source_;
  bool has_setting_prices_ = false;
  bool dated_ = false;
};

}  // namespace mhpbr

#endif  // MHPBR_TARIFF_SCHEDULE_H_
