// AssessmentCsvReader (the `mhpbr classify --in` input) over arbitrary
// bytes, and every accepted row through the default classifier. Byte 0
// picks a header to put before the data (none, item 8 as one column, item
// 8 by type) so the fuzzer spends its time on rows.

#include <cstddef>
#include <cstdint>
#include <string>

#include "fuzz_input.h"
#include "mhpbr/assessment_csv.h"
#include "mhpbr/classifier.h"
#include "mhpbr/rule_set_text.h"

namespace {

constexpr const char* kHeaders[] = {
    "",
    "assessment_id,patient_id,date,r1,r2,r3,r4,r5,r6,r7,r8,r9,r10,r11,r12,"
    "r13,ra,rb,rc,rd,re,organic,psychosis,allocated_cluster\n",
    "assessment_id,date,r1,r2,r3,r4,r5,r6,r7,r8,r9,r10,r11,r12,r13,ra,rb,rc,"
    "rd,re,r8a,r8b,r8c,r8d,r8e,r8f,r8g,r8h,r8i,r8j,allocated_cluster\n",
    "assessment_id,date,r1,r2,r3,r4,r5,r6,r7,r9,r10,r11,r12,r13,ra,rb,rc,rd,"
    "re,r8a,r8b,r8c,r8d,r8e,r8f,r8g,r8h,r8i,r8j\n",
};

const mhpbr::Classifier& TheClassifier() {
  static const mhpbr::Classifier* c =
      new mhpbr::Classifier(*mhpbr::DefaultRuleSet());
  return *c;
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  if (size < 1) return 0;
  std::string text = kHeaders[data[0] & 3];
  text.append(reinterpret_cast<const char*>(data) + 1, size - 1);
  mhpbr::fuzz::MemoryFile file(text);
  auto reader = mhpbr::AssessmentCsvReader::Open(file.get(), "fuzz.csv");
  if (!reader.ok()) {
    MHPBR_FUZZ_CHECK(!reader.status().message().empty());
    return 0;
  }
  const mhpbr::Classifier& classifier = TheClassifier();
  mhpbr::AssessmentRow row;
  int64_t last_line = 1;
  while ((*reader)->Next(&row)) {
    MHPBR_FUZZ_CHECK(row.line > last_line);
    last_line = row.line;
    if (!row.error.empty()) continue;
    MHPBR_FUZZ_CHECK(!row.record.assessment_id.empty());
    const mhpbr::Classification c = classifier.Classify(row.record.ratings);
    MHPBR_FUZZ_CHECK(c.suggested.code() >= 0 && c.suggested.code() <= 21);
  }
  MHPBR_FUZZ_CHECK((*reader)->io_status().ok());
  return 0;
}
