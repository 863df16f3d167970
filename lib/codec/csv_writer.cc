#include "mhpbr/csv_writer.h"

#include <array>
#include <cerrno>
#include <cstring>

#include "absl/strings/str_cat.h"

namespace mhpbr {
namespace {
constexpr size_t kFlushAt = 1 << 16;

// The bytes that make a field need quotes: comma, quote, CR, LF.
constexpr std::array<bool, 256> kNeedsQuotes = [] {
  std::array<bool, 256> t{};
  t[static_cast<unsigned char>(',')] = true;
  t[static_cast<unsigned char>('"')] = true;
  t[static_cast<unsigned char>('\r')] = true;
  t[static_cast<unsigned char>('\n')] = true;
  return t;
}();

// absl::string_view::find_first_of builds a table on every call; output
// loops call this for every field.
bool NeedsQuotes(absl::string_view text) {
  bool any = false;
  for (char ch : text) any |= kNeedsQuotes[static_cast<unsigned char>(ch)];
  return any;
}
}  // namespace

char* WriteCsvField(absl::string_view text, char* out) {
  if (!NeedsQuotes(text)) {
    if (!text.empty()) std::memcpy(out, text.data(), text.size());
    return out + text.size();
  }
  *out++ = '"';
  for (char ch : text) {
    if (ch == '"') *out++ = '"';
    *out++ = ch;
  }
  *out++ = '"';
  return out;
}

CsvWriter::CsvWriter(std::FILE* file) : file_(file) {
  buf_.reserve(kFlushAt + 1024);
}

CsvWriter::CsvWriter(std::string* text) : text_(text) {
  buf_.reserve(kFlushAt + 1024);
}

CsvWriter::CsvWriter(std::vector<std::vector<std::string>>* cells)
    : cells_(cells) {}

CsvWriter::~CsvWriter() { Flush(); }

void CsvWriter::Separator() {
  if (cells_ != nullptr) {
    if (!row_started_) cells_->emplace_back();
  } else if (row_started_) {
    buf_.push_back(',');
  }
  row_started_ = true;
}

void CsvWriter::Field(absl::string_view text) {
  Separator();
  if (cells_ != nullptr) {
    cells_->back().emplace_back(text);
    return;
  }
  if (!NeedsQuotes(text)) {
    buf_.append(text.data(), text.size());
    return;
  }
  const size_t at = buf_.size();
  buf_.resize(at + CsvFieldMaxBytes(text));
  buf_.resize(static_cast<size_t>(WriteCsvField(text, &buf_[at]) - &buf_[0]));
}

void CsvWriter::Field(int64_t value) {
  Separator();
  if (cells_ != nullptr) {
    cells_->back().push_back(absl::StrCat(value));
    return;
  }
  absl::StrAppend(&buf_, value);
}

void CsvWriter::EndRow() {
  if (cells_ != nullptr) {
    if (!row_started_) cells_->emplace_back();
    row_started_ = false;
    return;
  }
  buf_.push_back('\n');
  row_started_ = false;
  if (buf_.size() >= kFlushAt) Flush();
}

void CsvWriter::Row(std::initializer_list<absl::string_view> fields) {
  for (absl::string_view f : fields) Field(f);
  EndRow();
}

void CsvWriter::Rows(absl::string_view text) {
  if (cells_ != nullptr) {
    if (status_.ok()) {
      status_ = absl::InternalError("whole rows cannot be kept as cells");
    }
    return;
  }
  if (file_ == nullptr || text.size() < kFlushAt) {
    buf_.append(text.data(), text.size());
    if (buf_.size() >= kFlushAt) Flush();
    return;
  }
  // A block of a megabyte goes to the file as it is, not through buf_.
  Flush();
  if (status_.ok() &&
      std::fwrite(text.data(), 1, text.size(), file_) != text.size()) {
    status_ = absl::DataLossError(
        absl::StrCat("write failed (", std::strerror(errno), ")"));
  }
}

bool CsvWriter::Flush() {
  if (cells_ != nullptr) return status_.ok();
  if (text_ != nullptr) {
    text_->append(buf_);
    buf_.clear();
    return true;
  }
  if (!buf_.empty() && status_.ok()) {
    if (std::fwrite(buf_.data(), 1, buf_.size(), file_) != buf_.size()) {
      status_ = absl::DataLossError(
          absl::StrCat("write failed (", std::strerror(errno), ")"));
    }
  }
  buf_.clear();
  if (status_.ok() && std::fflush(file_) != 0) {
    status_ = absl::DataLossError(
        absl::StrCat("write failed (", std::strerror(errno), ")"));
  }
  return status_.ok();
}

}  // namespace mhpbr
