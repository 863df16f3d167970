library(testthat)
library(mhpbr)

test_check("mhpbr")
