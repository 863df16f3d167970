#include "mhpbr/rule_set_diff.h"

#include <algorithm>
#include <utility>

#include "absl/strings/str_cat.h"
#include "absl/strings/str_join.h"
#include "mhpbr/classification.h"
#include "mhpbr/dates.h"

namespace mhpbr {
namespace {

class Differences {
 public:
  void Add(absl::string_view section, std::string key, std::string a,
           std::string b) {
    if (a == b) return;
    rows_.push_back(
        {std::string(section), std::move(key), std::move(a), std::move(b)});
  }
  // Rows were added in each section's natural order; keep it.
  std::vector<RuleSetDifference> Sorted() && {
    std::stable_sort(
        rows_.begin(), rows_.end(),
        [](const RuleSetDifference& x, const RuleSetDifference& y) {
          return x.section < y.section;
        });
    return std::move(rows_);
  }

 private:
  std::vector<RuleSetDifference> rows_;
};

std::string ClusterKey(Cluster c) { return absl::StrCat("cluster ", c.code()); }

std::string ReviewText(const ReviewPeriod& r) {
  return absl::StrCat(
      r.count, r.unit == ReviewPeriod::Unit::kWeeks ? " weeks" : " months");
}

std::string SectionName(ItemSection s) {
  switch (s) {
    case ItemSection::kCurrent:
      return "current";
    case ItemSection::kHistorical:
      return "historical";
    case ItemSection::kItem8Type:
      return "item_8_type";
  }
  return "";
}

std::string BandLetters(const RuleSet& rules, Cluster c, Item i) {
  static constexpr char kLetters[kBandCount + 1] = "MELU";
  std::string out;
  for (int r = 0; r < kRatingCount; ++r) {
    out.push_back(kLetters[static_cast<int>(rules.band(c, i, r))]);
  }
  return out;
}

std::string MustRatings(const RuleSet& rules, Cluster c, Item i) {
  if (!rules.has_must(c, i)) return "none";
  std::vector<int> must;
  for (int r = 0; r < kRatingCount; ++r) {
    if (rules.band(c, i, r) == Band::kMust) must.push_back(r);
  }
  return absl::StrJoin(must, " ");
}

std::string MovesFrom(const RuleSet& rules, Cluster from) {
  std::vector<int> to;
  int others = 0;
  for (const ClusterInfo& info : rules.clusters()) {
    if (info.cluster == from || info.cluster.is_variance()) continue;
    ++others;
    if (rules.TransitionAllowed(from, info.cluster)) {
      to.push_back(info.cluster.code());
    }
  }
  if (to.empty()) return "none";
  if (static_cast<int>(to.size()) == others) return "all";
  return absl::StrJoin(to, " ");
}

std::string ExamplesOf(const RuleSet& rules, Cluster c) {
  std::vector<std::string> each;
  for (const RuleSetExample& ex : rules.examples()) {
    if (ex.cluster != c) continue;
    const std::vector<int> ratings(ex.ratings.begin(), ex.ratings.end());
    each.push_back(absl::StrJoin(ratings, " "));
  }
  return absl::StrJoin(each, "; ");
}

void DiffProvenance(const Provenance& a, const Provenance& b,
                    Differences& out) {
  auto to = [](const Provenance& p) {
    return p.effective_to ? FormatIsoDate(*p.effective_to) : std::string();
  };
  out.Add("provenance", "source", a.source, b.source);
  out.Add("provenance", "financial_year", a.financial_year, b.financial_year);
  out.Add("provenance", "effective_from", FormatIsoDate(a.effective_from),
          FormatIsoDate(b.effective_from));
  out.Add("provenance", "effective_to", to(a), to(b));
  out.Add("provenance", "version", a.version, b.version);
  out.Add("provenance", "notes", a.notes, b.notes);
}

void DiffItems(const RuleSet& a, const RuleSet& b, Differences& out) {
  auto find = [](const RuleSet& rules, const std::string& code) {
    const auto items = rules.items();
    const auto it =
        std::find_if(items.begin(), items.end(),
                     [&](const ItemInfo& i) { return i.code == code; });
    return it == items.end() ? nullptr : &*it;
  };
  std::vector<std::string> codes;
  for (const ItemInfo& i : a.items()) codes.push_back(i.code);
  for (const ItemInfo& i : b.items()) {
    if (find(a, i.code) == nullptr) codes.push_back(i.code);
  }
  for (const std::string& code : codes) {
    const ItemInfo* x = find(a, code);
    const ItemInfo* y = find(b, code);
    const std::string key = absl::StrCat("item ", code);
    out.Add("item", absl::StrCat(key, " name"), x ? x->name : "",
            y ? y->name : "");
    out.Add("item", absl::StrCat(key, " section"),
            x ? SectionName(x->section) : "", y ? SectionName(y->section) : "");
  }
}

void DiffOutcomes(const OutcomeRules& a, const OutcomeRules& b,
                  Differences& out) {
  const std::pair<const char*, int OutcomeRules::*> fields[] = {
      {"max_unknown_items", &OutcomeRules::max_unknown_items},
      {"start_before_days", &OutcomeRules::start_before_days},
      {"start_after_days", &OutcomeRules::start_after_days},
      {"min_interval_days", &OutcomeRules::min_interval_days},
      {"end_after_days", &OutcomeRules::end_after_days},
      {"reliable_change", &OutcomeRules::reliable_change},
      {"clinical_cutoff", &OutcomeRules::clinical_cutoff},
      {"follow_up_days", &OutcomeRules::follow_up_days},
  };
  out.Add("outcome", "source", a.source, b.source);
  for (const auto& [name, field] : fields) {
    out.Add("outcome", name, absl::StrCat(a.*field), absl::StrCat(b.*field));
  }
  out.Add("outcome", "band_upper", absl::StrJoin(a.band_upper, ","),
          absl::StrJoin(b.band_upper, ","));
}

void DiffSpc(const SpcRules& a, const SpcRules& b, Differences& out) {
  const std::pair<const char*, int SpcRules::*> fields[] = {
      {"limit_milli", &SpcRules::limit_milli},
      {"near_numerator", &SpcRules::near_numerator},
      {"near_denominator", &SpcRules::near_denominator},
      {"screen_milli", &SpcRules::screen_milli},
      {"run_length", &SpcRules::run_length},
      {"trend_length", &SpcRules::trend_length},
      {"short_below", &SpcRules::short_below},
  };
  out.Add("spc", "source", a.source, b.source);
  for (const auto& [name, field] : fields) {
    out.Add("spc", name, absl::StrCat(a.*field), absl::StrCat(b.*field));
  }
}

}  // namespace

std::vector<RuleSetDifference> DiffRuleSets(const RuleSet& a,
                                            const RuleSet& b) {
  Differences out;
  DiffProvenance(a.provenance(), b.provenance(), out);
  DiffItems(a, b, out);
  const std::pair<const char*, Band> bands[] = {{"must", Band::kMust},
                                                {"expected", Band::kExpected},
                                                {"likely", Band::kLikely},
                                                {"unlikely", Band::kUnlikely}};
  for (const auto& [name, band] : bands) {
    out.Add("weight", name, FormatFit(a.weight_milli(band)),
            FormatFit(b.weight_milli(band)));
  }
  out.Add("setting", "min_known_items", absl::StrCat(a.min_known_items()),
          absl::StrCat(b.min_known_items()));
  auto day_count = [](DayCount d) {
    return d == DayCount::kMhsds ? "mhsds" : "inclusive";
  };
  out.Add("setting", "day_count", day_count(a.day_count()),
          day_count(b.day_count()));
  DiffOutcomes(a.outcomes(), b.outcomes(), out);
  DiffSpc(a.spc(), b.spc(), out);
  out.Add("suppression", "threshold", absl::StrCat(a.suppression().threshold),
          absl::StrCat(b.suppression().threshold));
  out.Add("suppression", "base", absl::StrCat(a.suppression().base),
          absl::StrCat(b.suppression().base));
  for (const ClusterInfo& x : a.clusters()) {
    const Cluster c = x.cluster;
    const ClusterInfo& y = b.cluster(c);
    const std::string key = ClusterKey(c);
    out.Add("cluster", absl::StrCat(key, " name"), x.name, y.name);
    out.Add("cluster", absl::StrCat(key, " superclass"),
            std::string(SuperclassName(x.superclass)),
            std::string(SuperclassName(y.superclass)));
    out.Add("cluster", absl::StrCat(key, " subgroup"), x.subgroup, y.subgroup);
    out.Add("review_period", key, ReviewText(x.max_review),
            ReviewText(y.max_review));
    out.Add("example", key, ExamplesOf(a, c), ExamplesOf(b, c));
    if (c.is_variance()) continue;
    out.Add("transition", absl::StrCat("from ", c.code()), MovesFrom(a, c),
            MovesFrom(b, c));
    for (int i = 0; i < kItemCount; ++i) {
      const Item item = ItemAt(i);
      const std::string row = absl::StrCat(key, " item ", ItemCode(item));
      out.Add("profile", row, BandLetters(a, c, item), BandLetters(b, c, item));
      out.Add("red_rule", row, MustRatings(a, c, item),
              MustRatings(b, c, item));
    }
  }
  return std::move(out).Sorted();
}

}  // namespace mhpbr
