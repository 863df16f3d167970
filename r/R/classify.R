item_columns <- c(paste0("r", 1:13), paste0("r", c("a", "b", "c", "d", "e")))
type_columns <- paste0("r8", letters[1:10])

# An assessment frame's columns, checked, in the order src/classify.c reads
# them: id, patient, date, the 18 item columns (r8 NULL when absent), the
# 10 type columns (NULL when none), organic, psychosis, allocated.
assessment_columns <- function(df, what, call = sys.call(-1)) {
  cols <- find_columns(df, c("assessment_id", "date", setdiff(item_columns, "r8")),
                       c("r8", type_columns, "patient_id", "organic",
                         "psychosis", "allocated_cluster"), what, call)
  if (!any(c("r8", type_columns) %in% names(cols))) {
    mhpbr_error(sprintf("%s: no column r8 (or r8a..r8j)", what), call = call)
  }
  types <- intersect(type_columns, names(cols))
  if (length(types) > 0 && length(types) < 10 && !("r8" %in% names(cols))) {
    mhpbr_error(sprintf("%s: no column r8a..r8j (some)", what), call = call)
  }
  date <- cols$date
  if (inherits(date, "Date")) {
    date <- as.double(date)  # days since 1970-01-01, converted in C
  } else if (is.factor(date)) {
    date <- as.character(date)
  } else if (!is.character(date)) {
    date <- as_date_column(date, "date", what, call)  # NA, or stops
  }
  number <- function(name) {
    if (is.null(cols[[name]])) return(NULL)
    as_number_column(cols[[name]], name, what, call)
  }
  answer <- function(name) {
    if (is.null(cols[[name]])) return(NULL)
    as_answer_column(cols[[name]], name, what, call)
  }
  list(
    as_text_column(cols$assessment_id, "assessment_id", what, call),
    if (is.null(cols$patient_id)) NULL else
      as_text_column(cols$patient_id, "patient_id", what, call),
    date,
    lapply(item_columns, number),
    if (length(types) == 0) NULL else lapply(type_columns, number),
    answer("organic"), answer("psychosis"), number("allocated_cluster"))
}

mhpbr_classify <- function(df, rules = NULL) {
  columns <- assessment_columns(df, "mhpbr_classify")
  res <- checked(.Call(C_mhpbr_r_classify, columns, rules_arg(rules)),
                 "mhpbr_classify")
  out <- res[[1]]
  class(out) <- "data.frame"
  attr(out, "row.names") <- res[[2]]
  rejects <- res[[3]]
  with_rejects(out, rejects_frame(rejects[[1]], columns[[1]][rejects[[1]]],
                                  rejects[[2]]))
}
