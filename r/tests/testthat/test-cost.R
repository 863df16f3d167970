unit_costs <- list(source = "test", overhead_ppm = 200000,
                   staff = list(list(code = "nurse", pence_per_hour = 6000)),
                   ward = list(list(code = "acute", pence_per_day = 45000)))

test_that("activity is costed to its period by hand", {
  periods <- data.frame(patient_id = c("P1", "P1"), cluster = c(3L, 4L),
                        start = c("2023-04-01", "2023-05-01"),
                        end = c("2023-04-30", NA), stringsAsFactors = FALSE)
  activity <- data.frame(
    activity_id = c("X1", "X2", "X3", "X4"),
    patient_id = c("P1", "P1", "P1", "Q"),
    date = c("2023-04-10", "2023-05-02", "2023-05-03", "2023-05-03"),
    kind = c("contact", "bed_day", "other", "contact"),
    staff_group = c("nurse", "", "", "nurse"), minutes = c(30, NA, NA, 15),
    ward = c("", "acute", "", ""), count = c(NA, 2, NA, NA), attendees = NA,
    cost_pence = c(NA, NA, 1000, NA), stringsAsFactors = FALSE)
  x <- mhpbr_cost(periods, activity, unit_costs, "2023-05-31")
  # X1: 30 min at 6000/h = 3000, * 1.2 overhead = 3600, in the April period
  # (30 days: 3600 / 30 = 120 a day). X2: 2 days at 45000 = 90000 * 1.2 =
  # 108000; X3: 1000 * 1.2 = 1200; both in May (31 days to as_of):
  # 109200 / 31 = 3522.58 -> 3523. X4: a patient with no period: 15 min =
  # 1500 * 1.2 = 1800, unclustered.
  expect_equal(x$cost_pence, c(3600, 109200))
  expect_equal(x$days, c(30, 31))
  expect_equal(x$records, c(1, 2))
  expect_equal(x$cost_per_day_pence, c(120, 3523))
  s <- attr(x, "summary")
  expect_equal(s$value[s$key == "unclustered_pence"], 1800)
  expect_equal(s$value[s$key == "total_pence"], 3600 + 109200 + 1800)
  expect_equal(s$value[s$key == "unknown_patient_records"], 1)
})

test_that("bad activity rows are rejects naming the input", {
  periods <- data.frame(patient_id = "P1", cluster = 3L, start = "2023-04-01",
                        end = NA)
  activity <- data.frame(
    activity_id = c("X1", "X2", "X3"), patient_id = "P1",
    date = c("2023-04-10", "2023-04-31", "2023-04-11"),
    kind = c("contact", "contact", "phone"), staff_group = c("locum", "nurse",
                                                             "nurse"),
    minutes = 10, ward = "", count = NA, attendees = NA, cost_pence = NA)
  x <- mhpbr_cost(periods, activity, unit_costs, "2023-05-31")
  expect_equal(attr(x, "rejects"), data.frame(
    line = 2:4, id = c("X1", "X2", "X3"),
    reason = c("activity: staff_group: 'locum' is not in the unit costs",
               "activity: date: '2023-04-31' is not a real calendar date",
               "activity: kind: 'phone' is not contact, group, bed_day or other"),
    stringsAsFactors = FALSE))
  s <- attr(x, "summary")
  expect_equal(s$value[s$key %in% c("records_read", "records_rejected")],
               c(3, 3))
})

test_that("the sample activity costs as `mhpbr cost` writes it", {
  periods <- repo_file("examples", "data", "periods.csv")
  activity <- repo_file("examples", "data", "activity.csv")
  costs <- repo_file("lib", "rules", "example_unit_costs.textproto")
  summary <- tempfile(fileext = ".csv")
  by_cluster <- tempfile(fileext = ".csv")
  cli <- run_tool(c("cost", "--periods", periods, "--activity", activity,
                    "--unit-costs", costs, "--as-of", "2024-03-31",
                    "--summary", summary, "--by-cluster", by_cluster))
  x <- mhpbr_cost(read.csv(periods, stringsAsFactors = FALSE),
                  read.csv(activity, stringsAsFactors = FALSE), costs,
                  "2024-03-31")
  expect_equal(as_tool(x), cli)
  expect_equal(as_tool(attr(x, "summary")),
               read.csv(summary, colClasses = "character"))
  expect_equal(as_tool(attr(x, "by_cluster")),
               read.csv(by_cluster, colClasses = "character"))
})

test_that("each kind's own cells are checked as the tool checks them", {
  periods <- data.frame(patient_id = "P1", cluster = 3L, start = "2023-04-01",
                        end = NA)
  activity <- data.frame(
    activity_id = c("G1", "C1", "B1", "O1", "C2"), patient_id = "P1",
    date = "2023-04-10", kind = c("group", "contact", "bed_day", "other",
                                  "contact"),
    staff_group = c("nurse", "", "", "", "nurse"),
    minutes = c(60, 10, NA, NA, 2.5), ward = "", count = c(NA, NA, 1, NA, NA),
    attendees = c(0, NA, NA, NA, NA), cost_pence = c(NA, NA, NA, -5, NA))
  x <- mhpbr_cost(periods, activity, unit_costs, "2023-05-31")
  expect_equal(attr(x, "rejects")$reason, c(
    "activity: attendees: must be at least 1",
    "activity: staff_group: empty",
    "activity: ward: empty",
    "activity: cost_pence: must not be negative",
    "activity: minutes: '2.5' is not a whole number"))
  expect_equal(attr(x, "rejects")$line, 2:6)
  s <- attr(x, "summary")
  expect_equal(s$value[s$key == "records_rejected"], 5)
})
