#include "classify_rows.h"

#include <memory>
#include <string>
#include <utility>
#include <vector>

#include "mhpbr/csv_blocks.h"
#include "mhpbr/dates.h"
#include "ordered_blocks.h"

namespace mhpbr::cli {
namespace {

// A block's rejects, kept to be put in the ledger in input order.
struct BlockReject {
  int64_t line = 0;
  std::string id;
  std::string reason;
};

struct ClassifiedBlock {
  std::string rows;  // formatted output rows
  std::vector<BlockReject> rejects;
  int64_t ok = 0;
};

// The ledger a worker keeps for its block.
class BlockLedger {
 public:
  explicit BlockLedger(ClassifiedBlock* block) : block_(block) {}
  void Ok() { ++block_->ok; }
  void Reject(int64_t line, absl::string_view id, absl::string_view reason) {
    block_->rejects.push_back(
        BlockReject{line, std::string(id), std::string(reason)});
  }

 private:
  ClassifiedBlock* block_;
};

// The one loop over rows, for RowLedger or BlockLedger.
template <typename Ledger>
void ClassifyAll(AssessmentCsvReader& reader,
                 const DatedClassifier& classifiers, CsvWriter& out,
                 Ledger& ledger) {
  AssessmentRow row;
  while (reader.Next(&row)) {
    if (!row.error.empty()) {
      ledger.Reject(row.line, row.record.assessment_id, row.error);
      continue;
    }
    auto classifier = classifiers.For(row.record.date);
    if (!classifier.ok()) {
      ledger.Reject(row.line, row.record.assessment_id,
                    classifier.status().message());
      continue;
    }
    WriteClassifiedRow((*classifier)->rules(), row.record,
                       (*classifier)->Classify(row.record.ratings), out);
    ledger.Ok();
  }
}

}  // namespace

void WriteClassifiedRow(const RuleSet& rules, const AssessmentRecord& rec,
                        const Classification& c, CsvWriter& out) {
  out.Field(rec.assessment_id);
  out.Field(rec.patient_id);
  out.Field(FormatIsoDate(rec.date));
  out.Field(int64_t{c.suggested.code()});
  if (c.suggested_fit_milli) {
    out.Field(FormatFit(*c.suggested_fit_milli));
  } else {
    out.EmptyField();
  }
  if (c.runner_up) {
    out.Field(int64_t{c.runner_up->code()});
    out.Field(FormatFit(*c.runner_up_fit_milli));
  } else {
    out.EmptyField();
    out.EmptyField();
  }
  out.Field(SuperclassName(rules.cluster(c.suggested).superclass));
  if (c.allocation) {
    out.Field(int64_t{c.allocation->cluster.code()});
    out.Field(c.allocation->red ? "y" : "n");
    out.Field(c.allocation->red_items.ToString(';'));
  } else {
    out.EmptyField();
    out.EmptyField();
    out.EmptyField();
  }
  out.Field(VarianceReasonName(c.reason));
  out.EndRow();
}

absl::Status ClassifyRows(AssessmentCsvReader& reader, std::FILE* file,
                          const std::string& name,
                          const DatedClassifier& classifiers, int threads,
                          CsvWriter& out, RowLedger& ledger) {
  if (threads <= 1) {
    ClassifyAll(reader, classifiers, out, ledger);
    return reader.io_status();
  }
  CsvBlockSplitter blocks(file, name, reader.TakeUnparsed(), BlockBytes());
  absl::Status status = RunOrderedBlocks<CsvBlock, ClassifiedBlock>(
      threads, [&blocks](CsvBlock* block) { return blocks.Next(block); },
      [&](CsvBlock block) {
        ClassifiedBlock result;
        std::unique_ptr<AssessmentCsvReader> rows =
            reader.ForRows(nullptr, std::move(block));
        CsvWriter block_out(&result.rows);
        BlockLedger block_ledger(&result);
        ClassifyAll(*rows, classifiers, block_out, block_ledger);
        block_out.Flush();
        return result;
      },
      [&](ClassifiedBlock result) {
        for (const BlockReject& r : result.rejects) {
          ledger.Reject(r.line, r.id, r.reason);
        }
        ledger.Ok(result.ok);
        out.Rows(result.rows);
        return absl::OkStatus();
      });
  if (!status.ok()) return status;
  if (!blocks.io_status().ok()) return blocks.io_status();
  if (!blocks.done()) {
    // A record near the reader's length limit: the rest on this thread.
    std::unique_ptr<AssessmentCsvReader> rest =
        reader.ForRows(file, blocks.TakeRest());
    ClassifyAll(*rest, classifiers, out, ledger);
    return rest->io_status();
  }
  return absl::OkStatus();
}

}  // namespace mhpbr::cli
