// mhpbr package validate|cost|show|plan|delivered|spread [--catalogue FILE]
//               [--unit-costs FILE] [--out FILE] ...
// Care-package templates, personal plans and delivered care (formats.md,
// care_packages.md). Without --catalogue the built-in example catalogue is
// used; without --unit-costs the built-in illustrative unit costs.

#include <cstdio>
#include <functional>
#include <map>
#include <set>
#include <string>
#include <vector>

#include "absl/strings/str_cat.h"
#include "args.h"
#include "commands.h"
#include "csv_output.h"
#include "help.h"
#include "input_file.h"
#include "input_rows.h"
#include "mhpbr/costing_io.h"
#include "mhpbr/csv_writer.h"
#include "mhpbr/dates.h"
#include "mhpbr/delivered_care.h"
#include "mhpbr/package_costing.h"
#include "mhpbr/package_text.h"
#include "mhpbr/personal_plan.h"
#include "mhpbr/pricing_io.h"
#include "mhpbr/statistics.h"
#include "mhpbr/status_macros.h"
#include "output_file.h"
#include "period_rows.h"
#include "row_ledger.h"

namespace mhpbr::cli {
namespace {

int Usage(absl::string_view why) { return UsageError("package", why); }

absl::StatusOr<UnitCosts> CostsFromFlag(const Args& args) {
  if (auto path = args.Get("unit-costs")) return LoadUnitCostsFile(*path);
  return ExampleUnitCosts();
}

absl::StatusOr<PackageCatalogueContents> ContentsFromFlag(const Args& args) {
  if (auto path = args.Get("catalogue")) return LoadPackageCatalogueFile(*path);
  return ParsePackageCatalogueText(ExamplePackageCatalogueText(),
                                   "example catalogue");
}

absl::StatusOr<std::shared_ptr<const PackageCatalogue>> CatalogueFromFlag(
    const Args& args) {
  MHPBR_ASSIGN_OR_RETURN(PackageCatalogueContents c, ContentsFromFlag(args));
  return PackageCatalogue::Create(std::move(c));
}

// Reads activity rows, rejecting bad ones into the ledger.
absl::Status ForEachActivity(
    const std::string& path, RowLedger& ledger,
    absl::FunctionRef<absl::Status(ActivityRecord&)> use) {
  return ForEachRow<ActivityCsvReader, ActivityRecord>(path, "", ledger, use);
}

int Validate(const Args& args) {
  auto contents = ContentsFromFlag(args);
  if (!contents.ok()) return DataError(contents.status());
  std::optional<UnitCosts> costs;
  if (args.Has("unit-costs")) {
    auto c = LoadUnitCostsFile(*args.Get("unit-costs"));
    if (!c.ok()) return DataError(c.status());
    costs = *std::move(c);
  }
  const std::vector<PackageProblem> problems =
      ValidateCatalogue(*contents, costs ? &*costs : nullptr);
  OutputSet outputs;
  auto out = outputs.Open(args.Get("out"));
  if (!out.ok()) return DataError(out.status());
  for (const PackageProblem& p : problems) {
    WriteAll(*out, absl::StrCat(p.ToString(), "\n"));
  }
  if (absl::Status s = outputs.Commit(); !s.ok()) return DataError(s);
  size_t elements = 0;
  for (const PackageTemplate& t : contents->templates) {
    elements += t.elements.size();
  }
  std::fprintf(stderr, "%zu templates, %zu elements, %zu problems\n",
               contents->templates.size(), elements, problems.size());
  return problems.empty() ? kExitDone : kExitStrictRejects;
}

int Cost(const Args& args) {
  auto catalogue = CatalogueFromFlag(args);
  if (!catalogue.ok()) return DataError(catalogue.status());
  auto costs = CostsFromFlag(args);
  if (!costs.ok()) return DataError(costs.status());
  auto rows = CostCatalogue(**catalogue, *costs);
  if (!rows.ok()) return DataError(rows.status());
  OutputSet outputs;
  absl::Status s = WriteCsv(outputs, args.Get("out"), [&](CsvWriter& out) {
    out.Row({"cluster", "core_pence", "essential_pence", "variance_pence",
             "total_pence"});
    for (const PackageCost& c : *rows) {
      out.Field(int64_t{c.cluster});
      out.Field(c.core_pence);
      out.Field(c.essential_pence);
      out.Field(c.variance_pence);
      out.Field(c.total_pence);
      out.EndRow();
    }
  });
  if (s.ok()) s = outputs.Commit();
  if (!s.ok()) return DataError(s);
  return kExitDone;
}

// What a vendor would show a clinician beside a suggested cluster.
int Show(const Args& args) {
  auto code = args.Require("cluster");
  if (!code.ok()) return Usage(code.status().message());
  auto cluster = Cluster::Parse(*code);
  if (!cluster.ok()) return Usage(cluster.status().message());
  auto catalogue = CatalogueFromFlag(args);
  if (!catalogue.ok()) return DataError(catalogue.status());
  auto costs = CostsFromFlag(args);
  if (!costs.ok()) return DataError(costs.status());
  const PackageTemplate* t = (*catalogue)->Find(*cluster);
  if (t == nullptr) {
    return DataError(absl::NotFoundError(
        absl::StrCat("no template for cluster ", cluster->code())));
  }
  auto cost = CostPackage(*t, *costs);
  if (!cost.ok()) return DataError(cost.status());
  std::string text =
      absl::StrCat("Care package for cluster ", t->cluster_code, " (",
                   (*catalogue)->source(), ")\n", t->notes, "\n");
  for (Tier tier : {Tier::kCore, Tier::kEssential, Tier::kVariance}) {
    absl::StrAppend(&text, "\n", TierName(tier), ":\n");
    for (const PackageElement& e : t->elements) {
      if (e.tier != tier) continue;
      absl::StrAppend(
          &text, "  - ", e.name, " [", e.id, "] ", e.intervention,
          e.guidance.empty() ? "" : absl::StrCat(" (", e.guidance, ")"));
      if (e.contacts_per_period > 0) {
        absl::StrAppend(&text, "; ", e.contacts_per_period, " x ",
                        e.minutes_per_contact, " min, ", e.staff_group);
      }
      if (e.bed_days_per_period > 0) {
        absl::StrAppend(&text, "; ", e.bed_days_per_period, " bed days, ",
                        e.ward);
      }
      if (tier != Tier::kCore) {
        absl::StrAppend(&text, "; for ", FormatFixed(e.share_ppm / 10000.0L, 1),
                        "% of people");
      }
      absl::StrAppend(&text, "\n");
    }
  }
  absl::StrAppend(&text, "\nexpected cost per review period: \u00a3",
                  FormatPounds(cost->total_pence), " (core \u00a3",
                  FormatPounds(cost->core_pence), ", essential \u00a3",
                  FormatPounds(cost->essential_pence), ", variance \u00a3",
                  FormatPounds(cost->variance_pence), ")\n",
                  "This package informs, and never overrides, clinical "
                  "judgement and the person's own choices.\n");
  OutputSet outputs;
  auto out = outputs.Open(args.Get("out"));
  if (!out.ok()) return DataError(out.status());
  WriteAll(*out, text);
  if (absl::Status s = outputs.Commit(); !s.ok()) return DataError(s);
  return kExitDone;
}

struct PlanInputs {
  std::shared_ptr<const PackageCatalogue> catalogue;
  std::optional<UnitCosts> costs;
  PersonalPlan plan;
};

absl::StatusOr<PlanInputs> LoadPlan(const Args& args) {
  PlanInputs in;
  MHPBR_ASSIGN_OR_RETURN(std::string path, args.Require("plan"));
  MHPBR_ASSIGN_OR_RETURN(in.catalogue, CatalogueFromFlag(args));
  MHPBR_ASSIGN_OR_RETURN(in.costs, CostsFromFlag(args));
  MHPBR_ASSIGN_OR_RETURN(PlanChoices choices, LoadPlanFile(path));
  MHPBR_ASSIGN_OR_RETURN(in.plan, BuildPlan(choices, *in.catalogue, *in.costs));
  return in;
}

int Plan(const Args& args) {
  if (auto p = args.Require("plan"); !p.ok())
    return Usage(p.status().message());
  auto in = LoadPlan(args);
  if (!in.ok()) return DataError(in.status());
  const PersonalPlan& plan = in->plan;
  OutputSet outputs;
  absl::Status s = WriteCsv(outputs, args.Get("out"), [&](CsvWriter& out) {
    out.Row({"element_id", "name", "tier", "origin", "setting", "staff_group",
             "contacts", "minutes_per_contact", "ward", "bed_days",
             "planned_pence", "reason"});
    for (const PlannedElement& p : plan.elements) {
      const PackageElement& e = p.element;
      out.Field(e.id);
      out.Field(e.name);
      out.Field(e.tier ? TierName(*e.tier) : "");
      out.Field(p.origin == PlanOrigin::kAdded ? "added" : "template");
      out.Field(CareSettingName(e.setting));
      out.Field(e.staff_group);
      out.Field(e.contacts_per_period);
      out.Field(e.minutes_per_contact);
      out.Field(e.ward);
      out.Field(e.bed_days_per_period);
      out.Field(p.planned_pence);
      out.Field(p.reason);
      out.EndRow();
    }
  });
  if (s.ok() && args.Has("summary")) {
    s = WriteCsv(outputs, args.Get("summary"), [&](CsvWriter& out) {
      const PlanChoices& c = plan.choices;
      out.Row({"key", "value"});
      out.Row({"patient_id", c.patient_id});
      out.Row({"cluster", c.cluster.ToString()});
      out.Row({"period_start", FormatIsoDate(c.period_start)});
      out.Row({"period_end", c.period_end ? FormatIsoDate(*c.period_end) : ""});
      out.Row(
          {"notional_budget_pence", absl::StrCat(plan.notional_budget_pence)});
      out.Row({"budget", BudgetTypeName(c.budget)});
      out.Row({"preferred_setting", CareSettingName(c.preferred_setting)});
      out.Row({"preferred_provider", c.preferred_provider});
      out.Row({"elements", absl::StrCat(plan.elements.size())});
      out.Row({"declined", absl::StrCat(c.declined.size())});
      out.Row({"added", absl::StrCat(c.added.size())});
      out.Row({"not_chosen", absl::StrCat(plan.not_chosen.size())});
    });
  }
  if (s.ok()) s = outputs.Commit();
  if (!s.ok()) return DataError(s);
  std::fprintf(stderr, "notional personal budget: %s (%lld pence)\n",
               FormatPounds(plan.notional_budget_pence).c_str(),
               static_cast<long long>(plan.notional_budget_pence));
  return kExitDone;
}

int Delivered(const Args& args) {
  if (auto p = args.Require("plan"); !p.ok())
    return Usage(p.status().message());
  auto in = LoadPlan(args);
  if (!in.ok()) return DataError(in.status());
  auto activity_path = args.Require("activity");
  if (!activity_path.ok()) return Usage(activity_path.status().message());
  const PlanChoices& c = in->plan.choices;
  absl::CivilDay as_of = c.period_end.value_or(c.period_start);
  if (auto d = args.Get("as-of")) {
    auto day = ParseIsoDate(*d);
    if (!day.ok())
      return Usage(absl::StrCat("--as-of: ", day.status().message()));
    as_of = *day;
  } else if (!c.period_end) {
    return Usage("--as-of is needed for a plan whose period is open");
  }
  OutputSet outputs;
  auto ledger =
      RowLedger::Open(outputs, args.Get("rejects"), args.Has("strict"));
  if (!ledger.ok()) return DataError(ledger.status());
  std::vector<ActivityRecord> activity;
  absl::Status read =
      ForEachActivity(*activity_path, **ledger, [&](const ActivityRecord& r) {
        activity.push_back(r);
        return absl::OkStatus();
      });
  if (!read.ok()) return DataError(read);
  const DeliveryComparison d =
      CompareDelivered(in->plan, activity, *in->costs, as_of);
  absl::Status s = WriteCsv(outputs, args.Get("out"), [&](CsvWriter& out) {
    out.Row({"element_id", "planned_contacts", "delivered_contacts",
             "planned_minutes", "delivered_minutes", "planned_bed_days",
             "delivered_bed_days", "planned_pence", "delivered_pence"});
    for (const ElementDelivery& e : d.elements) {
      out.Field(e.element_id);
      out.Field(e.planned_contacts);
      out.Field(e.delivered_contacts);
      out.Field(e.planned_minutes);
      out.Field(e.delivered_minutes);
      out.Field(e.planned_bed_days);
      out.Field(e.delivered_bed_days);
      out.Field(e.planned_pence);
      out.Field(e.delivered_pence);
      out.EndRow();
    }
  });
  if (s.ok() && args.Has("unmatched")) {
    s = WriteCsv(outputs, args.Get("unmatched"), [&](CsvWriter& out) {
      out.Row({"activity_id", "date", "kind", "staff_group", "ward",
               "cost_pence", "reason"});
      auto row = [&](const ActivityRecord& r, std::optional<int64_t> cost,
                     absl::string_view reason) {
        out.Field(r.activity_id);
        out.Field(FormatIsoDate(r.date));
        out.Field(ActivityKindName(r.kind));
        out.Field(r.staff_group);
        out.Field(r.ward);
        if (cost) {
          out.Field(*cost);
        } else {
          out.EmptyField();
        }
        out.Field(reason);
        out.EndRow();
      };
      for (const UnmatchedRecord& u : d.unmatched) {
        row(u.record, u.cost_pence, "matches no planned element");
      }
      for (const RejectedRecord& r : d.rejected) {
        row(r.record, std::nullopt, r.reason);
      }
    });
  }
  if (!s.ok()) return DataError(s);
  std::fprintf(stderr,
               "planned %s, delivered %s; %zu unmatched, %zu not costable, "
               "%lld outside the plan's patient or period\n",
               FormatPounds(d.planned_pence).c_str(),
               FormatPounds(d.delivered_pence).c_str(), d.unmatched.size(),
               d.rejected.size(), static_cast<long long>(d.outside_records));
  return (*ledger)->Finish();
}

int Spread(const Args& args) {
  auto periods_path = args.Require("periods");
  if (!periods_path.ok()) return Usage(periods_path.status().message());
  auto activity_path = args.Require("activity");
  if (!activity_path.ok()) return Usage(activity_path.status().message());
  auto as_of_text = args.Require("as-of");
  if (!as_of_text.ok()) return Usage(as_of_text.status().message());
  auto as_of = ParseIsoDate(*as_of_text);
  if (!as_of.ok())
    return Usage(absl::StrCat("--as-of: ", as_of.status().message()));
  auto catalogue = CatalogueFromFlag(args);
  if (!catalogue.ok()) return DataError(catalogue.status());
  auto costs = CostsFromFlag(args);
  if (!costs.ok()) return DataError(costs.status());
  OutputSet outputs;
  auto ledger =
      RowLedger::Open(outputs, args.Get("rejects"), args.Has("strict"));
  if (!ledger.ok()) return DataError(ledger.status());

  auto periods = ReadPeriodRows(*periods_path, **ledger);
  if (!periods.ok()) return DataError(periods.status());
  auto builder = CareSpreadBuilder::Create(*std::move(periods), *as_of,
                                           **catalogue, *costs);
  if (!builder.ok()) return DataError(builder.status());
  absl::Status read =
      ForEachActivity(*activity_path, **ledger,
                      [&](const ActivityRecord& r) { return builder->Add(r); });
  if (!read.ok()) return DataError(read);
  const std::vector<ClusterSpread> spread = builder->Finish();
  absl::Status s = WriteCsv(outputs, args.Get("out"), [&](CsvWriter& out) {
    out.Row({"cluster", "element_id", "tier", "planned_per_period", "periods",
             "periods_receiving", "mean", "p25", "median", "p75", "max"});
    for (const ClusterSpread& c : spread) {
      for (const ElementSpread& e : c.elements) {
        out.Field(int64_t{c.cluster.code()});
        out.Field(e.element_id);
        out.Field(TierName(e.tier));
        out.Field(e.planned);
        out.Field(e.periods);
        out.Field(e.periods_receiving);
        out.Field(FormatFixed(e.mean));
        out.Field(FormatFixed(e.p25));
        out.Field(FormatFixed(e.median));
        out.Field(FormatFixed(e.p75));
        out.Field(e.max);
        out.EndRow();
      }
    }
  });
  if (!s.ok()) return DataError(s);
  return (*ledger)->Finish();
}

}  // namespace

int RunPackage(const std::vector<std::string>& argv) {
  auto args = Args::Parse(
      argv,
      {"catalogue", "unit-costs", "out", "cluster", "plan", "summary",
       "activity", "as-of", "unmatched", "rejects", "periods"},
      {"strict"});
  if (!args.ok()) return Usage(args.status().message());
  if (args->positional().size() != 1) return Usage("name one action");
  const std::string& action = args->positional()[0];
  static const std::map<std::string, std::set<std::string>> kUses = {
      {"validate", {"catalogue", "unit-costs", "out"}},
      {"cost", {"catalogue", "unit-costs", "out"}},
      {"show", {"cluster", "catalogue", "unit-costs", "out"}},
      {"plan", {"plan", "catalogue", "unit-costs", "out", "summary"}},
      {"delivered",
       {"plan", "activity", "as-of", "catalogue", "unit-costs", "out",
        "unmatched", "rejects", "strict"}},
      {"spread",
       {"periods", "activity", "as-of", "catalogue", "unit-costs", "out",
        "rejects", "strict"}},
  };
  if (auto uses = kUses.find(action); uses != kUses.end()) {
    if (absl::Status s = args->OnlyUsing(uses->second, "package " + action);
        !s.ok()) {
      return Usage(s.message());
    }
  }
  if (action == "validate") return Validate(*args);
  if (action == "cost") return Cost(*args);
  if (action == "show") return Show(*args);
  if (action == "plan") return Plan(*args);
  if (action == "delivered") return Delivered(*args);
  if (action == "spread") return Spread(*args);
  return Usage(absl::StrCat("unknown action ", action));
}

}  // namespace mhpbr::cli
