// The subcommands of the `mhpbr` tool. Each takes its arguments (after the
// subcommand's name) and returns the process exit status.

#ifndef MHPBR_CLI_COMMANDS_H_
#define MHPBR_CLI_COMMANDS_H_

#include <string>
#include <vector>

namespace mhpbr::cli {

int RunClassify(const std::vector<std::string>& args);
int RunPeriods(const std::vector<std::string>& args);
int RunPrice(const std::vector<std::string>& args);
int RunCompare(const std::vector<std::string>& args);
int RunCost(const std::vector<std::string>& args);
int RunTariff(const std::vector<std::string>& args);
int RunPackage(const std::vector<std::string>& args);
int RunReport(const std::vector<std::string>& args);
int RunRules(const std::vector<std::string>& args);
int RunOutcomes(const std::vector<std::string>& args);
int RunSpc(const std::vector<std::string>& args);

}  // namespace mhpbr::cli

#endif  // MHPBR_CLI_COMMANDS_H_
