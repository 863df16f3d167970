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

mhpbr_outcomes <- function(events, assessments, as_of, activity = NULL,
                           rules = NULL) {
  what <- "mhpbr_outcomes"
  as_of <- as_date_arg(as_of, "as_of")
  parts <- list(events = events_part(events, what),
                assessments = assessments_part(assessments, what))
  if (!is.null(activity)) parts$activity <- activity_part(activity, what)
  response <- call_json("outcomes_measure", list(
    as_of = as_of, events = parts$events$json,
    assessments = parts$assessments$json,
    activity = parts$activity$json), rules, what)
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
  with_rejects(out, all_rejects(parts, response$errors))
}
