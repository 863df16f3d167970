// Live calls on a contract and tariff schedule: the price of one cluster
// period, through the same PeriodPricer that prices every line of
// `mhpbr price` (PriceContract).

#include <sys/stat.h>

#include <algorithm>
#include <cerrno>
#include <cstddef>
#include <cstdint>
#include <cstdio>
#include <cstring>
#include <memory>
#include <optional>
#include <string>
#include <utility>

#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "absl/strings/str_cat.h"
#include "capi/c_status.h"
#include "capi/handles.h"
#include "capi/live_util.h"
#include "mhpbr.h"
#include "mhpbr/contract.h"
#include "mhpbr/contract_pricer.h"
#include "mhpbr/pricing_io.h"
#include "mhpbr/statement.h"
#include "mhpbr/tariff_schedule.h"

namespace {

using mhpbr::capi::CheckSize;
using mhpbr::capi::InitSized;
using mhpbr::capi::Invalid;
using mhpbr::capi::Ok;
using mhpbr::capi::Report;
using mhpbr::capi::ToCluster;
using mhpbr::capi::ToDay;
using mhpbr::capi::ToOptionalDay;

struct FileCloser {
  void operator()(std::FILE* f) const { std::fclose(f); }
};
using File = std::unique_ptr<std::FILE, FileCloser>;

// The tariff CSV held in memory, read as `mhpbr price --tariff` reads a
// file.
absl::StatusOr<mhpbr::TariffSchedule> TariffFromText(absl::string_view csv) {
  if (csv.empty()) {
    return absl::InvalidArgumentError(
        "tariff_csv is empty (its header is cluster,basis,price_pence)");
  }
  // Read only: fmemopen does not write to a buffer opened "r".
  File f(fmemopen(const_cast<char*>(csv.data()), csv.size(), "r"));
  if (f == nullptr) {
    return absl::ResourceExhaustedError("tariff_csv: cannot be read");
  }
  return mhpbr::ReadTariffCsv(f.get(), "tariff_csv");
}

absl::StatusOr<mhpbr::TariffSchedule> TariffFromFile(const char* path) {
  File f(std::fopen(path, "rb"));
  if (f == nullptr) {
    return absl::NotFoundError(
        absl::StrCat(path, ": cannot open (", std::strerror(errno), ")"));
  }
  struct stat st;
  if (fstat(fileno(f.get()), &st) == 0 && S_ISDIR(st.st_mode)) {
    return absl::InvalidArgumentError(
        absl::StrCat(path, ": is a directory, not a file"));
  }
  return mhpbr::ReadTariffCsv(f.get(), path);
}

mhpbr_code HandOutTariff(const mhpbr_rules* rules,
                         absl::StatusOr<mhpbr::Contract> contract,
                         absl::StatusOr<mhpbr::TariffSchedule> tariff,
                         mhpbr_tariff** out, char** error) {
  if (!contract.ok()) return Report(contract.status(), error);
  if (!tariff.ok()) return Report(tariff.status(), error);
  auto handle = std::make_unique<mhpbr_tariff>();
  handle->rules = rules->rules;
  handle->tariff.emplace(*std::move(tariff));
  auto pricer =
      mhpbr::PeriodPricer::Create(*handle->tariff, *contract, *handle->rules);
  if (!pricer.ok()) return Report(pricer.status(), error);
  handle->pricer.emplace(*std::move(pricer));
  *out = handle.release();
  return Ok(error);
}

int32_t CBasis(mhpbr::Basis b) {
  switch (b) {
    case mhpbr::Basis::kDay:
      return MHPBR_BASIS_DAY;
    case mhpbr::Basis::kPeriod:
      return MHPBR_BASIS_PERIOD;
    case mhpbr::Basis::kYear:
      return MHPBR_BASIS_YEAR;
  }
  return MHPBR_BASIS_NONE;
}

}  // namespace

extern "C" {

void mhpbr_period_init_sized(mhpbr_period* period, size_t size) {
  InitSized(mhpbr_period MHPBR_PERIOD_INIT, period, size);
}

void mhpbr_payment_init_sized(mhpbr_payment* payment, size_t size) {
  InitSized(mhpbr_payment MHPBR_PAYMENT_INIT, payment, size);
}

mhpbr_code mhpbr_tariff_create(const mhpbr_rules* rules,
                               const char* contract_text,
                               size_t contract_length, const char* tariff_csv,
                               size_t tariff_length, mhpbr_tariff** out,
                               char** error) {
  MHPBR_C_TRY
  if (out == nullptr) return Invalid(error, "out is NULL");
  *out = nullptr;
  if (rules == nullptr) return Invalid(error, "rules is NULL");
  if (contract_text == nullptr) return Invalid(error, "contract_text is NULL");
  if (tariff_csv == nullptr) return Invalid(error, "tariff_csv is NULL");
  return HandOutTariff(
      rules,
      mhpbr::ParseContractText(
          absl::string_view(contract_text, contract_length), "contract_text"),
      TariffFromText(absl::string_view(tariff_csv, tariff_length)), out, error);
  MHPBR_C_CATCH(error)
}

mhpbr_code mhpbr_tariff_create_files(const mhpbr_rules* rules,
                                     const char* contract_path,
                                     const char* tariff_path,
                                     mhpbr_tariff** out, char** error) {
  MHPBR_C_TRY
  if (out == nullptr) return Invalid(error, "out is NULL");
  *out = nullptr;
  if (rules == nullptr) return Invalid(error, "rules is NULL");
  if (contract_path == nullptr) return Invalid(error, "contract_path is NULL");
  if (tariff_path == nullptr) return Invalid(error, "tariff_path is NULL");
  absl::StatusOr<mhpbr::Contract> contract =
      mhpbr::LoadContractFile(contract_path);
  if (!contract.ok()) return Report(contract.status(), error);
  return HandOutTariff(rules, std::move(contract), TariffFromFile(tariff_path),
                       out, error);
  MHPBR_C_CATCH(error)
}

void mhpbr_tariff_destroy(mhpbr_tariff* tariff) { delete tariff; }

mhpbr_code mhpbr_tariff_price_period(const mhpbr_tariff* tariff,
                                     const mhpbr_period* period,
                                     mhpbr_payment* payment, char** error) {
  MHPBR_C_TRY
  if (tariff == nullptr) return Invalid(error, "tariff is NULL");
  if (period == nullptr) return Invalid(error, "period is NULL");
  if (payment == nullptr) return Invalid(error, "payment is NULL");
  absl::Status s = CheckSize(*period, "period", "MHPBR_PERIOD_INIT");
  if (s.ok()) s = CheckSize(*payment, "payment", "MHPBR_PAYMENT_INIT");
  mhpbr::PeriodToPrice p;
  if (s.ok()) s = ToCluster(period->cluster, "period.cluster", &p.cluster);
  if (s.ok()) s = ToDay(period->start, "period.start", &p.start);
  if (s.ok()) s = ToOptionalDay(period->end, "period.end", &p.end);
  if (!s.ok()) return Report(s, error);
  if (p.end && *p.end < p.start) {
    return Invalid(error,
                   absl::StrCat("period.end ", period->end,
                                " is before period.start ", period->start));
  }
  const mhpbr::PeriodPricer& pricer = *tariff->pricer;
  mhpbr::StatementLine l;
  absl::StatusOr<bool> in_year = pricer.PriceInto(p, &l);
  if (!in_year.ok()) return Report(in_year.status(), error);
  payment->mff_ppm = pricer.contract().mff_ppm;
  if (!*in_year) {
    payment->status = MHPBR_PAYMENT_OUTSIDE_YEAR;
    payment->basis = MHPBR_BASIS_NONE;
    payment->days_in_year = 0;
    payment->units = 0;
    payment->price_pence = 0;
    payment->social_care_ppm = 0;
    payment->amount_pence = 0;
    payment->social_care_pence = 0;
    return Ok(error);
  }
  // A dated tariff's price is the one in force on the line's first day in
  // the year (an undated entry is in force on every day).
  const mhpbr::TariffEntry* e = pricer.tariff().FindOn(
      p.cluster, std::max(p.start, pricer.contract().year_start));
  payment->status = l.status == mhpbr::LineStatus::kPriced
                        ? MHPBR_PAYMENT_PRICED
                        : MHPBR_PAYMENT_UNPRICED;
  payment->basis = l.basis ? CBasis(*l.basis) : MHPBR_BASIS_NONE;
  payment->days_in_year = static_cast<int32_t>(l.days_in_year);
  payment->units = l.units;
  payment->price_pence = e == nullptr ? 0 : e->price_pence;
  payment->social_care_ppm = e == nullptr ? 0 : e->social_care_ppm;
  payment->amount_pence = l.amount_pence;
  payment->social_care_pence = l.social_care_pence;
  return Ok(error);
  MHPBR_C_CATCH(error)
}

}  // extern "C"
