#include "mhpbr/contract.h"

#include "absl/strings/str_cat.h"
#include "mhpbr/dates.h"
#include "mhpbr/measured_indicator.h"
#include "mhpbr/money.h"

namespace mhpbr {
namespace {

absl::Status Invalid(absl::string_view field, absl::string_view what) {
  return absl::InvalidArgumentError(
      absl::StrCat("contract ", field, ": ", what));
}

bool InPpmRange(int64_t v) { return v >= 0 && v <= kPpm; }

}  // namespace

absl::Status ValidateContract(const Contract& c) {
  if (c.year_start.month() != 4 || c.year_start.day() != 1) {
    return Invalid(
        "year_start",
        absl::StrCat(FormatIsoDate(c.year_start),
                     " is not 1 April (the financial year's start)"));
  }
  if (c.mff_ppm <= 0 || c.mff_ppm > 10 * kPpm) {
    return Invalid("mff_ppm",
                   absl::StrCat(c.mff_ppm, " is not within 1..10000000"));
  }
  if (c.baseline_pence < 0 || c.baseline_pence > int64_t{1} << 53) {
    return Invalid("baseline_pence",
                   absl::StrCat(c.baseline_pence, " is negative or too large"));
  }
  const size_t n = c.risk_bands.size();
  if (n > 0 && c.baseline_pence == 0) {
    return Invalid("baseline_pence",
                   "must be above 0 when there are risk bands (they are "
                   "percentages of it)");
  }
  for (size_t i = 0; i < n; ++i) {
    const RiskBand& b = c.risk_bands[i];
    const std::string field = absl::StrCat("risk_bands[", i, "]");
    if (!InPpmRange(b.rate_ppm)) {
      return Invalid(field, absl::StrCat("rate_ppm ", b.rate_ppm,
                                         " is not within 0..1000000"));
    }
    if (i == 0 && b.from_pct) {
      return Invalid(field,
                     "the first band must have no from_pct (it starts at "
                     "minus infinity); bands must cover every deviation");
    }
    if (i > 0 && !b.from_pct) {
      return Invalid(field, "only the first band may leave out from_pct");
    }
    if (i + 1 == n && b.to_pct) {
      return Invalid(field,
                     "the last band must have no to_pct (it runs to plus "
                     "infinity); bands must cover every deviation");
    }
    if (i + 1 < n && !b.to_pct) {
      return Invalid(field, "only the last band may leave out to_pct");
    }
    if (b.from_pct && b.to_pct && *b.from_pct >= *b.to_pct) {
      return Invalid(field, absl::StrCat("from_pct ", *b.from_pct,
                                         " is not below to_pct ", *b.to_pct));
    }
    if (i > 0 && *b.from_pct != *c.risk_bands[i - 1].to_pct) {
      return Invalid(
          field, absl::StrCat(
                     "from_pct ", *b.from_pct, " does not continue from ",
                     "the previous band's to_pct ", *c.risk_bands[i - 1].to_pct,
                     " (bands must be ordered, contiguous, not overlapping)"));
    }
  }
  if (!InPpmRange(c.withhold_ppm)) {
    return Invalid("withhold_ppm",
                   absl::StrCat(c.withhold_ppm, " is not within 0..1000000"));
  }
  int64_t weights = 0;
  for (size_t i = 0; i < c.outcomes.size(); ++i) {
    const OutcomeIndicator& o = c.outcomes[i];
    const std::string field = absl::StrCat("outcomes[", i, "] (", o.name, ")");
    if (!InPpmRange(o.weight_ppm)) {
      return Invalid(field, absl::StrCat("weight_ppm ", o.weight_ppm,
                                         " is not within 0..1000000"));
    }
    if (!InPpmRange(o.attainment_ppm)) {
      return Invalid(field, absl::StrCat("attainment_ppm ", o.attainment_ppm,
                                         " is not within 0..1000000"));
    }
    if (o.measured()) {
      if (o.attainment_given || o.attainment_ppm != 0) {
        return Invalid(field,
                       "gives attainment_ppm and floor_ppm/target_ppm; give "
                       "one or the other");
      }
      if (!o.floor_ppm || !o.target_ppm) {
        return Invalid(field, o.floor_ppm ? "floor_ppm without target_ppm"
                                          : "target_ppm without floor_ppm");
      }
      if (!InPpmRange(*o.floor_ppm)) {
        return Invalid(field, absl::StrCat("floor_ppm ", *o.floor_ppm,
                                           " is not within 0..1000000"));
      }
      if (!InPpmRange(*o.target_ppm)) {
        return Invalid(field, absl::StrCat("target_ppm ", *o.target_ppm,
                                           " is not within 0..1000000"));
      }
      if (*o.floor_ppm >= *o.target_ppm) {
        return Invalid(
            field, absl::StrCat("floor_ppm ", *o.floor_ppm,
                                " is not below target_ppm ", *o.target_ppm));
      }
      if (!IsIndicatorName(o.name)) {
        return Invalid(field, absl::StrCat("name '", o.name,
                                           "' is not an indicator (one of ",
                                           IndicatorNameList(), ")"));
      }
    }
    weights += o.weight_ppm;
  }
  if (c.incentive == Incentive::kBonus) {
    if (c.bonus_pot_pence <= 0 || c.bonus_pot_pence > int64_t{1} << 53) {
      return Invalid("bonus_pot_pence",
                     absl::StrCat(c.bonus_pot_pence,
                                  " must be above 0 (and not too large) with "
                                  "incentive BONUS"));
    }
    if (c.withhold_ppm != 0) {
      return Invalid("withhold_ppm",
                     "must be 0 with incentive BONUS (nothing is withheld)");
    }
  } else if (c.bonus_pot_pence != 0) {
    return Invalid("bonus_pot_pence",
                   "is only for incentive BONUS (the default is WITHHOLD)");
  }
  if ((c.withhold_ppm > 0 || !c.outcomes.empty()) && weights != kPpm) {
    return Invalid("outcomes", absl::StrCat("weights sum to ", weights,
                                            "; they must sum to 1000000"));
  }
  return absl::OkStatus();
}

}  // namespace mhpbr
