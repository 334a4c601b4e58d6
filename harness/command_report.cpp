// `annotbench report`: result rows → report.md, report.html, tables.tex, ranks.csv, cd-diagram.svg.

#include <algorithm>
#include <iostream>

#include "datasets/input_error.h"
#include "harness/command.h"
#include "reports/fewshot_report.h"
#include "reports/report.h"

namespace annotbench {

CommandSpec report_command() {
  CommandSpec spec;
  spec.name = "report";
  spec.usage = "annotbench report --results DIR [--results DIR ...] --out DIR [--baseline annot-mix] [--alpha 0.05] [--metric test_accuracy] [--paper-statistics] [--published FILE.csv] [--methods NAME,...]";
  spec.summary = "Tables, ranks, significance tests and a CD diagram from result rows.";
  spec.options = {
      {"results", "DIR", "a .jsonl file of result rows, or a directory whose *.jsonl files are read; give it again "
                         "for more (e.g. letter, music-genres and labelme) to rank their settings together"},
      {"out", "DIR", "where report.md, report.html, tables.tex, ranks.csv and cd-diagram.svg are written"},
      {"baseline", "NAME", "method the others are tested against (default annot-mix; meta-em for few-shot rows)"},
      {"alpha", "A", "significance level (default 0.05)"},
      {"metric", "NAME", "entry of \"metrics\" to compare (default test_accuracy)"},
      {"lower-is-better", "", "the metric is an error or a loss (default: higher is better)"},
      {"paper-statistics", "", "also the annot-mix paper's analysis: ranks without true-base/ground-truth, Friedman, "
                               "rank z-tests against the baseline in the notebook's k(k-1) and Demsar's k(k+1) forms, Holm"},
      {"published", "FILE.csv", "a paper's published numbers (e.g. results/paper/annot-mix-published.csv) to put beside ours, "
                                "with the ranks they give beside ours"},
      {"methods", "NAME,...", "only these rows (by row name); a report across data sets ranks the rows they all have"},
  };
  spec.run = [](const Args& args) {
    // Rows of "kind": "fewshot" configs get the few-shot report (reports/fewshot_report.h): tables per
    // annotator mix, paired tests over tasks, the spammer-share and EM-steps plots.
    args.require("results");
    const std::vector<std::string> inputs = args.get_all("results");
    if (inputs.size() > 1)
      for (const std::string& input : inputs)
        if (holds_fewshot_rows(input))
          throw ConfigError("--results " + input + ": few-shot rows; the few-shot report reads one results directory");
    if (holds_fewshot_rows(inputs.front())) {
      FewShotReportOptions fewshot;
      fewshot.results = inputs.front();
      fewshot.out_dir = args.require("out");
      if (args.has("baseline")) fewshot.method = args.get("baseline", fewshot.method);
      fewshot.method_given = args.has("baseline");
      // Options of the generic report that the few-shot one used to ignore without a word (probe N21).
      for (const char* option : {"metric", "lower-is-better", "paper-statistics", "published", "alpha"})
        if (args.has(option))
          throw ConfigError("--" + std::string(option) + ": the few-shot report does not take it (it reports query " +
                            "accuracy with paired tests over tasks)");
      for (const std::string& path : write_fewshot_report(fewshot, std::cerr)) std::cout << "wrote " << path << "\n";
      return 0;
    }
    ReportOptions options;
    options.results = inputs.front();
    options.more_results.assign(inputs.begin() + 1, inputs.end());
    options.out_dir = args.require("out");
    options.baseline = args.get("baseline", options.baseline);
    options.baseline_given = args.has("baseline");
    options.alpha = args.get_double("alpha", options.alpha);
    options.metric = args.get("metric", options.metric);
    options.lower_is_better = args.has("lower-is-better");
    options.paper_statistics = args.has("paper-statistics");
    options.published = args.get("published");
    const std::string methods = args.get("methods");
    for (std::size_t start = 0; start < methods.size();) {
      const std::size_t comma = std::min(methods.find(',', start), methods.size());
      if (comma > start) options.methods.push_back(methods.substr(start, comma - start));
      start = comma + 1;
    }
    for (const std::string& path : write_report(options, std::cerr)) std::cout << "wrote " << path << "\n";
    return 0;
  };
  return spec;
}

}  // namespace annotbench
