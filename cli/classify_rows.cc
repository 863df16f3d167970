#include "classify_rows.h"

#include <cstring>
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
  RowBytes rows;  // formatted output rows
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

// Rows are formatted into `rows`; with `out`, written to it in pieces of
// this size (a worker keeps its block's rows whole).
constexpr size_t kWriteBytes = size_t{1} << 16;

// The one loop over rows, for RowLedger or BlockLedger.
template <typename Ledger>
void ClassifyAll(AssessmentCsvReader& reader,
                 const DatedClassifier& classifiers, RowBytes* rows,
                 CsvWriter* out, Ledger& ledger) {
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
    AppendClassifiedRow((*classifier)->rules(), row.record,
                        (*classifier)->Classify(row.record.ratings), rows);
    ledger.Ok();
    if (out != nullptr && rows->size() >= kWriteBytes) {
      out->Rows(rows->view());
      rows->clear();
    }
  }
  if (out != nullptr) {
    out->Rows(rows->view());
    rows->clear();
  }
}

// Writes one of the fixed names (superclasses, variance reasons), none of
// which needs quotes.
char* WriteName(absl::string_view name, char* out) {
  std::memcpy(out, name.data(), name.size());
  return out + name.size();
}

// Writes a cluster code, 0-21.
char* WriteCode(int code, char* out) {
  if (code >= 10) *out++ = static_cast<char>('0' + code / 10);
  *out++ = static_cast<char>('0' + code % 10);
  return out;
}

}  // namespace

void AppendClassifiedRow(const RuleSet& rules, const AssessmentRecord& rec,
                         const Classification& c, RowBytes* rows) {
  const absl::string_view superclass =
      SuperclassName(rules.cluster(c.suggested).superclass);
  const absl::string_view reason = VarianceReasonName(c.reason);
  // Besides those: the date, three codes, two fits, y/n, the red items and
  // the separators and line end.
  constexpr size_t kRestBytes =
      10 + 3 * 2 + 2 * kMaxFitBytes + 1 + ItemSet::kMaxTextBytes + 12;
  char* p = rows->Room(CsvFieldMaxBytes(rec.assessment_id) +
                       CsvFieldMaxBytes(rec.patient_id) + superclass.size() +
                       reason.size() + kRestBytes);
  p = WriteCsvField(rec.assessment_id, p);
  *p++ = ',';
  p = WriteCsvField(rec.patient_id, p);
  *p++ = ',';
  p = WriteIsoDate(rec.date, p);
  *p++ = ',';
  p = WriteCode(c.suggested.code(), p);
  *p++ = ',';
  if (c.suggested_fit_milli) p = WriteFit(*c.suggested_fit_milli, p);
  *p++ = ',';
  if (c.runner_up) {
    p = WriteCode(c.runner_up->code(), p);
    *p++ = ',';
    p = WriteFit(*c.runner_up_fit_milli, p);
  } else {
    *p++ = ',';
  }
  *p++ = ',';
  p = WriteName(superclass, p);
  *p++ = ',';
  if (c.allocation) {
    p = WriteCode(c.allocation->cluster.code(), p);
    *p++ = ',';
    *p++ = c.allocation->red ? 'y' : 'n';
    *p++ = ',';
    p = c.allocation->red_items.WriteTo(';', p);
  } else {
    *p++ = ',';
    *p++ = ',';
  }
  *p++ = ',';
  p = WriteName(reason, p);
  *p++ = '\n';
  rows->Keep(p);
}

absl::Status ClassifyRows(AssessmentCsvReader& reader, std::FILE* file,
                          const std::string& name,
                          const DatedClassifier& classifiers, int threads,
                          CsvWriter& out, RowLedger& ledger) {
  RowBytes pending;  // rows formatted, not yet written
  if (threads <= 1) {
    ClassifyAll(reader, classifiers, &pending, &out, ledger);
    return reader.io_status();
  }
  CsvBlockSplitter blocks(file, name, reader.TakeUnparsed(), BlockBytes());
  absl::Status status = RunOrderedBlocks<CsvBlock, ClassifiedBlock>(
      threads, [&blocks](CsvBlock* block) { return blocks.Next(block); },
      [&](CsvBlock block) {
        ClassifiedBlock result;
        // Output rows are about as long as input rows: room for them all
        // at once, not by doubling.
        result.rows.Room(block.text.size() + block.text.size() / 4);
        std::unique_ptr<AssessmentCsvReader> rows =
            reader.ForRows(nullptr, std::move(block));
        BlockLedger block_ledger(&result);
        ClassifyAll(*rows, classifiers, &result.rows, nullptr, block_ledger);
        return result;
      },
      [&](ClassifiedBlock result) {
        for (const BlockReject& r : result.rejects) {
          ledger.Reject(r.line, r.id, r.reason);
        }
        ledger.Ok(result.ok);
        out.Rows(result.rows.view());
        return absl::OkStatus();
      });
  if (!status.ok()) return status;
  if (!blocks.io_status().ok()) return blocks.io_status();
  if (!blocks.done()) {
    // A record near the reader's length limit: the rest on this thread.
    std::unique_ptr<AssessmentCsvReader> rest =
        reader.ForRows(file, blocks.TakeRest());
    ClassifyAll(*rest, classifiers, &pending, &out, ledger);
    return rest->io_status();
  }
  return absl::OkStatus();
}

}  // namespace mhpbr::cli
