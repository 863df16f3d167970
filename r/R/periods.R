mhpbr_periods <- function(events, as_of, rules = NULL, transitions = NULL) {
  what <- "mhpbr_periods"
  as_of <- as_date_arg(as_of, "as_of")
  part <- events_part(events, what)
  response <- call_json("periods_build", list(
    as_of = as_of, events = part$json,
    transitions = message_json(transitions, "transitions")), rules, what)
  columns <- c(patient_id = "text", cluster = "int", start = "text",
               end = "date", days = "number", review_due = "text",
               overdue_days = "number", transition_ok = "bool",
               superseded = "int")
  extra <- rep("text", length(part$extra))
  names(extra) <- part$extra
  out <- response_frame(response$periods, c(columns, extra))
  totals <- function(x, key, type) {
    df <- response_frame(x, setNames(type, key))
    t <- if (is.data.frame(x) && nrow(x) > 0) x$totals else NULL
    cbind(df, response_frame(t, c(periods = "number", days = "number",
                                  overdue_periods = "number")))
  }
  attr(out, "by_patient") <- totals(response$by_patient, "patient_id", "text")
  attr(out, "by_cluster") <- totals(response$by_cluster, "cluster", "int")
  with_rejects(out, all_rejects(list(events = part), response$errors))
}
