#include "lib/codec/commissioner_proto.h"

#include "absl/strings/str_cat.h"
#include "lib/codec/pricing_proto.h"

namespace mhpbr {

v1::Statement CommissionerStatementsToProto(const CommissionerStatements& cs) {
  Statement total;
  total.lines.reserve(static_cast<size_t>(cs.lines) +
                      cs.no_commissioner.size());
  for (const CommissionerStatement& c : cs.commissioners) {
    total.lines.insert(total.lines.end(), c.statement.lines.begin(),
                       c.statement.lines.end());
  }
  total.lines.insert(total.lines.end(), cs.no_commissioner.begin(),
                     cs.no_commissioner.end());
  total.clusters = cs.clusters;
  total.totals = cs.totals;
  total.decoupled = cs.decoupled;
  v1::Statement out = StatementToProto(total);
  for (const CommissionerStatement& c : cs.commissioners) {
    v1::CommissionerStatement* p = out.add_commissioners();
    p->set_commissioner(c.commissioner);
    p->set_provider(c.provider);
    *p->mutable_statement() = StatementToProto(c.statement);
  }
  out.set_periods_without_commissioner(cs.periods_without_commissioner);
  out.set_one_offs_without_commissioner(cs.one_offs_without_commissioner);
  out.set_provider(cs.provider);
  return out;
}

absl::Status WithoutContractError(const RecordWithoutContract& record) {
  return absl::InvalidArgumentError(absl::StrCat(
      record.one_off ? "one_offs[" : "periods[", record.line - 1,
      "].commissioner: '", record.commissioner, "' has no contract"));
}

}  // namespace mhpbr
