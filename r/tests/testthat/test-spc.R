# mhpbr_spc_json is newer than some libraries the package may meet.
skip_if_not(mhpbr:::has_call("spc"), "this libmhpbr has no mhpbr_spc_json")

test_that("an SPC chart's mean and limits are the hand values", {
  # 1, 2, 3: mean 2, moving ranges 1 and 1 (mean 1), limits 2 -/+ 2.66 * 1.
  x <- mhpbr_spc(data.frame(series = "s", month = c("2024-01", "2024-02",
                                                    "2024-03"),
                            value = c(1, 2, 3)))
  expect_equal(x$mean, c(2, 2, 2))
  expect_equal(x$lpl, rep(-0.66, 3))
  expect_equal(x$upl, rep(4.66, 3))
  expect_identical(x$side, c(-1L, 0L, 1L))
  expect_false(any(x$special_cause))
  s <- attr(x, "summary")
  expect_identical(s$points, 3L)
  expect_true(s$short)
  expect_identical(s$variation, "common_cause")
})

spc_input <- function() {
  data.frame(
    series = c(rep("a", 14), "b", "b", "c", ""),
    month = c(sprintf("2023-%02d", 1:12), "2024-01", "2023-05", "2023-01",
              "2023-02", "2023-13", "2023-01"),
    value = c(10, 11, 10, 12, 11, 10, 11, 12, 10, 11, 30, 11, 10, 99, 5, NA,
              1, 2))
}

test_that("rows mhpbr spc rejects come back with its reasons", {
  x <- mhpbr_spc(spc_input())
  expect_equal(attr(x, "rejects"), data.frame(
    line = c(15L, 18L, 19L), id = c("a", "c", ""),
    reason = c("duplicate_month: 2023-05 is already on line 6",
               "month: '2023-13' is not a month (YYYY-MM, from 1800)",
               "series: empty"), stringsAsFactors = FALSE))
  expect_error(mhpbr_spc(spc_input()[-2]), "no column month",
               class = "mhpbr_error")
})

test_that("the charts are `mhpbr spc`'s", {
  input <- tempfile(fileext = ".csv")
  write.csv(spc_input(), input, row.names = FALSE, na = "")
  summary <- tempfile(fileext = ".csv")
  rejects <- tempfile(fileext = ".csv")
  cli <- run_tool(c("spc", "--in", input, "--direction", "up", "--summary",
                    summary, "--rejects", rejects))
  x <- mhpbr_spc(spc_input(), direction = "up")
  ours <- as_tool(x)
  figures <- c("value", "mean", "lpl", "upl")
  expect_equal(ours[!names(ours) %in% figures], cli[!names(cli) %in% figures])
  for (col in figures) {
    expect_equal(x[[col]], suppressWarnings(as.numeric(cli[[col]])))
  }
  cli_summary <- read.csv(summary, colClasses = "character")
  expect_equal(attr(x, "summary")$variation,
               ifelse(cli_summary$variation == "", NA,
                      cli_summary$variation))
  expect_equal(attr(x, "summary")$points, as.integer(cli_summary$points))
  expect_equal(attr(x, "rejects"), read.csv(rejects, stringsAsFactors = FALSE))
})
