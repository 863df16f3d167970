test_that("cluster facts are the rule set's", {
  x <- mhpbr_cluster_info(c(1, 11))
  expect_identical(x$review_count, c(12L, 12L))
  expect_identical(x$review_unit, c("weeks", "months"))
  # 12 weeks = 84 days; 12 months = 12 * 365 / 12 = 365 days.
  expect_identical(x$review_days, c(84L, 365L))
  expect_identical(x$superclass, c("non-psychotic", "psychotic"))
  expect_equal(nrow(mhpbr_cluster_info()), 21)
})

test_that("a review falls due as `mhpbr periods` says", {
  # Cluster 1: 2023-04-03 + 84 days = 2023-06-26; as of 2024-01-01 it is
  # 4 + 31 + 31 + 30 + 31 + 30 + 31 + 1 = 189 days overdue.
  x <- mhpbr_review_due(1, "2023-04-03", as.Date(c("2023-05-01",
                                                   "2024-01-01")))
  expect_identical(x$review_due, c("2023-06-26", "2023-06-26"))
  expect_identical(x$overdue_days, c(0L, 189L))
})

test_that("transitions follow the rule set or the trust's table", {
  expect_identical(mhpbr_transition_allowed(1, c(2, 13)), c(TRUE, TRUE))
  table <- tempfile(fileext = ".textproto")
  writeLines("rows { from: 1 to: [1, 2, 3, 4] }", table)
  expect_identical(mhpbr_transition_allowed(1, c(2, 13, 0), transitions = table),
                   c(TRUE, FALSE, TRUE))
})

test_that("a bad argument is an mhpbr_error naming the element", {
  e <- tryCatch(mhpbr_review_due(c(1, 9), "2023-01-01", "2023-02-01"),
                mhpbr_error = function(e) e)
  expect_s3_class(e, "mhpbr_error")
  expect_identical(e$code, "INVALID_ARGUMENT")
  expect_match(conditionMessage(e), "^mhpbr_review_due: element 2: ")
  expect_error(mhpbr_review_due(1, "2023-13-01", "2023-02-01"),
               class = "mhpbr_error")
  expect_error(mhpbr_review_due(1, "1/1/2023", "2023-02-01"),
               "since: element 1: '1/1/2023' is not a date",
               class = "mhpbr_error")
})
