#include "harness/cli/command.h"

#include <cerrno>
#include <cstdlib>

#include "datasets/input_error.h"

namespace annotbench {

std::string Args::get(const std::string& name, const std::string& fallback) const {
  const auto found = values_.find(name);
  return found == values_.end() ? fallback : found->second;
}

std::string Args::require(const std::string& name) const {
  const auto found = values_.find(name);
  if (found == values_.end()) throw ConfigError("missing required option --" + name);
  return found->second;
}

double parse_double(const std::string& what, const std::string& text) {
  errno = 0;
  char* end = nullptr;
  const double value = std::strtod(text.c_str(), &end);
  if (text.empty() || end != text.c_str() + text.size() || errno == ERANGE)
    throw ConfigError(what + ": expected a number, got \"" + text + "\"");
  return value;
}

long long parse_int(const std::string& what, const std::string& text) {
  errno = 0;
  char* end = nullptr;
  const long long value = std::strtoll(text.c_str(), &end, 10);
  if (text.empty() || end != text.c_str() + text.size() || errno == ERANGE)
    throw ConfigError(what + ": expected a whole number, got \"" + text + "\"");
  return value;
}

double Args::get_double(const std::string& name, double fallback) const {
  return has(name) ? parse_double("--" + name, get(name)) : fallback;
}

long long Args::get_int(const std::string& name, long long fallback) const {
  return has(name) ? parse_int("--" + name, get(name)) : fallback;
}

std::vector<double> Args::get_double_list(const std::string& name) const {
  std::vector<double> values;
  if (!has(name)) return values;
  const std::string text = get(name);
  std::size_t start = 0;
  while (start <= text.size()) {
    const std::size_t comma = text.find(',', start);
    const std::size_t stop = comma == std::string::npos ? text.size() : comma;
    values.push_back(parse_double("--" + name, text.substr(start, stop - start)));
    if (comma == std::string::npos) break;
    start = comma + 1;
  }
  return values;
}

std::vector<std::string> Args::get_all(const std::string& name) const {
  const auto found = all_values_.find(name);
  return found == all_values_.end() ? std::vector<std::string>{} : found->second;
}

Args parse_args(const CommandSpec& command, const std::vector<std::string>& words) {
  Args args;
  for (std::size_t i = 0; i < words.size(); ++i) {
    const std::string& word = words[i];
    if (word.rfind("--", 0) != 0 || word == "--") {
      args.positional.push_back(word);
      continue;
    }
    std::string name = word.substr(2);
    std::string inline_value;
    const std::size_t equals = name.find('=');
    const bool has_inline_value = equals != std::string::npos;
    if (has_inline_value) {
      inline_value = name.substr(equals + 1);
      name = name.substr(0, equals);
    }
    const OptionSpec* spec = nullptr;
    for (const OptionSpec& option : command.options)
      if (option.name == name) spec = &option;
    if (spec == nullptr)
      // main() puts "annotbench COMMAND: " in front of every error (probe K3: it was there twice).
      throw ConfigError("unknown option --" + name + " (see annotbench " + command.name + " --help)");
    if (spec->value_name.empty()) {
      if (has_inline_value) throw ConfigError("--" + name + " takes no value");
      args.set(name, "1");
    } else if (has_inline_value) {
      args.set(name, inline_value);
    } else {
      if (i + 1 >= words.size()) throw ConfigError("--" + name + " needs a value " + spec->value_name);
      args.set(name, words[++i]);
    }
  }
  return args;
}

std::string command_help(const CommandSpec& command) {
  std::string text = "usage: " + command.usage + "\n\n" + command.summary + "\n";
  if (!command.options.empty()) text += "\noptions:\n";
  for (const OptionSpec& option : command.options) {
    std::string left = "  --" + option.name + (option.value_name.empty() ? "" : " " + option.value_name);
    if (left.size() < 30) left.resize(30, ' ');
    else left += "\n" + std::string(30, ' ');
    text += left + option.help + "\n";
  }
  return text;
}

std::vector<OptionSpec> data_dir_options() {
  return {{"data-dir", "DIR",
           "where data files are searched first (then $ANNOTBENCH_DATA, ../shared/data, the set-up's .data/)"}};
}

}  // namespace annotbench
