# The inputs of the batch calls (events, periods, activity, assessments):
# each frame's columns checked, each row checked as the tool checks a CSV
# row (the same reasons), the good rows as the request's JSON array. A row
# the checks refuse is a reject and is not sent; each part keeps which row
# went where, so that the library's own rejects find their row.

# The tool's reasons, joined with "; ": `reasons` NA where none yet.
add_reason <- function(reasons, bad, column, what) {
  bad <- bad & !is.na(bad)
  if (!any(bad)) return(reasons)
  what <- rep_len(what, length(reasons))[bad]
  text <- paste0(column, ": ", what)
  reasons[bad] <- ifelse(is.na(reasons[bad]), text,
                         paste0(reasons[bad], "; ", text))
  reasons
}

shown <- function(x) {
  x[is.na(x)] <- ""
  long <- nchar(x, type = "bytes") > 40
  x[long] <- paste0(strtrim(x[long], 40), "...")
  paste0("'", x, "'")
}

# As ParseIsoDate: NA for a good date, else the tool's reason. `empty_ok`:
# an empty cell is no date (an open period's end).
date_reasons <- function(x, empty_ok = FALSE) {
  x[is.na(x)] <- ""
  out <- rep(NA_character_, length(x))
  empty <- x == ""
  form <- grepl("^[0-9]{4}-[0-9]{2}-[0-9]{2}$", x)
  bad_form <- !form & !(empty & empty_ok)
  out[bad_form] <- paste0(shown(x[bad_form]), " is not a date (YYYY-MM-DD)")
  real <- suppressWarnings(as.Date(x[form], "%Y-%m-%d"))
  bad_real <- is.na(real) | as.integer(substr(x[form], 1, 4)) < 1800
  out[form][bad_real] <- paste0("'", x[form][bad_real],
                                "' is not a real calendar date")
  out
}

# As Cluster::Parse of a numeric cell: NA for a good one.
cluster_reasons <- function(x) {
  out <- rep(NA_character_, length(x))
  has <- !is.na(x)
  form <- has & x == floor(x) & x >= 0 & x <= 99
  out[has & !form] <- paste0("cluster '", format(x[has & !form], digits = 15,
                                                 trim = TRUE),
                             "' is not a number 0-21")
  missing <- form & (x == 9 | x > 21)
  out[missing] <- sprintf("cluster %d does not exist (valid: 0-8, 10-21)",
                          as.integer(x[missing]))
  out
}

sent_part <- function(json, rows, rejects, extra = list()) {
  c(list(json = json, rows = rows, rejects = rejects), extra)
}

# Events: patient_id, date, event (allocate or discharge), cluster; optional
# team, provider, commissioner. Each event carries its line (row + 1).
events_part <- function(events, what, call = sys.call(-1)) {
  opt <- c("team", "provider", "commissioner")
  cols <- find_columns(events, c("patient_id", "date", "event", "cluster"),
                       opt, what, call)
  patient <- as_text_column(cols$patient_id, "patient_id", what, call)
  date <- as_date_column(cols$date, "date", what, call)
  kind <- trimws(as_text_column(cols$event, "event", what, call))
  cluster <- as_number_column(cols$cluster, "cluster", what, call)
  extra <- lapply(intersect(opt, names(cols)), function(name) {
    trimws(as_text_column(cols[[name]], name, what, call))
  })
  names(extra) <- intersect(opt, names(cols))
  why <- rep(NA_character_, length(patient))
  why <- add_reason(why, is.na(patient) | patient == "", "patient_id", "empty")
  why <- add_reason(why, !is.na(date_reasons(date)), "date", date_reasons(date))
  kind[is.na(kind)] <- ""
  allocate <- kind == "allocate"
  why <- add_reason(why, allocate & is.na(cluster), "cluster",
                    "missing for allocate")
  why <- add_reason(why, allocate & !is.na(cluster_reasons(cluster)), "cluster",
                    cluster_reasons(cluster))
  why <- add_reason(why, !allocate & kind != "discharge", "event",
                    paste0(shown(kind), " is not allocate or discharge"))
  ok <- is.na(why)
  rows <- which(ok)
  df <- data.frame(patient_id = patient[ok], date = date[ok],
                   kind = ifelse(allocate[ok], "ALLOCATE", "DISCHARGE"),
                   cluster = ifelse(allocate[ok], cluster[ok], NA),
                   line = rows + 1L, stringsAsFactors = FALSE)
  for (name in names(extra)) df[[name]] <- extra[[name]][ok]
  sent_part(rows_json(df), rows,
            rejects_frame(which(!ok), patient[!ok], why[!ok]),
            list(extra = names(extra)))
}

# Periods to cost or price: patient_id, cluster, start, end (optional, empty
# while open); optional commissioner, provider.
periods_part <- function(periods, what, call = sys.call(-1)) {
  opt <- c("end", "commissioner", "provider")
  cols <- find_columns(periods, c("patient_id", "cluster", "start"), opt, what,
                       call)
  patient <- as_text_column(cols$patient_id, "patient_id", what, call)
  cluster <- as_number_column(cols$cluster, "cluster", what, call)
  start <- as_date_column(cols$start, "start", what, call)
  end <- if (is.null(cols$end)) rep("", length(start)) else
    as_date_column(cols$end, "end", what, call)
  end[is.na(end)] <- ""
  why <- rep(NA_character_, length(patient))
  why <- add_reason(why, is.na(patient) | patient == "", "patient_id", "empty")
  why <- add_reason(why, is.na(cluster), "cluster",
                    "cluster '' is not a number 0-21")
  why <- add_reason(why, !is.na(cluster_reasons(cluster)), "cluster",
                    cluster_reasons(cluster))
  why <- add_reason(why, !is.na(date_reasons(start)), "start",
                    date_reasons(start))
  why <- add_reason(why, !is.na(date_reasons(end, TRUE)), "end",
                    date_reasons(end, TRUE))
  # As the tool: an end before the start only when all else is good.
  why <- add_reason(why, is.na(why) & end != "" & end < start, "end",
                    "before start")
  ok <- is.na(why)
  df <- data.frame(patient_id = patient[ok], cluster = cluster[ok],
                   start = start[ok], end = end[ok], stringsAsFactors = FALSE)
  for (name in intersect(c("commissioner", "provider"), names(cols))) {
    df[[name]] <- trimws(as_text_column(cols[[name]], name, what, call))[ok]
  }
  df$end[df$end == ""] <- NA
  sent_part(rows_json(df), which(ok),
            rejects_frame(which(!ok), patient[!ok], why[!ok]))
}

activity_kinds <- c(contact = "CONTACT", group = "GROUP", bed_day = "BED_DAY",
                    other = "OTHER")

# Activity: activity_id, patient_id, date, kind, staff_group, minutes, ward,
# count, attendees, cost_pence; optional team, element_id, provider,
# commissioner, setting. Empty numbers are 0 (attendees: 1).
activity_part <- function(activity, what, call = sys.call(-1)) {
  numbers <- c("minutes", "count", "attendees", "cost_pence")
  texts <- c("staff_group", "ward")
  opt <- c("team", "element_id", "provider", "commissioner", "setting")
  cols <- find_columns(activity, c("activity_id", "patient_id", "date", "kind",
                                   texts, numbers), opt, what, call)
  id <- as_text_column(cols$activity_id, "activity_id", what, call)
  patient <- as_text_column(cols$patient_id, "patient_id", what, call)
  date <- as_date_column(cols$date, "date", what, call)
  kind <- as_text_column(cols$kind, "kind", what, call)
  kind[is.na(kind)] <- ""
  why <- rep(NA_character_, length(id))
  why <- add_reason(why, is.na(patient) | patient == "", "patient_id", "empty")
  why <- add_reason(why, !is.na(date_reasons(date)), "date", date_reasons(date))
  known <- kind %in% names(activity_kinds)
  why <- add_reason(why, !known, "kind", paste0(
    shown(kind), " is not contact, group, bed_day or other"))
  # Each kind's own cells, as the tool checks them (a count is a whole
  # number >= 0; empty is an error but for attendees, which is then 1).
  num <- lapply(setNames(numbers, numbers), function(name) {
    as_number_column(cols[[name]], name, what, call)
  })
  text <- lapply(setNames(texts, texts), function(name) {
    v <- as_text_column(cols[[name]], name, what, call)
    v[is.na(v)] <- ""
    v
  })
  count_reason <- function(mask, name, empty_ok = FALSE) {
    v <- num[[name]]
    r <- ifelse(is.na(v), if (empty_ok) NA else "empty",
                ifelse(v != floor(v), paste0("'", format(v, digits = 15,
                                                         trim = TRUE),
                                             "' is not a whole number"),
                       ifelse(v < 0, "must not be negative", NA)))
    add_reason(why, mask & !is.na(r), name, r)
  }
  group <- kind == "group"
  why <- count_reason(group, "attendees", empty_ok = TRUE)
  why <- add_reason(why, group & num$attendees %in% 0, "attendees",
                    "must be at least 1")
  staff <- group | kind == "contact"
  why <- add_reason(why, staff & text$staff_group == "", "staff_group",
                    "empty")
  why <- count_reason(staff, "minutes")
  bed <- kind == "bed_day"
  why <- add_reason(why, bed & text$ward == "", "ward", "empty")
  why <- count_reason(bed, "count")
  why <- count_reason(kind == "other", "cost_pence")
  # Every row is sent, the bad ones too, with no kind, which the library
  # refuses: it then counts them as read and rejected, as the tool does,
  # and its reasons for them are replaced by the tool's (`own`).
  df <- data.frame(activity_id = id, patient_id = patient, date = date,
                   kind = ifelse(is.na(why), activity_kinds[kind],
                                 "ACTIVITY_KIND_UNSPECIFIED"),
                   stringsAsFactors = FALSE)
  for (name in texts) df[[name]] <- text[[name]]
  for (name in intersect(opt, names(cols))) {
    df[[name]] <- as_text_column(cols[[name]], name, what, call)
  }
  # A cell checked bad above is sent as 0 (the row is refused anyway).
  for (name in numbers) {
    v <- num[[name]]
    df[[name]] <- int_text(ifelse(!is.na(v) & v != floor(v), 0, v))
  }
  sent_part(rows_json(df), seq_along(id), rejects_frame(),
            list(own = why, ids = id))
}

answer_names <- function(x) {
  if (is.null(x)) return(NULL)
  if (is.logical(x)) return(ifelse(is.na(x), NA, ifelse(x, "YES", "NO")))
  x <- tolower(trimws(x))
  ifelse(x %in% c("y", "yes"), "YES", ifelse(x %in% c("n", "no"), "NO", NA))
}

# Assessments, as mhpbr_classify reads them, each row checked by the same C
# code; the ratings as ItemRating lists.
assessments_part <- function(df, what, call = sys.call(-1)) {
  columns <- assessment_columns(df, what, call)
  why <- .Call(C_mhpbr_r_check_assessments, columns)
  ok <- is.na(why)
  rows <- which(ok)
  date <- columns[[3]]
  if (is.double(date)) {
    date <- format(as.Date(date, origin = "1970-01-01"), "%Y-%m-%d")
  }
  codes <- c(as.character(1:13), "A", "B", "C", "D", "E")
  ratings <- list()
  add <- function(col, code) {
    if (is.null(col)) return()
    v <- col[rows]
    known <- !is.na(v) & v != 9
    if (any(known)) {
      ratings[[length(ratings) + 1]] <<- data.frame(
        row = which(known), item = code, rating = as.integer(v[known]))
    }
  }
  for (k in seq_along(codes)) add(columns[[4]][[k]], codes[k])
  if (!is.null(columns[[5]])) {
    for (k in 1:10) add(columns[[5]][[k]], paste0("8", LETTERS[k]))
  }
  long <- do.call(rbind, c(ratings, list(data.frame(
    row = integer(), item = character(), rating = integer()))))
  by_row <- split(long[c("item", "rating")],
                  factor(long$row, levels = seq_along(rows)))
  out <- data.frame(assessment_id = columns[[1]][rows],
                    date = date[rows], stringsAsFactors = FALSE)
  if (!is.null(columns[[2]])) out$patient_id <- columns[[2]][rows]
  out$ratings <- unname(by_row)
  if (!is.null(columns[[6]])) out$organic <- answer_names(columns[[6]])[rows]
  if (!is.null(columns[[7]])) out$psychosis <- answer_names(columns[[7]])[rows]
  if (!is.null(columns[[8]])) {
    out$allocated_cluster <- as.integer(columns[[8]][rows])
  }
  sent_part(rows_json(out), rows,
            rejects_frame(which(!ok), columns[[1]][!ok], why[!ok]))
}

# Rejects of several inputs, input by input (reasons prefixed with the
# input's name when there are several). Within an input, in line order as
# the tool streams rows, except events: the tool rejects the rows it cannot
# read as it reads them and the events the periods cannot use after.
all_rejects <- function(parts, errors) {
  theirs <- response_rejects(errors, lapply(parts, `[[`, "rows"))
  out <- lapply(names(parts), function(name) {
    part <- parts[[name]]
    mine <- theirs[theirs$source == name, c("line", "id", "reason")]
    if (!is.null(part$own)) {
      # A row both refused: the tool's reason. A row checked bad here that
      # the library took anyway is still reported.
      own <- part$own[mine$line - 1L]
      mine$reason[!is.na(own)] <- own[!is.na(own)]
      missed <- setdiff(which(!is.na(part$own)), mine$line - 1L)
      mine <- rbind(mine, rejects_frame(missed, part$ids[missed],
                                        part$own[missed]))
    }
    r <- rbind(part$rejects, mine)
    if (name != "events") r <- r[order(r$line), , drop = FALSE]
    if (length(parts) > 1 && nrow(r) > 0) r$reason <- paste0(name, ": ",
                                                             r$reason)
    r
  })
  out <- do.call(rbind, c(out, list(rejects_frame())))
  rownames(out) <- NULL
  out
}
