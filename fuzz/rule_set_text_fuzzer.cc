// Rule sets and transition tables in text format (rule_set_text.h) over
// arbitrary bytes. Byte 0 bit 0 picks a transition table; otherwise a rule
// set, which when valid must survive writing out and reading back, and
// must classify its own examples and some fuzzer-chosen ratings the same
// way before and after.

#include <cstddef>
#include <cstdint>
#include <string>

#include "fuzz_input.h"
#include "mhpbr/classifier.h"
#include "mhpbr/rule_set_text.h"

namespace {

bool Same(const mhpbr::Classification& a, const mhpbr::Classification& b) {
  return a.suggested.code() == b.suggested.code() &&
         a.suggested_fit_milli == b.suggested_fit_milli &&
         a.runner_up.has_value() == b.runner_up.has_value() &&
         (!a.runner_up || a.runner_up->code() == b.runner_up->code()) &&
         a.runner_up_fit_milli == b.runner_up_fit_milli &&
         a.reason == b.reason && a.known_items == b.known_items &&
         a.fitting_items.bits() == b.fitting_items.bits() &&
         a.misfitting_items.bits() == b.misfitting_items.bits();
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  if (size < 1) return 0;
  const absl::string_view text(reinterpret_cast<const char*>(data) + 1,
                               size - 1);
  if (data[0] & 1) {
    auto t = mhpbr::ParseTransitionTableText(text, "fuzz");
    if (t.ok()) {
      for (int a = 0; a < 22; ++a) {
        for (int b = 0; b < 22; ++b) {
          auto from = mhpbr::Cluster::FromCode(a);
          auto to = mhpbr::Cluster::FromCode(b);
          if (from.ok() && to.ok()) (void)t->Allowed(*from, *to);
        }
      }
    }
    return 0;
  }
  auto rules = mhpbr::ParseRuleSetText(text, "fuzz");
  if (!rules.ok()) {
    MHPBR_FUZZ_CHECK(!rules.status().message().empty());
    return 0;
  }
  const std::string out = mhpbr::RuleSetToText(**rules);
  auto again = mhpbr::ParseRuleSetText(out, "round trip");
  MHPBR_FUZZ_CHECK(again.ok());
  MHPBR_FUZZ_CHECK(mhpbr::RuleSetToText(**again) == out);

  const mhpbr::Classifier first(*rules);
  const mhpbr::Classifier second(*again);
  for (const mhpbr::RuleSetExample& e : (*rules)->examples()) {
    mhpbr::MhctRatings r;
    for (int i = 0; i < mhpbr::kItemCount; ++i) {
      MHPBR_FUZZ_CHECK(r.Set(mhpbr::ItemAt(i), e.ratings[i]).ok());
    }
    MHPBR_FUZZ_CHECK(Same(first.Classify(r), second.Classify(r)));
  }
  // Ratings from the fuzz bytes themselves, 18 at a time.
  for (size_t at = 0; at + mhpbr::kItemCount <= text.size() && at < 18 * 16;
       at += mhpbr::kItemCount) {
    mhpbr::MhctRatings r;
    for (int i = 0; i < mhpbr::kItemCount; ++i) {
      const int v = static_cast<uint8_t>(text[at + i]) % 6;
      (void)r.Set(mhpbr::ItemAt(i), v == 5 ? mhpbr::kNotKnown : v);
    }
    r.set_allocated(mhpbr::Cluster::FromCode(text[at] % 22)
                        .value_or(*mhpbr::Cluster::FromCode(0)));
    MHPBR_FUZZ_CHECK(Same(first.Classify(r), second.Classify(r)));
  }
  return 0;
}
