#pragma once
// The sweeps of a report (harness/grid/sweep.h): per sweep, the metric against the swept axis for
// every method (mean ± standard error over seeds), the annotator model's AP AUROC likewise for the
// methods that have one, and the break-point table: per method, the last axis value at which it is
// still significantly better than the baseline (one-sided paired t-test over the seeds both have,
// p < alpha) and the first at which its mean accuracy falls to within a margin of chance (1 / classes).

#include <cstddef>
#include <optional>
#include <string>
#include <vector>

#include "reports/line_plot.h"
#include "reports/result_rows.h"

namespace annotbench {

struct SweepOptions {
  std::string metric = "test_accuracy";
  bool lower_is_better = false;  // the report's --lower-is-better: "better" is then a smaller value
  // The first of these that the sweep has is the baseline of its break points (the paper's mv-base
  // is majority-vote without mixup; a config without labels calls it majority-vote).
  std::vector<std::string> baselines = {"mv-base", "majority-vote"};
  double alpha = 0.05;
  double chance_margin = 0.05;  // "within 5 points of chance"
};

struct SweepBreakPoint {
  std::string method;
  std::optional<double> last_better;        // none: better at no value (or no baseline)
  std::optional<double> first_near_chance;  // none: above chance + margin at every value
};

struct SweepPanel {
  std::string sweep;
  std::string axis;
  std::string file_stem;         // "sweep-<sweep>": <stem>-<metric>.svg, <stem>-ap-auroc.svg
  std::vector<double> values;    // the axis values with rows, ascending
  std::string baseline;          // "" when the sweep has none of options.baselines
  double chance = 0.0;           // 1 / classes; NaN when the metric is no accuracy or rows lack classes
  LinePlotInput metric_plot;
  LinePlotInput ap_auroc_plot;   // no series when no method has an annotator model
  std::vector<SweepBreakPoint> break_points;  // every method but the baseline, in name order
};

// One panel per sweep name among `rows` (rows outside sweeps are ignored), in name order.
std::vector<SweepPanel> sweep_panels(const std::vector<ResultRow>& rows, const SweepOptions& options = {});

}  // namespace annotbench
