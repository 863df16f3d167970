# The live calls: plain-struct C calls, vectorised over their arguments
# (recycled to one length).

cluster_arg <- function(x, name, call = sys.call(-1)) {
  if (!is.numeric(x) || anyNA(x) || any(x != floor(x))) {
    mhpbr_error(sprintf("%s: whole cluster numbers without NA", name),
                call = call)
  }
  as.integer(x)
}

# Dates as the C API's YYYYMMDD; NA is "none" (MHPBR_NO_DATE, an open end)
# where `none_ok`.
ymd_arg <- function(x, name, none_ok = FALSE, call = sys.call(-1)) {
  if (inherits(x, "Date")) x <- format(x, "%Y-%m-%d")
  if (is.factor(x)) x <- as.character(x)
  if (all_na(x)) x <- rep(NA_character_, length(x))
  if (!is.character(x)) {
    mhpbr_error(sprintf("%s: a Date or YYYY-MM-DD text, not %s", name,
                        class(x)[1]), call = call)
  }
  x <- trimws(x)
  none <- is.na(x) | x == ""
  if (any(none) && !none_ok) {
    mhpbr_error(sprintf("%s: element %d: no date", name, which(none)[1]),
                call = call)
  }
  form <- grepl("^[0-9]{4}-[0-9]{2}-[0-9]{2}$", x) | none
  if (!all(form)) {
    k <- which(!form)[1]
    mhpbr_error(sprintf("%s: element %d: %s is not a date (YYYY-MM-DD)", name,
                        k, shown(x[k])), call = call)
  }
  out <- as.integer(gsub("-", "", x))
  out[none] <- 0L
  out
}

ymd_text <- function(x) {
  ifelse(x == 0, NA_character_, sprintf("%04d-%02d-%02d", x %/% 10000,
                                        x %/% 100 %% 100, x %% 100))
}

recycled <- function(...) {
  args <- list(...)
  n <- max(lengths(args))
  if (any(lengths(args) == 0)) n <- 0
  lapply(args, rep_len, length.out = n)
}

superclass_names <- c("variance", "non-psychotic", "psychotic", "organic")

mhpbr_cluster_info <- function(cluster = c(0:8, 10:21), rules = NULL) {
  res <- checked(.Call(C_mhpbr_r_cluster_info, rules_arg(rules),
                       cluster_arg(cluster, "cluster")), "mhpbr_cluster_info")
  res$superclass <- superclass_names[res$superclass + 1]
  res$review_unit <- c("weeks", "months")[res$review_unit + 1]
  as.data.frame(res, stringsAsFactors = FALSE)
}

mhpbr_review_due <- function(cluster, since, as_of, rules = NULL) {
  a <- recycled(cluster_arg(cluster, "cluster"), ymd_arg(since, "since"),
                ymd_arg(as_of, "as_of"))
  res <- checked(.Call(C_mhpbr_r_review_due, rules_arg(rules), a[[1]], a[[2]],
                       a[[3]]), "mhpbr_review_due")
  data.frame(review_due = ymd_text(res$review_due),
             overdue_days = res$overdue_days, stringsAsFactors = FALSE)
}

mhpbr_transition_allowed <- function(from, to, rules = NULL,
                                     transitions = NULL) {
  a <- recycled(cluster_arg(from, "from"), cluster_arg(to, "to"))
  if (!is.null(transitions)) {
    if (!(is.character(transitions) && length(transitions) == 1 &&
          file.exists(transitions))) {
      mhpbr_error("transitions: the path of a transition table file")
    }
    transitions <- read_text_file(transitions)
  }
  checked(.Call(C_mhpbr_r_transition_allowed, rules_arg(rules), transitions,
                a[[1]], a[[2]]), "mhpbr_transition_allowed")
}

payment_status <- c("priced", "unpriced", "outside_year")

mhpbr_price_period <- function(cluster, start, end = NA, contract, tariff,
                               rules = NULL) {
  if (!(is.character(contract) && length(contract) == 1 &&
        file.exists(contract))) {
    mhpbr_error("contract: the path of a contract file (text format)")
  }
  if (is.data.frame(tariff)) {
    con <- textConnection("tariff_csv", "w", local = TRUE)
    utils::write.csv(tariff, con, row.names = FALSE, na = "", quote = FALSE)
    close(con)
    tariff_text <- paste(tariff_csv, collapse = "\n")
  } else if (is.character(tariff) && length(tariff) == 1 &&
             file.exists(tariff)) {
    tariff_text <- read_text_file(tariff)
  } else {
    mhpbr_error("tariff: a data frame or the path of a tariff CSV file")
  }
  a <- recycled(cluster_arg(cluster, "cluster"), ymd_arg(start, "start"),
                ymd_arg(end, "end", none_ok = TRUE))
  res <- checked(.Call(C_mhpbr_r_price_period, rules_arg(rules),
                       read_text_file(contract), tariff_text, a[[1]], a[[2]],
                       a[[3]]), "mhpbr_price_period")
  res$status <- payment_status[res$status + 1]
  res$basis <- c(NA, "day", "period", "year")[res$basis + 2]
  as.data.frame(res, stringsAsFactors = FALSE)
}
