#include "mhpbr/rule_set.h"

#include <cmath>
#include <set>
#include <utility>

#include "absl/status/status.h"
#include "absl/strings/str_cat.h"
#include "lib/util/status_macros.h"
#include "mhpbr/mhct_ratings.h"

namespace mhpbr {
namespace {

absl::Status Invalid(absl::string_view where, absl::string_view what) {
  return absl::InvalidArgumentError(absl::StrCat(where, ": ", what));
}

absl::StatusOr<Band> ParseBand(char letter) {
  switch (letter) {
    case 'M':
      return Band::kMust;
    case 'E':
      return Band::kExpected;
    case 'L':
      return Band::kLikely;
    case 'U':
      return Band::kUnlikely;
    default:
      return absl::InvalidArgumentError(
          absl::StrCat("unknown band letter '", std::string(1, letter),
                       "' (expected M, E, L or U)"));
  }
}

absl::StatusOr<int32_t> WeightToMilli(absl::string_view name, double w) {
  const std::string where = absl::StrCat("weights.", name);
  if (!std::isfinite(w)) return Invalid(where, "must be a finite number");
  if (std::fabs(w) > 1000) return Invalid(where, "must lie within -1000..1000");
  const double scaled = w * kFitScale;
  const double rounded = std::round(scaled);
  if (std::fabs(scaled - rounded) > 1e-6) {
    return Invalid(where, "must have at most three decimal places");
  }
  return static_cast<int32_t>(rounded);
}

}  // namespace

absl::StatusOr<std::shared_ptr<const RuleSet>> RuleSet::Create(
    RuleSetContents contents) {
  std::shared_ptr<RuleSet> rs(new RuleSet());
  const Provenance& prov = contents.provenance;
  if (prov.source.empty()) {
    return Invalid("provenance.source", "must name the source document");
  }
  if (prov.financial_year.empty()) {
    return Invalid("provenance.financial_year", "must be given");
  }
  if (prov.effective_to && *prov.effective_to < prov.effective_from) {
    return Invalid("provenance.effective_to", "is before effective_from");
  }

  // Items: the national list, each at most once; names are the trust's.
  std::set<std::string> item_codes;
  for (const ItemInfo& it : contents.items) {
    const bool known = ParseItemCode(it.code).ok() ||
                       ParseItem8TypeCode(it.code).ok() || it.code == "8";
    if (!known) return Invalid(absl::StrCat("item ", it.code), "unknown code");
    if (!item_codes.insert(it.code).second) {
      return Invalid(absl::StrCat("item ", it.code), "listed twice");
    }
  }

  // Clusters: every code 0-8 and 10-21 exactly once.
  std::array<bool, Cluster::kCount> seen{};
  for (const auto& c : contents.clusters) {
    const std::string where = absl::StrCat("cluster ", c.code);
    auto cluster = Cluster::FromCode(c.code);
    if (!cluster.ok()) return Invalid(where, "not a cluster code (0-8, 10-21)");
    if (seen[cluster->index()]) return Invalid(where, "listed twice");
    seen[cluster->index()] = true;
    if (c.name.empty()) return Invalid(where, "name is empty");
    if (!c.superclass) return Invalid(where, "superclass is missing");
    if ((*c.superclass == Superclass::kVariance) != cluster->is_variance()) {
      return Invalid(where, cluster->is_variance()
                                ? "superclass must be variance"
                                : "superclass variance is only for cluster 0");
    }
    if (!c.review_unit || c.review_count <= 0 || c.review_count > 120) {
      return Invalid(where,
                     "max_review needs a count of 1-120 and a unit (weeks or "
                     "months)");
    }
    ClusterInfo& info = rs->clusters_[cluster->index()];
    info.cluster = *cluster;
    info.name = c.name;
    info.superclass = *c.superclass;
    info.subgroup = c.subgroup;
    info.max_review = ReviewPeriod{c.review_count, *c.review_unit};
  }
  for (int i = 0; i < Cluster::kCount; ++i) {
    if (!seen[i]) {
      return Invalid(absl::StrCat("cluster ", Cluster::FromIndex(i).code()),
                     "missing from the rule set");
    }
  }

  // Profiles: one per cluster 1-8 and 10-21, 18 rows, five letters each.
  std::array<bool, Cluster::kProfiled> has_profile{};
  for (const auto& p : contents.profiles) {
    const std::string where = absl::StrCat("profile of cluster ", p.cluster);
    auto cluster = Cluster::FromCode(p.cluster);
    if (!cluster.ok()) return Invalid(where, "not a cluster code");
    if (cluster->is_variance())
      return Invalid(where, "cluster 0 has no profile");
    const int k = cluster->profile_index();
    if (has_profile[k]) return Invalid(where, "given twice");
    has_profile[k] = true;
    std::array<bool, kItemCount> row_seen{};
    for (const auto& row : p.rows) {
      auto item = ParseItemCode(row.item);
      if (!item.ok()) {
        return Invalid(absl::StrCat("cluster ", p.cluster, " item ", row.item),
                       "not a profile row (1-13, A-E)");
      }
      const std::string cell =
          absl::StrCat("cluster ", p.cluster, " item ", ItemCode(*item));
      const int r = ItemIndex(*item);
      if (row_seen[r]) return Invalid(cell, "row given twice");
      row_seen[r] = true;
      if (row.bands.size() != kRatingCount) {
        return Invalid(cell, absl::StrCat("bands '", row.bands,
                                          "' must be five letters, one per "
                                          "rating 0-4"));
      }
      bool any_must = false;
      for (int rating = 0; rating < kRatingCount; ++rating) {
        auto band = ParseBand(row.bands[rating]);
        if (!band.ok()) {
          return Invalid(absl::StrCat(cell, " rating ", rating),
                         band.status().message());
        }
        rs->bands_[k][r][rating] = *band;
        any_must |= *band == Band::kMust;
      }
      rs->has_must_[k][r] = any_must;
    }
    for (int r = 0; r < kItemCount; ++r) {
      if (!row_seen[r]) {
        return Invalid(
            absl::StrCat("cluster ", p.cluster, " item ", ItemCode(ItemAt(r))),
            "row missing from the profile");
      }
    }
  }
  for (int k = 0; k < Cluster::kProfiled; ++k) {
    if (!has_profile[k]) {
      return Invalid(
          absl::StrCat("cluster ", Cluster::FromProfileIndex(k).code()),
          "has no profile");
    }
  }

  const auto& w = contents.weights;
  MHPBR_ASSIGN_OR_RETURN(rs->weights_milli_[0], WeightToMilli("must", w.must));
  MHPBR_ASSIGN_OR_RETURN(rs->weights_milli_[1],
                         WeightToMilli("expected", w.expected));
  MHPBR_ASSIGN_OR_RETURN(rs->weights_milli_[2],
                         WeightToMilli("likely", w.likely));
  MHPBR_ASSIGN_OR_RETURN(rs->weights_milli_[3],
                         WeightToMilli("unlikely", w.unlikely));

  if (contents.min_known_items < 1 || contents.min_known_items > kItemCount) {
    return Invalid("min_known_items",
                   absl::StrCat(contents.min_known_items,
                                " is not within 1-18 (the profile rows)"));
  }

  {
    const OutcomeRules& o = contents.outcomes;
    const struct {
      const char* name;
      int value, low, high;
    } ranges[] = {
        {"max_unknown_items", o.max_unknown_items, 0, 12},
        {"start_before_days", o.start_before_days, 0, 3660},
        {"start_after_days", o.start_after_days, 0, 3660},
        {"min_interval_days", o.min_interval_days, 1, 3660},
        {"end_after_days", o.end_after_days, 0, 3660},
        {"reliable_change", o.reliable_change, 1, 48},
        {"clinical_cutoff", o.clinical_cutoff, 1, 48},
        {"follow_up_days", o.follow_up_days, 1, 3660},
    };
    for (const auto& r : ranges) {
      if (r.value < r.low || r.value > r.high) {
        return Invalid(
            absl::StrCat("outcomes.", r.name),
            absl::StrCat(r.value, " is not within ", r.low, "-", r.high));
      }
    }
    int below = -1;
    for (int b : o.band_upper) {
      if (b <= below || b > 47) {
        return Invalid("outcomes.band_upper",
                       absl::StrCat(b, " is not above ", below,
                                    " and within 0-47 (bounds rise strictly)"));
      }
      below = b;
    }
  }

  if (const SuppressionRules& s = contents.suppression;
      s.threshold < 0 || s.threshold > 1000000) {
    return Invalid("suppression.threshold",
                   absl::StrCat(s.threshold, " is not within 0-1000000"));
  } else if (s.base < 1 || s.base > 1000000) {
    return Invalid("suppression.base",
                   absl::StrCat(s.base, " is not within 1-1000000"));
  }

  {
    const SpcRules& s = contents.spc;
    const struct {
      const char* name;
      int value, low, high;
    } ranges[] = {
        {"limit_milli", s.limit_milli, 1, 100000},
        {"near_denominator", s.near_denominator, 1, 100},
        {"near_numerator", s.near_numerator, 1, s.near_denominator},
        // Above 1000, at least one moving range always survives screening.
        {"screen_milli", s.screen_milli, 1001, 100000},
        {"run_length", s.run_length, 2, 1000},
        {"trend_length", s.trend_length, 2, 1000},
        {"short_below", s.short_below, 1, 1000},
    };
    for (const auto& r : ranges) {
      if (r.value < r.low || r.value > r.high) {
        return Invalid(
            absl::StrCat("spc.", r.name),
            absl::StrCat(r.value, " is not within ", r.low, "-", r.high));
      }
    }
  }

  // Transitions: with allow_all, everything; else only the listed moves
  // (plus the ones TransitionTable always allows).
  if (!contents.allow_all_transitions) {
    MHPBR_ASSIGN_OR_RETURN(rs->transitions_,
                           TransitionTable::FromMoves(contents.transitions));
  }

  for (size_t e = 0; e < contents.examples.size(); ++e) {
    const auto& ex = contents.examples[e];
    const std::string where =
        absl::StrCat("example ", e + 1, " (cluster ", ex.cluster, ")");
    auto cluster = Cluster::FromCode(ex.cluster);
    if (!cluster.ok()) return Invalid(where, "not a cluster code");
    if (ex.ratings.size() != kItemCount) {
      return Invalid(where, absl::StrCat("has ", ex.ratings.size(),
                                         " ratings; needs 18 (1-13, A-E)"));
    }
    RuleSetExample out{*cluster, {}};
    for (int r = 0; r < kItemCount; ++r) {
      const int v = ex.ratings[r];
      if (!((v >= 0 && v <= 4) || v == kNotKnown)) {
        return Invalid(absl::StrCat(where, " item ", ItemCode(ItemAt(r))),
                       absl::StrCat("rating ", v, " is not 0-4 or 9"));
      }
      out.ratings[r] = static_cast<uint8_t>(v);
    }
    rs->examples_.push_back(out);
  }

  rs->contents_ = std::move(contents);
  return std::shared_ptr<const RuleSet>(std::move(rs));
}

bool RuleSet::InForce(absl::CivilDay day) const {
  const Provenance& p = contents_.provenance;
  return day >= p.effective_from && (!p.effective_to || day <= *p.effective_to);
}

}  // namespace mhpbr
