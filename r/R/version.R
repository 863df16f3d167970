mhpbr_version <- function() .Call(C_mhpbr_r_version)
