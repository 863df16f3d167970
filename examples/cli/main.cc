// mhpbr: the command-line tool over the library. See formats.md's
// contracts, restated in the README.

#include <cstdio>
#include <cstring>
#include <string>
#include <vector>

#include "commands.h"
#include "mhpbr.h"  // for the MHPBR_VERSION_* macros only
#include "row_ledger.h"

namespace {

#define MHPBR_TOOL_STR2(x) #x
#define MHPBR_TOOL_STR(x) MHPBR_TOOL_STR2(x)
constexpr char kVersion[] =
    MHPBR_TOOL_STR(MHPBR_VERSION_MAJOR) "." MHPBR_TOOL_STR(
        MHPBR_VERSION_MINOR) "." MHPBR_TOOL_STR(MHPBR_VERSION_PATCH);

void PrintUsage(std::FILE* to) {
  std::fprintf(to,
               "mhpbr %s: mental health Payment by Results\n"
               "usage: mhpbr COMMAND [OPTIONS]\n"
               "  classify  MHCT ratings to suggested clusters and red-rule "
               "checks\n"
               "  periods   allocations and discharges to cluster periods, "
               "reviews and transitions\n"
               "  cost      cost activity against cluster periods\n"
               "  tariff    set prices from costed periods\n"
               "  price     price cluster periods under a tariff and contract\n"
               "  package   care-package templates, personal plans, delivered "
               "care\n"
               "  report    HTML and CSV report: cost homogeneity, coverage, "
               "data quality\n"
               "  rules     show, export or check a rule set\n"
               "  version   print the version\n",
               kVersion);
}

}  // namespace

int main(int argc, char** argv) {
  if (argc < 2) {
    PrintUsage(stderr);
    return mhpbr::cli::kExitUsage;
  }
  const std::string command = argv[1];
  const std::vector<std::string> args(argv + 2, argv + argc);
  try {
    if (command == "classify") return mhpbr::cli::RunClassify(args);
    if (command == "periods") return mhpbr::cli::RunPeriods(args);
    if (command == "price") return mhpbr::cli::RunPrice(args);
    if (command == "cost") return mhpbr::cli::RunCost(args);
    if (command == "tariff") return mhpbr::cli::RunTariff(args);
    if (command == "package") return mhpbr::cli::RunPackage(args);
    if (command == "report") return mhpbr::cli::RunReport(args);
    if (command == "rules") return mhpbr::cli::RunRules(args);
    if (command == "version" || command == "--version") {
      std::printf("mhpbr %s\n", kVersion);
      return 0;
    }
    if (command == "help" || command == "--help" || command == "-h") {
      PrintUsage(stdout);
      return 0;
    }
  } catch (const std::exception& e) {
    mhpbr::cli::PrintError(e.what());
    return mhpbr::cli::kExitUsage;
  }
  std::fprintf(stderr, "mhpbr: unknown command '%s'\n", command.c_str());
  PrintUsage(stderr);
  return mhpbr::cli::kExitUsage;
}
