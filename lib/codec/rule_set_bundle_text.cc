#include "mhpbr/rule_set_bundle_text.h"

#include <utility>
#include <vector>

#include "absl/strings/str_cat.h"
#include "google/protobuf/io/tokenizer.h"
#include "google/protobuf/io/zero_copy_stream_impl_lite.h"
#include "lib/codec/rule_set_proto.h"
#include "lib/codec/text_proto.h"
#include "lib/util/status_macros.h"
#include "mhpbr/rule_set_text.h"

namespace mhpbr {
namespace {

// Syntax errors are the parser's to report, with line and column.
class IgnoreErrors : public google::protobuf::io::ErrorCollector {
 public:
  void AddError(int, google::protobuf::io::ColumnNumber,
                const std::string&) override {}
};

}  // namespace

bool IsRuleSetBundleText(absl::string_view text) {
  if (text.size() > (1u << 30)) return false;  // the parser refuses it
  google::protobuf::io::ArrayInputStream input(text.data(),
                                               static_cast<int>(text.size()));
  IgnoreErrors errors;
  google::protobuf::io::Tokenizer tokens(&input, &errors);
  // Text format's comments start with '#'.
  tokens.set_comment_style(google::protobuf::io::Tokenizer::SH_COMMENT_STYLE);
  int depth = 0;
  while (tokens.Next()) {
    const google::protobuf::io::Tokenizer::Token& t = tokens.current();
    if (t.type == google::protobuf::io::Tokenizer::TYPE_SYMBOL) {
      if (t.text == "{" || t.text == "<") ++depth;
      if ((t.text == "}" || t.text == ">") && depth > 0) --depth;
    } else if (depth == 0 &&
               t.type == google::protobuf::io::Tokenizer::TYPE_IDENTIFIER &&
               t.text == "rule_sets") {
      return true;
    }
  }
  return false;
}

absl::StatusOr<std::shared_ptr<const RuleSetBundle>> DefaultRuleSetBundle() {
  MHPBR_ASSIGN_OR_RETURN(std::shared_ptr<const RuleSet> rules,
                         DefaultRuleSet());
  return RuleSetBundle::Single(std::move(rules));
}

absl::StatusOr<std::shared_ptr<const RuleSetBundle>> ParseRuleSetBundleText(
    absl::string_view text, absl::string_view source_name) {
  if (!IsRuleSetBundleText(text)) {
    MHPBR_ASSIGN_OR_RETURN(std::shared_ptr<const RuleSet> rules,
                           ParseRuleSetText(text, source_name));
    return RuleSetBundle::Single(std::move(rules));
  }
  v1::RuleSetBundle proto;
  MHPBR_RETURN_IF_ERROR(ParseTextProto(text, source_name, &proto));
  std::vector<std::shared_ptr<const RuleSet>> rule_sets;
  for (int i = 0; i < proto.rule_sets_size(); ++i) {
    auto contents = ContentsFromProto(proto.rule_sets(i));
    absl::StatusOr<std::shared_ptr<const RuleSet>> rules =
        contents.ok() ? RuleSet::Create(*std::move(contents))
                      : contents.status();
    if (!rules.ok()) {
      return absl::InvalidArgumentError(absl::StrCat(
          source_name, ": rule_sets[", i, "]: ", rules.status().message()));
    }
    rule_sets.push_back(*std::move(rules));
  }
  auto bundle = RuleSetBundle::Create(proto.name(), std::move(rule_sets));
  if (!bundle.ok()) {
    return absl::InvalidArgumentError(
        absl::StrCat(source_name, ": ", bundle.status().message()));
  }
  return bundle;
}

absl::StatusOr<std::shared_ptr<const RuleSetBundle>> LoadRuleSetBundleFile(
    const std::string& path) {
  MHPBR_ASSIGN_OR_RETURN(std::string text, ReadFileToString(path));
  return ParseRuleSetBundleText(text, path);
}

}  // namespace mhpbr
