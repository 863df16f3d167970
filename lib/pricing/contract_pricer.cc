#include "mhpbr/contract_pricer.h"

#include <algorithm>
#include <array>
#include <optional>
#include <utility>

#include "absl/strings/str_cat.h"
#include "mhpbr/admitted_nights.h"
#include "mhpbr/dates.h"
#include "mhpbr/fraction.h"
#include "mhpbr/money.h"
#include "mhpbr/review_schedule.h"
#include "mhpbr/risk_share.h"
#include "mhpbr/status_macros.h"

namespace mhpbr {

void SortByPatientThenStart(absl::Span<StatementLine> lines) {
  auto by_patient_then_start = [](const StatementLine& a,
                                  const StatementLine& b) {
    if (a.patient_id != b.patient_id) return a.patient_id < b.patient_id;
    return a.start < b.start;
  };
  // Periods usually arrive sorted (the periods stage writes them so):
  // checking is much cheaper than moving every line.
  if (!std::is_sorted(lines.begin(), lines.end(), by_patient_then_start)) {
    std::stable_sort(lines.begin(), lines.end(), by_patient_then_start);
  }
}

absl::string_view LineStatusName(LineStatus s) {
  switch (s) {
    case LineStatus::kPriced:
      break;
    case LineStatus::kUnpriced:
      return "unpriced";
    case LineStatus::kNoCommissioner:
      return "no_commissioner";
  }
  return "priced";
}

namespace {

absl::Status AtRecord(absl::string_view what, int64_t line,
                      const absl::Status& s) {
  return absl::Status(s.code(),
                      absl::StrCat(what, " at line ", line, ": ", s.message()));
}

// Days are counted from here in the arithmetic below: integers, so that
// no date is normalised on the way.
const absl::CivilDay kEpoch(1970, 1, 1);

// Review periods starting in [y0, y1] of a period from `start` to `last`
// (day numbers, inclusive; `closed` when `last` is its real end, so a unit
// it cuts short may be paid pro rata). Returns the unit count and the days
// to pay for, counting a full unit as `len`.
struct Units {
  int64_t count = 0;
  int64_t paid_days = 0;
};

Units ReviewUnits(int64_t start, int64_t last, bool closed, int64_t y0,
                  int64_t y1, int64_t len, PartialPeriod partial) {
  Units u;
  const int64_t first_k = y0 > start ? (y0 - start + len - 1) / len : 0;
  const int64_t stop = std::min(last, y1);
  if (stop < start) return u;
  const int64_t last_k = (stop - start) / len;
  if (last_k < first_k) return u;
  u.count = last_k - first_k + 1;
  u.paid_days = u.count * len;
  const int64_t last_unit_start = start + last_k * len;
  const int64_t covered = last - last_unit_start + 1;
  if (closed && partial == PartialPeriod::kProRata && covered < len) {
    u.paid_days -= len - covered;
  }
  return u;
}

// A day-basis line whose tariff entry has setting prices: the admitted
// nights among days lo..hi (day numbers) at the admitted price, the other
// days at the community price, times the MFF, rounded once. Sets the
// line's setting fields; `line->days_in_year` is already set.
absl::StatusOr<int64_t> PriceBySetting(const PeriodToPrice& p,
                                       const TariffEntry& e, int64_t lo,
                                       int64_t hi, Int128 mff,
                                       StatementLine* line) {
  const int64_t admitted =
      hi < lo ? 0 : NightsWithin(p.admitted_nights, kEpoch + lo, kEpoch + hi);
  const int64_t community = line->days_in_year - admitted;
  const Int128 admitted_value = Int128(admitted) * *e.admitted_price_pence;
  const Int128 value =
      admitted_value + Int128(community) * *e.community_price_pence;
  line->by_setting = true;
  line->admitted_days = admitted;
  MHPBR_ASSIGN_OR_RETURN(line->admitted_pence,
                         RoundDiv(admitted_value * mff, kPpm));
  return RoundDiv(value * mff, kPpm);
}

absl::Status AtPeriod(const PeriodToPrice& p, const absl::Status& s) {
  return absl::Status(
      s.code(), absl::StrCat("period of patient ", p.patient_id, " at line ",
                             p.line, ": ", s.message()));
}

absl::Status NoTariffOn(const PeriodToPrice& p, int64_t day) {
  return AtPeriod(p, absl::InvalidArgumentError(absl::StrCat(
                         "no tariff for cluster ", p.cluster.code(),
                         " in force on ", FormatIsoDate(kEpoch + day))));
}

}  // namespace

absl::StatusOr<PeriodPricer> PeriodPricer::Create(const TariffSchedule& tariff,
                                                  const Contract& contract,
                                                  const RuleSet& rules) {
  MHPBR_RETURN_IF_ERROR(ValidateContract(contract));
  PeriodPricer pricer(tariff, contract, rules);
  pricer.year_first_ = contract.year_start - kEpoch;
  pricer.year_last_ = contract.year_end() - kEpoch;
  return pricer;
}

absl::StatusOr<PeriodPricer> PeriodPricer::Create(const TariffSchedule& tariff,
                                                  const Contract& contract,
                                                  const RuleSetBundle& rules) {
  MHPBR_ASSIGN_OR_RETURN(PeriodPricer pricer,
                         Create(tariff, contract, *rules.latest()));
  if (rules.dated()) pricer.bundle_ = &rules;
  return pricer;
}

absl::StatusOr<int64_t> PeriodPricer::PriceByDate(const PeriodToPrice& p,
                                                  int64_t lo, int64_t hi,
                                                  int64_t through,
                                                  StatementLine* line) const {
  const absl::Span<const TariffEntry> entries = tariff_->EntriesFor(p.cluster);
  const TariffEntry& first = entries.front();
  const Int128 mff = contract_.mff_ppm;
  const auto round = [&p](Int128 num, Int128 den) -> absl::StatusOr<int64_t> {
    absl::StatusOr<int64_t> r = RoundDiv(num, den);
    if (!r.ok()) return AtRecord("period", p.line, r.status());
    return r;
  };
  if (first.basis == Basis::kPeriod) {
    const int64_t start = p.start - kEpoch;
    const int64_t last = p.end ? *p.end - kEpoch : year_last_;
    const int64_t stop = std::min(last, through);
    // Sum of price * paid days / length over the review periods starting
    // in the year, each at its own length and price: exact, rounded once.
    Fraction paid;
    for (int64_t unit = start; unit <= stop;) {
      const RuleSet* rules = rules_;
      if (bundle_ != nullptr) {
        auto in_force = bundle_->InForce(kEpoch + unit);
        if (!in_force.ok()) return AtPeriod(p, in_force.status());
        rules = in_force->get();
      }
      const int64_t len =
          ReviewLengthDays(rules->cluster(p.cluster).max_review);
      if (unit >= year_first_) {
        const TariffEntry* e = tariff_->FindOn(p.cluster, kEpoch + unit);
        if (e == nullptr) return NoTariffOn(p, unit);
        int64_t days = len;
        const int64_t covered = last - unit + 1;
        if (p.end && contract_.partial_period == PartialPeriod::kProRata &&
            covered < len) {
          days = covered;
        }
        paid = paid + Fraction::Of(Int128(e->price_pence) * days, len);
        ++line->units;
      }
      unit += len;
    }
    return round(paid.num * mff, paid.den * kPpm);
  }
  // Day and year: the days lo..hi split by the entry in force on each.
  Int128 value = 0, admitted_value = 0;
  int64_t next = lo;  // the first day not yet priced
  for (const TariffEntry& e : entries) {
    const int64_t from = e.effective_from ? *e.effective_from - kEpoch : next;
    const int64_t to = e.effective_to ? *e.effective_to - kEpoch : hi;
    if (next > hi) break;
    if (to < next) continue;
    if (from > next) return NoTariffOn(p, next);
    const int64_t a = next, b = std::min(to, hi);
    const int64_t days = b - a + 1;
    if (e.has_setting_prices()) {
      const int64_t admitted =
          NightsWithin(p.admitted_nights, kEpoch + a, kEpoch + b);
      line->admitted_days += admitted;
      admitted_value += Int128(admitted) * *e.admitted_price_pence;
      value += Int128(admitted) * *e.admitted_price_pence +
               Int128(days - admitted) * *e.community_price_pence;
    } else {
      value += Int128(days) * e.price_pence;
    }
    next = b + 1;
  }
  if (next <= hi) return NoTariffOn(p, next);
  line->units = line->days_in_year;
  if (first.has_setting_prices()) {
    line->by_setting = true;
    MHPBR_ASSIGN_OR_RETURN(line->admitted_pence,
                           round(admitted_value * mff, kPpm));
  }
  if (first.basis == Basis::kYear) {
    return round(value * mff, Int128(year_last_ - year_first_ + 1) * kPpm);
  }
  return round(value * mff, kPpm);
}

absl::StatusOr<std::optional<StatementLine>> PeriodPricer::Price(
    const PeriodToPrice& p) const {
  std::optional<StatementLine> out(std::in_place);
  MHPBR_ASSIGN_OR_RETURN(const bool in_year, PriceInto(p, &*out));
  if (!in_year) out.reset();
  return out;
}

absl::StatusOr<bool> PeriodPricer::PriceInto(const PeriodToPrice& p,
                                             StatementLine* out) const {
  return PriceUpTo(p, year_last_, out);
}

absl::StatusOr<bool> PeriodPricer::PriceThroughInto(const PeriodToPrice& p,
                                                    absl::CivilDay through,
                                                    StatementLine* out) const {
  return PriceUpTo(p, std::min<int64_t>(through - kEpoch, year_last_), out);
}

absl::StatusOr<bool> PeriodPricer::PriceUpTo(const PeriodToPrice& p,
                                             int64_t through,
                                             StatementLine* out) const {
  if (p.end && *p.end < p.start) {
    return absl::InvalidArgumentError(absl::StrCat(
        "period of patient ", p.patient_id, " at line ", p.line, ": end ",
        FormatIsoDate(*p.end), " is before start ", FormatIsoDate(p.start)));
  }
  const int64_t y0 = year_first_, y1 = year_last_;
  const int64_t start = p.start - kEpoch;
  // Open periods run to 31 March.
  const int64_t last = p.end ? *p.end - kEpoch : y1;
  if (last < y0 || start > y1) return false;
  StatementLine& line = *out;
  line.patient_id = p.patient_id;
  line.cluster = p.cluster;
  line.start = p.start;
  line.end = p.end;
  line.basis.reset();
  line.units = 0;
  line.amount_pence = 0;
  line.social_care_pence = 0;
  line.status = LineStatus::kPriced;
  line.one_off = false;
  line.item.clear();
  line.by_setting = false;
  line.admitted_days = 0;
  line.admitted_pence = 0;
  // The last day counted: under NHS Digital's derivation a closed
  // period's end day is not.
  const int64_t counted_last =
      (p.end && rules_->day_count() == DayCount::kMhsds) ? last - 1 : last;
  const int64_t lo = std::max(start, y0);
  const int64_t hi = std::min(counted_last, through);
  line.days_in_year = hi >= lo ? hi - lo + 1 : 0;

  const TariffEntry* e = tariff_->Find(p.cluster);
  if (e == nullptr) {
    line.status = LineStatus::kUnpriced;
    return true;
  }
  line.basis = e->basis;
  if (tariff_->dated() || bundle_ != nullptr) {
    MHPBR_ASSIGN_OR_RETURN(line.amount_pence,
                           PriceByDate(p, lo, hi, through, &line));
    return AddSocialCare(*e, p.line, &line);
  }
  const Int128 price = e->price_pence;
  const Int128 mff = contract_.mff_ppm;
  absl::StatusOr<int64_t> amount;
  switch (e->basis) {
    case Basis::kDay:
      line.units = line.days_in_year;
      if (e->has_setting_prices()) {
        amount = PriceBySetting(p, *e, lo, hi, mff, &line);
        break;
      }
      amount = RoundDiv(price * line.days_in_year * mff, kPpm);
      break;
    case Basis::kYear:
      line.units = line.days_in_year;
      amount =
          RoundDiv(price * line.days_in_year * mff, Int128(y1 - y0 + 1) * kPpm);
      break;
    case Basis::kPeriod: {
      const int64_t len =
          ReviewLengthDays(rules_->cluster(p.cluster).max_review);
      // Units starting by `through`; the pro-rata cut of the last one
      // still looks at the period's real end.
      const Units u = ReviewUnits(start, last, p.end.has_value(), y0, through,
                                  len, contract_.partial_period);
      line.units = u.count;
      amount = RoundDiv(price * u.paid_days * mff, Int128(len) * kPpm);
      break;
    }
  }
  if (!amount.ok()) return AtRecord("period", p.line, amount.status());
  line.amount_pence = *amount;
  return AddSocialCare(*e, p.line, &line);
}

absl::StatusOr<bool> PeriodPricer::AddSocialCare(const TariffEntry& e,
                                                 int64_t record,
                                                 StatementLine* line) const {
  if (contract_.social_care == SocialCare::kDecoupled) {
    auto social =
        RoundDiv(Int128(line->amount_pence) * e.social_care_ppm, kPpm);
    if (!social.ok()) return AtRecord("period", record, social.status());
    line->social_care_pence = *social;
  }
  return true;
}

absl::StatusOr<std::optional<StatementLine>> PricePeriod(
    const PeriodToPrice& period, const TariffSchedule& tariff,
    const Contract& contract, const RuleSet& rules) {
  MHPBR_ASSIGN_OR_RETURN(const PeriodPricer pricer,
                         PeriodPricer::Create(tariff, contract, rules));
  return pricer.Price(period);
}

namespace {
// Every period's line and the contract's sums, by `pricer`.
absl::StatusOr<Statement> PriceWith(
    const PeriodPricer& pricer, absl::Span<const PeriodToPrice> periods,
    absl::Span<const OneOff> one_offs,
    absl::Span<const MeasuredIndicator> measured);
}  // namespace

absl::StatusOr<Statement> PriceContract(
    absl::Span<const PeriodToPrice> periods, absl::Span<const OneOff> one_offs,
    const TariffSchedule& tariff, const Contract& contract,
    const RuleSet& rules, absl::Span<const MeasuredIndicator> measured) {
  // Validates the contract; every period's line comes from it.
  MHPBR_ASSIGN_OR_RETURN(const PeriodPricer pricer,
                         PeriodPricer::Create(tariff, contract, rules));
  return PriceWith(pricer, periods, one_offs, measured);
}

absl::StatusOr<Statement> PriceContract(
    absl::Span<const PeriodToPrice> periods, absl::Span<const OneOff> one_offs,
    const TariffSchedule& tariff, const Contract& contract,
    const RuleSetBundle& rules, absl::Span<const MeasuredIndicator> measured) {
  MHPBR_ASSIGN_OR_RETURN(const PeriodPricer pricer,
                         PeriodPricer::Create(tariff, contract, rules));
  return PriceWith(pricer, periods, one_offs, measured);
}

namespace {

absl::StatusOr<Statement> PriceWith(
    const PeriodPricer& pricer, absl::Span<const PeriodToPrice> periods,
    absl::Span<const OneOff> one_offs,
    absl::Span<const MeasuredIndicator> measured) {
  const Contract& contract = pricer.contract();
  Statement st;
  // Before any line: a missing indicator stops the run.
  MHPBR_ASSIGN_OR_RETURN(st.outcomes, ResolveAttainments(contract, measured));
  st.decoupled = contract.social_care == SocialCare::kDecoupled;
  const absl::CivilDay y0 = contract.year_start;
  const Int128 mff = contract.mff_ppm;

  // At most a line each: reserving saves moving every line as the vector
  // grows (untouched pages of an over-estimate cost nothing).
  st.lines.reserve(one_offs.size() + periods.size());
  for (const OneOff& o : one_offs) {
    if (o.count < 0 || o.price_pence < 0 || o.price_pence > kMaxPricePence) {
      return absl::InvalidArgumentError(absl::StrCat(
          "one-off '", o.item, "' at line ", o.line,
          ": count and price_pence must not be negative (price at most ",
          kMaxPricePence, ")"));
    }
    StatementLine line;
    line.one_off = true;
    line.item = o.item;
    line.start = y0;
    line.units = o.count;
    auto amount = RoundDiv(Int128(o.count) * o.price_pence * mff, kPpm);
    if (!amount.ok()) return AtRecord("one-off", o.line, amount.status());
    line.amount_pence = *amount;
    st.lines.push_back(std::move(line));
  }
  const size_t one_off_lines = st.lines.size();

  for (const PeriodToPrice& p : periods) {
    StatementLine& line = st.lines.emplace_back();
    MHPBR_ASSIGN_OR_RETURN(const bool in_year, pricer.PriceInto(p, &line));
    if (!in_year) st.lines.pop_back();
  }

  SortByPatientThenStart(absl::MakeSpan(st.lines).subspan(one_off_lines));

  // Totals in 128 bits, checked once: a sum never wraps.
  Int128 activity = 0, social = 0;
  std::array<ClusterStatement, Cluster::kCount> clusters{};
  // The per-cluster sums in 128 bits too, each checked below.
  std::array<Int128, Cluster::kCount> cluster_pence{};
  // Lines are sorted by patient, so a patient's lines are together: a
  // cluster meets a new patient when its last one differs.
  std::array<const std::string*, Cluster::kCount> last_patient{};
  for (const StatementLine& l : st.lines) {
    activity += l.amount_pence;
    social += l.social_care_pence;
    if (!l.cluster) continue;
    const int k = l.cluster->index();
    ClusterStatement& c = clusters[k];
    c.cluster = *l.cluster;
    c.periods += 1;
    c.days += l.days_in_year;
    cluster_pence[k] += l.amount_pence;
    if (last_patient[k] == nullptr || *last_patient[k] != l.patient_id) {
      c.patients += 1;
      last_patient[k] = &l.patient_id;
    }
  }
  for (size_t k = 0; k < clusters.size(); ++k) {
    ClusterStatement& c = clusters[k];
    if (c.periods == 0) continue;
    MHPBR_ASSIGN_OR_RETURN(c.amount_pence, RoundDiv(cluster_pence[k], 1));
    st.clusters.push_back(c);
  }
  MHPBR_ASSIGN_OR_RETURN(st.totals.activity_pence, RoundDiv(activity, 1));
  MHPBR_ASSIGN_OR_RETURN(st.totals.social_care_pence, RoundDiv(social, 1));
  StatementTotals& t = st.totals;
  t.baseline_pence = contract.baseline_pence;
  MHPBR_ASSIGN_OR_RETURN(t.risk_shared_pence,
                         RiskSharedPayment(t.activity_pence, contract));
  t.risk_share_pence = t.risk_shared_pence - t.activity_pence;
  MHPBR_ASSIGN_OR_RETURN(
      Withhold w, ApplyIncentive(t.risk_shared_pence, contract, st.outcomes));
  t.withheld_pence = w.withheld_pence;
  t.earned_pence = w.earned_pence;
  t.payment_pence = t.risk_shared_pence - t.withheld_pence + t.earned_pence;
  t.health_pence = t.activity_pence - t.social_care_pence;
  return st;
}

}  // namespace

}  // namespace mhpbr
