// gMock matchers for absl::Status and absl::StatusOr<T>, which Abseil
// 20220623 does not ship:
//
//   EXPECT_THAT(rules.status(), IsOk());
//   EXPECT_THAT(ParseRuleSetText(text),
//               StatusIs(absl::StatusCode::kInvalidArgument,
//                        HasSubstr("cluster 16 item 3")));
//   MHPBR_ASSERT_OK_AND_ASSIGN(auto rules, LoadRuleSetFile(path));

#ifndef MHPBR_TESTS_UNIT_STATUS_MATCHERS_H_
#define MHPBR_TESTS_UNIT_STATUS_MATCHERS_H_

#include <ostream>
#include <string>
#include <utility>

#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "gmock/gmock.h"
#include "gtest/gtest.h"

namespace mhpbr::testing {

inline const absl::Status& GetStatus(const absl::Status& s) { return s; }
template <typename T>
const absl::Status& GetStatus(const absl::StatusOr<T>& s) {
  return s.status();
}

class IsOkMatcher {
 public:
  template <typename T>
  bool MatchAndExplain(const T& actual,
                       ::testing::MatchResultListener* listener) const {
    const absl::Status& s = GetStatus(actual);
    if (!s.ok()) *listener << "whose status is " << s;
    return s.ok();
  }
  void DescribeTo(std::ostream* os) const { *os << "is OK"; }
  void DescribeNegationTo(std::ostream* os) const { *os << "is not OK"; }
};

// Matches an OK absl::Status or an absl::StatusOr holding a value.
inline ::testing::PolymorphicMatcher<IsOkMatcher> IsOk() {
  return ::testing::MakePolymorphicMatcher(IsOkMatcher());
}

class StatusIsMatcher {
 public:
  StatusIsMatcher(absl::StatusCode code,
                  ::testing::Matcher<const std::string&> message)
      : code_(code), message_(std::move(message)) {}

  template <typename T>
  bool MatchAndExplain(const T& actual,
                       ::testing::MatchResultListener* listener) const {
    const absl::Status& s = GetStatus(actual);
    if (s.code() != code_) {
      *listener << "whose status is " << s;
      return false;
    }
    const std::string message(s.message());
    ::testing::StringMatchResultListener inner;
    if (!message_.MatchAndExplain(message, &inner)) {
      *listener << "whose message \"" << message << "\" does not match";
      if (!inner.str().empty()) *listener << " (" << inner.str() << ")";
      return false;
    }
    return true;
  }
  void DescribeTo(std::ostream* os) const {
    *os << "has status code " << absl::StatusCodeToString(code_)
        << " and a message that ";
    message_.DescribeTo(os);
  }
  void DescribeNegationTo(std::ostream* os) const {
    *os << "does not have status code " << absl::StatusCodeToString(code_)
        << " or has a message that ";
    message_.DescribeNegationTo(os);
  }

 private:
  absl::StatusCode code_;
  ::testing::Matcher<const std::string&> message_;
};

// Matches a status (or a StatusOr's status) with `code` whose message
// matches `message` (a matcher or a string to equal).
template <typename MessageMatcher>
::testing::PolymorphicMatcher<StatusIsMatcher> StatusIs(
    absl::StatusCode code, MessageMatcher&& message) {
  return ::testing::MakePolymorphicMatcher(
      StatusIsMatcher(code, ::testing::MatcherCast<const std::string&>(
                                std::forward<MessageMatcher>(message))));
}
inline ::testing::PolymorphicMatcher<StatusIsMatcher> StatusIs(
    absl::StatusCode code) {
  return StatusIs(code, ::testing::_);
}

}  // namespace mhpbr::testing

#define MHPBR_TEST_CONCAT_INNER_(a, b) a##b
#define MHPBR_TEST_CONCAT_(a, b) MHPBR_TEST_CONCAT_INNER_(a, b)

// MHPBR_ASSERT_OK_AND_ASSIGN(auto x, FunctionReturningStatusOr());
// Fails the test (and returns) when the StatusOr holds an error.
#define MHPBR_ASSERT_OK_AND_ASSIGN(lhs, expr) \
  MHPBR_ASSERT_OK_AND_ASSIGN_IMPL_(           \
      MHPBR_TEST_CONCAT_(mhpbr_test_statusor_, __LINE__), lhs, expr)
#define MHPBR_ASSERT_OK_AND_ASSIGN_IMPL_(statusor, lhs, expr) \
  auto statusor = (expr);                                     \
  ASSERT_THAT(statusor, ::mhpbr::testing::IsOk());            \
  lhs = std::move(statusor).value()

#endif  // MHPBR_TESTS_UNIT_STATUS_MATCHERS_H_
