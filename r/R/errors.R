# Errors are R conditions of class "mhpbr_error": `message` is the
# library's (naming the record and field at fault) or the package's own
# (naming the column), `code` the C API's status name ("INVALID_ARGUMENT").

mhpbr_error <- function(message, code = "INVALID_ARGUMENT",
                        call = sys.call(-1)) {
  stop(structure(class = c("mhpbr_error", "error", "condition"),
                 list(message = message, call = call, code = code)))
}

# The value of a .Call, or the mhpbr_error it reports (an "mhpbr_c_error"
# list from src/calls.c). `what` prefixes the message.
checked <- function(x, what, call = sys.call(-1)) {
  if (!inherits(x, "mhpbr_c_error")) return(x)
  message <- x$message
  index <- attr(x, "index")
  if (!is.null(index)) message <- sprintf("element %d: %s", index, message)
  mhpbr_error(paste0(what, ": ", message), x$code_name, call)
}
