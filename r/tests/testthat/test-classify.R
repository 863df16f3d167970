test_that("the version is the library's", {
  expect_match(mhpbr_version(), "^[0-9]+\\.[0-9]+\\.[0-9]+$")
})

test_that("typical pictures classify to their clusters", {
  x <- mhpbr_classify(assessments(typical))
  expect_equal(names(x), c(
    "assessment_id", "patient_id", "date", "suggested_cluster",
    "suggested_fit", "runner_up_cluster", "runner_up_fit", "superclass",
    "allocated_cluster", "allocation_red", "red_items", "reason"))
  expect_identical(x$suggested_cluster, c(1L, 4L, 10L, 14L))
  expect_identical(x$superclass, c("non-psychotic", "non-psychotic",
                                   "psychotic", "psychotic"))
  expect_true(all(is.na(x$reason)))
  expect_true(all(is.na(x$allocated_cluster)))
  expect_true(all(is.na(x$allocation_red)))
  expect_equal(nrow(attr(x, "rejects")), 0)
})

test_that("a red allocation names its items", {
  # Cluster 10's picture rates item 6 at 3; cluster 1's item 6 row is
  # MMUUU, so an allocation to cluster 1 breaks its red rule on item 6.
  x <- mhpbr_classify(assessments(typical[c("10", "10")],
                                  psychosis = c("y", "yes"),
                                  allocated_cluster = c(1L, 10L)))
  expect_identical(x$allocated_cluster, c(1L, 10L))
  expect_identical(x$allocation_red, c(TRUE, FALSE))
  expect_identical(x$red_items, c("6", ""))
})

test_that("too few known ratings is variance with its reason", {
  df <- assessments(list(rep(NA, 18)))
  df$r1 <- 0L
  df$r7 <- 3L
  df$r8 <- 3L
  x <- mhpbr_classify(df)
  expect_identical(x$suggested_cluster, 0L)
  expect_identical(x$reason, "too_few_known")
  expect_identical(x$superclass, "variance")
  expect_true(is.na(x$suggested_fit))
  expect_true(is.na(x$runner_up_cluster))
})

test_that("item 8 by type equals the single rating", {
  single <- mhpbr_classify(assessments(typical["4"]))
  typed <- assessments(typical["4"])
  typed$r8 <- NULL
  for (t in paste0("r8", letters[1:10])) typed[[t]] <- NA_integer_
  typed$r8a <- 1L
  typed$r8b <- 4L
  expect_equal(mhpbr_classify(typed), single)
  clash <- assessments(typical["4"], r8a = 1L)
  x <- mhpbr_classify(clash)
  expect_equal(nrow(x), 0)
  expect_identical(attr(x, "rejects")$reason,
                   "r8: given both as one rating and as types r8a..r8j")
})

test_that("a Date column and text dates give the same rows", {
  df <- assessments(typical)
  as_date <- df
  as_date$date <- as.Date(df$date)
  expect_equal(mhpbr_classify(as_date), mhpbr_classify(df))
})

test_that("bad rows come back as rejects with the tool's line and reason", {
  df <- assessments(typical)
  df$r3[2] <- 7L
  df$date[3] <- "2023-02-29"
  df$organic <- c("n", "n", "n", "maybe")
  df$allocated_cluster <- c(9, NA, NA, 2.5)
  x <- mhpbr_classify(df)
  expect_equal(nrow(x), 0)
  # Line = row + 1: the row's line in a CSV file with its header.
  expect_equal(attr(x, "rejects"), data.frame(
    line = 2:5, id = c("A1", "A2", "A3", "A4"),
    reason = c(
      "allocated_cluster: cluster 9 does not exist (valid: 0-8, 10-21)",
      "r3: '7' is not a rating (0-4, 9 or empty)",
      "date: '2023-02-29' is not a real calendar date",
      paste("organic: 'maybe' is not y, n or empty;",
            "allocated_cluster: cluster '2.5' is not a number 0-21")),
    stringsAsFactors = FALSE))
  one_bad <- assessments(typical[c("1", "4")])
  one_bad$r3[2] <- 7L
  ok <- mhpbr_classify(one_bad)
  expect_identical(ok$assessment_id, "A1")
  expect_identical(attr(ok, "rejects")$line, 3L)
})

test_that("a missing or mistyped column is an error naming it", {
  df <- assessments(typical)
  expect_error(mhpbr_classify(df[setdiff(names(df), "r5")]),
               "mhpbr_classify: no column r5", class = "mhpbr_error")
  df$r6 <- as.character(df$r6)
  expect_error(mhpbr_classify(df), "column r6 must be numeric",
               class = "mhpbr_error")
  df <- assessments(typical)
  df$date <- 20230501
  expect_error(mhpbr_classify(df), "column date must be a Date",
               class = "mhpbr_error")
})

test_that("a bad rule set is an mhpbr_error with the library's code", {
  bad <- tempfile(fileext = ".textproto")
  writeLines("this is not a rule set", bad)
  e <- tryCatch(mhpbr_classify(assessments(typical), rules = bad),
                mhpbr_error = function(e) e)
  expect_s3_class(e, "mhpbr_error")
  expect_identical(e$code, "INVALID_ARGUMENT")
  expect_match(conditionMessage(e), "^mhpbr_classify: ")
})

test_that("the sample assessments classify as `mhpbr classify` writes them", {
  path <- repo_file("examples", "data", "assessments.csv")
  rejects <- tempfile(fileext = ".csv")
  cli <- run_tool(c("classify", "--in", path, "--rejects", rejects))
  x <- mhpbr_classify(read.csv(path, stringsAsFactors = FALSE))
  expect_equal(as_tool(x), cli)
  cli_rejects <- read.csv(rejects, stringsAsFactors = FALSE)
  expect_equal(attr(x, "rejects"), cli_rejects)
})
