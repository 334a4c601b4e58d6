#include "reports/sweep_curves.h"

#include <algorithm>
#include <cmath>
#include <limits>
#include <map>

#include "reports/active_curves.h"
#include "reports/descriptive.h"

namespace annotbench {

namespace {

// metric value per (method, axis value, seed) of one sweep.
using SeedValues = std::map<long long, double>;
using MethodValues = std::map<std::string, std::map<double, SeedValues>>;

MethodValues values_of(const std::vector<const ResultRow*>& rows, const std::string& metric) {
  MethodValues values;
  for (const ResultRow* row : rows) {
    const auto found = row->metrics.find(metric);
    if (found != row->metrics.end()) values[row->method][row->sweep_value][row->seed] = found->second;
  }
  return values;
}

std::vector<double> seed_values(const SeedValues& seeds) {
  std::vector<double> numbers;
  for (const auto& [seed, number] : seeds) numbers.push_back(number);
  return numbers;
}

LinePlotInput curves(const MethodValues& values, const std::string& title, const std::string& axis,
                     const std::string& y_label) {
  LinePlotInput plot;
  plot.title = title;
  plot.x_label = axis;
  plot.y_label = y_label;
  for (const auto& [method, by_value] : values) {
    LineSeries series;
    series.name = method;
    for (const auto& [value, seeds] : by_value) {
      const MeanAndError summary = mean_and_error(seed_values(seeds));
      series.points.push_back({value, summary.mean, summary.mean - summary.standard_error,
                               summary.mean + summary.standard_error});
    }
    plot.series.push_back(std::move(series));
  }
  return plot;
}

bool is_accuracy(const std::string& metric) {
  return metric.size() >= 8 && metric.compare(metric.size() - 8, 8, "accuracy") == 0;
}

}  // namespace

std::vector<SweepPanel> sweep_panels(const std::vector<ResultRow>& rows, const SweepOptions& options) {
  std::map<std::string, std::vector<const ResultRow*>> by_sweep;
  for (const ResultRow& row : rows)
    if (!row.sweep.empty()) by_sweep[row.sweep].push_back(&row);

  std::vector<SweepPanel> panels;
  for (const auto& [name, sweep_rows] : by_sweep) {
    SweepPanel panel;
    panel.sweep = name;
    panel.axis = sweep_rows.front()->sweep_axis;
    panel.file_stem = "sweep-" + figure_file_slug(name);
    int classes = 0;
    for (const ResultRow* row : sweep_rows) {
      if (std::find(panel.values.begin(), panel.values.end(), row->sweep_value) == panel.values.end())
        panel.values.push_back(row->sweep_value);
      classes = std::max(classes, row->classes);
    }
    std::sort(panel.values.begin(), panel.values.end());
    panel.chance = is_accuracy(options.metric) && classes > 0 ? 1.0 / classes : std::numeric_limits<double>::quiet_NaN();

    const MethodValues metric = values_of(sweep_rows, options.metric);
    panel.metric_plot = curves(metric, name + ": " + options.metric + " against " + panel.axis, panel.axis, options.metric);
    if (std::isfinite(panel.chance))
      panel.metric_plot.series.push_back({"chance (1/" + std::to_string(classes) + ")",
                                          {{panel.values.front(), panel.chance, panel.chance, panel.chance},
                                           {panel.values.back(), panel.chance, panel.chance, panel.chance}},
                                          true});
    panel.ap_auroc_plot = curves(values_of(sweep_rows, "test_ap_auroc"),
                                 name + ": annotator model's AP AUROC against " + panel.axis, panel.axis, "test_ap_auroc");

    for (const std::string& candidate : options.baselines)
      if (metric.count(candidate)) {
        panel.baseline = candidate;
        break;
      }
    for (const auto& [method, by_value] : metric) {
      if (method == panel.baseline) continue;
      SweepBreakPoint point;
      point.method = method;
      for (const auto& [value, seeds] : by_value) {
        if (!point.first_near_chance && std::isfinite(panel.chance) &&
            mean_of(seed_values(seeds)) <= panel.chance + options.chance_margin)
          point.first_near_chance = value;
        if (panel.baseline.empty()) continue;
        const auto& baseline_values = metric.at(panel.baseline);
        const auto baseline = baseline_values.find(value);
        if (baseline == baseline_values.end()) continue;
        std::vector<double> differences;
        for (const auto& [seed, number] : seeds) {
          const auto paired = baseline->second.find(seed);
          if (paired == baseline->second.end()) continue;
          differences.push_back(options.lower_is_better ? paired->second - number : number - paired->second);
        }
        if (paired_t_test(differences).p_greater < options.alpha) point.last_better = value;
      }
      panel.break_points.push_back(std::move(point));
    }
    panels.push_back(std::move(panel));
  }
  return panels;
}

}  // namespace annotbench
