// `annotbench stats`: the tests across data sets for a score table given as CSV, printed as JSON.

#include <iostream>

#include "harness/cli/command.h"
#include "reports/comparison.h"
#include "reports/score_table_csv.h"

namespace annotbench {

CommandSpec stats_command() {
  CommandSpec spec;
  spec.name = "stats";
  spec.usage = "annotbench stats --table FILE.csv [--lower-is-better] [--baseline NAME] [--alpha A]";
  spec.summary = "Ranks, Friedman / Iman-Davenport, Nemenyi CD and Wilcoxon-Holm for a data set x method table.";
  spec.options = {
      {"table", "FILE.csv", "header dataset,METHOD1,METHOD2,...; one row of scores per data set"},
      {"lower-is-better", "", "scores are errors or losses (default: higher is better)"},
      {"baseline", "NAME", "method compared with every other by Wilcoxon-Holm (default: the first column)"},
      {"alpha", "A", "significance level of the Holm decisions, also added to the Nemenyi CDs (default 0.05)"},
  };
  spec.run = [](const Args& args) {
    const ScoreTable table = read_score_table_csv(args.require("table"), args.has("lower-is-better"));
    require_across_dataset_tests(table);
    const MethodComparison comparison = compare_methods(table, args.get("baseline"), args.get_double("alpha", 0.05));
    std::cout << comparison_to_json(comparison).dump(2) << "\n";
    return 0;
  };
  return spec;
}

}  // namespace annotbench
