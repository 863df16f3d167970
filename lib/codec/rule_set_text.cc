#include "mhpbr/rule_set_text.h"

#include "absl/strings/str_cat.h"
#include "lib/codec/rule_set_proto.h"
#include "lib/codec/text_proto.h"
#include "lib/rules/embedded_data.h"
#include "lib/util/status_macros.h"

namespace mhpbr {

absl::string_view DefaultRuleSetText() {
  return absl::string_view(internal::kDefaultRuleSetText,
                           internal::kDefaultRuleSetTextSize);
}

absl::StatusOr<std::shared_ptr<const RuleSet>> DefaultRuleSet() {
  return ParseRuleSetText(DefaultRuleSetText(), "default rule set");
}

absl::StatusOr<std::shared_ptr<const RuleSet>> ParseRuleSetText(
    absl::string_view text, absl::string_view source_name) {
  v1::RuleSet proto;
  MHPBR_RETURN_IF_ERROR(ParseTextProto(text, source_name, &proto));
  auto contents = ContentsFromProto(proto);
  if (!contents.ok()) {
    return absl::InvalidArgumentError(
        absl::StrCat(source_name, ": ", contents.status().message()));
  }
  auto rules = RuleSet::Create(*std::move(contents));
  if (!rules.ok()) {
    return absl::InvalidArgumentError(
        absl::StrCat(source_name, ": ", rules.status().message()));
  }
  return rules;
}

absl::StatusOr<std::shared_ptr<const RuleSet>> LoadRuleSetFile(
    const std::string& path) {
  MHPBR_ASSIGN_OR_RETURN(std::string text, ReadFileToString(path));
  return ParseRuleSetText(text, path);
}

absl::StatusOr<TransitionTable> ParseTransitionTableText(
    absl::string_view text, absl::string_view source_name) {
  v1::TransitionTable proto;
  MHPBR_RETURN_IF_ERROR(ParseTextProto(text, source_name, &proto));
  if (proto.allow_all()) return TransitionTable();
  std::vector<TransitionTable::Row> rows;
  for (const v1::TransitionRow& r : proto.rows()) {
    rows.push_back({r.from(), {r.to().begin(), r.to().end()}});
  }
  auto table = TransitionTable::FromMoves(rows);
  if (!table.ok()) {
    return absl::InvalidArgumentError(
        absl::StrCat(source_name, ": ", table.status().message()));
  }
  return table;
}

absl::StatusOr<TransitionTable> LoadTransitionTableFile(
    const std::string& path) {
  MHPBR_ASSIGN_OR_RETURN(std::string text, ReadFileToString(path));
  return ParseTransitionTableText(text, path);
}

std::string RuleSetToText(const RuleSet& rules) {
  return PrintTextProto(ContentsToProto(rules.contents()));
}

}  // namespace mhpbr
