#include "mhpbr/in_year.h"

#include <algorithm>
#include <vector>

#include "absl/status/status.h"
#include "absl/strings/str_cat.h"
#include "mhpbr/contract_pricer.h"
#include "mhpbr/dates.h"
#include "mhpbr/money.h"
#include "mhpbr/status_macros.h"

namespace mhpbr {

absl::StatusOr<InYearStatement> PriceInYear(
    absl::Span<const PeriodToPrice> periods, absl::Span<const OneOff> one_offs,
    const TariffSchedule& tariff, const Contract& contract,
    const RuleSet& rules, absl::CivilDay as_of,
    absl::Span<const MeasuredIndicator> measured) {
  // Validates the contract before its year is trusted.
  MHPBR_ASSIGN_OR_RETURN(const PeriodPricer pricer,
                         PeriodPricer::Create(tariff, contract, rules));
  const absl::CivilDay y0 = contract.year_start;
  const absl::CivilDay y1 = contract.year_end();
  if (as_of < y0 || as_of > y1) {
    return absl::InvalidArgumentError(absl::StrCat(
        "as_of ", FormatIsoDate(as_of), " is outside the contract year ",
        FormatIsoDate(y0), " to ", FormatIsoDate(y1)));
  }
  InYearStatement st;
  st.as_of = as_of;
  MHPBR_ASSIGN_OR_RETURN(st.forecast, PriceContract(periods, one_offs, tariff,
                                                    contract, rules, measured));

  // The months' last days counted: each month's end, as_of in its month.
  std::vector<absl::CivilDay> through;
  for (absl::CivilMonth m(y0); m <= absl::CivilMonth(as_of); ++m) {
    through.push_back(std::min(absl::CivilDay(m + 1) - 1, as_of));
  }
  const size_t n = through.size();
  // Sums in 128 bits, checked once each below.
  std::vector<Int128> amount(n, 0), days(n, 0);
  std::vector<int64_t> active(n, 0);
  for (const StatementLine& l : st.forecast.lines) {
    if (l.one_off) amount[0] += l.amount_pence;
  }
  int64_t open = 0;
  StatementLine line;  // used again: no allocation per month
  for (const PeriodToPrice& p : periods) {
    int64_t prev_amount = 0, prev_days = 0, prev_units = 0;
    for (size_t i = 0; i < n; ++i) {
      MHPBR_ASSIGN_OR_RETURN(const bool in_year,
                             pricer.PriceThroughInto(p, through[i], &line));
      if (!in_year) break;
      if (i == 0 && !p.end) ++open;
      amount[i] += line.amount_pence - prev_amount;
      days[i] += line.days_in_year - prev_days;
      if (line.days_in_year > prev_days || line.units > prev_units) {
        ++active[i];
      }
      prev_amount = line.amount_pence;
      prev_days = line.days_in_year;
      prev_units = line.units;
    }
  }
  Int128 cumulative = 0;
  for (size_t i = 0; i < n; ++i) {
    InYearMonth& m = st.months.emplace_back();
    m.month = absl::CivilMonth(through[i]);
    m.periods = active[i];
    cumulative += amount[i];
    MHPBR_ASSIGN_OR_RETURN(m.days, RoundDiv(days[i], 1));
    MHPBR_ASSIGN_OR_RETURN(m.amount_pence, RoundDiv(amount[i], 1));
    MHPBR_ASSIGN_OR_RETURN(m.cumulative_pence, RoundDiv(cumulative, 1));
  }
  st.earned_to_date_pence = st.months.back().cumulative_pence;

  const std::string year_end = FormatIsoDate(y1);
  auto assume = [&](absl::string_view key, std::string value) {
    st.assumptions.emplace_back(absl::StrCat("forecast_assumption:", key),
                                std::move(value));
  };
  assume("open_periods", absl::StrCat("run to ", year_end,
                                      " at their basis and review periods"));
  assume("open_periods_count", absl::StrCat(open));
  assume("closed_periods", "as given");
  assume("new_periods", "none");
  assume("one_offs", absl::StrCat("as given; earned in ",
                                  absl::FormatCivilTime(absl::CivilMonth(y0))));
  assume("outcomes", "attainment as given");
  return st;
}

}  // namespace mhpbr
