test_that("outcomes are README.md's worked example", {
  events <- read_data("tests", "data", "outcomes", "events.csv")
  assessments <- read_data("tests", "data", "outcomes", "assessments.csv")
  activity <- read_data("tests", "data", "outcomes", "activity.csv")
  x <- mhpbr_outcomes(events, assessments, "2023-12-31", activity = activity)
  # P1: start assessment A2 (total 22), follow-up A4 (12): 12 - 22 = -10,
  # improved, not clinically significant (12 is still >= 11).
  p1 <- as_tool(x[x$patient_id == "P1", ])
  expect_equal(paste(unlist(p1), collapse = ","), paste0(
    "P1,11,2023-05-10,2023-11-30,paired,A2,2023-05-03,22,A4,2023-12-01,12,",
    "-10,-1,-1,-3,-5,improved,n"))
  expect_equal(attr(x, "indicators")$indicator, c(
    "valid_mhct_at_allocation", "paired_completeness", "reliably_improved",
    "reviews_on_time", "follow_up_7_days"))
})

test_that("outcomes match `mhpbr outcomes`", {
  path <- function(name) repo_file("tests", "data", "outcomes", name)
  indicators <- tempfile(fileext = ".csv")
  by_cluster <- tempfile(fileext = ".csv")
  rejects <- tempfile(fileext = ".csv")
  cli <- run_tool(c("outcomes", "--events", path("events.csv"),
                    "--assessments", path("assessments.csv"), "--activity",
                    path("activity.csv"), "--as-of", "2023-12-31",
                    "--indicators", indicators, "--by-cluster", by_cluster,
                    "--rejects", rejects))
  x <- mhpbr_outcomes(read.csv(path("events.csv")),
                      read.csv(path("assessments.csv")), "2023-12-31",
                      activity = read.csv(path("activity.csv")))
  expect_equal(as_tool(x), cli)
  expect_equal(as_tool(attr(x, "indicators")),
               read.csv(indicators, colClasses = "character"))
  # mean_change is a number here; the tool writes it to 4 places.
  cli_by <- read.csv(by_cluster, colClasses = "character")
  ours <- as_tool(attr(x, "by_cluster"))
  expect_equal(ours[names(ours) != "mean_change"],
               cli_by[names(cli_by) != "mean_change"])
  expect_equal(attr(x, "by_cluster")$mean_change,
               as.numeric(cli_by$mean_change))
  expect_equal(nrow(attr(x, "rejects")), nrow(read.csv(rejects)))
})

# Fair comparison by team on units_events.csv as of 2023-12-31 (the
# figures of tests/outcomes/outcomes_cli_test.cc, FairComparisonByTeam):
# paired periods A/4 (T1, start 20 -> band 16-20, improved), A/5 (T2, 10 ->
# 0-10, no change), B/4 (T2, 5 -> 0-10, deteriorated); the input's rates
# 4/16-20 1 of 1, 4/0-10 0 of 1, 5/0-10 0 of 1. T1: O = 1, E = 1, ratio
# 1; limits at E = 1 the halved chi-square quantiles (chi2(0.001, 2) / 2 =
# 0.001001, chi2(0.025, 2) / 2 = 0.025318, chi2(0.975, 4) / 2 = 5.571643,
# chi2(0.999, 4) / 2 = 9.233413): within; no discharge. T2: O = 0, E = 0:
# no ratio, limits or flag; B's discharge on 06-30 is due (+90 = 09-28)
# with no later allocation: 1 discharge, 0 re-referred, 0 ppm. C names no
# team: no_unit 1.
units_data <- function() {
  path <- function(name) repo_file("tests", "data", "outcomes", name)
  list(events = read.csv(path("units_events.csv"), stringsAsFactors = FALSE),
       assessments = read.csv(path("units_assessments.csv"),
                              stringsAsFactors = FALSE),
       path = path)
}

test_that("fair comparison by team is worked by hand", {
  d <- units_data()
  x <- mhpbr_outcomes(d$events, d$assessments, "2023-12-31", unit = "team")
  by <- attr(x, "by_unit")
  expect_equal(names(by), c(
    "unit", "periods", "paired", "improved", "expected", "ratio", "low_998",
    "low_95", "high_95", "high_998", "flag", "discharges", "reallocated_90",
    "reallocated_90_ppm"))
  expect_equal(by$unit, c("T1", "T2"))
  expect_equal(by$periods, c(1, 2))
  expect_equal(by$paired, c(1, 2))
  expect_equal(by$improved, c(1, 0))
  expect_equal(by$expected, c(1, 0))
  expect_equal(by$ratio, c(1, NA))
  expect_equal(unlist(by[1, c("low_998", "low_95", "high_95", "high_998")],
                      use.names = FALSE),
               c(0.001001, 0.025318, 5.571643, 9.233413))
  expect_true(all(is.na(by[2, c("low_998", "low_95", "high_95",
                                 "high_998")])))
  expect_equal(by$flag, c("within", NA))
  expect_equal(by$discharges, c(0, 1))
  expect_equal(by$reallocated_90, c(0, 0))
  expect_equal(by$reallocated_90_ppm, c(NA, 0))
  expect_equal(attr(x, "strata"), data.frame(
    cluster = c(4L, 4L, 5L), band = c("0-10", "16-20", "0-10"),
    paired = c(1, 1, 1), improved = c(0, 1, 0), stringsAsFactors = FALSE))
  expect_equal(attr(x, "unadjusted"), 0)
  expect_equal(attr(x, "no_unit"), 1)
  # Without unit, none of it.
  y <- mhpbr_outcomes(d$events, d$assessments, "2023-12-31")
  expect_null(attr(y, "by_unit"))
})

# Against last year's 4/16-20 1 of 4 and 5/0-10 1 of 2 (no 4/0-10): T1 E =
# 1/4, ratio 4; T2 E = 1/2 (A/5), O = 0, ratio 0: low_998; B/4 unadjusted.
test_that("fair comparison against a reference is worked by hand", {
  d <- units_data()
  ref <- data.frame(cluster = c(4, 5), band = c("16-20", "0-10"),
                    paired = c(4, 2), improved = c(1, 1))
  x <- mhpbr_outcomes(d$events, d$assessments, "2023-12-31", unit = "team",
                      reference = ref)
  by <- attr(x, "by_unit")
  expect_equal(by$paired, c(1, 1))
  expect_equal(by$expected, c(0.25, 0.5))
  expect_equal(by$ratio, c(4, 0))
  expect_equal(by$flag[2], "low_998")
  expect_equal(attr(x, "unadjusted"), 1)
})

test_that("fair comparison matches `mhpbr outcomes --by-unit`", {
  d <- units_data()
  by_unit <- tempfile(fileext = ".csv")
  strata <- tempfile(fileext = ".csv")
  last_year <- tempfile(fileext = ".csv")
  writeLines(c("cluster,band,paired,improved", "4,16-20,4,1", "5,0-10,2,1"),
             last_year)
  decimals <- c("expected", "ratio", "low_998", "low_95", "high_95",
                "high_998")
  for (reference in list(NULL, last_year)) {
    run_tool(c("outcomes", "--events", d$path("units_events.csv"),
               "--assessments", d$path("units_assessments.csv"), "--as-of",
               "2023-12-31", "--out", tempfile(), "--unit", "team",
               "--by-unit", by_unit, "--write-reference", strata,
               if (!is.null(reference)) c("--reference", reference)),
             out = by_unit)
    x <- mhpbr_outcomes(d$events, d$assessments, "2023-12-31", unit = "team",
                        reference = reference)
    cli <- read.csv(by_unit, colClasses = "character",
                    na.strings = character())
    ours <- as_tool(attr(x, "by_unit"))
    expect_equal(names(ours), names(cli))
    keep <- setdiff(names(cli), decimals)
    expect_equal(ours[keep], cli[keep])
    # The tool writes the decimals to 6 places; here they are numbers.
    for (name in decimals) {
      expect_equal(attr(x, "by_unit")[[name]],
                   suppressWarnings(as.numeric(cli[[name]])))
    }
    expect_equal(as_tool(attr(x, "strata")),
                 read.csv(strata, colClasses = "character"))
  }
})

test_that("fair comparison's arguments are checked before any work", {
  d <- units_data()
  no_team <- d$events[names(d$events) != "team"]
  expect_error(mhpbr_outcomes(no_team, d$assessments, "2023-12-31",
                              unit = "team"),
               "mhpbr_outcomes: no column team", class = "mhpbr_error")
  expect_error(mhpbr_outcomes(d$events, d$assessments, "2023-12-31",
                              unit = "ward"),
               "unit: team, provider or commissioner, not ward",
               class = "mhpbr_error")
  ref <- data.frame(cluster = 4, band = "16-20", paired = 4)
  expect_error(mhpbr_outcomes(d$events, d$assessments, "2023-12-31",
                              unit = "team", reference = ref),
               "mhpbr_outcomes reference: no column improved",
               class = "mhpbr_error")
  ref$improved <- "1"
  expect_error(mhpbr_outcomes(d$events, d$assessments, "2023-12-31",
                              unit = "team", reference = ref),
               "column improved must be numeric, not character",
               class = "mhpbr_error")
  ref$improved <- 5
  expect_error(mhpbr_outcomes(d$events, d$assessments, "2023-12-31",
                              unit = "team", reference = ref),
               "improved", class = "mhpbr_error")
  expect_error(mhpbr_outcomes(d$events, d$assessments, "2023-12-31",
                              reference = ref[1:3]),
               "reference needs unit", class = "mhpbr_error")
})
