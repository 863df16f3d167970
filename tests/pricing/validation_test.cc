// Invalid contracts and tariffs fail, naming the field (contract.h,
// tariff_schedule.h, pricing_io.h); PriceContract refuses them too.

#include <cstdio>
#include <string>
#include <vector>

#include "absl/status/status.h"
#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "mhpbr/contract_pricer.h"
#include "mhpbr/pricing_io.h"
#include "pricing_test_util.h"

namespace mhpbr {
namespace {

using ::mhpbr::testing_pricing::C;
using ::mhpbr::testing_pricing::CapAndCollar;
using ::mhpbr::testing_pricing::D;
using ::mhpbr::testing_pricing::Entry;
using ::mhpbr::testing_pricing::Period;
using ::mhpbr::testing_pricing::Rules;
using ::mhpbr::testing_pricing::Tariff;
using ::mhpbr::testing_pricing::YearContract;
using ::testing::AllOf;
using ::testing::HasSubstr;

RiskBand Band(std::optional<int> from, std::optional<int> to, int64_t rate) {
  RiskBand b;
  b.from_pct = from;
  b.to_pct = to;
  b.rate_ppm = rate;
  return b;
}

Contract WithBands(std::vector<RiskBand> bands) {
  Contract c = YearContract(2023);
  c.baseline_pence = 1000000;
  c.risk_bands = std::move(bands);
  return c;
}

// Expects ValidateContract and PriceContract both to refuse `c` with
// InvalidArgument naming `field`.
void ExpectInvalid(const Contract& c, const std::string& field) {
  const absl::Status s = ValidateContract(c);
  EXPECT_EQ(s.code(), absl::StatusCode::kInvalidArgument) << s;
  EXPECT_THAT(s.message(), HasSubstr(field));
  auto rules = Rules();
  absl::StatusOr<Statement> st =
      PriceContract({Period("p", 3, D(2023, 5, 1), D(2023, 5, 2))}, {},
                    Tariff({Entry(3, Basis::kDay, 100)}), c, *rules);
  ASSERT_FALSE(st.ok());
  EXPECT_EQ(st.status().code(), absl::StatusCode::kInvalidArgument);
  EXPECT_THAT(st.status().message(), HasSubstr(field));
}

TEST(ContractValidationTest, ValidContractsPass) {
  EXPECT_TRUE(ValidateContract(YearContract(2023)).ok());
  EXPECT_TRUE(ValidateContract(WithBands(CapAndCollar())).ok());
  EXPECT_TRUE(
      ValidateContract(WithBands({Band(std::nullopt, std::nullopt, 0)})).ok());
}

TEST(ContractValidationTest, OverlappingBands) {
  // (-inf, 5) then (0, +inf): 0..5 is in both.
  ExpectInvalid(WithBands({Band(std::nullopt, 5, 1000000),
                           Band(0, std::nullopt, 500000)}),
                "risk_bands[1]");
}

TEST(ContractValidationTest, GapBetweenBands) {
  // (-inf, -5) then (5, +inf): -5..5 is in neither.
  ExpectInvalid(
      WithBands({Band(std::nullopt, -5, 0), Band(5, std::nullopt, 500000)}),
      "risk_bands[1]");
}

TEST(ContractValidationTest, FirstBandWithFromPct) {
  ExpectInvalid(WithBands({Band(-5, 5, 1000000), Band(5, std::nullopt, 0)}),
                "risk_bands[0]");
}

TEST(ContractValidationTest, LastBandWithToPct) {
  ExpectInvalid(WithBands({Band(std::nullopt, 5, 1000000), Band(5, 10, 0)}),
                "risk_bands[1]");
}

TEST(ContractValidationTest, MiddleBandMissingAnEnd) {
  ExpectInvalid(
      WithBands({Band(std::nullopt, -5, 0), Band(-5, std::nullopt, 1000000),
                 Band(5, std::nullopt, 500000)}),
      "risk_bands[1]");
}

TEST(ContractValidationTest, BandFromNotBelowTo) {
  ExpectInvalid(WithBands({Band(std::nullopt, 5, 0), Band(5, 5, 1000000),
                           Band(5, std::nullopt, 0)}),
                "risk_bands[1]");
}

TEST(ContractValidationTest, RateAboveOneMillion) {
  ExpectInvalid(WithBands({Band(std::nullopt, 0, 1000000),
                           Band(0, std::nullopt, 1000001)}),
                "risk_bands[1]");
  ExpectInvalid(WithBands({Band(std::nullopt, std::nullopt, -1)}),
                "risk_bands[0]");
}

TEST(ContractValidationTest, BandsNeedABaseline) {
  Contract c = WithBands(CapAndCollar());
  c.baseline_pence = 0;
  ExpectInvalid(c, "baseline_pence");
  c.baseline_pence = -1;
  c.risk_bands.clear();
  ExpectInvalid(c, "baseline_pence");
}

TEST(ContractValidationTest, WeightsNotSummingToOneMillion) {
  Contract c = YearContract(2023);
  c.withhold_ppm = 25000;
  c.outcomes = {{"a", 600000, 812000}, {"b", 300000, 455000}};
  ExpectInvalid(c, "outcomes");
  // A withhold with no outcomes at all: the weights sum to 0.
  c.outcomes.clear();
  ExpectInvalid(c, "outcomes");
}

TEST(ContractValidationTest, AttainmentAboveOneMillion) {
  Contract c = YearContract(2023);
  c.withhold_ppm = 25000;
  c.outcomes = {{"a", 600000, 812000}, {"honos", 400000, 1000001}};
  ExpectInvalid(c, "outcomes[1]");
  const absl::Status s = ValidateContract(c);
  EXPECT_THAT(s.message(),
              AllOf(HasSubstr("attainment_ppm"), HasSubstr("honos")));
}

TEST(ContractValidationTest, WithholdOutOfRange) {
  Contract c = YearContract(2023);
  c.withhold_ppm = 1000001;
  c.outcomes = {{"a", 1000000, 0}};
  ExpectInvalid(c, "withhold_ppm");
}

TEST(ContractValidationTest, YearStartNotFirstApril) {
  Contract c = YearContract(2023);
  c.year_start = D(2023, 4, 2);
  ExpectInvalid(c, "year_start");
  c.year_start = D(2023, 1, 1);
  ExpectInvalid(c, "year_start");
}

TEST(ContractValidationTest, MffOutOfRange) {
  Contract c = YearContract(2023, 0);
  ExpectInvalid(c, "mff_ppm");
  c.mff_ppm = -950000;
  ExpectInvalid(c, "mff_ppm");
  c.mff_ppm = 10000001;
  ExpectInvalid(c, "mff_ppm");
}

// ---- tariff ------------------------------------------------------------

TEST(TariffValidationTest, NegativePrice) {
  auto t = TariffSchedule::Create({Entry(3, Basis::kDay, -1)});
  ASSERT_FALSE(t.ok());
  EXPECT_EQ(t.status().code(), absl::StatusCode::kInvalidArgument);
  EXPECT_THAT(t.status().message(),
              AllOf(HasSubstr("cluster 3"), HasSubstr("price_pence")));
}

TEST(TariffValidationTest, ShareOutOfRange) {
  auto t = TariffSchedule::Create({Entry(4, Basis::kDay, 10, 1000001)});
  ASSERT_FALSE(t.ok());
  EXPECT_THAT(t.status().message(),
              AllOf(HasSubstr("cluster 4"), HasSubstr("social_care_ppm")));
}

TEST(TariffValidationTest, DuplicateCluster) {
  auto t = TariffSchedule::Create({Entry(3, Basis::kDay, 10),
                                   Entry(5, Basis::kDay, 10),
                                   Entry(3, Basis::kPeriod, 20)});
  ASSERT_FALSE(t.ok());
  EXPECT_EQ(t.status().code(), absl::StatusCode::kInvalidArgument);
  EXPECT_THAT(t.status().message(), HasSubstr("cluster 3"));
}

TEST(TariffValidationTest, UnknownBasis) {
  EXPECT_FALSE(ParseBasis("week").ok());
  EXPECT_FALSE(ParseBasis("Day").ok());
  EXPECT_FALSE(ParseBasis("").ok());
  EXPECT_EQ(ParseBasis("day").value(), Basis::kDay);
  EXPECT_EQ(ParseBasis("period").value(), Basis::kPeriod);
  EXPECT_EQ(ParseBasis("year").value(), Basis::kYear);
}

TEST(TariffValidationTest, FindAndSorting) {
  const TariffSchedule t =
      Tariff({Entry(12, Basis::kYear, 9), Entry(1, Basis::kDay, 5)});
  ASSERT_EQ(t.entries().size(), 2u);
  EXPECT_EQ(t.entries()[0].cluster.code(), 1);
  EXPECT_EQ(t.entries()[1].cluster.code(), 12);
  ASSERT_NE(t.Find(C(12)), nullptr);
  EXPECT_EQ(t.Find(C(12))->price_pence, 9);
  EXPECT_EQ(t.Find(C(0)), nullptr);
  EXPECT_EQ(t.Find(C(21)), nullptr);
}

// ---- reading tariffs and contracts ---------------------------------------

absl::StatusOr<TariffSchedule> ReadTariffText(const std::string& text) {
  std::FILE* f = std::tmpfile();
  std::fputs(text.c_str(), f);
  std::rewind(f);
  auto t = ReadTariffCsv(f, "tariff.csv");
  std::fclose(f);
  return t;
}

TEST(TariffCsvTest, ReadsAllBases) {
  auto t = ReadTariffText(
      "cluster,basis,price_pence,social_care_ppm\n"
      "3,day,252,250000\n"
      "11,period,46116,\n"
      "04,year,91980,0\n");
  ASSERT_TRUE(t.ok()) << t.status();
  ASSERT_EQ(t->entries().size(), 3u);
  EXPECT_EQ(t->Find(C(3))->social_care_ppm, 250000);
  EXPECT_EQ(t->Find(C(11))->basis, Basis::kPeriod);
  EXPECT_EQ(t->Find(C(11))->social_care_ppm, 0);
  EXPECT_EQ(t->Find(C(4))->price_pence, 91980);
}

TEST(TariffCsvTest, BadRowsFailTheFileNamingLineAndField) {
  auto t = ReadTariffText("cluster,basis,price_pence\n3,day,252\n4,week,10\n");
  ASSERT_FALSE(t.ok());
  EXPECT_THAT(
      t.status().message(),
      AllOf(HasSubstr("tariff.csv"), HasSubstr("line 3"), HasSubstr("basis")));
  t = ReadTariffText("cluster,basis,price_pence\n3,day,-252\n");
  ASSERT_FALSE(t.ok());
  EXPECT_THAT(t.status().message(),
              AllOf(HasSubstr("line 2"), HasSubstr("price_pence")));
  t = ReadTariffText("cluster,basis,price_pence\n9,day,252\n");
  ASSERT_FALSE(t.ok());
  EXPECT_THAT(t.status().message(),
              AllOf(HasSubstr("line 2"), HasSubstr("cluster")));
  t = ReadTariffText("cluster,basis,price_pence\n3,day,252\n3,year,1\n");
  ASSERT_FALSE(t.ok());
  EXPECT_THAT(t.status().message(),
              AllOf(HasSubstr("tariff.csv"), HasSubstr("cluster 3")));
  t = ReadTariffText("cluster,price_pence\n3,252\n");
  ASSERT_FALSE(t.ok());
  EXPECT_THAT(t.status().message(), HasSubstr("basis"));
}

TEST(ContractTextTest, ParsesTheFormatsExample) {
  auto c = ParseContractText(
      R"pb(
        year_start: "2023-04-01"
        mff_ppm: 1085430
        partial_period: PRO_RATA
        social_care: DECOUPLED
        baseline_pence: 250000000
        risk_bands { to_pct: -5 rate_ppm: 0 }
        risk_bands { from_pct: -5 to_pct: 5 rate_ppm: 1000000 }
        risk_bands { from_pct: 5 rate_ppm: 500000 }
        withhold_ppm: 25000
        outcomes {
          name: "reviewed_on_time"
          weight_ppm: 600000
          attainment_ppm: 812000
        }
        outcomes {
          name: "honos_improved"
          weight_ppm: 400000
          attainment_ppm: 455000
        }
      )pb",
      "contract.textproto");
  ASSERT_TRUE(c.ok()) << c.status();
  EXPECT_EQ(c->year_start, D(2023, 4, 1));
  EXPECT_EQ(c->mff_ppm, 1085430);
  EXPECT_EQ(c->partial_period, PartialPeriod::kProRata);
  EXPECT_EQ(c->social_care, SocialCare::kDecoupled);
  ASSERT_EQ(c->risk_bands.size(), 3u);
  EXPECT_FALSE(c->risk_bands[0].from_pct.has_value());
  EXPECT_EQ(c->risk_bands[0].to_pct, -5);
  EXPECT_FALSE(c->risk_bands[2].to_pct.has_value());
  EXPECT_EQ(c->outcomes.size(), 2u);
  EXPECT_EQ(c->days_in_year(), 366);
}

TEST(ContractTextTest, InvalidFieldsAreNamed) {
  auto c = ParseContractText(
      "year_start: \"2023-04-01\" mff_ppm: 1000000 partial_period: FULL "
      "social_care: POOLED baseline_pence: 100 "
      "risk_bands { to_pct: 5 rate_ppm: 0 } "
      "risk_bands { from_pct: 0 rate_ppm: 0 }",
      "c.textproto");
  ASSERT_FALSE(c.ok());
  EXPECT_THAT(c.status().message(),
              AllOf(HasSubstr("c.textproto"), HasSubstr("risk_bands[1]")));
  c = ParseContractText(
      "year_start: \"2023-04-01\" mff_ppm: 1000000 social_care: POOLED",
      "c.textproto");
  ASSERT_FALSE(c.ok());
  EXPECT_THAT(c.status().message(), HasSubstr("partial_period"));
  c = ParseContractText(
      "year_start: \"2023-04-01\" mff_ppm: 1000000 partial_period: FULL",
      "c.textproto");
  ASSERT_FALSE(c.ok());
  EXPECT_THAT(c.status().message(), HasSubstr("social_care"));
  c = ParseContractText(
      "year_start: \"2023-02-30\" mff_ppm: 1000000 partial_period: FULL "
      "social_care: POOLED",
      "c.textproto");
  ASSERT_FALSE(c.ok());
  EXPECT_THAT(c.status().message(), HasSubstr("year_start"));
  // A misspelt field is an error with its line.
  c = ParseContractText("year_start: \"2023-04-01\"\nmff: 1\n", "c.textproto");
  ASSERT_FALSE(c.ok());
  EXPECT_THAT(c.status().message(), HasSubstr("c.textproto:2"));
}

}  // namespace
}  // namespace mhpbr
