#pragma once
// The annot-mix paper's own significance analysis (annot-mix-reference-study.md §5.4, the reference's
// examples/statistical_tests.ipynb), offered next to the textbook tests of comparison.h: ranks over
// data sets without the upper bound (true-base), Friedman's χ², then every other method against one
// control (annot-mix) by the rank z-test, z_i = (R̄_i − R̄_control) / SE, with Holm's correction.
// SE has two forms: the notebook's √(k(k−1)/(6N)) and Demšar's (2006, §3.2.2) √(k(k+1)/(6N)); both are
// computed, and a report says which it shows. The notebook's p-value is 2(1 − Φ(z)) on the signed z
// (a method ranked better than the control gets p > 1) and its Holm loop marks all or none (study
// §5.4 step 4); the textbook p-value is two-sided on |z| with Holm's step-down.

#include <cstddef>
#include <string>
#include <vector>

#include "reports/friedman.h"
#include "reports/score_table.h"

namespace annotbench {

enum class RankTestForm { reference, demsar };  // SE with k(k−1), or with k(k+1)

struct ControlComparisonRow {
  std::size_t method = 0;        // column of the ranked table
  double z = 0.0;                // positive: ranked worse than the control
  double p = 1.0;                // the form's p-value (see above)
  double p_holm = 1.0;           // Holm-adjusted (textbook step-down)
  bool significant = false;      // p_holm <= alpha (textbook); the notebook's all-or-none loop for reference
};

struct ControlComparison {
  RankTestForm form = RankTestForm::demsar;
  double standard_error = 0.0;
  std::vector<ControlComparisonRow> rows;  // every ranked method but the control, in column order
};

struct PaperStatistics {
  ScoreTable ranked;                       // the input without the excluded columns
  std::vector<std::string> excluded;       // columns left out (true-base, ground-truth)
  std::vector<double> mean_ranks;          // over ranked.datasets, 1 = best, ties averaged
  std::size_t control = 0;                 // column of the control in `ranked`
  bool tested = false;                     // N >= 2 and k >= 2
  FriedmanResult friedman;
  double alpha = 0.05;
  ControlComparison reference;             // the notebook's k(k−1) form and Holm loop
  ControlComparison demsar;                // the textbook k(k+1) form, two-sided, Holm's step-down
};

// Columns named in `excluded` are dropped before ranking (absent names are ignored). Throws ConfigError
// when `control` is not a remaining column.
PaperStatistics paper_statistics(const ScoreTable& table, const std::string& control,
                                 const std::vector<std::string>& excluded, double alpha);

// The rows and the SE of one form for given mean ranks (k methods, N data sets); exposed for tests.
ControlComparison rank_z_test(const std::vector<double>& mean_ranks, std::size_t control, std::size_t dataset_count,
                              RankTestForm form, double alpha);

}  // namespace annotbench
