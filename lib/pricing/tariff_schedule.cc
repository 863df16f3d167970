#include "mhpbr/tariff_schedule.h"

#include <algorithm>
#include <utility>

#include "absl/status/status.h"
#include "absl/strings/str_cat.h"
#include "lib/util/shown_text.h"
#include "mhpbr/dates.h"
#include "mhpbr/money.h"

namespace mhpbr {

absl::string_view BasisName(Basis b) {
  switch (b) {
    case Basis::kDay:
      return "day";
    case Basis::kPeriod:
      return "period";
    case Basis::kYear:
      return "year";
  }
  return "day";
}

absl::StatusOr<Basis> ParseBasis(absl::string_view text) {
  if (text == "day") return Basis::kDay;
  if (text == "period") return Basis::kPeriod;
  if (text == "year") return Basis::kYear;
  return absl::InvalidArgumentError(
      absl::StrCat("basis '", ShownText(text), "' is not day, period or year"));
}

std::string EffectiveDates(const TariffEntry& e) {
  if (!e.dated()) return "any date";
  return absl::StrCat(
      e.effective_from ? FormatIsoDate(*e.effective_from) : "open", " to ",
      e.effective_to ? FormatIsoDate(*e.effective_to) : "open");
}

const TariffEntry* TariffSchedule::FindOn(Cluster c, absl::CivilDay day) const {
  for (const TariffEntry& e : EntriesFor(c)) {
    if (e.InForce(day)) return &e;
  }
  return nullptr;
}

absl::StatusOr<TariffSchedule> TariffSchedule::Create(
    std::vector<TariffEntry> entries, std::string source) {
  TariffSchedule t;
  t.source_ = std::move(source);
  // Undated sorts first, as an unbounded start: with dated entries of its
  // cluster it overlaps the first of them.
  std::stable_sort(entries.begin(), entries.end(),
                   [](const TariffEntry& a, const TariffEntry& b) {
                     if (a.cluster != b.cluster) return a.cluster < b.cluster;
                     return a.effective_from < b.effective_from;
                   });
  for (size_t i = 0; i < entries.size(); ++i) {
    const TariffEntry& e = entries[i];
    const std::string where =
        absl::StrCat("tariff for cluster ", e.cluster.code());
    if (e.price_pence < 0 || e.price_pence > kMaxPricePence) {
      return absl::InvalidArgumentError(
          absl::StrCat(where, ": price_pence ", e.price_pence,
                       " is not within 0..", kMaxPricePence));
    }
    if (e.social_care_ppm < 0 || e.social_care_ppm > kPpm) {
      return absl::InvalidArgumentError(
          absl::StrCat(where, ": social_care_ppm ", e.social_care_ppm,
                       " is not within 0..1000000"));
    }
    if (e.admitted_price_pence.has_value() !=
        e.community_price_pence.has_value()) {
      return absl::InvalidArgumentError(
          absl::StrCat(where, ": ",
                       e.admitted_price_pence ? "community_price_pence"
                                              : "admitted_price_pence",
                       " is missing: setting prices come in pairs"));
    }
    if (e.has_setting_prices()) {
      if (e.basis != Basis::kDay) {
        return absl::InvalidArgumentError(
            absl::StrCat(where,
                         ": admitted_price_pence: setting prices need "
                         "basis day, not ",
                         BasisName(e.basis)));
      }
      for (const auto& [name, price] :
           {std::pair<const char*, int64_t>{"admitted_price_pence",
                                            *e.admitted_price_pence},
            {"community_price_pence", *e.community_price_pence}}) {
        if (price < 0 || price > kMaxPricePence) {
          return absl::InvalidArgumentError(
              absl::StrCat(where, ": ", name, " ", price, " is not within 0..",
                           kMaxPricePence));
        }
      }
      t.has_setting_prices_ = true;
    }
    if (e.effective_from && e.effective_to &&
        *e.effective_to < *e.effective_from) {
      return absl::InvalidArgumentError(absl::StrCat(
          where, ": effective_to ", FormatIsoDate(*e.effective_to),
          " is before effective_from ", FormatIsoDate(*e.effective_from)));
    }
    t.dated_ = t.dated_ || e.dated();
    const int k = e.cluster.index();
    if (t.index_[k] >= 0) {
      const TariffEntry& prior = entries[i - 1];
      if (!e.dated() && !prior.dated()) {
        return absl::InvalidArgumentError(
            absl::StrCat(where, ": listed twice"));
      }
      // Sorted by start: only the one before can reach into this one.
      if (!prior.effective_to ||
          (e.effective_from && *e.effective_from <= *prior.effective_to) ||
          !e.effective_from) {
        return absl::InvalidArgumentError(
            absl::StrCat(where, ": entries in force ", EffectiveDates(prior),
                         " and ", EffectiveDates(e), " overlap"));
      }
      const TariffEntry& first = entries[t.index_[k]];
      if (e.basis != first.basis ||
          e.social_care_ppm != first.social_care_ppm ||
          e.has_setting_prices() != first.has_setting_prices()) {
        return absl::InvalidArgumentError(absl::StrCat(
            where, ": the entry in force ", EffectiveDates(e),
            " differs from the one in force ", EffectiveDates(first),
            " in basis, social_care_ppm or setting prices"));
      }
    } else {
      t.index_[k] = static_cast<int>(i);
    }
    ++t.count_[k];
  }
  t.entries_ = std::move(entries);
  return t;
}

}  // namespace mhpbr
