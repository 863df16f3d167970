#include "lib/codec/in_year_proto.h"

#include "absl/time/civil_time.h"
#include "mhpbr/dates.h"

namespace mhpbr {

void InYearToProto(const InYearStatement& iy, v1::InYearStatement* out) {
  out->set_as_of(FormatIsoDate(iy.as_of));
  for (const InYearMonth& m : iy.months) {
    v1::InYearMonth* p = out->add_months();
    p->set_month(absl::FormatCivilTime(m.month));
    p->set_periods(m.periods);
    p->set_days(m.days);
    p->set_amount_pence(m.amount_pence);
    p->set_cumulative_pence(m.cumulative_pence);
  }
  out->set_earned_to_date_pence(iy.earned_to_date_pence);
  out->set_forecast_activity_pence(iy.forecast.totals.activity_pence);
  out->set_forecast_payment_pence(iy.forecast.totals.payment_pence);
  for (const auto& [key, value] : iy.assumptions) {
    v1::ForecastAssumption* a = out->add_assumptions();
    a->set_key(key);
    a->set_value(value);
  }
}

}  // namespace mhpbr
