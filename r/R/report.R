mhpbr_report <- function(periods, activity, unit_costs, as_of,
                         assessments = NULL, events = NULL,
                         transitions = NULL, rules = NULL) {
  what <- "mhpbr_report"
  as_of <- as_date_arg(as_of, "as_of")
  unit_costs <- message_json(unit_costs, "unit_costs")
  parts <- list(periods = periods_part(periods, what),
                activity = activity_part(activity, what))
  if (!is.null(assessments)) {
    parts$assessments <- assessments_part(assessments, what)
  }
  if (!is.null(events)) parts$events <- events_part(events, what)
  response <- call_json("report_build", list(
    as_of = as_of, unit_costs = unit_costs, periods = parts$periods$json,
    activity = parts$activity$json, assessments = parts$assessments$json,
    events = parts$events$json, with_assessments = !is.null(assessments),
    with_events = !is.null(events),
    transitions = message_json(transitions, "transitions")), rules, what)
  tables <- response$tables
  figures <- list()
  for (k in seq_len(if (is.data.frame(tables)) nrow(tables) else 0)) {
    columns <- tables$columns[[k]]
    rows <- tables$rows[[k]]
    cells <- if (is.data.frame(rows) && nrow(rows) > 0) rows$cells else list()
    df <- as.data.frame(
      matrix(as.character(unlist(cells)), ncol = length(columns), byrow = TRUE,
             dimnames = list(NULL, columns)), stringsAsFactors = FALSE)
    # Cells as the tool writes them; numbers read back as numbers.
    df[] <- lapply(df, utils::type.convert, as.is = TRUE, na.strings = "")
    figures[[tables$name[k]]] <- df
  }
  out <- list(tables = figures, html = response$html)
  with_rejects(out, all_rejects(parts, response$errors))
}
