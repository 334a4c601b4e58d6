#pragma once
// A table of scores: one row per data set (or setting), one column per method. It is the input of every
// test across data sets (Demšar, JMLR 2006), whether it was read from a CSV or averaged from result rows.

#include <cstddef>
#include <string>
#include <vector>

namespace annotbench {

struct ScoreTable {
  std::vector<std::string> datasets;         // row names
  std::vector<std::string> methods;          // column names
  std::vector<std::vector<double>> scores;   // scores[dataset][method]
  bool lower_is_better = false;              // e.g. an error rate; accuracy is higher-is-better

  std::size_t dataset_count() const { return datasets.size(); }
  std::size_t method_count() const { return methods.size(); }
  // The column of `name`; throws ConfigError listing the methods when there is none.
  std::size_t method_index(const std::string& name) const;
};

}  // namespace annotbench
