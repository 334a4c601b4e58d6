#pragma once
// `annotbench report`: result rows → mean ± std per setting × method, ranks, tests across settings and
// the files report.md, report.html, tables.tex, ranks.csv and cd-diagram.svg.

#include <optional>
#include <ostream>
#include <string>
#include <vector>

#include "reports/active_curves.h"
#include "reports/ablation.h"
#include "reports/sweep_curves.h"
#include "reports/comparison.h"
#include "reports/descriptive.h"
#include "reports/paper_statistics.h"
#include "reports/published_ranks.h"
#include "reports/report_document.h"
#include "reports/published_results.h"
#include "reports/result_summary.h"

namespace annotbench {

struct ReportOptions {
  std::string results;            // a .jsonl file or a directory of them
  // Further files or directories read with it (report --results A --results B): one report that
  // ranks the settings of all of them together.
  std::vector<std::string> more_results;
  std::string out_dir;
  std::string baseline = "annot-mix";
  // Named by the user (--baseline): a name without results is then an error listing the methods
  // (probe U9), not a report without comparisons.
  bool baseline_given = false;
  double alpha = 0.05;
  std::string metric = "test_accuracy";
  bool lower_is_better = false;
  // The annot-mix notebook's analysis as well (paper_statistics.h): ranks without these methods,
  // Friedman, rank z-tests against the baseline in both SE forms with Holm.
  bool paper_statistics = false;
  std::vector<std::string> paper_excluded = {"true-base", "ground-truth"};
  // A published-results CSV (published_results.h): a section puts its numbers beside ours.
  std::string published;
  // Only these rows (methods by their row names); empty: every row. A setting lacking a method is
  // not ranked, so a report across data sets names the rows they all have.
  std::vector<std::string> methods;
};

struct ReportData {
  ReportOptions options;
  std::size_t row_count = 0;
  ResultSummary summary;                          // every setting × method, with seeds; baseline first
  std::vector<std::string> left_out_settings;     // lacking some method: not ranked
  MethodComparison comparison;                    // over the complete settings
  bool has_baseline = false;                      // the baseline is among the methods
  std::size_t baseline = 0;                       // its index in summary.methods
  // worse_than_baseline[setting][method]: one-sided Welch t-test over seeds at options.alpha
  std::vector<std::vector<WelchResult>> welch_versus_baseline;
  std::vector<std::vector<bool>> significantly_worse;
  std::vector<std::vector<bool>> best;            // best mean in its setting (ties: all)
  std::optional<PaperStatistics> paper_statistics;  // when options.paper_statistics and there is a baseline
  std::vector<PublishedComparison> published;     // when options.published names a file
  PublishedRankComparison published_ranks;        // ... and the paper's ranks beside ours
  std::vector<ActivePanel> active_panels;         // curves of "active" rows (write_report fills them)
  std::vector<SweepPanel> sweep_panels;           // curves and break points of rows in sweeps
  std::vector<MechanismAblation> ablations;       // settings with annot-mix's 2 x 2 ablation
  std::vector<AlphaChoice> alpha_choices;         // settings with annot-mix at several alphas
};

ReportData build_report(const std::vector<ResultRow>& rows, const ReportOptions& options, std::ostream& warnings);

// The Nemenyi result at the report's alpha (compare_methods always computes it).
const NemenyiResult& report_nemenyi(const ReportData& report);

std::string render_report_markdown(const ReportData& report);
std::string render_report_html(const ReportData& report);
std::string render_report_latex(const ReportData& report);
std::string render_ranks_csv(const ReportData& report);
std::string render_report_cd_diagram(const ReportData& report);

// The report as one document (report_document.h), which report.md and report.html render; built once
// by write_report for both and for the figure files.
ReportDocument build_report_document(const ReportData& report);

// Every figure of a document (the rank heat maps, the CD diagram, a seed dot plot per setting, the
// active-learning curves) as (file name, SVG), in the order the report shows them.
std::vector<std::pair<std::string, std::string>> report_figures(const ReportDocument& document);

// Reads the rows, builds the report and writes the five files (and two curve SVGs per setting of
// active-learning rows) atomically into options.out_dir (created
// if needed). Returns the paths written.
std::vector<std::string> write_report(const ReportOptions& options, std::ostream& warnings);

// options.results and options.more_results, in order.
std::vector<std::string> report_inputs(const ReportOptions& options);

}  // namespace annotbench
