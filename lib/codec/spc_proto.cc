#include "lib/codec/spc_proto.h"

#include <string>
#include <utility>

#include "absl/strings/str_cat.h"
#include "lib/util/shown_text.h"
#include "lib/util/status_macros.h"
#include "mhpbr/dates.h"
#include "mhpbr/exact_decimal.h"

namespace mhpbr {

namespace {

// An empty `text` leaves `out` as it is (the default it holds).
template <typename T, typename Parse>
absl::Status ReadOverride(absl::string_view where, absl::string_view text,
                          Parse parse, T* out) {
  if (text.empty()) return absl::OkStatus();
  auto parsed = parse(text);
  if (!parsed.ok()) {
    return absl::InvalidArgumentError(
        absl::StrCat(where, parsed.status().message()));
  }
  *out = *parsed;
  return absl::OkStatus();
}

}  // namespace

absl::StatusOr<SpcInput> SpcInputFromProto(const v1::SpcRequest& request) {
  SpcInput in;
  SpcDirection direction = SpcDirection::kNeutral;
  std::optional<ExactDecimal> target;
  MHPBR_RETURN_IF_ERROR(ReadOverride("direction: ", request.direction(),
                                     ParseSpcDirection, &direction));
  MHPBR_RETURN_IF_ERROR(
      ReadOverride("target: ", request.target(), ParseExactDecimal, &target));
  if (request.fix_after() == 1 || request.fix_after() < 0) {
    return absl::InvalidArgumentError(
        absl::StrCat("fix_after: ", request.fix_after(),
                     " is not 0 (all points) or at least 2"));
  }
  if (request.fix_after() > 0) in.options.fix_after = request.fix_after();
  in.options.screen = !request.no_screen();
  in.series.reserve(request.series_size());
  for (int i = 0; i < request.series_size(); ++i) {
    const v1::SpcSeries& p = request.series(i);
    const std::string where =
        absl::StrCat("series[", i, "] '", ShownText(p.name()), "' ");
    if (p.months_size() != p.values_size()) {
      return absl::InvalidArgumentError(absl::StrCat(
          where, p.months_size(), " months but ", p.values_size(), " values"));
    }
    SpcSeries s;
    s.name = p.name();
    s.direction = direction;
    s.target = target;
    MHPBR_RETURN_IF_ERROR(ReadOverride(absl::StrCat(where, "direction: "),
                                       p.direction(), ParseSpcDirection,
                                       &s.direction));
    MHPBR_RETURN_IF_ERROR(ReadOverride(absl::StrCat(where, "target: "),
                                       p.target(), ParseExactDecimal,
                                       &s.target));
    for (int j = 0; j < p.months_size(); ++j) {
      auto month = ParseIsoMonth(p.months(j));
      if (!month.ok()) {
        return absl::InvalidArgumentError(
            absl::StrCat(where, "months[", j, "]: ", month.status().message()));
      }
      if (p.values(j).empty()) continue;
      auto value = ParseExactDecimal(p.values(j));
      if (!value.ok()) {
        return absl::InvalidArgumentError(
            absl::StrCat(where, "values[", j, "]: ", value.status().message()));
      }
      s.months.push_back(*month);
      s.values.push_back(*value);
    }
    in.series.push_back(std::move(s));
  }
  return in;
}

void SpcChartsToProto(absl::Span<const SpcChart> charts, v1::SpcResponse* out) {
  for (const SpcChart& c : charts) {
    v1::SpcChart* pc = out->add_series();
    const int places = SpcFigurePlaces(c);
    pc->set_name(c.name);
    if (c.mean) pc->set_mean(c.mean->ToDecimal(places));
    if (c.lpl) pc->set_lpl(c.lpl->ToDecimal(places));
    if (c.upl) pc->set_upl(c.upl->ToDecimal(places));
    pc->set_short_series(c.short_series);
    if (c.variation) {
      pc->set_variation(std::string(SpcPointTypeName(*c.variation)));
    }
    pc->set_assurance(std::string(SpcAssuranceName(c.assurance)));
    for (const SpcPoint& p : c.points) {
      v1::SpcPoint* pp = pc->add_points();
      pp->set_month(FormatIsoMonth(p.month));
      pp->set_value(FormatExactDecimal(p.value, places));
      pp->set_mean(pc->mean());
      pp->set_lpl(pc->lpl());
      pp->set_upl(pc->upl());
      pp->set_side(p.side);
      pp->set_outside(p.outside);
      pp->set_run(p.run);
      pp->set_trend(p.trend);
      pp->set_two_in_three(p.two_in_three);
      pp->set_special_cause(p.special_cause);
      pp->set_point_type(std::string(SpcPointTypeName(p.type)));
    }
  }
}

}  // namespace mhpbr
