test_that("text format becomes protobuf's JSON mapping", {
  path <- tempfile(fileext = ".textproto")
  writeLines(c('# a comment', 'year_start: "2023-04-01"  # trailing',
               "partial_period: PRO_RATA", "baseline_pence: 2500000",
               "risk_bands { to_pct: -5 rate_ppm: 0 }",
               'outcomes: { name: "a \\"quoted\\" name" weight_ppm: 1 }',
               "flag: true"), path)
  expect_equal(as.character(mhpbr_read_textproto(path)), paste0(
    '{"year_start":"2023-04-01","partial_period":"PRO_RATA",',
    '"baseline_pence":2500000,"risk_bands":[{"to_pct":-5,"rate_ppm":0}],',
    '"outcomes":[{"name":"a \\"quoted\\" name","weight_ppm":1}],',
    '"flag":true}'))
})

test_that("repeated scalars and several messages become arrays", {
  path <- tempfile(fileext = ".textproto")
  writeLines(c("rows { from: 1 to: [1, 2] }", "rows { from: 2 to: 3 }"), path)
  expect_equal(as.character(mhpbr_read_textproto(path)),
               '{"rows":[{"from":1,"to":[1,2]},{"from":2,"to":[3]}]}')
})
