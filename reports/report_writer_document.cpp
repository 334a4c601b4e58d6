// report.md and report.html: one document, two renderings.

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <map>

#include "datasets/joined_text.h"
#include "reports/cd_diagram.h"
#include "reports/rank_heatmap.h"
#include "reports/report.h"
#include "reports/report_document.h"
#include "reports/seed_dot_plot.h"

namespace annotbench {

namespace {

std::string fixed(double value, int decimals) { return fixed_decimals(value, decimals); }

std::string p_text(double p) {
  char buffer[64];
  if (p < 1e-4) std::snprintf(buffer, sizeof buffer, "%.2e", p);
  else std::snprintf(buffer, sizeof buffer, "%.4f", p);
  return buffer;
}

// The seed count most cells have; cells with another count say theirs.
std::size_t usual_seed_count(const ResultSummary& summary) {
  std::map<std::size_t, std::size_t> frequency;
  for (const auto& row : summary.cells)
    for (const SeedScores& cell : row)
      if (!cell.empty()) ++frequency[cell.values.size()];
  std::size_t usual = 0, most = 0;
  for (const auto& [count, times] : frequency)
    if (times > most) {
      usual = count;
      most = times;
    }
  return usual;
}

void add_score_table(const ReportData& report, ReportDocument& document) {
  const ResultSummary& summary = report.summary;
  const std::size_t usual = usual_seed_count(summary);
  document.heading(summary.metric + ": mean ± std over seeds");
  document.paragraph("Each cell is the mean ± sample standard deviation (n − 1) of " + summary.metric + " over " +
                     std::to_string(usual) + " seeds unless it says otherwise; the best mean of each setting is bold; " +
                     (summary.lower_is_better ? "lower is better." : "higher is better.") +
                     (report.has_baseline ? " A dagger (†) marks a method significantly worse than " + report.options.baseline +
                                                " on that setting (one-sided Welch t-test over seeds, alpha = " +
                                                fixed(report.options.alpha, 2) + ")."
                                          : ""));
  std::vector<std::string> header = {"setting"};
  header.insert(header.end(), summary.methods.begin(), summary.methods.end());
  std::vector<std::vector<TableCell>> rows;
  for (std::size_t s = 0; s < summary.settings.size(); ++s) {
    std::vector<TableCell> row = {{summary.settings[s], false}};
    for (std::size_t m = 0; m < summary.methods.size(); ++m) {
      const SeedScores& cell = summary.cells[s][m];
      if (cell.empty()) {
        row.push_back({"–", false});
        continue;
      }
      std::string text = fixed(cell.mean, 4) + " ± " + fixed(cell.std, 4);
      if (report.significantly_worse[s][m]) text += " †";
      if (cell.values.size() != usual) text += " (n=" + std::to_string(cell.values.size()) + ")";
      row.push_back({text, report.best[s][m]});
    }
    rows.push_back(row);
  }
  document.table(header, rows);
  if (!report.left_out_settings.empty())
    document.paragraph("Not ranked (some method has no result there): " + join(report.left_out_settings, ", ") + ".");
}

void add_rank_table(const ReportData& report, ReportDocument& document) {
  const MethodComparison& comparison = report.comparison;
  const ScoreTable& table = comparison.table;
  if (table.dataset_count() == 0) return;
  document.heading("Ranks (1 = best, ties share the average rank)");
  std::vector<std::string> header = {"setting"};
  header.insert(header.end(), table.methods.begin(), table.methods.end());
  std::vector<std::vector<TableCell>> rows;
  for (std::size_t d = 0; d < table.dataset_count(); ++d) {
    std::vector<TableCell> row = {{table.datasets[d], false}};
    for (std::size_t m = 0; m < table.method_count(); ++m) row.push_back({fixed(comparison.ranks[d][m], 1), comparison.ranks[d][m] == 1.0});
    rows.push_back(row);
  }
  double best_mean_rank = 1e300;
  for (double rank : comparison.mean_ranks) best_mean_rank = std::min(best_mean_rank, rank);
  std::vector<TableCell> mean_row = {{"mean rank", true}};
  for (double rank : comparison.mean_ranks) mean_row.push_back({fixed(rank, 3), rank == best_mean_rank});
  rows.push_back(mean_row);
  document.table(header, rows);
}

void add_tests(const ReportData& report, ReportDocument& document) {
  const MethodComparison& comparison = report.comparison;
  const ScoreTable& table = comparison.table;
  document.heading("Tests across settings (Demšar 2006)");
  if (!comparison.across_datasets) {
    document.paragraph("The tests across data sets (Friedman, Iman–Davenport, Nemenyi, Wilcoxon–Holm) need at least 2 "
                       "data sets (settings in which every method has results) and 2 methods; this report has " +
                       std::to_string(table.dataset_count()) + " such settings and " +
                       std::to_string(table.method_count()) + " methods.");
    return;
  }
  const FriedmanResult& friedman = comparison.friedman;
  const std::size_t n = table.dataset_count(), k = table.method_count();
  std::vector<std::string> facts = {
      "N = " + std::to_string(n) + " settings, k = " + std::to_string(k) + " methods.",
      "Friedman: chi²_F = " + fixed(friedman.chi_square, 3) + " (" + fixed(friedman.df_numerator, 0) + " df), p = " +
          p_text(friedman.chi_square_p) + ".",
      // F_F is undefined when every setting ranks the methods alike (probe K7: it printed ∞, p = 0).
      std::isfinite(friedman.iman_davenport_f)
          ? "Iman–Davenport: F_F = " + fixed(friedman.iman_davenport_f, 3) + " (" + fixed(friedman.df_numerator, 0) +
                " and " + fixed(friedman.df_denominator, 0) + " df), p = " + p_text(friedman.iman_davenport_p) + "."
          : std::string("Iman–Davenport: perfect agreement, every setting ranks the methods alike (F_F undefined)."),
  };
  // Demšar (2006) recommends the chi² and F approximations for N > 10 data sets.
  if (n <= 10)
    facts.push_back("With N = " + std::to_string(n) + " settings the chi² and F approximations are rough (Demšar 2006 "
                    "recommends N > 10).");
  for (const NemenyiResult& nemenyi : comparison.nemenyi) {
    std::vector<std::string> groups;
    for (const auto& group : nemenyi.groups) {
      std::vector<std::string> names;
      for (std::size_t m : group) names.push_back(table.methods[m]);
      groups.push_back("{" + join(names, ", ") + "}");
    }
    facts.push_back("Nemenyi at alpha = " + fixed(nemenyi.alpha, 2) + ": q = " + fixed(nemenyi.q, 3) + ", CD = " +
                    fixed(nemenyi.critical_difference, 3) + "; not significantly different: " +
                    (groups.empty() ? std::string("none (every pair differs)") : join(groups, ", ")) + ".");
  }
  document.bullets(facts);
  document.paragraph("The critical difference diagram at the top of this report draws the Nemenyi result.");

  if (!report.has_baseline) {
    document.paragraph("No Wilcoxon comparisons: the baseline '" + report.options.baseline + "' has no results.");
    return;
  }
  document.heading("Wilcoxon signed-ranks test against " + report.options.baseline + " (Holm-corrected)");
  document.paragraph("One test per method over the " + std::to_string(n) +
                     " settings' means; R+ sums the ranks of the settings the baseline wins. Two-sided p-values, exact for up "
                     "to 25 settings, else the tie-corrected normal approximation; Holm's step-down correction over the " +
                     std::to_string(k - 1) + " comparisons, significant where p (Holm) ≤ " + fixed(comparison.alpha, 2) + ".");
  std::vector<std::vector<TableCell>> rows;
  for (const BaselineComparison& versus : comparison.versus_baseline) {
    const WilcoxonResult& w = versus.wilcoxon;
    rows.push_back({{table.methods[versus.method], false},
                    {std::to_string(versus.baseline_wins) + " / " + std::to_string(versus.ties) + " / " +
                         std::to_string(versus.baseline_losses), false},
                    {fixed(w.rank_sum_positive, 1), false},
                    {fixed(w.rank_sum_negative, 1), false},
                    {p_text(w.p_value) + (w.exact ? " (exact)" : " (normal)"), false},
                    {p_text(versus.p_holm), versus.significant},
                    {versus.significant ? "yes" : "no", versus.significant}});
  }
  document.table({"method", "baseline wins / ties / losses", "R+", "R−", "p", "p (Holm)", "significant"}, rows);
}

void add_paper_statistics(const ReportData& report, ReportDocument& document) {
  if (!report.paper_statistics) return;
  const PaperStatistics& statistics = *report.paper_statistics;
  const std::string control = statistics.ranked.methods[statistics.control];
  document.heading("The paper's statistics (annot-mix notebook)");
  std::string excluded = statistics.excluded.empty() ? std::string("none of ") + join(report.options.paper_excluded, ", ")
                                                     : join(statistics.excluded, ", ");
  document.paragraph("As the reference's statistical_tests notebook: ranks of the settings' means without the upper bound "
                     "(left out: " + excluded + "), Friedman's chi², then every method against " + control +
                     " by the rank z-test z = (R_i − R_" + control + ") / SE with Holm's correction at alpha = " +
                     fixed(statistics.alpha, 2) + ". Two SE forms: the notebook's √(k(k−1)/(6N)) with its signed p = "
                     "2(1 − Φ(z)) and its all-or-none Holm loop, and Demšar's (2006) √(k(k+1)/(6N)) with two-sided p "
                     "and Holm's step-down. A positive z means ranked worse than " + control + ".");
  if (!statistics.tested) {
    document.paragraph("Not tested: the rank tests need at least 2 complete settings and 2 methods (this report has " +
                       std::to_string(statistics.ranked.dataset_count()) + " settings).");
    return;
  }
  document.bullets({"N = " + std::to_string(statistics.ranked.dataset_count()) + " settings, k = " +
                        std::to_string(statistics.ranked.method_count()) + " methods.",
                    "Friedman: chi²_F = " + fixed(statistics.friedman.chi_square, 3) + ", p = " +
                        p_text(statistics.friedman.chi_square_p) + "."});
  std::vector<std::vector<TableCell>> rows;
  for (std::size_t r = 0; r < statistics.reference.rows.size(); ++r) {
    const ControlComparisonRow& reference = statistics.reference.rows[r];
    const ControlComparisonRow& demsar = statistics.demsar.rows[r];
    rows.push_back({{statistics.ranked.methods[reference.method], false},
                    {fixed(statistics.mean_ranks[reference.method], 2), false},
                    {fixed(reference.z, 3), false},
                    {p_text(reference.p), false},
                    {reference.significant ? "yes" : "no", reference.significant},
                    {fixed(demsar.z, 3), false},
                    {p_text(demsar.p_holm), false},
                    {demsar.significant ? "yes" : "no", demsar.significant}});
  }
  document.table({"method", "mean rank", "z (k(k−1))", "p (notebook)", "significant (notebook loop)", "z (k(k+1))",
                  "p (Holm, Demšar)", "significant (Demšar)"},
                 rows);
  document.paragraph(control + "'s mean rank: " + fixed(statistics.mean_ranks[statistics.control], 2) + ".");
}

void add_published(const ReportData& report, ReportDocument& document) {
  if (report.published.empty()) return;
  document.heading("Paper vs ours");
  bool labelme = false;  // the caveat only where it applies (probe N22: it was printed for iris and wine)
  for (const PublishedComparison& comparison : report.published)
    labelme = labelme || comparison.published.dataset.find("labelme") != std::string::npos;
  document.paragraph("The published numbers of " + report.options.published +
                     " beside the mean of ours over seeds, both in percent; difference = ours − paper." +
                     std::string(labelme ? " The paper's LabelMe features are not the ones shipped here: compare "
                                           "orderings there, not digits."
                                         : ""));
  std::vector<std::vector<TableCell>> rows;
  for (const PublishedComparison& comparison : report.published) {
    const PublishedResult& number = comparison.published;
    rows.push_back({{number.dataset, false},
                    {number.method, false},
                    {number.metric, false},
                    {fixed(number.mean_percent, 1), false},
                    {comparison.have_ours ? fixed(comparison.ours_percent, 1) : "—", false},
                    {comparison.have_ours ? fixed(comparison.ours_percent - number.mean_percent, 1) : "—", false},
                    {comparison.have_ours ? std::to_string(comparison.seeds) : "0", false}});
  }
  document.table({"dataset", "row", "metric", "paper", "ours", "difference", "our seeds"}, rows);
}

// "letter (classifier)" -> "letter-classifier": a file name from a setting label.
std::string file_slug(const std::string& text) {
  std::string slug;
  for (const char c : text) {
    const bool keep = (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9');
    if (keep) slug += c;
    else if (c >= 'A' && c <= 'Z') slug += static_cast<char>(c - 'A' + 'a');
    else if (!slug.empty() && slug.back() != '-') slug += '-';
    if (slug.size() >= 40) break;
  }
  while (!slug.empty() && slug.back() == '-') slug.pop_back();
  return slug.empty() ? "setting" : slug;
}

// The pictures a reader looks at before the tables: how every method ranks on every setting, which
// differences the Nemenyi test supports, and each setting's seeds.
void add_overview(const ReportData& report, ReportDocument& document) {
  const MethodComparison& comparison = report.comparison;
  const ScoreTable& table = comparison.table;
  const bool ranked = table.dataset_count() >= 1 && table.method_count() >= 2;
  if (ranked || !report.summary.settings.empty()) document.heading("At a glance");
  if (ranked) {
    RankHeatmapInput heatmap;
    heatmap.title = "Rank of each method on each setting (1 = best; " + report.summary.metric + ")";
    heatmap.methods = table.methods;
    heatmap.settings = table.datasets;
    heatmap.ranks = comparison.ranks;
    heatmap.mean_ranks = comparison.mean_ranks;
    document.paragraph("Rows: methods by mean rank, best first. Columns: the settings in which every method has results; "
                       "the last column is the mean rank over them.");
    document.svg(render_rank_heatmap_svg(heatmap), "rank-heatmap.svg", "rank heat map");
  }
  if (comparison.across_datasets) document.svg(render_report_cd_diagram(report), "cd-diagram.svg");
  const PublishedRankComparison& paper = report.published_ranks;
  if (paper.compared()) {
    RankHeatmapInput heatmap;
    heatmap.title = "Ours against the paper's own numbers, ranked among the " + std::to_string(paper.methods.size()) +
                    " rows both have";
    heatmap.methods = paper.methods;
    for (std::size_t d = 0; d < paper.datasets.size(); ++d) {
      heatmap.settings.push_back(paper.datasets[d] + " (ours)");
      heatmap.ranks.push_back(paper.our_ranks[d]);
      heatmap.settings.push_back(paper.datasets[d] + " (paper)");
      heatmap.ranks.push_back(paper.paper_ranks[d]);
    }
    heatmap.mean_ranks = paper.our_mean_ranks;
    heatmap.extra_column = "paper's mean rank";
    heatmap.extra_mean_ranks = paper.paper_mean_ranks;
    document.svg(render_rank_heatmap_svg(heatmap), "paper-rank-heatmap.svg", "our ranks beside the paper's");
  }
  const ResultSummary& summary = report.summary;
  for (std::size_t s = 0; s < summary.settings.size(); ++s) {
    SeedDotPlotInput plot;
    plot.title = summary.settings[s] + ": every seed (dots), mean (bar) ± std";
    plot.metric = summary.metric;
    plot.lower_is_better = summary.lower_is_better;
    for (std::size_t m = 0; m < summary.methods.size(); ++m) {
      const SeedScores& cell = summary.cells[s][m];
      if (!cell.empty()) plot.rows.push_back({summary.methods[m], cell.values, cell.mean, cell.std});
    }
    char index[16];
    std::snprintf(index, sizeof index, "%02zu", s + 1);
    document.svg(render_seed_dot_plot_svg(plot), "seeds-" + std::string(index) + "-" + file_slug(summary.settings[s]) + ".svg",
                 summary.settings[s] + ": seeds");
  }
}

void add_published_ranks(const ReportData& report, ReportDocument& document) {
  const PublishedRankComparison& paper = report.published_ranks;
  if (!paper.compared()) return;
  document.heading("Our ranks beside the paper's");
  document.paragraph("On the data sets of these rows with published " + paper.metric + " (" + join(paper.datasets, ", ") +
                     "), the " + std::to_string(paper.methods.size()) +
                     " rows that have a published number on every one of them and results of ours, " +
                     (report.options.paper_excluded.empty() ? std::string("")
                                                            : "without " + join(report.options.paper_excluded, ", ") + ", ") +
                     "are ranked twice: by our means over seeds and by the paper's published means (" +
                     report.options.published + "). Kendall's tau-b compares the two orders: 1 the same, 0 unrelated, −1 reversed.");
  std::vector<std::string> header = {"row", "our mean rank", "paper's mean rank"};
  for (const std::string& dataset : paper.datasets) header.push_back(dataset + " ours / paper");
  std::vector<std::size_t> order(paper.methods.size());
  for (std::size_t m = 0; m < order.size(); ++m) order[m] = m;
  std::stable_sort(order.begin(), order.end(),
                   [&](std::size_t a, std::size_t b) { return paper.our_mean_ranks[a] < paper.our_mean_ranks[b]; });
  std::vector<std::vector<TableCell>> rows;
  for (const std::size_t m : order) {
    std::vector<TableCell> row = {{paper.methods[m], false},
                                  {fixed(paper.our_mean_ranks[m], 2), false},
                                  {fixed(paper.paper_mean_ranks[m], 2), false}};
    for (std::size_t d = 0; d < paper.datasets.size(); ++d)
      row.push_back({fixed(paper.our_ranks[d][m], 1) + " / " + fixed(paper.paper_ranks[d][m], 1), false});
    rows.push_back(row);
  }
  document.table(header, rows);
  const auto tau = [](double value) { return std::isfinite(value) ? fixed(value, 3) : std::string("undefined"); };
  std::vector<std::string> facts = {"Kendall's tau-b of the mean ranks: " + tau(paper.kendall_tau_mean_ranks) + "."};
  for (std::size_t d = 0; d < paper.datasets.size(); ++d)
    facts.push_back(paper.datasets[d] + ": tau-b = " + tau(paper.kendall_tau_per_dataset[d]) + ".");
  document.bullets(facts);
}

void add_how_to_read(const ReportData& report, ReportDocument& document) {
  document.heading("How to read this");
  document.bullets({
      "Ranks: on each setting the methods are ranked by their mean over seeds (1 = best); the mean rank over settings "
      "is the summary the paper reports, lower is better.",
      "Friedman / Iman–Davenport test whether all methods perform alike; a small p says at least one differs. "
      "Iman–Davenport is the less conservative of the two.",
      "Nemenyi: two methods whose mean ranks differ by at least the critical difference (CD) differ significantly. "
      "In the diagram the best rank is on the right; thick bars join methods that are not significantly different.",
      "Wilcoxon–Holm compares " + report.options.baseline +
          " with each other method over settings, with the family-wise error controlled by Holm's procedure; it is more "
          "powerful than Nemenyi for comparisons against one method.",
      "The per-setting dagger is a different question: whether the difference on that one setting exceeds the seed-to-seed "
      "noise. Seeds share the data set, so it says nothing about other data sets.",
  });
}

std::string mean_error_text(const MeanAndError& value, int decimals) {
  if (value.count == 0) return "–";
  return fixed(value.mean, decimals) + " ± " + fixed(value.standard_error, decimals);
}

void add_active_curves(const ReportData& report, ReportDocument& document) {
  if (report.active_panels.empty()) return;
  document.heading("Active learning: curves per setting");
  document.paragraph("x: budget spent (every query costs one unit: seed labels, new labels, re-labels). Lines: the mean "
                     "over seeds; bands: ± one standard error. Dashed: the clean-oracle references and relabel-oracle "
                     "(picks wrong labels by the hidden truth), which no real learner can do. Tables: mean ± standard "
                     "error over seeds at the end of the budget; ALC is the area under the accuracy curve divided by "
                     "the budget after the seed set; precision is the share of re-label picks whose label was wrong.");
  for (const ActivePanel& panel : report.active_panels) {
    document.heading(panel.setting, 3);
    document.svg(render_line_plot_svg(panel.accuracy), panel.file_stem + "-accuracy.svg", panel.accuracy.title);
    document.svg(render_line_plot_svg(panel.noise), panel.file_stem + "-noise.svg", panel.noise.title);
    std::vector<std::vector<TableCell>> rows;
    for (const ActiveStrategySummary& strategy : panel.strategies)
      rows.push_back({{strategy.strategy, false},
                      {mean_error_text(strategy.final_accuracy, 4), false},
                      {mean_error_text(strategy.alc, 4), false},
                      {mean_error_text(strategy.final_pool_noise, 4), false},
                      {mean_error_text(strategy.relabels, 1), false},
                      {mean_error_text(strategy.relabel_precision, 3), false}});
    document.table({"strategy", "final accuracy", "ALC", "final label noise", "re-labels", "re-label precision"}, rows);
  }
}

std::string axis_value_text(const std::optional<double>& value) {
  if (!value) return "–";
  char text[32];
  std::snprintf(text, sizeof text, "%g", *value);
  return text;
}

void add_sweeps(const ReportData& report, ReportDocument& document) {
  if (report.sweep_panels.empty()) return;
  document.heading("Sweeps: where each method breaks");
  document.paragraph("Each sweep varies one axis of a setting. Lines: the mean of " + report.summary.metric +
                     " over seeds at each value; bands: ± one standard error; dashed: chance (1 / classes). "
                     "Break points: the last value at which a method is still significantly better than the "
                     "baseline (one-sided paired t-test over the seeds both ran, p < " + fixed(report.options.alpha, 2) +
                     "), and the first at which its mean falls to within 5 points of chance or below it; – for never.");
  for (const SweepPanel& panel : report.sweep_panels) {
    document.heading(panel.sweep + " (" + panel.axis + ")", 3);
    document.svg(render_line_plot_svg(panel.metric_plot), panel.file_stem + "-" + figure_file_slug(report.summary.metric) + ".svg",
                 panel.metric_plot.title);
    if (!panel.ap_auroc_plot.series.empty())
      document.svg(render_line_plot_svg(panel.ap_auroc_plot), panel.file_stem + "-ap-auroc.svg", panel.ap_auroc_plot.title);
    std::vector<std::vector<TableCell>> rows;
    for (const SweepBreakPoint& point : panel.break_points)
      rows.push_back({{point.method, false},
                      {panel.baseline.empty() ? std::string("no baseline") : axis_value_text(point.last_better), false},
                      {std::isfinite(panel.chance) ? axis_value_text(point.first_near_chance) : std::string("n/a"), false}});
    document.table({"method", "last " + panel.axis + " better than " + (panel.baseline.empty() ? std::string("a baseline") : panel.baseline),
                    "first " + panel.axis + " within 5 points of chance"},
                   rows);
  }
}

std::string mean_and_error_text(const MeanAndError& value) {
  return fixed(value.mean, 4) + " ± " + fixed(value.standard_error, 4) + " (" + std::to_string(value.count) + ")";
}

std::string p_value_text(double p) { return p < 0.0001 ? std::string("< 0.0001") : fixed(p, 4); }

void add_ablation(const ReportData& report, ReportDocument& document) {
  if (report.ablations.empty() && report.alpha_choices.empty()) return;
  const std::string& metric = report.summary.metric;
  document.heading("What makes annot-mix work");
  if (!report.ablations.empty()) {
    document.paragraph("The 2 × 2 ablation of annot-mix's two parts, " + metric +
                       " as mean ± standard error (seeds): neither part is mv-base (mv-mixup at alpha 0), mixup "
                       "only is mv-mixup, the annotator model only is annot-mix at alpha 0, both is annot-mix. "
                       "Interaction: (both − annotator model only) − (mixup only − neither) per seed that ran all "
                       "four, with its two-sided paired t-test against 0; a positive interaction means mixup helps "
                       "more with the annotator model than without it.");
    std::vector<std::vector<TableCell>> rows;
    for (const MechanismAblation& table : report.ablations)
      rows.push_back({{table.setting, false},
                      {mean_and_error_text(table.neither), false},
                      {mean_and_error_text(table.mixup_only), false},
                      {mean_and_error_text(table.annotator_model_only), false},
                      {mean_and_error_text(table.both), false},
                      {table.annotators_only ? mean_and_error_text(*table.annotators_only) : std::string("–"), false},
                      {fixed(table.interaction.mean, 4) + " ± " + fixed(table.interaction.standard_error, 4), false},
                      {p_value_text(table.interaction_p), false}});
    document.table({"setting", "neither", "mixup only", "annotator model only", "both (annot-mix)",
                    "mixing annotators only", "interaction", "p"},
                   rows);
  }
  if (!report.alpha_choices.empty()) {
    document.paragraph("annot-mix's mixup concentration alpha per setting (" + metric +
                       ", mean over seeds); the best alpha against alpha = 1, the paper's choice: mean paired "
                       "difference and two-sided paired t-test over the seeds both ran.");
    std::vector<double> alphas;
    for (const AlphaChoice& choice : report.alpha_choices)
      for (const auto& [alpha, value] : choice.by_alpha)
        if (std::find(alphas.begin(), alphas.end(), alpha) == alphas.end()) alphas.push_back(alpha);
    std::sort(alphas.begin(), alphas.end());
    std::vector<std::string> header = {"setting"};
    for (const double alpha : alphas) header.push_back("alpha " + axis_value_text(alpha));
    header.insert(header.end(), {"best alpha", "best − alpha 1", "p"});
    std::vector<std::vector<TableCell>> rows;
    for (const AlphaChoice& choice : report.alpha_choices) {
      std::vector<TableCell> row = {{choice.setting, false}};
      for (const double alpha : alphas) {
        const auto found = std::find_if(choice.by_alpha.begin(), choice.by_alpha.end(),
                                        [&](const auto& entry) { return entry.first == alpha; });
        row.push_back({found == choice.by_alpha.end() ? std::string("–") : fixed(found->second.mean, 4),
                       alpha == choice.best_alpha});
      }
      const bool paper_alpha = choice.best_alpha == 1.0;
      row.push_back({axis_value_text(choice.best_alpha), false});
      row.push_back({paper_alpha ? std::string("–") : fixed(choice.difference, 4), false});
      row.push_back({paper_alpha ? std::string("–") : p_value_text(choice.p_value) + " (" + std::to_string(choice.pairs) + ")",
                     false});
      rows.push_back(std::move(row));
    }
    document.table(header, rows);
  }
}

}  // namespace

ReportDocument build_report_document(const ReportData& report) {
  ReportDocument document;
  document.title = "annotbench report: " + report.summary.metric;
  document.paragraph(std::to_string(report.row_count) + " result rows from " + join(report_inputs(report.options), ", ") + "; " +
                     std::to_string(report.summary.settings.size()) + " settings, " +
                     std::to_string(report.summary.methods.size()) + " methods (" + join(report.summary.methods, ", ") +
                     "); baseline " + report.options.baseline + ".");
  add_overview(report, document);
  add_score_table(report, document);
  add_rank_table(report, document);
  add_tests(report, document);
  add_paper_statistics(report, document);
  add_published(report, document);
  add_published_ranks(report, document);
  add_active_curves(report, document);
  add_sweeps(report, document);
  add_ablation(report, document);
  add_how_to_read(report, document);
  return document;
}

std::string render_report_markdown(const ReportData& report) { return render_markdown(build_report_document(report)); }

std::vector<std::pair<std::string, std::string>> report_figures(const ReportDocument& document) {
  std::vector<std::pair<std::string, std::string>> figures;
  for (const ReportBlock& block : document.blocks)
    if (block.kind == ReportBlock::Kind::svg) figures.emplace_back(block.file, block.text);
  return figures;
}
std::string render_report_html(const ReportData& report) { return render_html(build_report_document(report)); }

}  // namespace annotbench
