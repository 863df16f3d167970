#include "row_ledger.h"

#include <cstdio>
#include <utility>

#include "absl/strings/str_cat.h"

namespace mhpbr::cli {
namespace {
constexpr int64_t kMaxEchoed = 20;
}  // namespace

void PrintError(absl::string_view message) {
  std::fputs("mhpbr: ", stderr);
  std::fwrite(message.data(), 1, message.size(), stderr);
  std::fputc('\n', stderr);
}

absl::StatusOr<std::unique_ptr<RowLedger>> RowLedger::Open(
    OutputSet& outputs, const std::optional<std::string>& rejects_path,
    bool strict) {
  std::FILE* rejects = nullptr;
  if (rejects_path) {
    auto file = outputs.Open(rejects_path);
    if (!file.ok()) return file.status();
    rejects = *file;
  }
  return std::unique_ptr<RowLedger>(new RowLedger(outputs, rejects, strict));
}

RowLedger::RowLedger(OutputSet& outputs, std::FILE* rejects, bool strict)
    : outputs_(outputs),
      strict_(strict),
      progress_(std::make_unique<Progress>(ProgressMode::kAuto)) {
  if (rejects != nullptr) {
    rejects_ = std::make_unique<CsvWriter>(rejects);
    rejects_->Row({"line", "id", "reason"});
  }
}

void RowLedger::Reject(int64_t line, absl::string_view id,
                       absl::string_view reason) {
  ++read_;
  ++rejected_;
  if (rejects_) {
    rejects_->Field(line);
    rejects_->Field(id);
    rejects_->Field(reason);
    rejects_->EndRow();
  }
  if (echoed_ < kMaxEchoed) {
    ++echoed_;
    // fwrite, not %.*s: a NUL byte in a cell must not cut the line short.
    std::fprintf(stderr, "line %lld%s", static_cast<long long>(line),
                 id.empty() ? "" : " ");
    std::fwrite(id.data(), 1, id.size(), stderr);
    std::fputs(": ", stderr);
    std::fwrite(reason.data(), 1, reason.size(), stderr);
    std::fputc('\n', stderr);
  } else if (echoed_ == kMaxEchoed) {
    ++echoed_;
    std::fprintf(
        stderr, "(further rejected rows %s)\n",
        rejects_ ? "only in the rejects file" : "not shown; use --rejects");
  }
  Tick();
}

int RowLedger::Finish() {
  progress_->Finish();
  if (rejects_) rejects_->Flush();  // a failure shows in Commit()
  if (absl::Status s = outputs_.Commit(); !s.ok()) {
    PrintError(s.message());
    return kExitUsage;
  }
  int status = kExitDone;
  std::fprintf(stderr, "%lld read, %lld ok, %lld rejected\n",
               static_cast<long long>(read_), static_cast<long long>(ok_),
               static_cast<long long>(rejected_));
  if (status == kExitDone && strict_ && rejected_ > 0) {
    status = kExitStrictRejects;
  }
  return status;
}

}  // namespace mhpbr::cli
