// Command-line flags: `--name value` or `--name=value`, plus switches such
// as `--strict`. Each subcommand says which it takes; anything else is a
// usage error (exit 2). A valued flag given twice is a usage error unless
// the command declares it repeated (`mhpbr compare --scenario`).

#ifndef MHPBR_CLI_ARGS_H_
#define MHPBR_CLI_ARGS_H_

#include <map>
#include <optional>
#include <set>
#include <string>
#include <vector>

#include "absl/status/statusor.h"

namespace mhpbr::cli {

class Args {
 public:
  // `valued` flags take a value; `switches` do not; `repeated` flags take a
  // value and may be given any number of times. Names without "--".
  static absl::StatusOr<Args> Parse(const std::vector<std::string>& argv,
                                    const std::set<std::string>& valued,
                                    const std::set<std::string>& switches,
                                    const std::set<std::string>& repeated = {});

  std::optional<std::string> Get(const std::string& name) const;
  // A repeated flag's values in the order given (empty when absent).
  std::vector<std::string> GetAll(const std::string& name) const;
  // Fails naming the flag when it is absent.
  absl::StatusOr<std::string> Require(const std::string& name) const;
  bool Has(const std::string& name) const {
    return values_.count(name) > 0 || repeated_.count(name) > 0;
  }
  const std::vector<std::string>& positional() const { return positional_; }
  // Fails naming the first option given that is not in `used` (for a
  // command whose actions take different options).
  absl::Status OnlyUsing(const std::set<std::string>& used,
                         absl::string_view action) const;

 private:
  std::map<std::string, std::string> values_;
  std::map<std::string, std::vector<std::string>> repeated_;
  std::vector<std::string> positional_;
};

}  // namespace mhpbr::cli

#endif  // MHPBR_CLI_ARGS_H_
