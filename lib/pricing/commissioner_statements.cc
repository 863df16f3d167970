#include "mhpbr/commissioner_statements.h"

#include <algorithm>
#include <array>
#include <functional>
#include <map>
#include <numeric>
#include <utility>

#include "absl/functional/function_ref.h"
#include "absl/strings/numbers.h"
#include "absl/strings/str_cat.h"
#include "mhpbr/contract_pricer.h"
#include "mhpbr/dates.h"
#include "mhpbr/money.h"
#include "mhpbr/status_macros.h"

namespace mhpbr {
namespace {

std::string ContractName(absl::Span<const std::string> names, size_t i) {
  return i < names.size() ? names[i] : absl::StrCat("contracts[", i, "]");
}

// One commissioner's contract and the records it pays for.
struct Share {
  const Contract* contract = nullptr;
  std::vector<PeriodToPrice> periods;
  std::vector<OneOff> one_offs;
};

using PriceShare = absl::FunctionRef<absl::StatusOr<Statement>(
    const Contract&, absl::Span<const PeriodToPrice>,
    absl::Span<const OneOff>)>;

constexpr int64_t StatementTotals::*kTotalFields[] = {
    &StatementTotals::baseline_pence,    &StatementTotals::activity_pence,
    &StatementTotals::risk_shared_pence, &StatementTotals::risk_share_pence,
    &StatementTotals::withheld_pence,    &StatementTotals::earned_pence,
    &StatementTotals::payment_pence,     &StatementTotals::health_pence,
    &StatementTotals::social_care_pence,
};

constexpr int64_t ClusterStatement::*kClusterFields[] = {
    &ClusterStatement::patients,
    &ClusterStatement::periods,
    &ClusterStatement::days,
    &ClusterStatement::amount_pence,
};

constexpr int64_t InYearMonth::*kMonthFields[] = {
    &InYearMonth::periods,
    &InYearMonth::days,
    &InYearMonth::amount_pence,
    &InYearMonth::cumulative_pence,
};

// The provider total and per-cluster sums, in 128 bits, each checked once.
absl::Status SumCommissioners(CommissionerStatements& out) {
  constexpr size_t kTotals = std::size(kTotalFields);
  std::array<Int128, kTotals> totals{};
  std::array<std::array<Int128, std::size(kClusterFields)>, Cluster::kCount>
      clusters{};
  std::array<std::optional<Cluster>, Cluster::kCount> seen{};
  for (const CommissionerStatement& c : out.commissioners) {
    const Statement& st = c.statement;
    out.lines += static_cast<int64_t>(st.lines.size());
    out.decoupled = out.decoupled || st.decoupled;
    for (size_t f = 0; f < kTotals; ++f) {
      totals[f] += st.totals.*kTotalFields[f];
    }
    for (const ClusterStatement& cs : st.clusters) {
      const int k = cs.cluster.index();
      seen[k] = cs.cluster;
      for (size_t f = 0; f < std::size(kClusterFields); ++f) {
        clusters[k][f] += cs.*kClusterFields[f];
      }
    }
  }
  for (size_t f = 0; f < kTotals; ++f) {
    MHPBR_ASSIGN_OR_RETURN(out.totals.*kTotalFields[f], RoundDiv(totals[f], 1));
  }
  for (size_t k = 0; k < seen.size(); ++k) {
    if (!seen[k]) continue;
    ClusterStatement& cs = out.clusters.emplace_back();
    cs.cluster = *seen[k];
    for (size_t f = 0; f < std::size(kClusterFields); ++f) {
      MHPBR_ASSIGN_OR_RETURN(cs.*kClusterFields[f],
                             RoundDiv(clusters[k][f], 1));
    }
  }
  return absl::OkStatus();
}

// The lines of records naming no commissioner: the line a contract of the
// year writes for the period (so its days are the statement's), paying 0.
absl::Status NoCommissionerLines(absl::Span<const PeriodToPrice* const> periods,
                                 absl::Span<const OneOff* const> one_offs,
                                 const PeriodPricer& pricer,
                                 CommissionerStatements& out) {
  for (const OneOff* o : one_offs) {
    StatementLine& line = out.no_commissioner.emplace_back();
    line.one_off = true;
    line.item = o->item;
    line.start = pricer.contract().year_start;
    line.units = o->count;
    line.status = LineStatus::kNoCommissioner;
  }
  const size_t first_period = out.no_commissioner.size();
  for (const PeriodToPrice* p : periods) {
    StatementLine& line = out.no_commissioner.emplace_back();
    MHPBR_ASSIGN_OR_RETURN(const bool in_year, pricer.PriceInto(*p, &line));
    if (!in_year) {
      out.no_commissioner.pop_back();
      continue;
    }
    line.basis.reset();
    line.units = 0;
    line.amount_pence = 0;
    line.social_care_pence = 0;
    line.status = LineStatus::kNoCommissioner;
  }
  SortByPatientThenStart(
      absl::MakeSpan(out.no_commissioner).subspan(first_period));
  out.periods_without_commissioner = static_cast<int64_t>(periods.size());
  out.one_offs_without_commissioner = static_cast<int64_t>(one_offs.size());
  return absl::OkStatus();
}

absl::StatusOr<CommissionerStatements> Assemble(
    absl::Span<const PeriodToPrice> periods, absl::Span<const OneOff> one_offs,
    const TariffSchedule& tariff, absl::Span<const Contract> contracts,
    const RuleSet& rules, absl::Span<const std::string> names,
    PriceShare price) {
  MHPBR_RETURN_IF_ERROR(ValidateCommissionerContracts(contracts, names));
  CommissionerStatements out;
  for (const Contract& c : contracts) {
    if (!c.provider.empty()) out.provider = c.provider;
  }
  if (!PricesByCommissioner(contracts)) {
    // The one contract pays for everything, exactly as PriceContract.
    CommissionerStatement& only = out.commissioners.emplace_back();
    only.provider = out.provider;
    MHPBR_ASSIGN_OR_RETURN(only.statement,
                           price(contracts[0], periods, one_offs));
    MHPBR_RETURN_IF_ERROR(SumCommissioners(out));
    return out;
  }

  std::map<absl::string_view, Share> shares;
  for (const Contract& c : contracts) shares[c.commissioner].contract = &c;
  std::vector<const PeriodToPrice*> no_periods;
  std::vector<const OneOff*> no_one_offs;
  for (const PeriodToPrice& p : periods) {
    if (p.commissioner.empty()) {
      no_periods.push_back(&p);
    } else if (auto it = shares.find(p.commissioner); it != shares.end()) {
      it->second.periods.push_back(p);
    } else {
      out.without_contract.push_back(
          {false, p.line, p.patient_id, p.commissioner});
    }
  }
  for (const OneOff& o : one_offs) {
    if (o.commissioner.empty()) {
      no_one_offs.push_back(&o);
    } else if (auto it = shares.find(o.commissioner); it != shares.end()) {
      it->second.one_offs.push_back(o);
    } else {
      out.without_contract.push_back({true, o.line, o.item, o.commissioner});
    }
  }
  for (auto& [code, share] : shares) {
    CommissionerStatement& cs = out.commissioners.emplace_back();
    cs.commissioner = std::string(code);
    cs.provider = share.contract->provider.empty() ? out.provider
                                                   : share.contract->provider;
    MHPBR_ASSIGN_OR_RETURN(
        cs.statement, price(*share.contract, share.periods, share.one_offs));
    for (StatementLine& l : cs.statement.lines)
      l.commissioner = cs.commissioner;
  }
  MHPBR_RETURN_IF_ERROR(SumCommissioners(out));
  // Every contract has the year: any one gives the lines' days.
  MHPBR_ASSIGN_OR_RETURN(
      const PeriodPricer pricer,
      PeriodPricer::Create(tariff, *shares.begin()->second.contract, rules));
  MHPBR_RETURN_IF_ERROR(
      NoCommissionerLines(no_periods, no_one_offs, pricer, out));
  return out;
}

}  // namespace

bool PricesByCommissioner(absl::Span<const Contract> contracts) {
  return std::any_of(contracts.begin(), contracts.end(),
                     [](const Contract& c) { return !c.commissioner.empty(); });
}

absl::Status ValidateCommissionerContracts(
    absl::Span<const Contract> contracts, absl::Span<const std::string> names) {
  if (contracts.empty()) return absl::InvalidArgumentError("no contract");
  if (!PricesByCommissioner(contracts)) {
    if (contracts.size() > 1) {
      return absl::InvalidArgumentError(absl::StrCat(
          ContractName(names, 0), ", ", ContractName(names, 1),
          ": commissioner: empty; several contracts are priced one per "
          "commissioner, so each names its commissioner"));
    }
    return ValidateContract(contracts[0]);
  }
  const Contract* provider_of = nullptr;
  size_t provider_at = 0;
  for (size_t i = 0; i < contracts.size(); ++i) {
    const Contract& c = contracts[i];
    const std::string name = ContractName(names, i);
    if (absl::Status s = ValidateContract(c); !s.ok()) {
      return absl::Status(s.code(), absl::StrCat(name, ": ", s.message()));
    }
    if (c.commissioner.empty()) {
      return absl::InvalidArgumentError(absl::StrCat(
          name,
          ": commissioner: empty; several contracts are priced one per "
          "commissioner, so each names its commissioner"));
    }
    if (i > 0 && c.year_start != contracts[0].year_start) {
      return absl::InvalidArgumentError(absl::StrCat(
          name, ": year_start ", FormatIsoDate(c.year_start), " differs from ",
          ContractName(names, 0), "'s ", FormatIsoDate(contracts[0].year_start),
          "; contracts priced together cover one year"));
    }
    for (size_t j = 0; j < i; ++j) {
      if (contracts[j].commissioner == c.commissioner) {
        return absl::InvalidArgumentError(
            absl::StrCat(ContractName(names, j), " and ", name,
                         " are both for commissioner '", c.commissioner, "'"));
      }
    }
    if (c.provider.empty()) continue;
    if (provider_of != nullptr && provider_of->provider != c.provider) {
      return absl::InvalidArgumentError(absl::StrCat(
          name, ": provider '", c.provider, "' differs from ",
          ContractName(names, provider_at), "'s '", provider_of->provider,
          "'; contracts priced together are for one provider"));
    }
    provider_of = &c;
    provider_at = i;
  }
  return absl::OkStatus();
}

absl::StatusOr<CommissionerStatements> PriceByCommissioner(
    absl::Span<const PeriodToPrice> periods, absl::Span<const OneOff> one_offs,
    const TariffSchedule& tariff, absl::Span<const Contract> contracts,
    const RuleSet& rules, absl::Span<const MeasuredIndicator> measured,
    absl::Span<const std::string> names) {
  return Assemble(periods, one_offs, tariff, contracts, rules, names,
                  [&](const Contract& c, absl::Span<const PeriodToPrice> p,
                      absl::Span<const OneOff> o) {
                    return PriceContract(p, o, tariff, c, rules, measured);
                  });
}

absl::StatusOr<CommissionerInYear> PriceInYearByCommissioner(
    absl::Span<const PeriodToPrice> periods, absl::Span<const OneOff> one_offs,
    const TariffSchedule& tariff, absl::Span<const Contract> contracts,
    const RuleSet& rules, absl::CivilDay as_of,
    absl::Span<const MeasuredIndicator> measured,
    absl::Span<const std::string> names) {
  CommissionerInYear out;
  out.as_of = as_of;
  MHPBR_ASSIGN_OR_RETURN(
      out.forecast,
      Assemble(periods, one_offs, tariff, contracts, rules, names,
               [&](const Contract& c, absl::Span<const PeriodToPrice> p,
                   absl::Span<const OneOff> o) -> absl::StatusOr<Statement> {
                 MHPBR_ASSIGN_OR_RETURN(
                     InYearStatement iy,
                     PriceInYear(p, o, tariff, c, rules, as_of, measured));
                 Statement forecast = std::move(iy.forecast);
                 out.in_year.push_back(std::move(iy));
                 return forecast;
               }));
  // Every contract has the year, so every commissioner the same months.
  std::vector<std::array<Int128, std::size(kMonthFields)>> months;
  for (const InYearStatement& iy : out.in_year) {
    months.resize(iy.months.size());
    for (size_t m = 0; m < iy.months.size(); ++m) {
      for (size_t f = 0; f < std::size(kMonthFields); ++f) {
        months[m][f] += iy.months[m].*kMonthFields[f];
      }
    }
  }
  for (size_t m = 0; m < months.size(); ++m) {
    InYearMonth& month = out.months.emplace_back();
    month.month = out.in_year[0].months[m].month;
    for (size_t f = 0; f < std::size(kMonthFields); ++f) {
      MHPBR_ASSIGN_OR_RETURN(month.*kMonthFields[f], RoundDiv(months[m][f], 1));
    }
  }
  if (!out.months.empty()) {
    out.earned_to_date_pence = out.months.back().cumulative_pence;
  }
  out.assumptions = out.in_year[0].assumptions;
  for (size_t a = 0; a < out.assumptions.size(); ++a) {
    Int128 sum = 0;
    bool counts = true;
    for (const InYearStatement& iy : out.in_year) {
      int64_t n = 0;
      counts = counts && a < iy.assumptions.size() &&
               absl::SimpleAtoi(iy.assumptions[a].second, &n);
      sum += n;
    }
    if (!counts) continue;
    MHPBR_ASSIGN_OR_RETURN(const int64_t total, RoundDiv(sum, 1));
    out.assumptions[a].second = absl::StrCat(total);
  }
  return out;
}

}  // namespace mhpbr
