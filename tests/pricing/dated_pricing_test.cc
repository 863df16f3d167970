// Pricing by date (contract_pricer.h): dated tariff rows, each day at the
// entry in force on it, and review periods by the rule set in force on
// their first day. Every figure is worked by hand in the comments.

#include <cstdio>
#include <memory>
#include <string>
#include <vector>

#include "absl/strings/str_cat.h"
#include "absl/strings/str_replace.h"
#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "lib/codec/pricing_proto.h"
#include "mhpbr/contract_pricer.h"
#include "mhpbr/pricing_io.h"
#include "mhpbr/rule_set_bundle.h"
#include "mhpbr/rule_set_bundle_text.h"
#include "mhpbr/rule_set_text.h"
#include "pricing_test_util.h"

namespace mhpbr {
namespace {

using ::testing::HasSubstr;
using testing_pricing::D;
using testing_pricing::Entry;
using testing_pricing::Period;
using testing_pricing::Rules;
using testing_pricing::Tariff;
using testing_pricing::YearContract;

TariffEntry Dated(TariffEntry e, std::optional<absl::CivilDay> from,
                  std::optional<absl::CivilDay> to) {
  e.effective_from = from;
  e.effective_to = to;
  return e;
}

// Cluster 3 per day: 123.45 to 2023-09-30, 135.79 from 2023-10-01.
TariffSchedule DayTariffChangingInOctober() {
  return Tariff(
      {Dated(Entry(3, Basis::kDay, 12345), D(2023, 4, 1), D(2023, 9, 30)),
       Dated(Entry(3, Basis::kDay, 13579), D(2023, 10, 1), std::nullopt)});
}

TEST(DatedPricing, DayBasisSplitsTheDaysByEntryAndRoundsOnce) {
  const TariffSchedule tariff = DayTariffChangingInOctober();
  const auto rules = Rules();
  // MFF 1.053217. 2023-09-01..2023-10-15: 30 September days at 12345 =
  // 370350 and 15 October days at 13579 = 203685; 574035 * 1.053217 =
  // 604583.420595 -> 604583. Rounding each part would give 390059 +
  // 214525 = 604584.
  const Contract contract = YearContract(2023, 1053217);
  auto line = PricePeriod(Period("P1", 3, D(2023, 9, 1), D(2023, 10, 15)),
                          tariff, contract, *rules);
  ASSERT_TRUE(line.ok()) << line.status();
  ASSERT_TRUE(line->has_value());
  EXPECT_EQ((*line)->days_in_year, 45);
  EXPECT_EQ((*line)->units, 45);
  EXPECT_EQ((*line)->amount_pence, 604583);
}

TEST(DatedPricing, YearBasisSplitsTheDaysToo) {
  // Per year: 3660000 to 2023-09-30, 7320000 from 2023-10-01; 2023/24 has
  // 366 days. 2023-09-21..2023-10-10: 10 days at 3660000 + 10 at 7320000
  // = 109800000, / 366 = 300000 exactly; MFF 1.000001 -> 300000.3 ->
  // 300000.
  const TariffSchedule tariff = Tariff(
      {Dated(Entry(3, Basis::kYear, 3660000), std::nullopt, D(2023, 9, 30)),
       Dated(Entry(3, Basis::kYear, 7320000), D(2023, 10, 1), std::nullopt)});
  auto line = PricePeriod(Period("P1", 3, D(2023, 9, 21), D(2023, 10, 10)),
                          tariff, YearContract(2023, 1000001), *Rules());
  ASSERT_TRUE(line.ok()) << line.status();
  EXPECT_EQ((*line)->amount_pence, 300000);
}

TEST(DatedPricing, ADayWithNoEntryIsAnErrorNamingClusterAndDate) {
  // 2023-10-01 falls between the rows.
  const TariffSchedule tariff = Tariff(
      {Dated(Entry(3, Basis::kDay, 12345), D(2023, 4, 1), D(2023, 9, 30)),
       Dated(Entry(3, Basis::kDay, 13579), D(2023, 10, 2), std::nullopt)});
  auto line = PricePeriod(Period("P1", 3, D(2023, 9, 1), D(2023, 10, 15), 7),
                          tariff, YearContract(2023), *Rules());
  ASSERT_FALSE(line.ok());
  EXPECT_EQ(line.status().message(),
            "period of patient P1 at line 7: no tariff for cluster 3 in "
            "force on 2023-10-01");
  // A period wholly inside one row is priced: 10 days at 13579.
  auto inside = PricePeriod(Period("P2", 3, D(2023, 10, 2), D(2023, 10, 11)),
                            tariff, YearContract(2023), *Rules());
  ASSERT_TRUE(inside.ok()) << inside.status();
  EXPECT_EQ((*inside)->amount_pence, 135790);
}

TEST(DatedPricing, OverlappingEntriesAreRefused) {
  auto t = TariffSchedule::Create(
      {Dated(Entry(3, Basis::kDay, 12345), D(2023, 4, 1), D(2023, 10, 1)),
       Dated(Entry(3, Basis::kDay, 13579), D(2023, 10, 1), std::nullopt)});
  ASSERT_FALSE(t.ok());
  EXPECT_EQ(t.status().message(),
            "tariff for cluster 3: entries in force 2023-04-01 to 2023-10-01 "
            "and 2023-10-01 to open overlap");
  // An undated row is in force on every day, so it overlaps any other.
  auto undated = TariffSchedule::Create(
      {Entry(3, Basis::kDay, 12345),
       Dated(Entry(3, Basis::kDay, 13579), D(2023, 10, 1), std::nullopt)});
  ASSERT_FALSE(undated.ok());
  EXPECT_THAT(undated.status().message(), HasSubstr("any date"));
  // One line has one basis.
  auto bases = TariffSchedule::Create(
      {Dated(Entry(3, Basis::kDay, 12345), std::nullopt, D(2023, 9, 30)),
       Dated(Entry(3, Basis::kYear, 13579), D(2023, 10, 1), std::nullopt)});
  EXPECT_FALSE(bases.ok());
}

absl::StatusOr<TariffSchedule> ReadCsv(const std::string& text) {
  std::FILE* f = std::tmpfile();
  std::fputs(text.c_str(), f);
  std::rewind(f);
  auto t = ReadTariffCsv(f, "tariff.csv");
  std::fclose(f);
  return t;
}

TEST(DatedPricing, CsvRowsWithDates) {
  auto t = ReadCsv(
      "cluster,basis,price_pence,effective_from,effective_to\n"
      "3,day,13579,2023-10-01,\n"
      "3,day,12345,2023-04-01,2023-09-30\n"
      "4,day,20000,,\n");
  ASSERT_TRUE(t.ok()) << t.status();
  EXPECT_TRUE(t->dated());
  ASSERT_EQ(t->EntriesFor(testing_pricing::C(3)).size(), 2u);
  EXPECT_EQ(t->FindOn(testing_pricing::C(3), D(2023, 9, 30))->price_pence,
            12345);
  EXPECT_EQ(t->FindOn(testing_pricing::C(3), D(2023, 10, 1))->price_pence,
            13579);
  EXPECT_EQ(t->FindOn(testing_pricing::C(3), D(2023, 3, 31)), nullptr);

  auto overlap = ReadCsv(
      "cluster,basis,price_pence,effective_from,effective_to\n"
      "3,day,12345,2023-04-01,2023-10-01\n"
      "4,day,20000,,\n"
      "3,day,13579,2023-10-01,\n");
  ASSERT_FALSE(overlap.ok());
  EXPECT_EQ(overlap.status().message(),
            "tariff.csv: line 4: cluster 3 in force 2023-10-01 to open "
            "overlaps line 2 (in force 2023-04-01 to 2023-10-01)");

  auto backwards = ReadCsv(
      "cluster,basis,price_pence,effective_from,effective_to\n"
      "3,day,12345,2023-10-01,2023-04-01\n");
  ASSERT_FALSE(backwards.ok());
  EXPECT_EQ(backwards.status().message(),
            "tariff.csv: line 2: effective_to: is before effective_from");
}

TEST(DatedPricing, UndatedTariffIsUnchanged) {
  // Without date columns, twice the same cluster is refused as before,
  // and a line prices as the undated path always did: 45 days at 12345 *
  // 1.053217 = 585088.37... -> 585088.
  auto twice = ReadCsv("cluster,basis,price_pence\n3,day,1\n3,day,2\n");
  ASSERT_FALSE(twice.ok());
  EXPECT_EQ(twice.status().message(),
            "tariff.csv: line 3: cluster 3 is priced twice");
  auto t = ReadCsv("cluster,basis,price_pence\n3,day,12345\n");
  ASSERT_TRUE(t.ok());
  EXPECT_FALSE(t->dated());
  const auto rules = Rules();
  const Contract contract = YearContract(2023, 1053217);
  const std::vector<PeriodToPrice> periods = {
      Period("P1", 3, D(2023, 9, 1), D(2023, 10, 15))};
  auto one = PriceContract(periods, {}, *t, contract, *rules);
  auto bundled =
      PriceContract(periods, {}, *t, contract, *RuleSetBundle::Single(rules));
  ASSERT_TRUE(one.ok() && bundled.ok());
  EXPECT_EQ(one->lines[0].amount_pence, 585088);
  EXPECT_EQ(bundled->lines[0].amount_pence, 585088);
  EXPECT_EQ(bundled->totals.payment_pence, one->totals.payment_pence);
}

TEST(DatedPricing, WireEntriesCarryTheirDates) {
  v1::TariffSchedule wire;
  v1::TariffEntry* e = wire.add_entries();
  e->set_cluster(3);
  e->set_basis(v1::BASIS_DAY);
  e->set_price_pence(13579);
  e->set_effective_from("2023-10-01");
  auto t = TariffFromProto(wire);
  ASSERT_TRUE(t.ok()) << t.status();
  EXPECT_EQ(t->entries()[0].effective_from, D(2023, 10, 1));
  EXPECT_EQ(t->entries()[0].effective_to, std::nullopt);
  e->set_effective_to("2023-13-01");
  EXPECT_THAT(TariffFromProto(wire).status().message(),
              HasSubstr("tariff.entries[0].effective_to"));
}

// The default rules in a two-year bundle: cluster 3 reviews every 26
// weeks (182 days) in 2023/24 and every 12 weeks (84 days) from
// 2024-04-01.
std::shared_ptr<const RuleSetBundle> TwoYears() {
  const std::string review =
      "code: 3 name: \"Non-psychotic (moderate severity)\"\n"
      "  superclass: NON_PSYCHOTIC subgroup: \"mild moderate or severe\"\n"
      "  max_review { count: 6 unit: MONTHS }";
  const auto year = [&](const std::string& dates, int weeks) {
    std::string text(DefaultRuleSetText());
    EXPECT_NE(text.find(review), std::string::npos);
    return absl::StrReplaceAll(
        text,
        {{"effective_from: \"2013-04-01\"", dates},
         {review,
          absl::StrReplaceAll(
              review, {{"count: 6 unit: MONTHS",
                        absl::StrCat("count: ", weeks, " unit: WEEKS")}})}});
  };
  auto bundle = ParseRuleSetBundleText(
      absl::StrCat(
          "rule_sets {\n",
          year("effective_from: \"2023-04-01\" effective_to: \"2024-03-31\"",
               26),
          "\n}\nrule_sets {\n", year("effective_from: \"2024-04-01\"", 12),
          "\n}\n"),
      "two years");
  EXPECT_TRUE(bundle.ok()) << bundle.status();
  return bundle.ok() ? *bundle : nullptr;
}

TEST(DatedPricing, ReviewPeriodsByTheRulesOnTheirFirstDay) {
  const auto bundle = TwoYears();
  ASSERT_NE(bundle, nullptr);
  const TariffSchedule tariff = Tariff({Entry(3, Basis::kPeriod, 50000)});
  const Contract contract = YearContract(2024);  // 2024-04-01..2025-03-31
  // From 2024-01-08 the first review period runs 182 days (2023/24); the
  // next start 2024-07-08, 2024-09-30, 2024-12-23 and 2025-03-17, each 84
  // days (2024/25): four in the year at 50000 = 200000.
  const std::vector<PeriodToPrice> open = {
      Period("P1", 3, D(2024, 1, 8), std::nullopt)};
  auto st = PriceContract(open, {}, tariff, contract, *bundle);
  ASSERT_TRUE(st.ok()) << st.status();
  EXPECT_EQ(st->lines[0].units, 4);
  EXPECT_EQ(st->lines[0].amount_pence, 200000);
  // The default rules (six months = 183 days) for every date: 2024-07-09 and
  // 2025-01-08, two units.
  auto single = PriceContract(open, {}, tariff, contract, *Rules());
  ASSERT_TRUE(single.ok());
  EXPECT_EQ(single->lines[0].amount_pence, 100000);

  // Ending 2024-11-15, pro rata: 2024-07-08 in full, then 2024-09-30..
  // 2024-11-15 is 47 of 84 days: 50000 + 50000 * 47 / 84 = 77976.19 ->
  // 77976.
  auto closed = PriceContract({Period("P1", 3, D(2024, 1, 8), D(2024, 11, 15))},
                              {}, tariff, contract, *bundle);
  ASSERT_TRUE(closed.ok()) << closed.status();
  EXPECT_EQ(closed->lines[0].units, 2);
  EXPECT_EQ(closed->lines[0].amount_pence, 77976);

  // A review period starting before the bundle has no rules.
  auto early = PriceContract({Period("P2", 3, D(2023, 1, 2), std::nullopt, 9)},
                             {}, tariff, contract, *bundle);
  ASSERT_FALSE(early.ok());
  EXPECT_THAT(early.status().message(),
              HasSubstr("period of patient P2 at line 9: no rule set in force "
                        "on 2023-01-02"));
}

}  // namespace
}  // namespace mhpbr
