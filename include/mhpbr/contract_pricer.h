// Pricing a contract year: cluster periods and one-offs, a tariff schedule
// and a contract in, a statement out, exact to the penny (pricing.md 3-6).
//
//   absl::StatusOr<mhpbr::Statement> s = mhpbr::PriceContract(
//       periods, one_offs, tariff, contract, *rules);
//
// One period at a time (an EPR pricing the record it has open), the same
// line PriceContract writes for it:
//
//   auto pricer = mhpbr::PeriodPricer::Create(tariff, contract, *rules);
//   absl::StatusOr<std::optional<mhpbr::StatementLine>> line =
//       pricer->Price(period);   // std::nullopt: outside the contract year
//
// Per line: `day` pays days_in_year * price * MFF; `year` pays price *
// days_in_year / days in the contract year * MFF; `period` pays per review
// period (the cluster's maximum review length in whole days, see
// ReviewLengthDays) that starts in the contract year, in full or pro rata
// when the period's end cuts it short. Each line rounds once, half away
// from zero. Pure and thread-safe.
//
// By date: with a dated tariff (tariff_schedule.h) a `day` or `year` line
// pays each day at the entry in force on it (the days split by entry,
// summed exactly, rounded once), and a `period` line pays each review
// period at the entry in force on its first day; a priced day or review
// period with no entry in force is an error naming the cluster and date.
// With a bundle of rule sets by date, each review period lasts the
// maximum review period of the rule set in force on its first day, so the
// units follow on from each other at whatever length each began with. A
// period counts its days by the day count of the bundle's latest rule set.
// An undated tariff with one rule set prices exactly as before.

#ifndef MHPBR_CONTRACT_PRICER_H_
#define MHPBR_CONTRACT_PRICER_H_

#include <optional>

#include "absl/status/statusor.h"
#include "absl/types/span.h"
#include "mhpbr/contract.h"
#include "mhpbr/measured_indicator.h"
#include "mhpbr/rule_set.h"
#include "mhpbr/rule_set_bundle.h"
#include "mhpbr/statement.h"
#include "mhpbr/tariff_schedule.h"

namespace mhpbr {

// Prices periods one at a time, each exactly as PriceContract prices it:
// PriceContract builds one and calls Price for every period, so a period's
// line is the same whichever way it is priced. Create validates the
// contract once; Price is then pure, allocation-free for a period without a
// patient id, and safe to call from many threads at once.
class PeriodPricer {
 public:
  // Fails, naming the field, for an invalid contract. REQUIRES: `tariff`
  // and `rules` outlive the pricer (the contract is copied).
  static absl::StatusOr<PeriodPricer> Create(const TariffSchedule& tariff,
                                             const Contract& contract,
                                             const RuleSet& rules);
  // Review periods by the rule set in force on their dates. REQUIRES:
  // `rules` outlives the pricer.
  static absl::StatusOr<PeriodPricer> Create(const TariffSchedule& tariff,
                                             const Contract& contract,
                                             const RuleSetBundle& rules);

  // The period's statement line, or std::nullopt when the period does not
  // overlap the contract year (PriceContract writes no line for it). Fails,
  // naming the period, when it ends before it starts or when its amount
  // would overflow 64-bit pence, or when a priced day has no tariff entry
  // or rule set in force.
  absl::StatusOr<std::optional<StatementLine>> Price(
      const PeriodToPrice& period) const;
  // The same into `*line`, every field set (a line used again allocates
  // nothing for ids its strings have room for): true when the period
  // overlaps the year, false (and `*line` untouched) when it does not.
  absl::StatusOr<bool> PriceInto(const PeriodToPrice& period,
                                 StatementLine* line) const;
  // The line as earned through `through` (inclusive; in_year.h): only
  // the days up to it are counted and only the review periods starting by
  // it, so through the year's last day it is PriceInto's line. Rounds once.
  // True and false as PriceInto (whether the period overlaps the year).
  absl::StatusOr<bool> PriceThroughInto(const PeriodToPrice& period,
                                        absl::CivilDay through,
                                        StatementLine* line) const;

  const TariffSchedule& tariff() const { return *tariff_; }
  const Contract& contract() const { return contract_; }
  // The bundle's latest when made from a bundle.
  const RuleSet& rules() const { return *rules_; }

 private:
  PeriodPricer(const TariffSchedule& tariff, const Contract& contract,
               const RuleSet& rules)
      : tariff_(&tariff), contract_(contract), rules_(&rules) {}

  // Both above: the line counting days and review periods up to day
  // number `through` (at most year_last_).
  absl::StatusOr<bool> PriceUpTo(const PeriodToPrice& period, int64_t through,
                                 StatementLine* line) const;
  // The amount of a line by the tariff entries in force on each day (and
  // the rule sets on each review period's start): days lo..hi, and review
  // periods starting by `through`; sets the line's units and setting
  // fields.
  absl::StatusOr<int64_t> PriceByDate(const PeriodToPrice& period, int64_t lo,
                                      int64_t hi, int64_t through,
                                      StatementLine* line) const;
  // The social care share of the line's amount, when decoupled.
  absl::StatusOr<bool> AddSocialCare(const TariffEntry& entry, int64_t record,
                                     StatementLine* line) const;

  const TariffSchedule* tariff_;
  Contract contract_;
  const RuleSet* rules_;
  // Null when one rule set serves every date.
  const RuleSetBundle* bundle_ = nullptr;
  // The contract year's first and last days, as days from 1970-01-01.
  int64_t year_first_ = 0;
  int64_t year_last_ = 0;
};

// One period's line: PeriodPricer::Create then Price (the contract is
// validated on every call; build a PeriodPricer to price many).
absl::StatusOr<std::optional<StatementLine>> PricePeriod(
    const PeriodToPrice& period, const TariffSchedule& tariff,
    const Contract& contract, const RuleSet& rules);

// Fails, naming the record, for an invalid contract, a period that ends
// before it starts, a one-off with a negative count or price, an amount
// that would overflow 64-bit pence, or a measured outcome (floor_ppm and
// target_ppm) with no indicator of its name in `measured`; nothing is
// priced silently wrong. `measured`: the indicators measured outcomes are
// paid on (outcomes.md "Paying on indicators"), one per name.
absl::StatusOr<Statement> PriceContract(
    absl::Span<const PeriodToPrice> periods, absl::Span<const OneOff> one_offs,
    const TariffSchedule& tariff, const Contract& contract,
    const RuleSet& rules, absl::Span<const MeasuredIndicator> measured = {});
// The same with review periods by the rule set in force on their dates.
absl::StatusOr<Statement> PriceContract(
    absl::Span<const PeriodToPrice> periods, absl::Span<const OneOff> one_offs,
    const TariffSchedule& tariff, const Contract& contract,
    const RuleSetBundle& rules,
    absl::Span<const MeasuredIndicator> measured = {});

}  // namespace mhpbr

#endif  // MHPBR_CONTRACT_PRICER_H_
