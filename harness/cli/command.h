#pragma once
// The CLI's sub-commands. Each one declares its options, so that parsing rejects unknown ones and
// `annotbench COMMAND --help` prints exactly what is accepted.

#include <functional>
#include <map>
#include <optional>
#include <string>
#include <vector>

namespace annotbench {

struct OptionSpec {
  std::string name;          // without the leading "--"
  std::string value_name;    // empty for a flag that takes no value
  std::string help;
};

class Args {
 public:
  std::vector<std::string> positional;

  bool has(const std::string& name) const { return values_.count(name) > 0; }
  // The option's value, or `fallback` when it was not given.
  std::string get(const std::string& name, const std::string& fallback = "") const;
  // Throws ConfigError naming the option when it is absent.
  std::string require(const std::string& name) const;
  // Parsed numbers; ConfigError names the option and the text that is not a number.
  double get_double(const std::string& name, double fallback) const;
  long long get_int(const std::string& name, long long fallback) const;
  std::vector<double> get_double_list(const std::string& name) const;  // "2,3,4"
  // Every option given (its last value), by name without "--".
  const std::map<std::string, std::string>& given() const { return values_; }
  // Every value given for a repeatable option (report --results A --results B), in order.
  std::vector<std::string> get_all(const std::string& name) const;
  void set(const std::string& name, const std::string& value) {
    values_[name] = value;
    all_values_[name].push_back(value);
  }

 private:
  std::map<std::string, std::string> values_;  // the last value given
  std::map<std::string, std::vector<std::string>> all_values_;
};

struct CommandSpec {
  std::string name;
  std::string usage;         // e.g. "annotbench inspect --dataset NAME"
  std::string summary;       // one line for the command list
  std::vector<OptionSpec> options;
  std::function<int(const Args&)> run;
};

// Throws ConfigError for an option the command does not declare or one missing its value.
Args parse_args(const CommandSpec& command, const std::vector<std::string>& words);
std::string command_help(const CommandSpec& command);

// Every sub-command, in the order --help lists them.
const std::vector<CommandSpec>& commands();

// Options that several commands share, declared once.
std::vector<OptionSpec> data_dir_options();

// Parse helpers shared by the commands.
double parse_double(const std::string& what, const std::string& text);
long long parse_int(const std::string& what, const std::string& text);

}  // namespace annotbench
