#pragma once
// Our ranks beside the ranks a paper's own numbers give, on the same data sets and the same rows:
// does the suite order the methods as the paper does? The paper's ranks are computed here from its
// published means (results/paper/*.csv), never typed in.

#include <string>
#include <vector>

#include "reports/published_results.h"
#include "reports/result_rows.h"

namespace annotbench {

struct PublishedRankComparison {
  std::string metric;
  // Data sets of the rows with published numbers of `metric`, and the row names (methods) that have
  // a published number and results of ours on every one of them, excluded names aside.
  std::vector<std::string> datasets;
  std::vector<std::string> methods;
  std::vector<std::vector<double>> our_ranks;    // [dataset][method], from our means over seeds
  std::vector<std::vector<double>> paper_ranks;  // [dataset][method], from the published means
  std::vector<double> our_mean_ranks, paper_mean_ranks;
  std::vector<double> kendall_tau_per_dataset;   // our order against the paper's on each data set
  double kendall_tau_mean_ranks = 0.0;           // ... and of the mean ranks
  bool compared() const { return datasets.size() >= 1 && methods.size() >= 2; }
};

PublishedRankComparison compare_published_ranks(const std::vector<ResultRow>& rows,
                                                const std::vector<PublishedResult>& published,
                                                const std::string& metric, bool lower_is_better,
                                                const std::vector<std::string>& excluded);

}  // namespace annotbench
