# Protobuf text format (the tool's contract, unit cost and transition
# files) to protobuf's JSON mapping, which the C API's JSON calls read:
# this package has no protobuf runtime. The subset the tool's files use:
# `name: value`, `name { ... }` (or `name: { ... }`, `< ... >`),
# `name: [a, b]`, `#` comments, quoted strings, numbers, enum names and
# true/false.

# Fields declared `repeated` in proto/mhpbr/v1/*.proto: a JSON array even
# when the text gives them once.
repeated_fields <- c(
  "activity", "added", "added_reasons", "assessments", "assumptions",
  "by_cluster", "by_commissioner", "by_patient", "by_team", "cells", "chosen",
  "clusters", "columns", "commissioners", "contracts", "costs", "declined",
  "delivery", "elements", "entries", "errors", "events", "evidence",
  "examples", "fitting_items", "indicators", "items", "lines",
  "misfitting_items", "months", "not_chosen", "one_offs", "outcomes",
  "periods", "profiles", "ratings", "red_items", "risk_bands", "rows",
  "rule_sets", "samples", "scenarios", "staff", "tables", "templates", "to",
  "unmatched", "ward")

textproto_tokens <- function(text) {
  pattern <- paste0(
    "#[^\n]*|\"(\\\\.|[^\"\\\\])*\"|'(\\\\.|[^'\\\\])*'|",
    "[A-Za-z0-9_.+-]+|[{}<>\\[\\]:,;]|\\S")
  tokens <- regmatches(text, gregexpr(pattern, text, perl = TRUE))[[1]]
  tokens[!startsWith(tokens, "#")]
}

textproto_scalar <- function(token, what) {
  first <- substr(token, 1, 1)
  if (first == "\"" || first == "'") {
    body <- substr(token, 2, nchar(token) - 1)
    body <- gsub("\\\\(.)", "\\1", gsub("\\\\n", "\n", gsub("\\\\t", "\t",
                                                              body)))
    return(as.character(toJSON(body, auto_unbox = TRUE)))
  }
  if (token %in% c("true", "false")) return(token)
  if (grepl("^[-+]?[0-9]", token)) return(sub("^\\+", "", token))
  if (grepl("^[A-Za-z_][A-Za-z0-9_]*$", token)) {
    return(paste0("\"", token, "\""))  # an enum value's name
  }
  mhpbr_error(sprintf("%s: '%s' is not a value", what, token),
              call = sys.call(-2))
}

# Parses a message's fields from tokens[pos] up to `close` (NULL at the
# top); returns list(json, pos after the close).
textproto_message <- function(tokens, pos, close, what) {
  values <- list()
  repeat {
    if (pos > length(tokens)) {
      if (!is.null(close)) mhpbr_error(sprintf("%s: missing '%s'", what, close))
      break
    }
    token <- tokens[pos]
    if (!is.null(close) && token == close) {
      pos <- pos + 1
      break
    }
    if (token %in% c(",", ";")) {
      pos <- pos + 1
      next
    }
    if (!grepl("^[A-Za-z_][A-Za-z0-9_]*$", token)) {
      mhpbr_error(sprintf("%s: '%s' is not a field name", what, token))
    }
    name <- token
    pos <- pos + 1
    if (pos <= length(tokens) && tokens[pos] == ":") pos <- pos + 1
    if (pos > length(tokens)) mhpbr_error(sprintf("%s: %s has no value", what,
                                                  name))
    items <- character()
    if (tokens[pos] == "[") {
      pos <- pos + 1
      while (pos <= length(tokens) && tokens[pos] != "]") {
        if (tokens[pos] == ",") {
          pos <- pos + 1
          next
        }
        if (tokens[pos] %in% c("{", "<")) {
          sub <- textproto_message(tokens, pos + 1,
                                   if (tokens[pos] == "{") "}" else ">", what)
          items <- c(items, sub$json)
          pos <- sub$pos
        } else {
          items <- c(items, textproto_scalar(tokens[pos], what))
          pos <- pos + 1
        }
      }
      pos <- pos + 1
      values[[name]] <- c(values[[name]], items)
      if (length(items) == 0 && is.null(values[[name]])) {
        values[name] <- list(character())
      }
      next
    }
    if (tokens[pos] %in% c("{", "<")) {
      sub <- textproto_message(tokens, pos + 1,
                               if (tokens[pos] == "{") "}" else ">", what)
      items <- sub$json
      pos <- sub$pos
    } else {
      items <- textproto_scalar(tokens[pos], what)
      pos <- pos + 1
    }
    values[[name]] <- c(values[[name]], items)
  }
  fields <- vapply(names(values), function(name) {
    v <- values[[name]]
    body <- if (length(v) == 1 && !(name %in% repeated_fields)) {
      v
    } else {
      paste0("[", paste(v, collapse = ","), "]")
    }
    paste0("\"", name, "\":", body)
  }, character(1))
  list(json = paste0("{", paste(fields, collapse = ","), "}"), pos = pos)
}

#' @noRd
textproto_json <- function(text, what) {
  parsed <- textproto_message(textproto_tokens(text), 1, NULL, what)
  structure(parsed$json, class = "json")
}

read_text_file <- function(path) {
  paste(readLines(path, warn = FALSE, encoding = "UTF-8"), collapse = "\n")
}

mhpbr_read_textproto <- function(path) {
  if (!is.character(path) || length(path) != 1 || !file.exists(path)) {
    mhpbr_error(sprintf("%s: no such file", paste(path, collapse = " ")))
  }
  textproto_json(read_text_file(path), path)
}

# A message argument (contract, unit costs, transitions) as JSON: a path
# to a text-format file, a list in protobuf's JSON mapping, or JSON text
# (class "json").
message_json <- function(x, what, call = sys.call(-1)) {
  if (is.null(x)) return(NULL)
  if (inherits(x, "json")) return(x)
  if (is.list(x)) return(toJSON(x, auto_unbox = TRUE, digits = NA))
  if (is.character(x) && length(x) == 1) {
    if (!file.exists(x)) {
      mhpbr_error(sprintf("%s: no file %s", what, x), call = call)
    }
    return(textproto_json(read_text_file(x), x))
  }
  mhpbr_error(sprintf("%s: a text-format file, a list or JSON, not %s", what,
                      class(x)[1]), call = call)
}
