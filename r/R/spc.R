spc_directions <- c("up", "down", "neutral")

# Decimal cells as the text mhpbr_spc reads: numbers to at most 9 places
# (the library's limit), text as written.
decimal_text <- function(x) {
  if (is.numeric(x)) {
    out <- sub("\\.$", "", sub("0+$", "", sprintf("%.9f", x)))
    out[is.na(x)] <- ""
    return(out)
  }
  x[is.na(x)] <- ""
  trimws(x)
}

# As ParseExactDecimal: NA for a good decimal (or an empty cell).
decimal_reasons <- function(x) {
  form <- grepl("^-?[0-9]*\\.?[0-9]*$", x) & grepl("[0-9]", x)
  places <- nchar(sub("^[^.]*\\.?", "", x))
  units <- suppressWarnings(as.numeric(gsub("[-.]", "", x)))
  bad <- x != "" & (!form | places > 9 | is.na(units) | units >= 2^60)
  ifelse(bad, paste0(shown(x), " is not a decimal (digits, at most 9 after ",
                     "the point, below 2^60 in all)"), NA_character_)
}

mhpbr_spc <- function(df, direction = "neutral", target = NULL,
                      fix_after = 0, no_screen = FALSE, rules = NULL) {
  what <- "mhpbr_spc"
  cols <- find_columns(df, c("series", "month", "value"),
                       c("direction", "target"), what)
  series <- as_text_column(cols$series, "series", what)
  month <- trimws(as_text_column(cols$month, "month", what))
  value <- cols$value
  if (!is.numeric(value) && !all_na(value)) {
    value <- as_text_column(value, "value", what)
  }
  value <- decimal_text(value)
  dir <- if (is.null(cols$direction)) rep("", length(series)) else
    trimws(as_text_column(cols$direction, "direction", what))
  dir[is.na(dir)] <- ""
  tgt <- if (is.null(cols$target)) rep("", length(series)) else
    decimal_text(if (is.numeric(cols$target)) cols$target else
      as_text_column(cols$target, "target", what))
  if (!(length(direction) == 1 && direction %in% spc_directions)) {
    mhpbr_error("mhpbr_spc: direction: up, down or neutral")
  }
  # As `mhpbr spc` checks a row: its first bad cell is the reason.
  series[is.na(series)] <- ""
  month[is.na(month)] <- ""
  why <- rep(NA_character_, length(series))
  first <- function(why, bad, text) ifelse(is.na(why) & bad, text, why)
  why <- first(why, series == "", "series: empty")
  month_ok <- grepl("^[0-9]{4}-[0-9]{2}$", month) &
    suppressWarnings(as.integer(substr(month, 1, 4)) >= 1800 &
                       as.integer(substr(month, 6, 7)) %in% 1:12)
  why <- first(why, !month_ok, paste0(
    "month: ", shown(month), " is not a month (YYYY-MM, from 1800)"))
  bad_value <- decimal_reasons(value)
  why <- first(why, !is.na(bad_value), paste0("value: ", bad_value))
  why <- first(why, dir != "" & !(dir %in% spc_directions), paste0(
    "direction: ", shown(dir), " is not a direction (up, down or neutral)"))
  bad_target <- decimal_reasons(tgt)
  why <- first(why, !is.na(bad_target), paste0("target: ", bad_target))
  key <- paste(series, month, sep = "\r")
  seen <- match(key, key[is.na(why)])
  earlier <- which(is.na(why))[seen]
  dup <- is.na(why) & !is.na(earlier) & earlier < seq_along(key)
  why[dup] <- paste0("duplicate_month: ", month[dup], " is already on line ",
                     earlier[dup] + 1L)
  ok <- is.na(why)
  rejects <- rejects_frame(which(!ok), series[!ok], why[!ok])

  # Series sorted by name bytewise, months rising, empty months left out;
  # a series' direction and target are its first non-empty cells.
  names <- sort(unique(series[ok]), method = "radix")
  request_series <- lapply(names, function(name) {
    rows <- which(ok & series == name)
    rows <- rows[order(month[rows], method = "radix")]
    d <- dir[rows][dir[rows] != ""]
    t <- tgt[rows][tgt[rows] != ""]
    kept <- rows[value[rows] != ""]
    list(name = name, months = I(month[kept]), values = I(value[kept]),
         direction = if (length(d)) d[1] else "",
         target = if (length(t)) t[1] else "")
  })
  response <- call_json("spc", list(
    series = if (length(request_series)) request_series else I(list()),
    direction = direction,
    target = if (is.null(target)) "" else decimal_text(target),
    fix_after = as.integer(fix_after), no_screen = isTRUE(no_screen)),
    rules, what)
  charts <- response$series
  points <- if (is.data.frame(charts) && nrow(charts) > 0) {
    do.call(rbind, lapply(seq_len(nrow(charts)), function(k) {
      p <- charts$points[[k]]
      if (!is.data.frame(p) || nrow(p) == 0) return(NULL)
      cbind(series = charts$name[k], p, stringsAsFactors = FALSE)
    }))
  } else NULL
  out <- response_frame(points, c(
    series = "text", month = "text", value = "number", mean = "number",
    lpl = "number", upl = "number", side = "int", outside = "bool",
    run = "bool", trend = "bool", two_in_three = "bool",
    special_cause = "bool", point_type = "text"))
  summary <- response_frame(charts, c(
    series = "text", mean = "number", lpl = "number", upl = "number",
    short = "bool", variation = "text", assurance = "text"))
  if (nrow(summary) > 0) {
    summary$series <- charts$name
    summary$short <- as.logical(charts$short_series)
    summary$points <- vapply(charts$points, function(p) {
      if (is.data.frame(p)) nrow(p) else 0L
    }, integer(1))
  } else {
    summary$points <- integer()
  }
  summary <- summary[c("series", "points", "mean", "lpl", "upl", "short",
                       "variation", "assurance")]
  summary$variation[summary$variation %in% ""] <- NA
  summary$assurance[summary$assurance %in% ""] <- NA
  attr(out, "summary") <- summary
  with_rejects(out, rejects)
}
