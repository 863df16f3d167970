// The shared child-process helpers (tests/common/run_process.h) under the
// names the periods tests use.

#ifndef MHPBR_TESTS_PERIODS_RUN_PROCESS_H_
#define MHPBR_TESTS_PERIODS_RUN_PROCESS_H_

#include "tests/common/run_process.h"

namespace mhpbr::periods_test {

using test_process::ProcessResult;
using test_process::RunProcess;
using test_process::Slurp;
using test_process::TempPath;
using test_process::WriteFile;

}  // namespace mhpbr::periods_test

#endif  // MHPBR_TESTS_PERIODS_RUN_PROCESS_H_
