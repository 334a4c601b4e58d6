#pragma once
// "alpha=0.5,eta=0.9" as given to --method-options and --simulator-options.

#include <map>
#include <string>

namespace annotbench {

// Throws ConfigError naming `option` for a pair without '=', a value that is not a number, or a key
// given twice (the last would silently win).
std::map<std::string, double> parse_key_values(const std::string& option, const std::string& text);

// Removes the pair "key=VALUE" from `text` and returns VALUE ("" when absent): for the few settings
// whose value is a word, such as the classifier simulator's profile=clean.
std::string take_text_value(std::string& text, const std::string& key);

}  // namespace annotbench
