// mhpbr: the command-line tool over the library. See formats.md's
// contracts, restated in the README.

#include <cstdio>
#include <cstring>
#include <string>
#include <vector>

#include "absl/strings/str_cat.h"
#include "commands.h"
#include "help.h"
#include "mhpbr/version.h"
#include "row_ledger.h"

namespace {

bool AsksForHelp(const std::vector<std::string>& args) {
  for (const std::string& a : args) {
    if (a == "--help" || a == "-h") return true;
  }
  return false;
}

}  // namespace

int main(int argc, char** argv) {
  using mhpbr::cli::PrintHelp;
  if (argc < 2) return mhpbr::cli::UsageError("", "name a command");
  const std::string command = argv[1];
  const std::vector<std::string> args(argv + 2, argv + argc);
  if (command == "help" || command == "--help" || command == "-h") {
    return PrintHelp(args.empty() ? "" : args[0]);
  }
  if (command == "version" || command == "--version") {
    return mhpbr::cli::PrintToStdout(
        absl::StrCat("mhpbr ", mhpbr::VersionString(), "\n"));
  }
  if (AsksForHelp(args)) return PrintHelp(command);
  try {
    if (command == "classify") return mhpbr::cli::RunClassify(args);
    if (command == "periods") return mhpbr::cli::RunPeriods(args);
    if (command == "price") return mhpbr::cli::RunPrice(args);
    if (command == "compare") return mhpbr::cli::RunCompare(args);
    if (command == "cost") return mhpbr::cli::RunCost(args);
    if (command == "tariff") return mhpbr::cli::RunTariff(args);
    if (command == "package") return mhpbr::cli::RunPackage(args);
    if (command == "report") return mhpbr::cli::RunReport(args);
    if (command == "rules") return mhpbr::cli::RunRules(args);
    if (command == "outcomes") return mhpbr::cli::RunOutcomes(args);
    if (command == "spc") return mhpbr::cli::RunSpc(args);
  } catch (const std::exception& e) {
    mhpbr::cli::PrintError(e.what());
    return mhpbr::cli::kExitUsage;
  }
  return mhpbr::cli::UsageError(
      "", absl::StrCat("unknown command '", command, "'"));
}
