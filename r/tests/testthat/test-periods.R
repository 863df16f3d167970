readme_events <- function() {
  data.frame(
    patient_id = c("A", "A", "A", "C"),
    date = c("2023-01-10", "2023-03-01", "2023-05-01", "2023-03-01"),
    event = "allocate", cluster = c(4L, 4L, 5L, 11L),
    team = c("T1", "T2", "T2", ""), provider = c("RX1", "RX1", "RX1", ""),
    commissioner = c("C2", "C1", "C1", ""), stringsAsFactors = FALSE)
}

test_that("periods are README.md's worked example", {
  # As of 2023-12-31. A: cluster 4 from 2023-01-10, reviewed on 2023-03-01
  # (the period keeps T1 and C2), to 2023-04-30 = 21 + 28 + 31 + 30 + 1 =
  # 111 days; cluster 5 from 2023-05-01, open: 245 days, review due
  # 2023-11-01 (6 months), 60 days overdue. C: 306 days, due 2024-03-01.
  p <- mhpbr_periods(readme_events(), "2023-12-31")
  expect_equal(as_tool(p), data.frame(
    patient_id = c("A", "A", "C"), cluster = c("4", "5", "11"),
    start = c("2023-01-10", "2023-05-01", "2023-03-01"),
    end = c("2023-04-30", "", ""), days = c("111", "245", "306"),
    review_due = c("2023-09-01", "2023-11-01", "2024-03-01"),
    overdue_days = c("0", "60", "0"), transition_ok = "y", superseded = "0",
    team = c("T1", "T2", ""), provider = c("RX1", "RX1", ""),
    commissioner = c("C2", "C1", ""), stringsAsFactors = FALSE))
  expect_equal(nrow(attr(p, "rejects")), 0)
  expect_equal(attr(p, "by_cluster")$days, c(111, 245, 306))
})

test_that("as_of may be a Date", {
  expect_equal(mhpbr_periods(readme_events(), as.Date("2023-12-31")),
               mhpbr_periods(readme_events(), "2023-12-31"))
})

test_that("bad events are rejects with the tool's reasons", {
  ev <- readme_events()[c("patient_id", "date", "event", "cluster")]
  ev <- rbind(ev, data.frame(
    patient_id = c("D", "", "E"), date = c("2023-02-30", "2023-01-01",
                                           "2023-06-01"),
    event = c("allocate", "move", "discharge"), cluster = c(NA, 3L, NA)))
  p <- mhpbr_periods(ev, "2023-12-31")
  expect_equal(nrow(p), 3)
  expect_equal(attr(p, "rejects"), data.frame(
    line = c(6L, 7L, 8L), id = c("D", "", "E"),
    reason = c(paste("date: '2023-02-30' is not a real calendar date;",
                     "cluster: missing for allocate"),
               paste("patient_id: empty; event: 'move' is not allocate or",
                     "discharge"),
               "discharge on 2023-06-01 with no open cluster period"),
    stringsAsFactors = FALSE))
})

test_that("a missing column is an error naming it", {
  expect_error(mhpbr_periods(readme_events()[-3], "2023-12-31"),
               "no column event", class = "mhpbr_error")
  expect_error(mhpbr_periods(readme_events(), "31/12/2023"),
               "as_of", class = "mhpbr_error")
})

test_that("the sample events give the periods `mhpbr periods` writes", {
  path <- repo_file("examples", "data", "events.csv")
  rejects <- tempfile(fileext = ".csv")
  cli <- run_tool(c("periods", "--in", path, "--as-of", "2024-03-31",
                    "--rejects", rejects))
  p <- mhpbr_periods(read.csv(path, stringsAsFactors = FALSE), "2024-03-31")
  expect_equal(as_tool(p), cli)
  expect_equal(attr(p, "rejects"), read.csv(rejects, stringsAsFactors = FALSE))
})
