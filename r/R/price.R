basis_enum <- c(day = "BASIS_DAY", period = "BASIS_PERIOD", year = "BASIS_YEAR")

read_csv_arg <- function(x, what, call = sys.call(-1)) {
  if (is.data.frame(x)) return(x)
  if (is.character(x) && length(x) == 1 && file.exists(x)) {
    return(utils::read.csv(x, stringsAsFactors = FALSE, strip.white = TRUE))
  }
  mhpbr_error(sprintf("%s: a data frame or a CSV file", what), call = call)
}

# The tariff: a bad row stops the call, as it stops `mhpbr price` (pricing
# from part of a tariff would leave periods silently unpriced).
tariff_json <- function(tariff, what, call = sys.call(-1)) {
  tariff <- read_csv_arg(tariff, paste(what, "tariff"), call)
  w <- paste(what, "tariff")
  opt <- c("social_care_ppm", "admitted_price_pence", "community_price_pence",
           "effective_from", "effective_to")
  cols <- find_columns(tariff, c("cluster", "basis", "price_pence"), opt, w,
                       call)
  cluster <- as_number_column(cols$cluster, "cluster", w, call)
  basis <- trimws(as_text_column(cols$basis, "basis", w, call))
  price <- as_number_column(cols$price_pence, "price_pence", w, call)
  why <- rep(NA_character_, length(cluster))
  why <- add_reason(why, is.na(cluster), "cluster", "missing")
  why <- add_reason(why, !is.na(cluster_reasons(cluster)), "cluster",
                    cluster_reasons(cluster))
  why <- add_reason(why, !(basis %in% names(basis_enum)), "basis",
                    paste0(shown(basis), " is not day, period or year"))
  why <- add_reason(why, is.na(price), "price_pence", "missing")
  if (any(!is.na(why))) {
    k <- which(!is.na(why))[1]
    mhpbr_error(sprintf("%s: line %d: %s", w, k + 1L, why[k]), call = call)
  }
  df <- data.frame(cluster = cluster, basis = unname(basis_enum[basis]),
                   price_pence = int_text(price), stringsAsFactors = FALSE)
  for (name in intersect(opt, names(cols))) {
    df[[name]] <- if (startsWith(name, "effective")) {
      as_date_column(cols[[name]], name, w, call)
    } else {
      int_text(as_number_column(cols[[name]], name, w, call))
    }
    if (is.character(df[[name]])) df[[name]][df[[name]] %in% ""] <- NA
  }
  toJSON(list(entries = rows_json(df)), auto_unbox = TRUE,
         json_verbatim = TRUE)
}

one_offs_part <- function(one_offs, what, call = sys.call(-1)) {
  cols <- find_columns(one_offs, c("item", "count", "price_pence"),
                       "commissioner", what, call)
  item <- as_text_column(cols$item, "item", what, call)
  count <- as_number_column(cols$count, "count", what, call)
  price <- as_number_column(cols$price_pence, "price_pence", what, call)
  why <- rep(NA_character_, length(item))
  why <- add_reason(why, is.na(item) | item == "", "item", "empty")
  why <- add_reason(why, is.na(count), "count", "missing")
  why <- add_reason(why, is.na(price), "price_pence", "missing")
  ok <- is.na(why)
  df <- data.frame(item = item[ok], count = int_text(count[ok]),
                   price_pence = int_text(price[ok]), stringsAsFactors = FALSE)
  if (!is.null(cols$commissioner)) {
    df$commissioner <- as_text_column(cols$commissioner, "commissioner", what,
                                      call)[ok]
  }
  sent_part(rows_json(df), which(ok),
            rejects_frame(which(!ok), item[!ok], why[!ok]))
}

indicators_json <- function(indicators, what, call = sys.call(-1)) {
  if (is.null(indicators)) return(NULL)
  indicators <- read_csv_arg(indicators, what, call)
  cols <- find_columns(indicators, c("indicator", "numerator", "denominator"),
                       "value_ppm", what, call)
  df <- data.frame(
    indicator = as_text_column(cols$indicator, "indicator", what, call),
    numerator = int_text(as_number_column(cols$numerator, "numerator", what,
                                          call)),
    denominator = int_text(as_number_column(cols$denominator, "denominator",
                                            what, call)),
    stringsAsFactors = FALSE)
  if (!is.null(cols$value_ppm)) {
    df$value_ppm <- int_text(as_number_column(cols$value_ppm, "value_ppm",
                                              what, call))
  }
  rows_json(df)
}

basis_names <- c(BASIS_DAY = "day", BASIS_PERIOD = "period",
                 BASIS_YEAR = "year", BASIS_UNSPECIFIED = NA)
status_names <- c(PRICED = "priced", UNPRICED = "unpriced",
                  NO_COMMISSIONER = "no_commissioner")

statement_lines <- function(lines) {
  out <- response_frame(lines, c(
    patient_id = "text", cluster = "int", start = "date", end = "date",
    days_in_year = "number", basis = "text", units = "number",
    amount_pence = "number", social_care_pence = "number", status = "text",
    one_off = "bool"))
  out$basis <- unname(basis_names[out$basis])
  out$status <- unname(status_names[out$status])
  one <- out$one_off
  out$basis[one] <- "one_off"
  out$cluster[one] <- NA
  out$days_in_year[one] <- NA
  out$status[one] <- "priced"
  out$one_off <- NULL
  # One-offs first, as the tool writes them.
  out <- out[order(!one), , drop = FALSE]
  rownames(out) <- NULL
  out
}

mhpbr_price <- function(periods, tariff, contract, one_offs = NULL,
                        indicators = NULL, as_of = NULL, rules = NULL) {
  what <- "mhpbr_price"
  contract <- message_json(contract, "contract")
  if (is.null(contract)) mhpbr_error("mhpbr_price: no contract")
  parts <- list(periods = periods_part(periods, what))
  if (!is.null(one_offs)) {
    parts$one_offs <- one_offs_part(read_csv_arg(one_offs, "one_offs"), what)
  }
  response <- call_json("price", list(
    contract = contract, tariff = tariff_json(tariff, what),
    periods = parts$periods$json, one_offs = parts$one_offs$json,
    indicators = indicators_json(indicators, "mhpbr_price indicators"),
    as_of = if (is.null(as_of)) NULL else as_date_arg(as_of, "as_of")),
    rules, what)
  out <- statement_lines(response$lines)
  totals <- response$totals
  keys <- c("baseline_pence", "activity_pence", "risk_shared_pence",
            "risk_share_pence", "withheld_pence", "earned_pence",
            "payment_pence")
  if (isTRUE(response$decoupled)) {
    keys <- c(keys, "health_pence", "social_care_pence")
  }
  attr(out, "summary") <- data.frame(
    key = c("lines", keys),
    value = c(nrow(out), vapply(keys, function(k) as.numeric(totals[[k]]),
                                numeric(1))),
    stringsAsFactors = FALSE, row.names = NULL)
  attr(out, "by_cluster") <- response_frame(response$clusters, c(
    cluster = "int", patients = "number", periods = "number",
    days = "number", amount_pence = "number"))
  if (!is.null(as_of)) {
    attr(out, "months") <- response_frame(response$in_year$months, c(
      month = "text", periods = "number", days = "number",
      amount_pence = "number", cumulative_pence = "number"))
  }
  with_rejects(out, all_rejects(parts, NULL))
}
