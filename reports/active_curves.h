#pragma once
// The active-learning curves of a report (DARL spec §6.4): per setting, test accuracy against budget
// spent and label noise in the labelled set against budget spent, one line per strategy (mean ± standard
// error over seeds), the clean-oracle references and the oracle upper bound dashed; and a table of the
// end state per strategy. Read from the "rounds" of result rows of kind "active".

#include <ostream>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "reports/line_plot.h"

namespace annotbench {

struct MeanAndError {
  double mean = 0.0;
  double standard_error = 0.0;  // sample std / √n; 0 for one value
  std::size_t count = 0;
};
MeanAndError mean_and_error(const std::vector<double>& values);

struct ActiveStrategySummary {
  std::string strategy;
  MeanAndError final_accuracy, alc, final_pool_noise, relabels, relabel_precision;
};

struct ActivePanel {
  std::string setting;
  std::string file_stem;  // e.g. "active-letter-symmetric-e-0.2": <stem>-accuracy.svg, <stem>-noise.svg
  LinePlotInput accuracy;
  LinePlotInput noise;
  std::vector<ActiveStrategySummary> strategies;
};

// Panels from rows (parsed JSON) of kind "active"; other rows are ignored. Settings and strategies in
// name order.
std::vector<ActivePanel> active_panels(const std::vector<nlohmann::json>& rows);

// The JSON rows of a .jsonl file or of every *.jsonl directly in a directory; unparsable lines skipped.
std::vector<nlohmann::json> read_json_rows(const std::string& path);

}  // namespace annotbench
