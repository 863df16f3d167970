// The C API over the C++ library. Every entry point is wrapped in
// MHPBR_C_TRY / MHPBR_C_CATCH so that nothing thrown (std::bad_alloc is the
// one that can happen) ever crosses the boundary.

#include <algorithm>
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <cstring>
#include <memory>
#include <new>
#include <optional>
#include <string>
#include <thread>
#include <utility>
#include <vector>

#if defined(__SSE2__)
#include <emmintrin.h>
#endif

#include "absl/status/status.h"
#include "absl/strings/str_cat.h"
#include "capi/c_status.h"
#include "capi/handles.h"
#include "capi/live_util.h"
#include "lib/util/parallel_parts.h"
#include "mhpbr.h"
#include "mhpbr/classifier.h"
#include "mhpbr/dated_classifier.h"
#include "mhpbr/mhct_ratings.h"
#include "mhpbr/rule_set.h"
#include "mhpbr/rule_set_bundle_text.h"
#include "mhpbr/rule_set_text.h"
#include "mhpbr/version.h"

struct mhpbr_classifier {
  explicit mhpbr_classifier(std::shared_ptr<const mhpbr::RuleSet> r)
      : classifier(std::move(r)) {}
  mhpbr::Classifier classifier;
  // Set when made from a bundle: the classifier of each of its rule sets.
  std::optional<mhpbr::DatedClassifier> dated;
};

namespace mhpbr {

// The hot path of ToRatings: an assessment whose every field is valid is
// copied in at once, leaving exactly the value the setters would build.
struct MhctRatingsFastFill {
  // False, with *out untouched, when any field is invalid: the setters
  // then name the fault.
  static bool Fill(const mhpbr_assessment& a, MhctRatings* out);
};

namespace {

static_assert(offsetof(mhpbr_assessment, item8_types) ==
                  offsetof(mhpbr_assessment, ratings) + kItemCount,
              "ratings and item 8 types are read as one run of bytes");

// Bit i set when ratings[i] (i < 18) or item8_types[i - 18] is 0-4 or 9.
uint32_t ValidRatingBits(const mhpbr_assessment& a) {
  const char* base = reinterpret_cast<const char*>(&a);
#if defined(__SSE2__)
  // Bytes 0-15 of the run, and its last 16 (ratings 12-17, the types).
  constexpr size_t kLast = offsetof(mhpbr_assessment, item8_types) +
                           kItem8TypeCount - sizeof(__m128i);
  static_assert(kLast >= offsetof(mhpbr_assessment, ratings), "");
  auto valid = [](const char* p) {
    const __m128i x = _mm_loadu_si128(reinterpret_cast<const __m128i*>(p));
    const __m128i le4 = _mm_cmpeq_epi8(_mm_min_epu8(x, _mm_set1_epi8(4)), x);
    const __m128i nine = _mm_cmpeq_epi8(x, _mm_set1_epi8(kNotKnown));
    return static_cast<uint32_t>(_mm_movemask_epi8(_mm_or_si128(le4, nine)));
  };
  const uint32_t first = valid(base + offsetof(mhpbr_assessment, ratings));
  const uint32_t last = valid(base + kLast);
  return first | last << 12;
#else
  const auto* run = reinterpret_cast<const uint8_t*>(
      base + offsetof(mhpbr_assessment, ratings));
  uint32_t bits = 0;
  for (int i = 0; i < kItemCount + kItem8TypeCount; ++i) {
    bits |= static_cast<uint32_t>(run[i] <= 4 || run[i] == kNotKnown) << i;
  }
  return bits;
#endif
}

}  // namespace

bool MhctRatingsFastFill::Fill(const mhpbr_assessment& a, MhctRatings* out) {
  const bool types = a.item8_form == MHPBR_ITEM8_TYPES;
  if (!types && a.item8_form != MHPBR_ITEM8_SINGLE) return false;
  const uint32_t need =
      (1u << (types ? kItemCount + kItem8TypeCount : kItemCount)) - 1;
  if ((ValidRatingBits(a) & need) != need) return false;
  if (types && a.ratings[ItemIndex(Item::kOtherProblems)] != kNotKnown) {
    return false;
  }
  if (a.organic < MHPBR_ANSWER_UNKNOWN || a.organic > MHPBR_ANSWER_YES ||
      a.psychosis < MHPBR_ANSWER_UNKNOWN || a.psychosis > MHPBR_ANSWER_YES) {
    return false;
  }
  if (a.allocated_cluster != MHPBR_NO_CLUSTER &&
      !Cluster::IsValidCode(a.allocated_cluster)) {
    return false;
  }
  MhctRatings& r = *out;
  std::memcpy(r.ratings_.data(), a.ratings, kItemCount);
  if (types) {
    // As SetItem8Type leaves it: item 8 is the highest known type.
    int highest = -1;
    for (int t = 0; t < kItem8TypeCount; ++t) {
      r.item8_types_[t] = a.item8_types[t];
      if (a.item8_types[t] != kNotKnown) {
        highest = std::max<int>(highest, a.item8_types[t]);
      }
    }
    r.ratings_[ItemIndex(Item::kOtherProblems)] =
        static_cast<uint8_t>(highest < 0 ? kNotKnown : highest);
    r.item8_form_ = MhctRatings::Item8Form::kTypes;
  } else {
    r.item8_types_ = {};
    r.item8_form_ = MhctRatings::Item8Form::kSingle;
  }
  r.organic_ = static_cast<Answer>(a.organic);
  r.psychosis_ = static_cast<Answer>(a.psychosis);
  r.allocated_ = static_cast<int8_t>(a.allocated_cluster);
  return true;
}

}  // namespace mhpbr

namespace {

using mhpbr::capi::CopyString;
using mhpbr::capi::InitSized;
using mhpbr::capi::Invalid;
using mhpbr::capi::Ok;
using mhpbr::capi::Report;

// Builds valid ratings from the C struct, or says which field is wrong.
// Kept allocation-free on the good path: this is the hot single call.
absl::Status ToRatings(const mhpbr_assessment& a, mhpbr::MhctRatings* out) {
  if (a.struct_size < sizeof(mhpbr_assessment)) {
    return absl::InvalidArgumentError(absl::StrCat(
        "assessment.struct_size ", a.struct_size, " is smaller than ",
        sizeof(mhpbr_assessment), " (use MHPBR_ASSESSMENT_INIT)"));
  }
  if (mhpbr::MhctRatingsFastFill::Fill(a, out)) return absl::OkStatus();
  mhpbr::MhctRatings r;
  const bool types = a.item8_form == MHPBR_ITEM8_TYPES;
  if (!types && a.item8_form != MHPBR_ITEM8_SINGLE) {
    return absl::InvalidArgumentError(
        absl::StrCat("assessment.item8_form ", a.item8_form, " is not 0 or 1"));
  }
  for (int i = 0; i < mhpbr::kItemCount; ++i) {
    const mhpbr::Item item = mhpbr::ItemAt(i);
    if (types && item == mhpbr::Item::kOtherProblems) {
      if (a.ratings[i] != mhpbr::kNotKnown) {
        return absl::InvalidArgumentError(
            "assessment.ratings[7] (item 8) must be 9 when item 8 is given "
            "as types 8A-8J");
      }
      continue;
    }
    if (absl::Status s = r.Set(item, a.ratings[i]); !s.ok()) {
      return absl::InvalidArgumentError(
          absl::StrCat("assessment.ratings[", i, "]: ", s.message()));
    }
  }
  if (types) {
    for (int t = 0; t < mhpbr::kItem8TypeCount; ++t) {
      if (absl::Status s = r.SetItem8Type(static_cast<mhpbr::Item8Type>(t),
                                          a.item8_types[t]);
          !s.ok()) {
        return absl::InvalidArgumentError(
            absl::StrCat("assessment.item8_types[", t, "]: ", s.message()));
      }
    }
  }
  auto answer = [](int32_t v, mhpbr::Answer* out) {
    if (v < MHPBR_ANSWER_UNKNOWN || v > MHPBR_ANSWER_YES) return false;
    *out = static_cast<mhpbr::Answer>(v);
    return true;
  };
  mhpbr::Answer organic, psychosis;
  if (!answer(a.organic, &organic)) {
    return absl::InvalidArgumentError(
        absl::StrCat("assessment.organic ", a.organic, " is not 0, 1 or 2"));
  }
  if (!answer(a.psychosis, &psychosis)) {
    return absl::InvalidArgumentError(absl::StrCat(
        "assessment.psychosis ", a.psychosis, " is not 0, 1 or 2"));
  }
  r.set_organic(organic);
  r.set_psychosis(psychosis);
  if (a.allocated_cluster != MHPBR_NO_CLUSTER) {
    auto c = mhpbr::Cluster::FromCode(a.allocated_cluster);
    if (!c.ok()) {
      return absl::InvalidArgumentError(
          absl::StrCat("assessment.allocated_cluster: ", c.status().message()));
    }
    r.set_allocated(*c);
  }
  *out = r;
  return absl::OkStatus();
}

absl::Status CheckResultSize(const mhpbr_result& r) {
  if (r.struct_size < sizeof(mhpbr_result)) {
    return absl::InvalidArgumentError(
        absl::StrCat("result.struct_size ", r.struct_size, " is smaller than ",
                     sizeof(mhpbr_result), " (use MHPBR_RESULT_INIT)"));
  }
  return absl::OkStatus();
}

void FillResult(const mhpbr::RuleSet& rules, const mhpbr::Classification& c,
                mhpbr_result* out) {
  const uint32_t size = out->struct_size;
  mhpbr_result r;
  r.struct_size = size;
  r.status = MHPBR_OK;
  r.suggested_cluster = c.suggested.code();
  r.has_suggested_fit = c.suggested_fit_milli.has_value();
  r.suggested_fit_milli = c.suggested_fit_milli.value_or(0);
  r.runner_up_cluster = c.runner_up ? c.runner_up->code() : MHPBR_NO_CLUSTER;
  r.runner_up_fit_milli = c.runner_up_fit_milli.value_or(0);
  r.reason = static_cast<int32_t>(c.reason);
  r.superclass = static_cast<int32_t>(rules.cluster(c.suggested).superclass);
  r.known_items = c.known_items;
  r.allocated_cluster =
      c.allocation ? c.allocation->cluster.code() : MHPBR_NO_CLUSTER;
  r.allocation_red = c.allocation ? (c.allocation->red ? 1 : 0) : -1;
  r.red_items = c.allocation ? c.allocation->red_items.bits() : 0;
  r.fitting_items = c.fitting_items.bits();
  r.misfitting_items = c.misfitting_items.bits();
  *out = r;
}

void FailResult(mhpbr_code code, mhpbr_result* out) {
  const uint32_t size = out->struct_size;
  mhpbr_result r = MHPBR_RESULT_INIT;
  r.struct_size = size;
  r.status = code;
  *out = r;
}

// The classifier of the rule set in force on `date`; with no date (or a
// single rule set), the handle's own.
absl::StatusOr<const mhpbr::Classifier*> ClassifierOn(
    const mhpbr_classifier& handle, const int32_t* date) {
  if (date == nullptr || !handle.dated) return &handle.classifier;
  absl::CivilDay day;
  if (absl::Status s = mhpbr::capi::ToDay(*date, "date", &day); !s.ok()) {
    return s;
  }
  return handle.dated->For(day);
}

mhpbr_code ClassifyOne(const mhpbr_classifier* classifier, const int32_t* date,
                       const mhpbr_assessment* assessment, mhpbr_result* result,
                       char** error) {
  if (classifier == nullptr) return Invalid(error, "classifier is NULL");
  if (assessment == nullptr) return Invalid(error, "assessment is NULL");
  if (result == nullptr) return Invalid(error, "result is NULL");
  if (absl::Status s = CheckResultSize(*result); !s.ok()) {
    return Report(s, error);
  }
  mhpbr::MhctRatings ratings;
  if (absl::Status s = ToRatings(*assessment, &ratings); !s.ok()) {
    FailResult(MHPBR_INVALID_ARGUMENT, result);
    return Report(s, error);
  }
  auto c = ClassifierOn(*classifier, date);
  if (!c.ok()) {
    FailResult(static_cast<mhpbr_code>(c.status().code()), result);
    return Report(c.status(), error);
  }
  FillResult((*c)->rules(), (*c)->Classify(ratings), result);
  return Ok(error);
}

// `dates` NULL: every record by the handle's own classifier.
mhpbr_code ClassifyBatch(const mhpbr_classifier* classifier,
                         const mhpbr_assessment* assessments,
                         const int32_t* dates, size_t count,
                         mhpbr_result* results, int32_t threads, char** error) {
  if (classifier == nullptr) return Invalid(error, "classifier is NULL");
  if (count == 0) return Ok(error);
  if (assessments == nullptr) return Invalid(error, "assessments is NULL");
  if (results == nullptr) return Invalid(error, "results is NULL");
  const size_t in_stride = assessments[0].struct_size;
  const size_t out_stride = results[0].struct_size;
  // A stride below the struct's size, or not a multiple of its alignment
  // (every later element misaligned: undefined behaviour, and a crash on
  // hosts that trap on it), is refused; no array of real structs has one.
  if (absl::Status s = mhpbr::capi::CheckStride(assessments[0], "assessments");
      !s.ok()) {
    return Report(s, error);
  }
  if (absl::Status s = CheckResultSize(results[0]); !s.ok()) {
    return Report(s, error);
  }
  if (out_stride % alignof(mhpbr_result) != 0) {
    return Invalid(
        error, absl::StrCat("results[0].struct_size ", out_stride,
                            " is not a multiple of ", alignof(mhpbr_result)));
  }
  const char* in = reinterpret_cast<const char*>(assessments);
  char* out = reinterpret_cast<char*>(results);
  // Each part counts its own bad records and keeps its first; the batch's
  // first is the first part's that has one, as one thread would find it.
  struct PartBad {
    size_t bad = 0;
    absl::Status first;
  };
  std::vector<PartBad> part_bad(
      static_cast<size_t>(std::max<int32_t>(threads, 1)));
  const size_t parts = mhpbr::RunInParts(
      count, threads, 4096, [&](size_t part, size_t begin, size_t end) {
        PartBad& pb = part_bad[part];
        for (size_t i = begin; i < end; ++i) {
          const auto* a =
              reinterpret_cast<const mhpbr_assessment*>(in + i * in_stride);
          auto* r = reinterpret_cast<mhpbr_result*>(out + i * out_stride);
          r->struct_size = static_cast<uint32_t>(out_stride);
          mhpbr::MhctRatings ratings;
          absl::Status s = a->struct_size == in_stride
                               ? ToRatings(*a, &ratings)
                               : absl::InvalidArgumentError(
                                     "struct_size differs from assessments[0]");
          absl::StatusOr<const mhpbr::Classifier*> c = &classifier->classifier;
          if (s.ok()) {
            c = ClassifierOn(*classifier, dates ? &dates[i] : nullptr);
          }
          if (s.ok() && !c.ok()) s = c.status();
          if (!s.ok()) {
            if (pb.bad++ == 0) {
              pb.first = absl::InvalidArgumentError(
                  absl::StrCat("assessments[", i, "]: ", s.message()));
            }
            FailResult(static_cast<mhpbr_code>(s.code()), r);
            continue;
          }
          FillResult((*c)->rules(), (*c)->Classify(ratings), r);
        }
      });
  size_t bad = 0;
  absl::Status first;
  for (size_t p = 0; p < parts; ++p) {
    if (bad == 0) first = part_bad[p].first;
    bad += part_bad[p].bad;
  }
  if (bad > 0) {
    return Report(absl::InvalidArgumentError(absl::StrCat(
                      bad, " of ", count,
                      " records not classified; first: ", first.message())),
                  error);
  }
  return Ok(error);
}

}  // namespace

extern "C" {

const char* mhpbr_version(void) {
  // A string literal: NUL-terminated.
  return mhpbr::VersionString().data();
}

int32_t mhpbr_version_number(void) { return MHPBR_VERSION_NUMBER; }

void mhpbr_free(void* p) { std::free(p); }

const char* mhpbr_code_name(mhpbr_code code) {
  switch (code) {
    case MHPBR_OK:
      return "OK";
    case MHPBR_CANCELLED:
      return "CANCELLED";
    case MHPBR_INVALID_ARGUMENT:
      return "INVALID_ARGUMENT";
    case MHPBR_NOT_FOUND:
      return "NOT_FOUND";
    case MHPBR_FAILED_PRECONDITION:
      return "FAILED_PRECONDITION";
    case MHPBR_OUT_OF_RANGE:
      return "OUT_OF_RANGE";
    case MHPBR_UNIMPLEMENTED:
      return "UNIMPLEMENTED";
    case MHPBR_INTERNAL:
      return "INTERNAL";
    case MHPBR_DATA_LOSS:
      return "DATA_LOSS";
    case MHPBR_RESOURCE_EXHAUSTED:
      return "RESOURCE_EXHAUSTED";
    default:
      return "UNKNOWN";
  }
}

const char* mhpbr_item_code(int32_t index) {
  if (index < 0 || index >= mhpbr::kItemCount) return nullptr;
  // Item codes are static string literals, so the view is NUL-terminated.
  return mhpbr::ItemCode(mhpbr::ItemAt(index)).data();
}

static mhpbr_code HandOutRules(
    absl::StatusOr<std::shared_ptr<const mhpbr::RuleSet>> rules,
    mhpbr_rules** out, char** error) {
  if (!rules.ok()) return Report(rules.status(), error);
  *out = new mhpbr_rules{*std::move(rules)};
  return Ok(error);
}

mhpbr_code mhpbr_rules_load_default(mhpbr_rules** out, char** error) {
  MHPBR_C_TRY
  if (out == nullptr) return Invalid(error, "out is NULL");
  *out = nullptr;
  return HandOutRules(mhpbr::DefaultRuleSet(), out, error);
  MHPBR_C_CATCH(error)
}

mhpbr_code mhpbr_rules_load_text(const char* text, size_t length,
                                 mhpbr_rules** out, char** error) {
  MHPBR_C_TRY
  if (out == nullptr) return Invalid(error, "out is NULL");
  *out = nullptr;
  if (text == nullptr && length > 0) return Invalid(error, "text is NULL");
  return HandOutRules(
      mhpbr::ParseRuleSetText(absl::string_view(text == nullptr ? "" : text,
                                                text == nullptr ? 0 : length),
                              "rule set text"),
      out, error);
  MHPBR_C_CATCH(error)
}

mhpbr_code mhpbr_rules_load_file(const char* path, mhpbr_rules** out,
                                 char** error) {
  MHPBR_C_TRY
  if (out == nullptr) return Invalid(error, "out is NULL");
  *out = nullptr;
  if (path == nullptr) return Invalid(error, "path is NULL");
  return HandOutRules(mhpbr::LoadRuleSetFile(path), out, error);
  MHPBR_C_CATCH(error)
}

static mhpbr_code HandOutBundle(
    absl::StatusOr<std::shared_ptr<const mhpbr::RuleSetBundle>> bundle,
    mhpbr_rules** out, char** error) {
  if (!bundle.ok()) return Report(bundle.status(), error);
  *out = new mhpbr_rules{(*bundle)->latest(), *std::move(bundle)};
  return Ok(error);
}

mhpbr_code mhpbr_rules_load_bundle_text(const char* text, size_t length,
                                        mhpbr_rules** out, char** error) {
  MHPBR_C_TRY
  if (out == nullptr) return Invalid(error, "out is NULL");
  *out = nullptr;
  if (text == nullptr && length > 0) return Invalid(error, "text is NULL");
  return HandOutBundle(
      mhpbr::ParseRuleSetBundleText(mhpbr::capi::View(text, length),
                                    "rule set bundle text"),
      out, error);
  MHPBR_C_CATCH(error)
}

mhpbr_code mhpbr_rules_load_bundle_file(const char* path, mhpbr_rules** out,
                                        char** error) {
  MHPBR_C_TRY
  if (out == nullptr) return Invalid(error, "out is NULL");
  *out = nullptr;
  if (path == nullptr) return Invalid(error, "path is NULL");
  return HandOutBundle(mhpbr::LoadRuleSetBundleFile(path), out, error);
  MHPBR_C_CATCH(error)
}

int32_t mhpbr_rules_count(const mhpbr_rules* rules) {
  if (rules == nullptr) return 0;
  return rules->bundle ? static_cast<int32_t>(rules->bundle->rule_sets().size())
                       : 1;
}

void mhpbr_rules_destroy(mhpbr_rules* rules) { delete rules; }

const char* mhpbr_rules_source(const mhpbr_rules* rules) {
  return rules ? rules->rules->provenance().source.c_str() : "";
}

const char* mhpbr_rules_financial_year(const mhpbr_rules* rules) {
  return rules ? rules->rules->provenance().financial_year.c_str() : "";
}

const char* mhpbr_rules_version(const mhpbr_rules* rules) {
  return rules ? rules->rules->provenance().version.c_str() : "";
}

mhpbr_code mhpbr_classifier_create(const mhpbr_rules* rules,
                                   mhpbr_classifier** out, char** error) {
  MHPBR_C_TRY
  if (out == nullptr) return Invalid(error, "out is NULL");
  *out = nullptr;
  if (rules == nullptr) return Invalid(error, "rules is NULL");
  auto made = std::make_unique<mhpbr_classifier>(rules->rules);
  if (rules->bundle && rules->bundle->dated()) {
    made->dated.emplace(rules->bundle);
  }
  *out = made.release();
  return Ok(error);
  MHPBR_C_CATCH(error)
}

void mhpbr_classifier_destroy(mhpbr_classifier* classifier) {
  delete classifier;
}

void mhpbr_assessment_init(mhpbr_assessment* a) {
  if (a == nullptr) return;
  *a = mhpbr_assessment MHPBR_ASSESSMENT_INIT;
}

void mhpbr_result_init(mhpbr_result* r) {
  if (r == nullptr) return;
  *r = mhpbr_result MHPBR_RESULT_INIT;
}

void mhpbr_assessment_init_sized(mhpbr_assessment* a, size_t size) {
  InitSized(mhpbr_assessment MHPBR_ASSESSMENT_INIT, a, size);
}

void mhpbr_result_init_sized(mhpbr_result* r, size_t size) {
  InitSized(mhpbr_result MHPBR_RESULT_INIT, r, size);
}

void mhpbr_allocation_check_init_sized(mhpbr_allocation_check* check,
                                       size_t size) {
  InitSized(mhpbr_allocation_check MHPBR_ALLOCATION_CHECK_INIT, check, size);
}

mhpbr_code mhpbr_classify(const mhpbr_classifier* classifier,
                          const mhpbr_assessment* assessment,
                          mhpbr_result* result, char** error) {
  MHPBR_C_TRY
  return ClassifyOne(classifier, nullptr, assessment, result, error);
  MHPBR_C_CATCH(error)
}

mhpbr_code mhpbr_classify_on(const mhpbr_classifier* classifier, int32_t date,
                             const mhpbr_assessment* assessment,
                             mhpbr_result* result, char** error) {
  MHPBR_C_TRY
  return ClassifyOne(classifier, &date, assessment, result, error);
  MHPBR_C_CATCH(error)
}

mhpbr_code mhpbr_classify_batch(const mhpbr_classifier* classifier,
                                const mhpbr_assessment* assessments,
                                size_t count, mhpbr_result* results,
                                char** error) {
  MHPBR_C_TRY
  return ClassifyBatch(classifier, assessments, nullptr, count, results, 1,
                       error);
  MHPBR_C_CATCH(error)
}

mhpbr_code mhpbr_classify_batch_on(const mhpbr_classifier* classifier,
                                   const mhpbr_assessment* assessments,
                                   const int32_t* dates, size_t count,
                                   mhpbr_result* results, char** error) {
  MHPBR_C_TRY
  if (count > 0 && dates == nullptr) return Invalid(error, "dates is NULL");
  return ClassifyBatch(classifier, assessments, dates, count, results, 1,
                       error);
  MHPBR_C_CATCH(error)
}

mhpbr_code mhpbr_classify_batch_threads(const mhpbr_classifier* classifier,
                                        const mhpbr_assessment* assessments,
                                        const int32_t* dates, size_t count,
                                        mhpbr_result* results, int32_t threads,
                                        char** error) {
  MHPBR_C_TRY
  if (threads < 0) {
    return Invalid(error, absl::StrCat("threads is ", threads,
                                       " (0 for the machine's cores)"));
  }
  if (threads == 0) {
    threads = static_cast<int32_t>(
        std::max(1u, std::min(std::thread::hardware_concurrency(), 256u)));
  }
  return ClassifyBatch(classifier, assessments, dates, count, results, threads,
                       error);
  MHPBR_C_CATCH(error)
}

mhpbr_code mhpbr_check_allocation(const mhpbr_classifier* classifier,
                                  const mhpbr_assessment* assessment,
                                  int32_t cluster,
                                  mhpbr_allocation_check* check, char** error) {
  MHPBR_C_TRY
  if (classifier == nullptr) return Invalid(error, "classifier is NULL");
  if (assessment == nullptr) return Invalid(error, "assessment is NULL");
  if (check == nullptr) return Invalid(error, "check is NULL");
  if (check->struct_size < sizeof(mhpbr_allocation_check)) {
    return Invalid(error,
                   "check.struct_size is too small (use "
                   "MHPBR_ALLOCATION_CHECK_INIT)");
  }
  auto c = mhpbr::Cluster::FromCode(cluster);
  if (!c.ok()) return Report(c.status(), error);
  mhpbr::MhctRatings ratings;
  if (absl::Status s = ToRatings(*assessment, &ratings); !s.ok()) {
    return Report(s, error);
  }
  const mhpbr::AllocationCheck a =
      classifier->classifier.CheckAllocation(ratings, *c);
  check->cluster = a.cluster.code();
  check->red = a.red ? 1 : 0;
  check->red_items = a.red_items.bits();
  return Ok(error);
  MHPBR_C_CATCH(error)
}

}  // extern "C"
