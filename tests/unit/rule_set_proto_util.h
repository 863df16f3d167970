// Editing rule sets for tests: the frozen test rule set as a
// mhpbr.v1.RuleSet message to change, and back to a RuleSet through its
// text, as a trust's file would arrive.

#ifndef MHPBR_TESTS_UNIT_RULE_SET_PROTO_UTIL_H_
#define MHPBR_TESTS_UNIT_RULE_SET_PROTO_UTIL_H_

#include <memory>
#include <string>

#include "absl/status/statusor.h"
#include "gtest/gtest.h"
#include "lib/codec/text_proto.h"
#include "mhpbr/rule_set.h"
#include "mhpbr/rule_set_text.h"
#include "mhpbr/v1/rule_set.pb.h"
#include "tests/unit/unit_test_util.h"

namespace mhpbr::testing {

// The frozen test rule set as a message.
inline v1::RuleSet FrozenProto() {
  v1::RuleSet proto;
  const absl::Status s =
      ParseTextProto(FrozenRulesText(), "test_rules.textproto", &proto);
  EXPECT_TRUE(s.ok()) << s;
  return proto;
}

inline std::string ToText(const v1::RuleSet& proto) {
  return PrintTextProto(proto);
}

// Prints `proto` and parses the text as a rule set named `name`.
inline absl::StatusOr<std::shared_ptr<const RuleSet>> FromProto(
    const v1::RuleSet& proto, const std::string& name = "edited.textproto") {
  return ParseRuleSetText(ToText(proto), name);
}

inline v1::Profile* ProfileOf(v1::RuleSet* proto, int cluster) {
  for (v1::Profile& p : *proto->mutable_profiles()) {
    if (p.cluster() == cluster) return &p;
  }
  ADD_FAILURE() << "no profile for cluster " << cluster;
  return nullptr;
}

inline v1::ProfileRow* RowOf(v1::RuleSet* proto, int cluster,
                             const std::string& item) {
  v1::Profile* p = ProfileOf(proto, cluster);
  if (p == nullptr) return nullptr;
  for (v1::ProfileRow& r : *p->mutable_rows()) {
    if (r.item() == item) return &r;
  }
  ADD_FAILURE() << "no row " << item << " in cluster " << cluster;
  return nullptr;
}

inline v1::Cluster* ClusterOf(v1::RuleSet* proto, int code) {
  for (v1::Cluster& c : *proto->mutable_clusters()) {
    if (c.code() == code) return &c;
  }
  ADD_FAILURE() << "no cluster " << code;
  return nullptr;
}

}  // namespace mhpbr::testing

#endif  // MHPBR_TESTS_UNIT_RULE_SET_PROTO_UTIL_H_
