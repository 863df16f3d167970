#include "mhpbr/tariff_schedule.h"

#include <algorithm>
#include <utility>

#include "absl/status/status.h"
#include "absl/strings/str_cat.h"
#include "lib/util/shown_text.h"
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

absl::StatusOr<TariffSchedule> TariffSchedule::Create(
    std::vector<TariffEntry> entries, std::string source) {
  TariffSchedule t;
  t.source_ = std::move(source);
  std::stable_sort(entries.begin(), entries.end(),
                   [](const TariffEntry& a, const TariffEntry& b) {
                     return a.cluster < b.cluster;
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
    if (t.index_[e.cluster.index()] >= 0) {
      return absl::InvalidArgumentError(absl::StrCat(where, ": listed twice"));
    }
    t.index_[e.cluster.index()] = static_cast<int>(i);
  }
  t.entries_ = std::move(entries);
  return t;
}

}  // namespace mhpbr
