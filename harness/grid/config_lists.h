#pragma once
// The lists several protocols' configs share, read with one set of messages: "seeds" and the
// "datasets" of crowd sets (a name or {"dataset": NAME, "setting": LABEL}).

#include <cstdint>
#include <functional>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

namespace annotbench {

// "seeds": a non-empty list of distinct whole numbers >= 0; [0] when absent. InputError naming the
// file and the field.
std::vector<std::uint64_t> read_seed_list(const nlohmann::json& config, const std::string& path);

struct DatasetEntry {
  std::string dataset;
  std::string setting;  // the setting's label: the dataset's name unless the entry gives one
};

// "datasets": a non-empty list of names or {"dataset", "setting"} objects with distinct settings.
// `check` returns "" for a name it takes, else the problem (e.g. "unknown label-only set 'x'
// (known: ...)"); `what` names the list's items in the message for a missing list.
std::vector<DatasetEntry> read_dataset_entries(const nlohmann::json& config, const std::string& path,
                                               const std::string& what,
                                               const std::function<std::string(const std::string&)>& check);

}  // namespace annotbench
