// tables.tex: the mean ± std table in booktabs style, ready to \input into a paper.

#include <algorithm>
#include <cctype>
#include <cstdio>

#include "reports/report.h"
#include "reports/report_document.h"

namespace annotbench {

namespace {

std::string escape_latex(const std::string& text) {
  std::string out;
  for (const char c : text) {
    switch (c) {
      case '&': case '%': case '$': case '#': case '_': case '{': case '}':
        out += '\\';
        out += c;
        break;
      case '~': out += "\\textasciitilde{}"; break;
      case '^': out += "\\textasciicircum{}"; break;
      case '\\': out += "\\textbackslash{}"; break;
      // In the default OT1 encoding < and > print as inverted ! and ? (probe K9).
      case '<': out += "\\textless{}"; break;
      case '>': out += "\\textgreater{}"; break;
      default: out += c;
    }
  }
  return out;
}

std::string fixed(double value, int decimals) { return fixed_decimals(value, decimals); }

}  // namespace

std::string render_report_latex(const ReportData& report) {
  const ResultSummary& summary = report.summary;
  std::string out = "% annotbench report: " + summary.metric + ". Needs \\usepackage{booktabs}.\n";
  out += "\\begin{table}[t]\n\\centering\n\\caption{" + escape_latex(summary.metric) +
         " (mean $\\pm$ sample std over seeds; " + (summary.lower_is_better ? "lower" : "higher") +
         " is better). Bold: best mean per setting.";
  if (report.has_baseline)
    out += " $\\dagger$: significantly worse than " + escape_latex(report.options.baseline) +
           " on that setting (one-sided Welch $t$-test over seeds, $\\alpha = " + fixed(report.options.alpha, 2) + "$).";
  if (report.comparison.table.dataset_count() > 0)
    out += " Mean rank over the " + std::to_string(report.comparison.table.dataset_count()) +
           " settings where every method has results (lower is better).";
  // A label is not typeset: keep letters and digits only, so that it never needs escaping.
  std::string label = "tab:annotbench-";
  for (const char c : summary.metric) label += std::isalnum(static_cast<unsigned char>(c)) ? c : '-';
  out += "}\n\\label{" + label + "}\n";
  out += "\\begin{tabular}{l" + std::string(summary.methods.size(), 'c') + "}\n\\toprule\nsetting";
  for (const std::string& method : summary.methods) out += " & " + escape_latex(method);
  out += " \\\\\n\\midrule\n";
  for (std::size_t s = 0; s < summary.settings.size(); ++s) {
    out += escape_latex(summary.settings[s]);
    for (std::size_t m = 0; m < summary.methods.size(); ++m) {
      const SeedScores& cell = summary.cells[s][m];
      if (cell.empty()) {
        out += " & --";
        continue;
      }
      const std::string mean = fixed(cell.mean, 4);
      out += " & " + (report.best[s][m] ? "\\textbf{" + mean + "}" : mean) + " $\\pm$ " + fixed(cell.std, 4);
      if (report.significantly_worse[s][m]) out += "$^{\\dagger}$";
    }
    out += " \\\\\n";
  }
  const MethodComparison& comparison = report.comparison;
  if (comparison.table.dataset_count() > 0) {
    out += "\\midrule\nmean rank";
    double best = 1e300;
    for (double rank : comparison.mean_ranks) best = std::min(best, rank);
    // comparison.table has the same (sorted) methods as the summary.
    for (double rank : comparison.mean_ranks)
      out += " & " + (rank == best ? "\\textbf{" + fixed(rank, 2) + "}" : fixed(rank, 2));
    out += " \\\\\n";
  }
  out += "\\bottomrule\n\\end{tabular}\n\\end{table}\n";
  return out;
}

}  // namespace annotbench
