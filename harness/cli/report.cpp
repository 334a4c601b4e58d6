// `annotbench report`: result rows → report.md, report.html, tables.tex, ranks.csv, cd-diagram.svg.

#include <algorithm>
#include <iostream>

#include "datasets/input_error.h"
#include "harness/cli/command.h"
#include "harness/protocols/protocol.h"
#include "reports/metrics.h"
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
      {"lower-is-better", "", "the metric is an error or a loss (default: higher is better, except for metrics named "
                               "*log_loss, *brier, *ece, *_mae and *noise_rate, which are lower-is-better by name)"},
      {"paper-statistics", "", "also the annot-mix paper's analysis: ranks without true-base/ground-truth, Friedman, "
                               "rank z-tests against the baseline in the notebook's k(k-1) and Demsar's k(k+1) forms, Holm"},
      {"published", "FILE.csv", "a paper's published numbers (e.g. results/paper/annot-mix-published.csv) to put beside ours, "
                                "with the ranks they give beside ours"},
      {"methods", "NAME,...", "only these rows (by row name); a report across data sets ranks the rows they all have"},
  };
  spec.run = [](const Args& args) {
    // A protocol with a report of its own (few-shot: tables per annotator mix, paired tests over
    // tasks) writes it for its rows; every other kind's rows share the ranked report below.
    args.require("results");
    const std::vector<std::string> inputs = args.get_all("results");
    for (const auto& protocol : registered_protocols())
      for (const std::string& input : inputs)
        if (protocol->holds_own_report_rows(input)) {
          ReportRequest request{inputs, args.get("out"), args.given()};
          for (const std::string& path : protocol->write_own_report(request, std::cerr))
            std::cout << "wrote " << path << "\n";
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
    options.lower_is_better = args.has("lower-is-better") || metric_is_lower_better(options.metric);
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
