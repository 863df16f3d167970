# Where the repository's data and the built tool are (set by ctest, see
# tests/r/CMakeLists.txt); tests that need them skip without.
source_dir <- Sys.getenv("MHPBR_SOURCE_DIR")
tool <- Sys.getenv("MHPBR_TOOL")

repo_file <- function(...) {
  if (source_dir == "") skip("MHPBR_SOURCE_DIR not set")
  file.path(source_dir, ...)
}

read_data <- function(...) {
  read.csv(repo_file(...), stringsAsFactors = FALSE)
}

# The tool's output CSV (or the file it writes) as a character data frame,
# empty cells "".
run_tool <- function(args, out = NULL) {
  if (tool == "" || !file.exists(tool)) skip("MHPBR_TOOL not set")
  text <- suppressWarnings(system2(tool, args, stdout = TRUE, stderr = FALSE))
  if (!is.null(out)) text <- readLines(out)
  read.csv(text = text, colClasses = "character", na.strings = character(),
           check.names = FALSE)
}

# A frame written as the tool writes it: NA as an empty cell, TRUE/FALSE as
# y/n, numbers without exponents.
as_tool <- function(df) {
  out <- lapply(df, function(x) {
    if (is.logical(x)) x <- ifelse(x, "y", "n")
    if (is.numeric(x)) x <- format(x, scientific = FALSE, trim = TRUE,
                                   digits = 15, drop0trailing = TRUE)
    x <- as.character(x)
    x[is.na(x) | x == "NA"] <- ""
    x
  })
  out <- as.data.frame(out, stringsAsFactors = FALSE, optional = TRUE)
  rownames(out) <- NULL
  out
}

# The typical pictures of python/tests/test_classify.py, profile row order.
typical <- list(
  `1` = c(0, 0, 0, 0, 1, 1, 2, 2, 1, 0, 0, 1, 0, 0, 0, 0, 0, 0),
  `4` = c(0, 0, 0, 0, 1, 1, 4, 4, 3, 1, 0, 3, 0, 0, 0, 0, 0, 1),
  `10` = c(0, 0, 0, 0, 1, 3, 0, 0, 2, 2, 0, 2, 0, 0, 0, 0, 0, 0),
  `14` = c(3, 0, 0, 0, 1, 3, 2, 2, 3, 3, 0, 1, 0, 3, 0, 0, 0, 3))

item_names <- c(paste0("r", 1:13), paste0("r", c("a", "b", "c", "d", "e")))

assessments <- function(pictures, ...) {
  df <- data.frame(assessment_id = paste0("A", seq_along(pictures)),
                   patient_id = paste0("P", seq_along(pictures)),
                   date = "2023-05-01", stringsAsFactors = FALSE)
  m <- do.call(rbind, pictures)
  for (k in seq_along(item_names)) df[[item_names[k]]] <- as.integer(m[, k])
  extra <- list(...)
  for (name in names(extra)) df[[name]] <- extra[[name]]
  df
}
