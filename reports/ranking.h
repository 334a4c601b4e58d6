#pragma once
// Ranks of methods within one data set and their means over data sets (Demšar 2006, section 3.2.2):
// rank 1 is the best method, tied methods share the average of the ranks they span.

#include <vector>

#include "reports/score_table.h"

namespace annotbench {

// Ranks of `scores` (1 = best); ties get the average rank. `lower_is_better` flips the order.
std::vector<double> rank_scores(const std::vector<double>& scores, bool lower_is_better);

// Ranks of the absolute values, 1 = smallest, ties averaged (the ranking of the Wilcoxon test).
std::vector<double> rank_ascending(const std::vector<double>& values);

// ranks[dataset][method] for every row of `table`.
std::vector<std::vector<double>> rank_table(const ScoreTable& table);

// Mean rank of every method over the data sets.
std::vector<double> mean_ranks(const std::vector<std::vector<double>>& ranks);

// Kendall's tau-b between two orderings of the same items (ties allowed in either):
// (concordant - discordant) / sqrt((n0 - ties_x)(n0 - ties_y)), n0 = n(n-1)/2 (Kendall 1945).
// NaN when either ordering is all ties or there are fewer than 2 items.
double kendall_tau_b(const std::vector<double>& x, const std::vector<double>& y);

}  // namespace annotbench
