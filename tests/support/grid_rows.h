#pragma once
// Result rows of a grid compared as a user would: cell by cell, without the fields that time the run;
// and a crowd file of the tests' own in a registered label-only set's layout, so that grids of
// truth-inference cells run without ../shared.

#include <filesystem>
#include <fstream>
#include <map>
#include <sstream>
#include <string>

#include <nlohmann/json.hpp>

#include "tests/support/annotbench_process.h"

namespace annotbench::testing {

// Fields that time a run or say where it resumed: everything else must match the uninterrupted run.
inline void drop_timing(nlohmann::json& value) {
  if (value.is_object()) {
    for (auto it = value.begin(); it != value.end();) {
      const std::string& key = it.key();
      const bool timing = key == "finished_at" || key == "resumed_from_round" ||
                          (key.size() >= 7 && key.compare(key.size() - 7, 7, "seconds") == 0);
      if (timing) {
        it = value.erase(it);
      } else {
        drop_timing(*it);
        ++it;
      }
    }
  } else if (value.is_array()) {
    for (nlohmann::json& element : value) drop_timing(element);
  }
}

struct GridRows {
  std::map<std::string, std::string> by_cell;  // cell id -> row without its timing
  std::size_t lines = 0;
};

inline GridRows grid_rows(const std::filesystem::path& jsonl) {
  GridRows rows;
  std::istringstream lines(testing::file_text(jsonl.string()));
  std::string line;
  while (std::getline(lines, line)) {
    ++rows.lines;
    nlohmann::json row = nlohmann::json::parse(line);
    drop_timing(row);
    rows.by_cell[row.at("cell").get<std::string>()] = row.dump();
  }
  return rows;
}

// A crowd file in the layout of the anaesthesia set (long, "item","rater","rating"), written into a
// data directory of the test's own, so that the truth-inference grid needs no file from ../shared:
// 60 items, 5 raters, 3 grades, rater r right with probability 0.9 - 0.1 r.
inline std::string write_crowd_data_dir(const testing::TempDir& dir) {
  const std::filesystem::path data = dir.path() / "data";
  std::filesystem::create_directories(data / "crowd" / "dawid_skene_1979");
  std::ostringstream file;
  file << "\"item\",\"rater\",\"rating\"\n";
  unsigned state = 12345;
  const auto next_unit = [&state] {
    state = state * 1103515245u + 12345u;
    return static_cast<double>((state >> 8) & 0xffff) / 65536.0;
  };
  for (int item = 1; item <= 60; ++item) {
    const int truth = 1 + item % 3;
    for (int rater = 1; rater <= 5; ++rater) {
      const bool right = next_unit() < 0.9 - 0.1 * rater;
      file << item << ',' << rater << ',' << (right ? truth : 1 + (truth + rater) % 3) << '\n';
    }
  }
  std::ofstream(data / "crowd" / "dawid_skene_1979" / "derived_anesthesia.csv") << file.str();
  return data.string();
}

}  // namespace annotbench::testing
