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
