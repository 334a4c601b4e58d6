#pragma once
// The rank heat map the annot-mix paper shows (images/annot-mix-results.png): methods down, settings
// across, each cell coloured by the method's rank on that setting (1 = darkest), the mean rank in a
// column beside, and optionally a second summary column (the mean rank the paper's own numbers give).
// Methods are listed by mean rank, best first.

#include <string>
#include <vector>

namespace annotbench {

struct RankHeatmapInput {
  std::string title;
  std::vector<std::string> methods;
  std::vector<std::string> settings;
  std::vector<std::vector<double>> ranks;  // ranks[setting][method]
  std::vector<double> mean_ranks;          // one per method
  // A further column of mean ranks (e.g. "paper"), NaN where a method has none; empty: none drawn.
  std::string extra_column;
  std::vector<double> extra_mean_ranks;
};

std::string render_rank_heatmap_svg(const RankHeatmapInput& input);

// The fill of a cell of rank `rank` among `count` methods: a sequential blue scale, dark for rank 1.
std::string rank_colour(double rank, std::size_t count);

}  // namespace annotbench
