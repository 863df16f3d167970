#include "lib/codec/assessment_proto.h"

#include <string>

#include "absl/strings/str_cat.h"
#include "mhpbr/cluster.h"
#include "mhpbr/dates.h"
#include "mhpbr/item.h"

namespace mhpbr {
namespace {

absl::StatusOr<Answer> AnswerFromProto(v1::Answer a) {
  switch (a) {
    case v1::ANSWER_UNSPECIFIED:
      return Answer::kUnknown;
    case v1::NO:
      return Answer::kNo;
    case v1::YES:
      return Answer::kYes;
    default:
      return absl::InvalidArgumentError("must be NO, YES or unspecified");
  }
}

}  // namespace

absl::StatusOr<MhctRatings> AssessmentFromProto(const v1::Assessment& in) {
  MhctRatings r;
  std::string err;
  auto fail = [&](absl::string_view field, absl::string_view what) {
    absl::StrAppend(&err, err.empty() ? "" : "; ", field, ": ", what);
  };
  // As the CSV reader: the date is required, and must be a real one.
  if (auto d = ParseIsoDate(in.date()); !d.ok()) {
    fail("date", d.status().message());
  }
  for (int i = 0; i < in.ratings_size(); ++i) {
    const v1::ItemRating& rating = in.ratings(i);
    const std::string field = absl::StrCat("ratings[", i, "]");
    if (rating.rating() < 0 || rating.rating() > 255) {
      fail(field, absl::StrCat(rating.rating(), " is not a rating (0-4 or 9)"));
      continue;
    }
    absl::Status s;
    if (auto item = ParseItemCode(rating.item()); item.ok()) {
      s = r.Set(*item, rating.rating());
    } else if (auto type = ParseItem8TypeCode(rating.item()); type.ok()) {
      s = r.SetItem8Type(*type, rating.rating());
    } else {
      s = absl::InvalidArgumentError(absl::StrCat(
          "item: '", rating.item(), "' is not 1-13, 8A-8J or A-E"));
    }
    if (!s.ok()) fail(field, s.message());
  }
  if (auto a = AnswerFromProto(in.organic()); a.ok()) {
    r.set_organic(*a);
  } else {
    fail("organic", a.status().message());
  }
  if (auto a = AnswerFromProto(in.psychosis()); a.ok()) {
    r.set_psychosis(*a);
  } else {
    fail("psychosis", a.status().message());
  }
  if (in.has_allocated_cluster()) {
    if (auto c = Cluster::FromCode(in.allocated_cluster()); c.ok()) {
      r.set_allocated(*c);
    } else {
      fail("allocated_cluster", c.status().message());
    }
  }
  if (!err.empty()) return absl::InvalidArgumentError(err);
  return r;
}

}  // namespace mhpbr
