#pragma once
// One setting's results as a dot plot: a row per method (best mean first), every seed's score a dot,
// the mean a bar with whiskers of ± one standard deviation. Shows what a mean ± std cell hides: the
// spread, outlying seeds, and how far apart two methods really are.

#include <string>
#include <vector>

namespace annotbench {

struct SeedDotRow {
  std::string method;
  std::vector<double> values;  // one per seed
  double mean = 0.0;
  double std = 0.0;
};

struct SeedDotPlotInput {
  std::string title;
  std::string metric;
  bool lower_is_better = false;
  std::vector<SeedDotRow> rows;
};

std::string render_seed_dot_plot_svg(const SeedDotPlotInput& input);

}  // namespace annotbench
