#include "reports/active_curves.h"

#include <algorithm>
#include <cctype>
#include <cmath>
#include <filesystem>
#include <map>
#include <sstream>

#include "datasets/line_reader.h"

namespace annotbench {

MeanAndError mean_and_error(const std::vector<double>& values) {
  MeanAndError result;
  result.count = values.size();
  if (values.empty()) return result;
  double total = 0.0;
  for (const double value : values) total += value;
  result.mean = total / static_cast<double>(values.size());
  if (values.size() < 2) return result;
  double squares = 0.0;
  for (const double value : values) squares += (value - result.mean) * (value - result.mean);
  result.standard_error = std::sqrt(squares / static_cast<double>(values.size() - 1) / static_cast<double>(values.size()));
  return result;
}

namespace {

bool is_reference(const std::string& strategy) {
  return strategy == "relabel-oracle" ||
         (strategy.size() > 6 && strategy.compare(strategy.size() - 6, 6, "-clean") == 0);
}

LineSeries curve(const std::string& strategy, const std::vector<const nlohmann::json*>& runs, const char* field) {
  LineSeries series;
  series.name = strategy;
  series.dashed = is_reference(strategy);
  std::map<double, std::vector<double>> by_spent;
  for (const nlohmann::json* run : runs)
    for (const nlohmann::json& round : run->at("rounds"))
      if (round.contains(field) && round.at(field).is_number())
        by_spent[round.at("spent").get<double>()].push_back(round.at(field).get<double>());
  for (const auto& [spent, values] : by_spent) {
    const MeanAndError summary = mean_and_error(values);
    series.points.push_back({spent, summary.mean, summary.mean - summary.standard_error, summary.mean + summary.standard_error});
  }
  return series;
}

}  // namespace

std::vector<ActivePanel> active_panels(const std::vector<nlohmann::json>& rows) {
  std::map<std::string, std::map<std::string, std::vector<const nlohmann::json*>>> grouped;
  for (const nlohmann::json& row : rows)
    if (row.is_object() && row.value("kind", std::string()) == "active" && row.contains("rounds"))
      grouped[row.value("setting", std::string())][row.value("method", std::string())].push_back(&row);
  std::vector<ActivePanel> panels;
  for (const auto& [setting, strategies] : grouped) {
    ActivePanel panel;
    panel.setting = setting;
    panel.file_stem = "active-" + figure_file_slug(setting);
    panel.accuracy.title = setting + ": test accuracy";
    panel.accuracy.x_label = "budget spent (queries)";
    panel.accuracy.y_label = "test accuracy";
    panel.noise.title = setting + ": label noise in the labelled set";
    panel.noise.x_label = "budget spent (queries)";
    panel.noise.y_label = "wrong training labels / labelled items";
    for (const auto& [strategy, runs] : strategies) {
      panel.accuracy.series.push_back(curve(strategy, runs, "test_acc"));
      panel.noise.series.push_back(curve(strategy, runs, "pool_noise"));
      std::vector<double> accuracy, alc, noise, relabels, precision;
      for (const nlohmann::json* run : runs) {
        const nlohmann::json& metrics = run->at("metrics");
        accuracy.push_back(metrics.value("test_accuracy", 0.0));
        alc.push_back(metrics.value("alc", 0.0));
        noise.push_back(metrics.value("final_pool_noise", 0.0));
        relabels.push_back(metrics.value("n_relabels", 0.0));
        if (metrics.contains("mean_relabel_precision")) precision.push_back(metrics.at("mean_relabel_precision").get<double>());
      }
      panel.strategies.push_back({strategy, mean_and_error(accuracy), mean_and_error(alc), mean_and_error(noise),
                                  mean_and_error(relabels), mean_and_error(precision)});
    }
    panels.push_back(std::move(panel));
  }
  return panels;
}

std::vector<nlohmann::json> read_json_rows(const std::string& path) {
  std::vector<std::string> files;
  if (std::filesystem::is_directory(path)) {
    for (const auto& entry : std::filesystem::directory_iterator(path))
      if (entry.is_regular_file() && entry.path().extension() == ".jsonl") files.push_back(entry.path().string());
    std::sort(files.begin(), files.end());
  } else {
    files.push_back(path);
  }
  std::vector<nlohmann::json> rows;
  for (const std::string& file : files) {
    for (const TextLine& line : read_text_lines(file).lines) {
      nlohmann::json row = nlohmann::json::parse(line.text, nullptr, false);
      if (!row.is_discarded()) rows.push_back(std::move(row));
    }
  }
  return rows;
}

}  // namespace annotbench
