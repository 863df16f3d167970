# The rich calls, as protobuf's JSON mapping: a request assembled with
# jsonlite (data frames as arrays of row objects, messages verbatim), the
# C API's `_json` call, the response parsed back.

rules_arg <- function(rules, call = sys.call(-1)) {
  if (is.null(rules)) return(NULL)
  if (is.character(rules) && length(rules) == 1 && file.exists(rules)) {
    return(normalizePath(rules))
  }
  mhpbr_error(sprintf("rules: the path of a rule set file, not %s",
                      paste(format(rules), collapse = " ")), call = call)
}

# `request`: a list whose elements are scalars, "json" values (embedded as
# they are) or NULL (left out). Returns the parsed response.
call_json <- function(name, request, rules, what, call = sys.call(-1)) {
  request <- request[!vapply(request, is.null, logical(1))]
  text <- as.character(toJSON(request, auto_unbox = TRUE, json_verbatim = TRUE,
                              digits = NA))
  response <- checked(.Call(C_mhpbr_r_call_json, name, rules_arg(rules, call),
                            text), what, call)
  fromJSON(response, simplifyVector = TRUE, simplifyDataFrame = TRUE)
}

# A data frame as a JSON array of row objects (NA cells are left out, so
# the field takes its default).
rows_json <- function(df) {
  if (nrow(df) == 0) return(structure("[]", class = "json"))
  toJSON(df, dataframe = "rows", digits = NA, auto_unbox = TRUE)
}

# A response's repeated field as a data frame of `columns` (name = type:
# "text", "int", "number", "bool", "date" where "" is NA), zero rows when
# the field is empty.
response_frame <- function(x, columns) {
  n <- if (is.data.frame(x)) nrow(x) else 0L
  out <- lapply(names(columns), function(name) {
    type <- columns[[name]]
    v <- if (n > 0 && !is.null(x[[name]])) x[[name]] else NULL
    switch(type,
      text = if (is.null(v)) rep(if (n) "" else character(), n) else
        as.character(v),
      date = {
        v <- if (is.null(v)) rep(NA_character_, n) else as.character(v)
        v[!is.na(v) & v == ""] <- NA_character_
        v
      },
      int = if (is.null(v)) rep(if (n) 0L else integer(), n) else
        as.integer(v),
      number = if (is.null(v)) rep(if (n) 0 else numeric(), n) else
        as.numeric(v),
      bool = if (is.null(v)) rep(if (n) FALSE else logical(), n) else
        as.logical(v))
  })
  names(out) <- names(columns)
  as.data.frame(out, stringsAsFactors = FALSE, optional = TRUE)
}

# Response errors (RecordError/EventError) as rejects. `inputs` maps each
# input's name to the frame rows sent, in request order: a reason the C
# API prefixes with "name[k]: " is the row sent k-th (0-based); any other
# is an event's, whose line the request gave (the row + 1).
response_rejects <- function(errors, inputs) {
  if (!is.data.frame(errors) || nrow(errors) == 0) {
    return(cbind(rejects_frame(), source = character()))
  }
  reason <- as.character(errors$reason)
  line <- as.numeric(errors$line)
  id <- as.character(if (!is.null(errors$id)) errors$id else errors$patient_id)
  source <- rep("events", length(reason))
  row <- line - 1
  m <- regmatches(reason, regexec("^([a-z_]+)\\[([0-9]+)\\]: (.*)$", reason))
  for (k in seq_along(m)) {
    if (length(m[[k]]) == 4 && !is.null(inputs[[m[[k]][2]]])) {
      source[k] <- m[[k]][2]
      row[k] <- inputs[[source[k]]][as.integer(m[[k]][3]) + 1]
      reason[k] <- m[[k]][4]
    }
  }
  out <- rejects_frame(row, id, reason)
  out$source <- source
  out
}

# Whether the libmhpbr loaded has the JSON form of a rich call (a call
# newer than the library, such as "spc", may be missing).
has_call <- function(name) .Call(C_mhpbr_r_has_call, name)
