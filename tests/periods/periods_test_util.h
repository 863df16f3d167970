// Helpers shared by the cluster-period tests: the frozen test rule set,
// event builders, and in-memory files for the CSV readers.

#ifndef MHPBR_TESTS_PERIODS_PERIODS_TEST_UTIL_H_
#define MHPBR_TESTS_PERIODS_PERIODS_TEST_UTIL_H_

#include <cstdint>
#include <cstdio>
#include <fstream>
#include <memory>
#include <sstream>
#include <string>
#include <utility>

#include "absl/strings/str_replace.h"
#include "absl/time/civil_time.h"
#include "gtest/gtest.h"
#include "mhpbr/cluster.h"
#include "mhpbr/dates.h"
#include "mhpbr/period_event.h"
#include "mhpbr/rule_set.h"
#include "mhpbr/rule_set_text.h"

namespace mhpbr::periods_test {

inline absl::CivilDay D(int y, int m, int d) {
  const absl::CivilDay day(y, m, d);
  // Guard against a normalised typo such as D(2023, 2, 29).
  EXPECT_EQ(day.year(), y);
  EXPECT_EQ(day.month(), m);
  EXPECT_EQ(day.day(), d);
  return day;
}

inline Cluster C(int code) { return *Cluster::FromCode(code); }

inline PeriodEvent Alloc(std::string patient, absl::CivilDay date, int cluster,
                         int64_t line = 0) {
  PeriodEvent e;
  e.patient_id = std::move(patient);
  e.date = date;
  e.kind = EventKind::kAllocate;
  e.cluster = C(cluster);
  e.line = line;
  return e;
}

inline PeriodEvent Discharge(std::string patient, absl::CivilDay date,
                             int64_t line = 0) {
  PeriodEvent e;
  e.patient_id = std::move(patient);
  e.date = date;
  e.kind = EventKind::kDischarge;
  e.line = line;
  return e;
}

inline std::string ReadText(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  EXPECT_TRUE(in.good()) << path;
  std::ostringstream s;
  s << in.rdbuf();
  return s.str();
}

// The frozen test rule set (tests/data/test_rules.textproto).
inline std::string TestRulesText() { return ReadText(MHPBR_TEST_RULES); }

// The test rule set with `old_text` replaced by `new_text` (which must
// occur), e.g. to set day_count or a transition table.
inline std::shared_ptr<const RuleSet> TestRulesEdited(
    const std::string& old_text, const std::string& new_text) {
  std::string text = TestRulesText();
  EXPECT_NE(text.find(old_text), std::string::npos) << old_text;
  text = absl::StrReplaceAll(text, {{old_text, new_text}});
  auto rules = ParseRuleSetText(text, "edited test rules");
  EXPECT_TRUE(rules.ok()) << rules.status();
  return rules.ok() ? *rules : nullptr;
}

inline std::shared_ptr<const RuleSet> TestRules() {
  auto rules = LoadRuleSetFile(MHPBR_TEST_RULES);
  EXPECT_TRUE(rules.ok()) << rules.status();
  return rules.ok() ? *rules : nullptr;
}

inline std::shared_ptr<const RuleSet> TestRulesAppended(
    const std::string& extra) {
  auto rules = ParseRuleSetText(TestRulesText() + "\n" + extra + "\n",
                                "appended test rules");
  EXPECT_TRUE(rules.ok()) << rules.status();
  return rules.ok() ? *rules : nullptr;
}

struct FileCloser {
  void operator()(std::FILE* f) const {
    if (f != nullptr) std::fclose(f);
  }
};
using File = std::unique_ptr<std::FILE, FileCloser>;

// An anonymous temporary file holding `text`, positioned at its start.
inline File TextFile(const std::string& text) {
  File f(std::tmpfile());
  EXPECT_NE(f, nullptr);
  if (f == nullptr) return f;
  EXPECT_EQ(std::fwrite(text.data(), 1, text.size(), f.get()), text.size());
  std::rewind(f.get());
  return f;
}

inline File OpenFile(const std::string& path) {
  File f(std::fopen(path.c_str(), "rb"));
  EXPECT_NE(f, nullptr) << path;
  return f;
}

}  // namespace mhpbr::periods_test

#endif  // MHPBR_TESTS_PERIODS_PERIODS_TEST_UTIL_H_
