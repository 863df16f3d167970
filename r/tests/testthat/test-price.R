contract_file <- function(text) {
  path <- tempfile(fileext = ".textproto")
  writeLines(text, path)
  path
}

test_that("a tariff by date prices as README.md's worked example", {
  # MFF 1.053217: (30 * 12345 + 15 * 13579) = 574035 * 1.053217 =
  # 604583.42 -> 604583 (rounding each part would give 604584).
  contract <- contract_file(c('year_start: "2023-04-01"',
                              "mff_ppm: 1053217", "partial_period: PRO_RATA",
                              "social_care: POOLED"))
  tariff <- data.frame(cluster = 3L, basis = "day",
                       price_pence = c(12345, 13579),
                       effective_from = c("2023-04-01", "2023-10-01"),
                       effective_to = c("2023-09-30", NA))
  periods <- data.frame(patient_id = "P1", cluster = 3L, start = "2023-09-01",
                        end = "2023-10-15")
  x <- mhpbr_price(periods, tariff, contract)
  expect_equal(x$amount_pence, 604583)
  expect_equal(x$days_in_year, 45)
  expect_identical(x$basis, "day")
  expect_identical(x$status, "priced")
  s <- attr(x, "summary")
  expect_equal(s$value[s$key == "activity_pence"], 604583)
  expect_equal(s$key[1], "lines")
})

test_that("a period line equals mhpbr_price_period's payment", {
  contract <- contract_file(c('year_start: "2023-04-01"',
                              "mff_ppm: 1000000", "partial_period: FULL",
                              "social_care: POOLED"))
  tariff <- data.frame(cluster = c(3L, 4L), basis = c("day", "period"),
                       price_pence = c(1000, 50000))
  periods <- data.frame(patient_id = c("P1", "P2"), cluster = c(3L, 4L),
                        start = c("2023-04-01", "2023-05-01"),
                        end = c("2023-04-10", NA))
  x <- mhpbr_price(periods, tariff, contract)
  live <- mhpbr_price_period(c(3, 4), c("2023-04-01", "2023-05-01"),
                             c("2023-04-10", NA), contract = contract,
                             tariff = tariff)
  # P1: 10 days at 1000 = 10000. P2: open to 31 March 2024; cluster 4 is
  # reviewed every 6 months, so review periods start on 2023-05-01 and
  # 2023-11-01: 2 * 50000 = 100000.
  expect_identical(mhpbr_cluster_info(4)$review_count, 6L)
  expect_equal(x$amount_pence, c(10000, 100000))
  expect_equal(live$amount_pence, x$amount_pence)
  expect_equal(live$units, x$units)
  expect_identical(live$basis, c("day", "period"))
})

test_that("a bad tariff row stops the call naming its line", {
  contract <- contract_file('year_start: "2023-04-01"')
  tariff <- data.frame(cluster = c(3L, 4L), basis = c("day", "week"),
                       price_pence = 1)
  periods <- data.frame(patient_id = "P1", cluster = 3L, start = "2023-04-01")
  expect_error(mhpbr_price(periods, tariff, contract),
               "tariff: line 3: basis: 'week' is not day, period or year",
               class = "mhpbr_error")
})

test_that("the sample contract prices as `mhpbr price` writes it", {
  data <- function(name) repo_file("examples", "data", name)
  summary <- tempfile(fileext = ".csv")
  cli <- run_tool(c("price", "--periods", data("periods.csv"), "--tariff",
                    data("tariff.csv"), "--contract",
                    data("contract.textproto"), "--one-offs",
                    data("one_offs.csv"), "--summary", summary))
  x <- mhpbr_price(read.csv(data("periods.csv"), stringsAsFactors = FALSE),
                   data("tariff.csv"), data("contract.textproto"),
                   one_offs = data("one_offs.csv"))
  expect_equal(as_tool(x), cli)
  expect_equal(as_tool(attr(x, "summary")),
               read.csv(summary, colClasses = "character"))
})

test_that("bad period rows are rejects with the tool's reasons", {
  contract <- contract_file(c('year_start: "2023-04-01"', "mff_ppm: 1000000",
                              "partial_period: FULL", "social_care: POOLED"))
  tariff <- data.frame(cluster = 3L, basis = "day", price_pence = 1000)
  periods <- data.frame(patient_id = c("P1", "P2", "", "P4"),
                        cluster = c(3L, NA, 3L, 3L),
                        start = c("2023-04-01", "2023-04-01", "2023-04-01",
                                  "2023-05-01"),
                        end = c("2023-04-10", NA, "2023-13-01", "2023-04-30"))
  x <- mhpbr_price(periods, tariff, contract)
  expect_identical(x$patient_id, "P1")
  expect_equal(attr(x, "rejects"), data.frame(
    line = 3:5, id = c("P2", "", "P4"),
    reason = c("cluster: cluster '' is not a number 0-21",
               paste("patient_id: empty; end: '2023-13-01' is not",
                     "a real calendar date"),
               "end: before start"),
    stringsAsFactors = FALSE))
})

# One contract per commissioner (tests/data/pricing/commissioner_*, worked
# in tests/pricing_cli/pricing_cli_test.cc): A (MFF 1.1): ect 2 * 500 * 1.1
# = 1100, p1 10 * 1000 * 1.1 = 11000. B (MFF 1.08543, baseline 72000, cap
# and collar): ect 1085.43 -> 1085, p2 20 * 2000 * 1.08543 = 43417.2 ->
# 43417, p3 30 * 1000 * 1.08543 = 32562.9 -> 32563; activity 77065, paid
# 72000 + 3600 + (77065 - 75600) / 2 = 76332.5 -> 76333 (risk share -732).
# p4 and crisis name no commissioner: 0, last; p5 names C: rejected.
commissioner_inputs <- function() {
  path <- function(name) repo_file("tests", "data", "pricing", name)
  list(path = path,
       periods = read.csv(path("commissioner_periods.csv"),
                          stringsAsFactors = FALSE),
       one_offs = read.csv(path("commissioner_one_offs.csv"),
                           stringsAsFactors = FALSE),
       tariff = path("commissioner_tariff.csv"),
       contracts = c(path("commissioner_b.textproto"),
                     path("commissioner_a.textproto")))
}

test_that("several contracts price each commissioner's records", {
  d <- commissioner_inputs()
  x <- mhpbr_price(d$periods, d$tariff, d$contracts, one_offs = d$one_offs)
  expect_equal(x$commissioner, c("A", "A", "B", "B", "B", NA, NA))
  expect_equal(x$amount_pence, c(1100, 11000, 1085, 43417, 32563, 0, 0))
  expect_equal(x$status[6:7], c("no_commissioner", "no_commissioner"))
  expect_equal(x$basis, c("one_off", "day", "one_off", "day", "day",
                          "one_off", NA))
  s <- attr(x, "summary")
  expect_equal(s$value[match(c("lines", "activity_pence", "payment_pence",
                               "commissioners",
                               "periods_without_commissioner",
                               "one_offs_without_commissioner"), s$key)],
               c(5, 89165, 88433, 2, 1, 1))
  by <- attr(x, "by_commissioner")
  expect_equal(by$commissioner, c("A", "B", "total"))
  expect_equal(by$payment_pence, c(12100, 76333, 88433))
  expect_equal(by$risk_share_pence, c(0, -732, -732))
  r <- attr(x, "rejects")
  expect_equal(r$line, 6L)
  expect_equal(r$reason, "periods: commissioner: 'C' has no contract")
  # The same contracts as a list of lists.
  y <- mhpbr_price(d$periods, d$tariff,
                   lapply(d$contracts, mhpbr_read_textproto),
                   one_offs = d$one_offs)
  expect_equal(y$amount_pence, x$amount_pence)
})

test_that("several contracts match `mhpbr price --contract ... --contract`", {
  d <- commissioner_inputs()
  for (as_of in list(NULL, "2024-05-31")) {
    summary <- tempfile(fileext = ".csv")
    by_commissioner <- tempfile(fileext = ".csv")
    by_cluster <- tempfile(fileext = ".csv")
    months <- tempfile(fileext = ".csv")
    rejects <- tempfile(fileext = ".csv")
    cli <- run_tool(c("price", "--periods", d$path("commissioner_periods.csv"),
                      "--tariff", d$tariff, "--contract", d$contracts[1],
                      "--contract", d$contracts[2], "--one-offs",
                      d$path("commissioner_one_offs.csv"), "--summary",
                      summary, "--by-cluster", by_cluster, "--rejects",
                      rejects,
                      if (is.null(as_of)) "--by-commissioner" else
                        c("--as-of", as_of, "--months", months),
                      if (is.null(as_of)) by_commissioner))
    x <- mhpbr_price(d$periods, d$tariff, d$contracts, one_offs = d$one_offs,
                     as_of = as_of)
    expect_equal(as_tool(x), cli)
    cli_summary <- read.csv(summary, colClasses = "character")
    # The tool's summary has the in-year rows (text) after the numbers.
    ours <- rbind(as_tool(attr(x, "summary")), attr(x, "in_year"))
    expect_equal(ours, cli_summary)
    expect_identical(is.null(attr(x, "in_year")), is.null(as_of))
    expect_equal(as_tool(attr(x, "by_cluster")),
                 read.csv(by_cluster, colClasses = "character"))
    if (is.null(as_of)) {
      expect_equal(as_tool(attr(x, "by_commissioner")),
                   read.csv(by_commissioner, colClasses = "character"))
    } else {
      expect_equal(as_tool(attr(x, "months")),
                   read.csv(months, colClasses = "character"))
    }
    expect_equal(nrow(attr(x, "rejects")), nrow(read.csv(rejects)))
  }
})

test_that("indicators add the tool's attainment_ppm rows to the summary", {
  path <- function(name) repo_file("tests", "data", "pricing", name)
  summary <- tempfile(fileext = ".csv")
  run_tool(c("price", "--periods", path("periods.csv"), "--tariff",
             path("tariff.csv"), "--contract", path("contract_bonus.textproto"),
             "--one-offs", path("one_offs.csv"), "--indicators",
             path("indicators.csv"), "--summary", summary))
  x <- mhpbr_price(read.csv(path("periods.csv"), stringsAsFactors = FALSE),
                   path("tariff.csv"), path("contract_bonus.textproto"),
                   one_offs = path("one_offs.csv"),
                   indicators = path("indicators.csv"))
  s <- attr(x, "summary")
  expect_equal(as_tool(s), read.csv(summary, colClasses = "character"))
  # reviews_on_time 700000 between floor 500000 and target 900000 -> half
  # way; paired_completeness 3 of target 400000 -> 7.5 -> 8; no value -> 0.
  expect_equal(s$value[grepl("^attainment_ppm:", s$key)], c(500000, 8, 0))
  expect_equal(s$value[s$key == "earned_pence"], 1500)
})

test_that("each commissioner's attainments and the in-year rows as the tool", {
  d <- commissioner_inputs()
  # Both contracts paying a bonus on reviews_on_time (700000 of 500000 to
  # 900000: attainment 500000 each).
  contracts <- vapply(d$contracts, function(f) {
    out <- tempfile(fileext = ".textproto")
    writeLines(c(readLines(f), "incentive: BONUS", "bonus_pot_pence: 1000",
                 paste("outcomes { name: \"reviews_on_time\"",
                       "weight_ppm: 1000000 floor_ppm: 500000",
                       "target_ppm: 900000 }")), out)
    out
  }, character(1), USE.NAMES = FALSE)
  summary <- tempfile(fileext = ".csv")
  run_tool(c("price", "--periods", d$path("commissioner_periods.csv"),
             "--tariff", d$tariff, "--contract", contracts[1], "--contract",
             contracts[2], "--one-offs", d$path("commissioner_one_offs.csv"),
             "--indicators", d$path("indicators.csv"), "--as-of",
             "2024-05-31", "--summary", summary))
  x <- mhpbr_price(d$periods, d$tariff, contracts, one_offs = d$one_offs,
                   indicators = d$path("indicators.csv"), as_of = "2024-05-31")
  s <- attr(x, "summary")
  expect_equal(s$key[9:11], c("attainment_ppm:A:reviews_on_time",
                              "attainment_ppm:B:reviews_on_time",
                              "commissioners"))
  expect_equal(s$value[9:10], c(500000, 500000))
  expect_equal(rbind(as_tool(s), attr(x, "in_year")),
               read.csv(summary, colClasses = "character"))
  expect_equal(attr(x, "in_year")$value[1], "2024-05-31")
})
