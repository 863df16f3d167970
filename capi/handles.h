// What the C API's opaque handles hold. Internal to capi/.

#ifndef MHPBR_CAPI_HANDLES_H_
#define MHPBR_CAPI_HANDLES_H_

#include <array>
#include <cstdint>
#include <memory>
#include <mutex>
#include <optional>
#include <vector>

#include "mhpbr/activity_costing.h"
#include "mhpbr/care_package.h"
#include "mhpbr/cluster.h"
#include "mhpbr/contract_pricer.h"
#include "mhpbr/package_costing.h"
#include "mhpbr/rule_set.h"
#include "mhpbr/rule_set_bundle.h"
#include "mhpbr/tariff_schedule.h"
#include "mhpbr/transition_table.h"
#include "mhpbr/unit_costs.h"

struct mhpbr_rules {
  // The newest of `bundle`, for every call that takes no date.
  std::shared_ptr<const mhpbr::RuleSet> rules;
  // Null for a handle from mhpbr_rules_load_default/_text/_file.
  std::shared_ptr<const mhpbr::RuleSetBundle> bundle = {};
};

// A trust's transition protocol. Immutable.
struct mhpbr_transitions {
  mhpbr::TransitionTable table;
};

// A contract and tariff schedule. Immutable once built; never moved (the
// pricer points at `tariff` and `*rules`).
struct mhpbr_tariff {
  std::shared_ptr<const mhpbr::RuleSet> rules;
  std::optional<mhpbr::TariffSchedule> tariff;
  std::optional<mhpbr::PeriodPricer> pricer;
};

// Unit costs and periods with running costs. Everything but `coster` and
// `clusters`' running figures is fixed at creation; those change only
// under `mu`. Never moved (the coster points at `costs`).
struct mhpbr_coster {
  struct ClusterTotals {
    int64_t periods = 0;
    int64_t days = 0;
    int64_t records = 0;
    int64_t cost_pence = 0;
  };

  std::shared_ptr<const mhpbr::RuleSet> rules;
  std::optional<mhpbr::UnitCosts> costs;
  // The coster keeps its periods sorted by patient, then start: period k
  // there is the caller's caller_index[k], and the caller's i is
  // coster_index[i]; period_cluster[k] is its cluster's dense index.
  std::vector<int64_t> caller_index;
  std::vector<int32_t> coster_index;
  std::vector<int8_t> period_cluster;

  mutable std::mutex mu;
  std::optional<mhpbr::ActivityCoster> coster;                 // guarded by mu
  std::array<ClusterTotals, mhpbr::Cluster::kCount> clusters;  // by mu
};

// A package catalogue with each template's elements (tier order) and
// costs worked out once. Immutable.
struct mhpbr_catalogue {
  struct Element {
    const mhpbr::PackageElement* element = nullptr;
    int64_t share_ppm = 0;
    int64_t cost_pence = 0;
    int64_t expected_cost_pence = 0;
  };
  struct Template {
    bool present = false;
    std::vector<Element> elements;
    mhpbr::PackageCost cost;
  };

  std::shared_ptr<const mhpbr::PackageCatalogue> catalogue;
  std::array<Template, mhpbr::Cluster::kCount> templates;
};

#endif  // MHPBR_CAPI_HANDLES_H_
