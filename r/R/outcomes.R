outcome_status <- c(PAIRED = "paired", NO_START = "no_start",
                    NO_FOLLOW_UP = "no_follow_up")
outcome_names <- c(NO_CHANGE = "no_change", IMPROVED = "improved",
                   DETERIORATED = "deteriorated")

# The optional int32 fields of a response (absent: NA).
optional_int <- function(x, name) {
  v <- x[[name]]
  if (is.null(v)) return(rep(NA_integer_, nrow(x)))
  as.integer(v)
}

unit_columns <- c("team", "provider", "commissioner")

# `unit`: NULL or one of the events' unit columns, which the events must
# have (as `--unit` naming a column the file lacks is a usage error).
unit_arg <- function(unit, events_part, what, call = sys.call(-1)) {
  if (is.null(unit)) return(NULL)
  if (!is.character(unit) || length(unit) != 1 ||
      !(unit %in% unit_columns)) {
    mhpbr_error(sprintf("%s: unit: team, provider or commissioner, not %s",
                        what, paste(format(unit), collapse = " ")),
                call = call)
  }
  if (!(unit %in% events_part$extra)) {
    mhpbr_error(sprintf("%s: no column %s (the unit)", what, unit),
                call = call)
  }
  unit
}

# The reference strata (`--reference`): cluster, band, paired, improved.
# Their values (bands, improved above paired, duplicates) the library
# checks, naming the row.
reference_json <- function(reference, what, call = sys.call(-1)) {
  reference <- read_csv_arg(reference, what, call)
  cols <- find_columns(reference, c("cluster", "band", "paired", "improved"),
                       character(), what, call)
  df <- data.frame(
    cluster = as_number_column(cols$cluster, "cluster", what, call),
    band = trimws(as_text_column(cols$band, "band", what, call)),
    paired = int_text(as_number_column(cols$paired, "paired", what, call)),
    improved = int_text(as_number_column(cols$improved, "improved", what,
                                         call)),
    stringsAsFactors = FALSE)
  # An empty cell would travel as the field's default (cluster 0, band
  # ""): refused here instead, naming the line as the tool does.
  empty <- is.na(df$cluster) | is.na(df$band) | df$band == "" |
    is.na(df$paired) | is.na(df$improved)
  if (any(empty)) {
    k <- which(empty)[1]
    name <- names(df)[is.na(df[k, ]) | df[k, ] %in% ""][1]
    mhpbr_error(sprintf("%s: line %d: %s: missing", what, k + 1L, name),
                call = call)
  }
  rows_json(df)
}

# Decimal text of the response ("" where the tool's cell is empty) as
# numbers.
decimal_column <- function(x) {
  x[is.na(x) | x == ""] <- NA_character_
  as.numeric(x)
}

# The fair comparison's attributes, as `--by-unit` and `--write-reference`
# write them.
with_fair_comparison <- function(out, response) {
  u <- response$by_unit
  by <- response_frame(u, c(
    unit = "text", periods = "number", paired = "number",
    improved = "number", expected = "text", ratio = "text",
    low_998 = "text", low_95 = "text", high_95 = "text", high_998 = "text",
    flag = "text", discharges = "number", reallocated_90 = "number"))
  for (name in c("expected", "ratio", "low_998", "low_95", "high_95",
                 "high_998")) {
    by[[name]] <- decimal_column(by[[name]])
  }
  by$flag[by$flag == ""] <- NA_character_
  by$reallocated_90_ppm <- if (is.data.frame(u) &&
                               !is.null(u$reallocated_90_ppm)) {
    as.numeric(u$reallocated_90_ppm)
  } else {
    rep(NA_real_, nrow(by))
  }
  attr(out, "by_unit") <- by
  attr(out, "strata") <- response_frame(response$strata, c(
    cluster = "int", band = "text", paired = "number", improved = "number"))
  attr(out, "unadjusted") <- as.numeric(response$unadjusted)
  attr(out, "no_unit") <- as.numeric(response$no_unit)
  out
}

mhpbr_outcomes <- function(events, assessments, as_of, activity = NULL,
                           rules = NULL, unit = NULL, reference = NULL) {
  what <- "mhpbr_outcomes"
  as_of <- as_date_arg(as_of, "as_of")
  parts <- list(events = events_part(events, what),
                assessments = assessments_part(assessments, what))
  unit <- unit_arg(unit, parts$events, what)
  if (!is.null(reference) && is.null(unit)) {
    mhpbr_error(sprintf("%s: reference needs unit", what))
  }
  reference <- if (is.null(reference)) NULL else
    reference_json(reference, paste(what, "reference"))
  if (!is.null(activity)) parts$activity <- activity_part(activity, what)
  response <- call_json("outcomes_measure", list(
    as_of = as_of, events = parts$events$json,
    assessments = parts$assessments$json,
    activity = parts$activity$json, unit_column = unit,
    reference = reference), rules, what)
  p <- response$periods
  text <- response_frame(p, c(
    patient_id = "text", cluster = "int", start = "text", end = "date",
    status = "text", start_assessment = "date", start_date = "date",
    follow_up_assessment = "date", follow_up_date = "date",
    outcome = "text"))
  n <- nrow(text)
  ints <- function(name) if (n) optional_int(p, name) else integer()
  out <- text[c("patient_id", "cluster", "start", "end")]
  out$status <- unname(outcome_status[text$status])
  out$start_assessment <- text$start_assessment
  out$start_date <- text$start_date
  out$start_total <- ints("start_total")
  out$follow_up_assessment <- text$follow_up_assessment
  out$follow_up_date <- text$follow_up_date
  out$follow_up_total <- ints("follow_up_total")
  for (name in c("change", "change_behaviour", "change_impairment",
                 "change_symptoms", "change_social")) {
    out[[name]] <- ints(name)
  }
  out$outcome <- unname(outcome_names[text$outcome])
  out$clinically_significant <- if (n && !is.null(p$clinically_significant)) {
    as.logical(p$clinically_significant)
  } else {
    rep(NA, n)
  }
  attr(out, "indicators") <- response_frame(response$indicators, c(
    indicator = "text", numerator = "number", denominator = "number"))
  ind <- response$indicators
  attr(out, "indicators")$value_ppm <- if (is.data.frame(ind) &&
                                           !is.null(ind$value_ppm)) {
    as.numeric(ind$value_ppm)
  } else {
    rep(NA_real_, nrow(attr(out, "indicators")))
  }
  by <- response_frame(response$by_cluster, c(
    cluster = "int", periods = "number", paired = "number",
    improved = "number", no_change = "number", deteriorated = "number",
    change_sum = "number"))
  # To 4 decimal places, half away from zero, as the tool writes it.
  by$mean_change <- round_div(by$change_sum * 10000, by$paired) / 10000
  by$change_sum <- NULL
  attr(out, "by_cluster") <- by
  if (!is.null(unit)) out <- with_fair_comparison(out, response)
  with_rejects(out, all_rejects(parts, response$errors))
}
