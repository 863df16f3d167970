test_that("the report's figures are `mhpbr report --csv-dir`'s", {
  data <- function(name) repo_file("examples", "data", name)
  costs <- repo_file("lib", "rules", "example_unit_costs.textproto")
  dir <- tempfile()
  dir.create(dir)
  html <- file.path(dir, "report.html")
  run_tool(c("report", "--periods", data("periods.csv"), "--activity",
             data("activity.csv"), "--unit-costs", costs, "--as-of",
             "2024-03-31", "--assessments", data("assessments.csv"),
             "--events", data("events.csv"), "--out", html, "--csv-dir", dir),
           out = data("periods.csv"))
  r <- mhpbr_report(read_data("examples", "data", "periods.csv"),
                    read_data("examples", "data", "activity.csv"), costs,
                    "2024-03-31",
                    assessments = read_data("examples", "data",
                                            "assessments.csv"),
                    events = read_data("examples", "data", "events.csv"))
  expect_true(length(r$tables) > 0)
  for (name in names(r$tables)) {
    cli <- read.csv(file.path(dir, name), colClasses = "character",
                    na.strings = character(), check.names = FALSE)
    ours <- r$tables[[name]]
    expect_equal(names(ours), names(cli), label = name)
    expect_equal(nrow(ours), nrow(cli), label = name)
    # Numbers read back as numbers: compare as numbers where the tool's
    # cell is one, else as text.
    for (col in names(cli)) {
      num <- suppressWarnings(as.numeric(cli[[col]]))
      if (all(!is.na(num) | cli[[col]] == "")) {
        expect_equal(as.numeric(ours[[col]]), num, label = paste(name, col))
      } else {
        expect_equal(ifelse(is.na(ours[[col]]), "", as.character(ours[[col]])),
                     cli[[col]], label = paste(name, col))
      }
    }
  }
  expect_match(r$html, "<svg", fixed = TRUE)
  expect_identical(r$html, readChar(html, file.size(html), useBytes = TRUE))
})

test_that("report rows the library cannot use are rejects", {
  periods <- data.frame(patient_id = "P1", cluster = 3L, start = "2023-04-01",
                        end = NA)
  activity <- data.frame(activity_id = c("X1", "X2"), patient_id = "P1",
                         date = "2023-04-10", kind = "contact",
                         staff_group = c("nurse", "locum"), minutes = 30,
                         ward = "", count = NA, attendees = NA,
                         cost_pence = NA)
  costs <- list(source = "test",
                staff = list(list(code = "nurse", pence_per_hour = 6000)))
  r <- mhpbr_report(periods, activity, costs, "2023-06-30")
  expect_equal(attr(r, "rejects")$line, 3L)
  expect_match(attr(r, "rejects")$reason, "^activity: staff_group: 'locum'")
  expect_true(nchar(r$html) > 1000)
})
