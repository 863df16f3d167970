# Finding a data frame's columns by the tool's names and checking their
# types, before any work, so that an error names the column.

# The frame's columns for `required` and `optional` names, found as the
# tool finds CSV columns (any case, surrounding spaces ignored), as a named
# list of vectors (an absent optional column is left out).
find_columns <- function(df, required, optional = character(), what,
                         call = sys.call(-1)) {
  if (!is.data.frame(df)) {
    mhpbr_error(sprintf("%s: a data frame, not %s", what, class(df)[1]),
                call = call)
  }
  have <- tolower(trimws(names(df)))
  missing <- setdiff(required, have)
  if (length(missing) > 0) {
    mhpbr_error(sprintf("%s: no column %s", what,
                        paste(missing, collapse = ", ")), call = call)
  }
  wanted <- c(required, intersect(optional, have))
  out <- lapply(wanted, function(name) df[[match(name, have)]])
  names(out) <- wanted
  out
}

all_na <- function(x) is.logical(x) && all(is.na(x))

# Each check returns the column in the form the rest of the package uses,
# or stops naming it.
wrong_type <- function(what, name, wanted, x, call) {
  mhpbr_error(sprintf("%s: column %s must be %s, not %s", what, name, wanted,
                      class(x)[1]), call = call)
}

as_text_column <- function(x, name, what, call = sys.call(-1)) {
  if (is.factor(x)) x <- as.character(x)
  if (is.character(x)) return(x)
  if (all_na(x)) return(rep(NA_character_, length(x)))
  if (is.numeric(x) && !inherits(x, "Date")) {
    # An identifier read as a number: as written, without ".0" or "e+05",
    # each cell on its own (format() would pad them to a common width).
    whole <- !is.na(x) & x == floor(x) & abs(x) < 1e15
    out <- as.character(x)
    out[whole] <- sprintf("%.0f", x[whole])
    return(out)
  }
  wrong_type(what, name, "text", x, call)
}

as_number_column <- function(x, name, what, call = sys.call(-1)) {
  if (is.integer(x) || (is.double(x) && !inherits(x, "Date"))) return(x)
  if (all_na(x)) return(rep(NA_integer_, length(x)))
  wrong_type(what, name, "numeric", x, call)
}

# Dates: Date, or ISO text (YYYY-MM-DD), which the library checks.
as_date_column <- function(x, name, what, call = sys.call(-1)) {
  if (inherits(x, "Date")) {
    return(ifelse(is.na(x), NA_character_, format(x, "%Y-%m-%d")))
  }
  if (is.factor(x)) x <- as.character(x)
  if (is.character(x)) return(trimws(x))
  if (all_na(x)) return(rep(NA_character_, length(x)))
  wrong_type(what, name, "a Date or YYYY-MM-DD text", x, call)
}

# y/n answers: logical, or text (y, n, yes, no or empty).
as_answer_column <- function(x, name, what, call = sys.call(-1)) {
  if (is.factor(x)) x <- as.character(x)
  if (is.character(x) || is.logical(x)) return(x)
  wrong_type(what, name, "logical or y/n text", x, call)
}

# One date argument (as_of) as ISO text.
as_date_arg <- function(x, name, call = sys.call(-1)) {
  if (length(x) != 1 || is.na(x)) {
    mhpbr_error(sprintf("%s: one date, not %s", name,
                        if (length(x) == 1) "NA" else length(x)), call = call)
  }
  if (inherits(x, "Date")) return(format(x, "%Y-%m-%d"))
  if (is.character(x)) return(trimws(x))
  mhpbr_error(sprintf("%s: a Date or YYYY-MM-DD text, not %s", name,
                      class(x)[1]), call = call)
}

# A whole number as JSON text (int64 travels as a string in protobuf's JSON
# mapping, exact past 2^31); NA stays NA (left out of the request).
int_text <- function(x) {
  ifelse(is.na(x), NA_character_, sprintf("%.0f", as.numeric(x)))
}

# The rejects attribute: the tool's `line,id,reason` (line = the row's
# number + 1, its line in a CSV file with a header).
rejects_frame <- function(row = integer(), id = character(),
                          reason = character()) {
  data.frame(line = as.integer(row) + 1L, id = as.character(id),
             reason = as.character(reason), stringsAsFactors = FALSE)
}

with_rejects <- function(x, rejects) {
  rownames(rejects) <- NULL
  attr(x, "rejects") <- rejects
  x
}
