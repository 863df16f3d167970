// One MHCT assessment as the readers give it and the stages take it: who,
// when, the ratings, and who assessed.

#ifndef MHPBR_ASSESSMENT_RECORD_H_
#define MHPBR_ASSESSMENT_RECORD_H_

#include <string>

#include "absl/time/civil_time.h"
#include "mhpbr/mhct_ratings.h"

namespace mhpbr {

struct AssessmentRecord {
  std::string assessment_id;
  std::string patient_id;
  absl::CivilDay date;
  MhctRatings ratings;
  // Who assessed: the optional `team` and `clinician` columns, empty when
  // absent (the report's agreement per group).
  std::string team = {};
  std::string clinician = {};
};

}  // namespace mhpbr

#endif  // MHPBR_ASSESSMENT_RECORD_H_
