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
  out$status[one & out$status %in% NA] <- "priced"
  out$one_off <- NULL
  # One-offs first, as the tool writes them.
  out <- out[order(!one), , drop = FALSE]
  rownames(out) <- NULL
  out
}

# `contract`: one contract, or several (a character vector of paths, or an
# unnamed list of contracts) as `--contract` given several times.
contracts_json <- function(contract, call = sys.call(-1)) {
  several <- (is.character(contract) && length(contract) > 1) ||
    (is.list(contract) && !inherits(contract, "json") &&
       is.null(names(contract)) && length(contract) > 0)
  if (!several) contract <- list(contract)
  out <- lapply(seq_along(contract), function(k) {
    json <- message_json(contract[[k]], if (several) {
      sprintf("contract[%d]", k)
    } else {
      "contract"
    }, call)
    if (is.null(json)) mhpbr_error("mhpbr_price: no contract", call = call)
    json
  })
  commissioners <- vapply(out, function(json) {
    named <- fromJSON(json)$commissioner
    if (is.null(named)) "" else as.character(named)
  }, character(1))
  list(json = out, commissioners = commissioners)
}

# Sent rows naming a commissioner that no contract is for: rejected, as the
# tool rejects them (the C API would stop the whole call).
without_contract <- function(part, known) {
  if (length(part$rows) == 0) return(part)
  df <- fromJSON(part$json)
  named <- if (is.null(df$commissioner)) rep("", nrow(df)) else
    df$commissioner
  named[is.na(named)] <- ""
  drop <- named != "" & !(named %in% known)
  if (!any(drop)) return(part)
  id <- if (is.null(df$patient_id)) df$item else df$patient_id
  part$rejects <- rbind(part$rejects, rejects_frame(
    part$rows[drop], id[drop],
    paste0("commissioner: '", named[drop], "' has no contract")))
  part$rows <- part$rows[!drop]
  part$json <- rows_json(df[!drop, , drop = FALSE])
  part
}

mhpbr_price <- function(periods, tariff, contract, one_offs = NULL,
                        indicators = NULL, as_of = NULL, rules = NULL) {
  what <- "mhpbr_price"
  contracts <- contracts_json(contract)
  # As the tool: contracts naming their commissioners price each record
  # under its commissioner's; one naming none prices everything.
  by_commissioner <- length(contracts$json) > 1 ||
    any(contracts$commissioners != "")
  parts <- list(periods = periods_part(periods, what))
  if (!is.null(one_offs)) {
    parts$one_offs <- one_offs_part(read_csv_arg(one_offs, "one_offs"), what)
  }
  if (by_commissioner) {
    parts <- lapply(parts, without_contract, contracts$commissioners)
  }
  response <- call_json("price", list(
    contract = if (!by_commissioner) contracts$json[[1]],
    contracts = if (by_commissioner) {
      structure(paste0("[", paste(contracts$json, collapse = ","), "]"),
                class = "json")
    },
    tariff = tariff_json(tariff, what),
    periods = parts$periods$json, one_offs = parts$one_offs$json,
    indicators = indicators_json(indicators, "mhpbr_price indicators"),
    as_of = if (is.null(as_of)) NULL else as_date_arg(as_of, "as_of")),
    rules, what)
  if (by_commissioner) {
    return(with_rejects(commissioner_statement(response, !is.null(as_of),
                                               !is.null(indicators)),
                        all_rejects(parts, NULL)))
  }
  out <- statement_lines(response$lines)
  totals <- response$totals
  attr(out, "summary") <- rbind(
    summary_frame(nrow(out), totals, response$decoupled),
    if (!is.null(indicators)) attainment_frame(response$outcomes, ""))
  attr(out, "by_cluster") <- by_cluster_frame(response$clusters)
  if (!is.null(as_of)) {
    attr(out, "months") <- months_frame(response$in_year)
    attr(out, "in_year") <- in_year_frame(response$in_year)
  }
  with_rejects(out, all_rejects(parts, NULL))
}

summary_frame <- function(lines, totals, decoupled) {
  keys <- c("baseline_pence", "activity_pence", "risk_shared_pence",
            "risk_share_pence", "withheld_pence", "earned_pence",
            "payment_pence")
  if (isTRUE(decoupled)) keys <- c(keys, "health_pence", "social_care_pence")
  data.frame(
    key = c("lines", keys),
    value = c(lines, vapply(keys, function(k) as.numeric(totals[[k]]),
                            numeric(1))),
    stringsAsFactors = FALSE, row.names = NULL)
}

# The summary's attainment_ppm:PREFIXNAME rows, one per contract outcome.
attainment_frame <- function(outcomes, prefix) {
  o <- response_frame(outcomes, c(name = "text", attainment_ppm = "number"))
  data.frame(key = paste0(rep("attainment_ppm:", nrow(o)), prefix, o$name),
             value = o$attainment_ppm, stringsAsFactors = FALSE)
}

# The rows `--summary` adds with `--as-of`, as text (as_of is a date and
# the assumptions are words, so they cannot share the summary's numbers).
in_year_frame <- function(in_year) {
  a <- response_frame(in_year$assumptions, c(key = "text", value = "text"))
  # int64 fields come as JSON strings: the tool's digits exactly.
  pence <- function(k) as.character(in_year[[k]])
  data.frame(
    key = c("as_of", "earned_to_date_pence", "forecast_activity_pence",
            "forecast_payment_pence", a$key),
    value = c(in_year$as_of, pence("earned_to_date_pence"),
              pence("forecast_activity_pence"),
              pence("forecast_payment_pence"), a$value),
    stringsAsFactors = FALSE)
}

by_cluster_frame <- function(clusters) {
  response_frame(clusters, c(
    cluster = "int", patients = "number", periods = "number",
    days = "number", amount_pence = "number"))
}

months_frame <- function(in_year) {
  response_frame(in_year$months, c(
    month = "text", periods = "number", days = "number",
    amount_pence = "number", cumulative_pence = "number"))
}

# Priced with contracts naming their commissioners, as the tool writes it:
# lines with a leading commissioner column (each commissioner's, then
# those naming none), the summary the provider's totals and the counts,
# `by_commissioner` each one's totals then `total`, `months` each one's
# then `total`.
commissioner_statement <- function(response, in_year, attainments) {
  cs <- response$commissioners
  n <- if (is.data.frame(cs)) nrow(cs) else 0L
  st <- if (n) cs$statement else NULL
  pieces <- lapply(seq_len(n), function(k) {
    lines <- statement_lines(st$lines[[k]])
    cbind(commissioner = rep(cs$commissioner[k], nrow(lines)), lines,
          stringsAsFactors = FALSE)
  })
  all <- statement_lines(response$lines)
  # The tool writes these after the commissioners' lines, in its order.
  none <- all[all$status %in% "no_commissioner", , drop = FALSE]
  none <- none[order(none$basis != "one_off"), , drop = FALSE]
  pieces <- c(pieces, list(cbind(commissioner = rep(NA_character_,
                                                    nrow(none)),
                                 none, stringsAsFactors = FALSE)))
  out <- do.call(rbind, pieces)
  rownames(out) <- NULL
  line_counts <- vapply(seq_len(n), function(k) {
    l <- st$lines[[k]]
    if (is.data.frame(l)) nrow(l) else 0L
  }, integer(1))
  summary <- summary_frame(sum(line_counts), response$totals,
                           response$decoupled)
  counts <- c(commissioners = n,
              periods_without_commissioner =
                as.numeric(response$periods_without_commissioner),
              one_offs_without_commissioner =
                as.numeric(response$one_offs_without_commissioner))
  # Each commissioner's contract has its own outcomes.
  attained <- if (attainments) {
    lapply(seq_len(n), function(k) {
      attainment_frame(st$outcomes[[k]], paste0(cs$commissioner[k], ":"))
    })
  }
  attr(out, "summary") <- do.call(rbind, c(list(summary), attained, list(
    data.frame(key = names(counts), value = unname(counts),
               stringsAsFactors = FALSE))))
  attr(out, "by_cluster") <- by_cluster_frame(response$clusters)
  keys <- c("activity_pence", "risk_share_pence", "withheld_pence",
            "earned_pence", "payment_pence", "health_pence",
            "social_care_pence")
  totals <- function(t, k) {
    vapply(keys, function(key) {
      v <- t[[key]]
      if (is.null(v)) 0 else as.numeric(v[[k]])
    }, numeric(1))
  }
  by <- data.frame(commissioner = c(if (n) cs$commissioner, "total"),
                   provider = c(if (n) cs$provider, response$provider),
                   lines = c(line_counts, sum(line_counts)),
                   stringsAsFactors = FALSE)
  figures <- do.call(rbind, lapply(seq_len(n), function(k) {
    f <- totals(st$totals, k)
    # The response sets health and social care only when decoupled; the
    # tool writes them always: social care is the lines' sum, health the
    # rest of the activity (contract_pricer.cc).
    if (!isTRUE(st$decoupled[k])) {
      l <- st$lines[[k]]
      f[["social_care_pence"]] <- if (is.data.frame(l) &&
                                      !is.null(l$social_care_pence)) {
        sum(as.numeric(l$social_care_pence))
      } else {
        0
      }
      f[["health_pence"]] <- f[["activity_pence"]] - f[["social_care_pence"]]
    }
    f
  }))
  # The provider's total is the sum over the commissioners.
  figures <- rbind(figures, if (n) colSums(figures) else totals(list(), 1))
  by <- cbind(by, as.data.frame(figures, row.names = FALSE))
  attr(out, "by_commissioner") <- by
  if (in_year) {
    months <- lapply(seq_len(n), function(k) {
      m <- months_frame(list(months = st$in_year$months[[k]]))
      cbind(commissioner = rep(cs$commissioner[k], nrow(m)), m,
            stringsAsFactors = FALSE)
    })
    m <- months_frame(response$in_year)
    months <- c(months, list(cbind(commissioner = rep("total", nrow(m)), m,
                                   stringsAsFactors = FALSE)))
    attr(out, "months") <- do.call(rbind, months)
    attr(out, "in_year") <- in_year_frame(response$in_year)
  }
  out
}
