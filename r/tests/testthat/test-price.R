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
