# n / d rounded half away from zero (mhpbr::RoundDiv), NA when d is 0.
round_div <- function(n, d) {
  q <- floor(abs(n) / d)
  r <- abs(n) - q * d
  q <- q + (2 * r >= d)
  ifelse(d == 0, NA_real_, sign(n) * q)
}

cost_frame <- function(x) {
  out <- response_frame(x, c(patient_id = "text", cluster = "int",
                             start = "text", end = "date", days = "number",
                             records = "number", cost_pence = "number"))
  out$cost_per_day_pence <- round_div(out$cost_pence, out$days)
  out
}

mhpbr_cost <- function(periods, activity, unit_costs, as_of, rules = NULL) {
  what <- "mhpbr_cost"
  as_of <- as_date_arg(as_of, "as_of")
  unit_costs <- message_json(unit_costs, "unit_costs")
  parts <- list(periods = periods_part(periods, what),
                activity = activity_part(activity, what))
  response <- call_json("cost", list(
    unit_costs = unit_costs, as_of = as_of, periods = parts$periods$json,
    activity = parts$activity$json), rules, what)
  out <- cost_frame(response$periods)
  attr(out, "by_cluster") <- response_frame(response$clusters, c(
    cluster = "int", periods = "number", days = "number", records = "number",
    cost_pence = "number"))
  keys <- c("records_read", "records_rejected", "clustered_records",
            "clustered_pence", "unclustered_records", "unclustered_pence",
            "unknown_patient_records", "total_pence")
  values <- vapply(keys, function(k) as.numeric(response[[k]]), numeric(1))
  attr(out, "summary") <- data.frame(
    key = c(keys, "periods"), value = c(unname(values), nrow(out)),
    stringsAsFactors = FALSE)
  with_rejects(out, all_rejects(parts, response$errors))
}
