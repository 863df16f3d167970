// One MHCT assessment as the readers give it and the stages take it: who,
// when, and the ratings.

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
};

}  // namespace mhpbr

#endif  // MHPBR_ASSESSMENT_RECORD_H_
