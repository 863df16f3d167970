// Feeding a ReportBuilder a list of activity records in the analysis
// tests, as `mhpbr report` feeds it rows of a file; every record is
// expected to be accepted.

#ifndef MHPBR_TESTS_ANALYSIS_REPORT_ACTIVITY_FEED_H_
#define MHPBR_TESTS_ANALYSIS_REPORT_ACTIVITY_FEED_H_

#include <cstddef>
#include <vector>

#include "gtest/gtest.h"
#include "mhpbr/activity.h"
#include "mhpbr/input_row.h"
#include "mhpbr/report_builder.h"

namespace mhpbr {

inline void AddActivityRecords(ReportBuilder& builder,
                               const std::vector<ActivityRecord>& records) {
  size_t next = 0;
  builder.AddActivity(
      [&](InputRow<ActivityRecord>* row) {
        if (next == records.size()) return false;
        row->value = records[next];
        row->line = records[next].line;
        row->id = records[next].activity_id;
        row->error.clear();
        ++next;
        return true;
      },
      [](const InputRow<ActivityRecord>&, const Attribution& a) {
        EXPECT_TRUE(a.status.ok()) << a.status;
      });
}

}  // namespace mhpbr

#endif  // MHPBR_TESTS_ANALYSIS_REPORT_ACTIVITY_FEED_H_
