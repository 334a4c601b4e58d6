#include "reports/fewshot_report.h"

#include <boost/math/distributions/students_t.hpp>
#include <nlohmann/json.hpp>

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <filesystem>
#include <map>
#include <set>
#include <sstream>

#include "datasets/input_error.h"
#include "datasets/line_reader.h"
#include "reports/atomic_file.h"
#include "reports/descriptive.h"
#include "reports/rows_of_kind.h"
#include "reports/line_plot.h"
#include "reports/wilcoxon.h"

namespace annotbench {

namespace fs = std::filesystem;

namespace {

struct Entry {
  double correct = 0.0, squares = 0.0, queries = 0.0, tasks = 0.0, seconds = 0.0;
  std::vector<int> per_task;
};

// (shots, annotators)
using Column = std::pair<std::size_t, std::size_t>;

struct Group {  // one table: a data set's annotator mix, dense or sparse
  std::string mix;
  double spammer_share = 0.0;
  double missing = 0.0;
  std::vector<Column> columns;
  // method -> seed -> column -> entry at the method's own EM steps
  std::map<std::string, std::map<long long, std::map<Column, Entry>>> cells;
};

struct SettingData {
  std::string setting;
  std::vector<std::string> methods;  // in order of appearance
  std::vector<Group> groups;         // the main mix first, as the protocol lists them
  // method -> em_steps -> seed -> column -> entry (main mix only)
  std::map<std::string, std::map<int, std::map<long long, std::map<Column, Entry>>>> em_sweep;
  std::map<std::string, std::vector<double>> train_seconds, test_seconds_per_1000, best_iterations, valid_accuracy;
  std::set<std::string> meta_trained;
  std::set<long long> seeds;
  nlohmann::json protocol, class_splits = nlohmann::json::array();
};

std::string percent(double value, int digits = 1) {
  char text[32];
  std::snprintf(text, sizeof text, "%.*f", digits, 100.0 * value);
  return text;
}

std::string number(double value, const char* format) {
  char text[48];
  std::snprintf(text, sizeof text, format, value);
  return text;
}

std::string p_text(double p) { return p < 0.001 ? "<0.001" : number(p, "%.3f"); }

double median_of(std::vector<double> values) {
  if (values.empty()) return std::nan("");
  std::sort(values.begin(), values.end());
  const std::size_t middle = values.size() / 2;
  return values.size() % 2 ? values[middle] : 0.5 * (values[middle - 1] + values[middle]);
}

double accuracy(const Entry& entry) { return entry.queries > 0 ? entry.correct / entry.queries : std::nan(""); }

// Mean over seeds of a column's accuracy, and the standard error over all tasks of all seeds.
std::pair<double, double> column_summary(const std::map<long long, std::map<Column, Entry>>& by_seed, const Column& column) {
  std::vector<double> accuracies;
  double correct = 0.0, squares = 0.0, queries = 0.0, tasks = 0.0;
  for (const auto& [seed, columns] : by_seed) {
    const auto found = columns.find(column);
    if (found == columns.end()) continue;
    accuracies.push_back(accuracy(found->second));
    correct += found->second.correct;
    squares += found->second.squares;
    queries += found->second.queries;
    tasks += found->second.tasks;
  }
  if (accuracies.empty()) return {std::nan(""), std::nan("")};
  const double per_task = queries / tasks;
  const double mean = correct / queries;
  const double second_moment = squares / (per_task * per_task) / tasks;
  const double variance = tasks > 1 ? std::max(0.0, (second_moment - mean * mean) * tasks / (tasks - 1)) : 0.0;
  return {mean_of(accuracies), std::sqrt(variance / tasks)};
}

// The mean over a group's columns of each seed's accuracy: one number per seed.
std::map<long long, double> seed_averages(const std::map<long long, std::map<Column, Entry>>& by_seed,
                                          const std::vector<Column>& columns) {
  std::map<long long, double> averages;
  for (const auto& [seed, entries] : by_seed) {
    double total = 0.0;
    std::size_t count = 0;
    for (const Column& column : columns) {
      const auto found = entries.find(column);
      if (found == entries.end()) continue;
      total += accuracy(found->second);
      ++count;
    }
    if (count == columns.size()) averages[seed] = total / static_cast<double>(count);
  }
  return averages;
}

// Per-task accuracy differences `method` − `baseline` over the given columns and every shared seed.
std::vector<double> task_differences(const Group& group, const std::string& method, const std::string& baseline,
                                     const std::vector<Column>& columns, std::size_t queries_per_task) {
  std::vector<double> differences;
  const auto mine = group.cells.find(method), theirs = group.cells.find(baseline);
  if (mine == group.cells.end() || theirs == group.cells.end()) return differences;
  for (const auto& [seed, entries] : mine->second) {
    const auto other_seed = theirs->second.find(seed);
    if (other_seed == theirs->second.end()) continue;
    for (const Column& column : columns) {
      const auto a = entries.find(column);
      const auto b = other_seed->second.find(column);
      if (a == entries.end() || b == other_seed->second.end()) continue;
      if (a->second.per_task.size() != b->second.per_task.size()) continue;
      for (std::size_t t = 0; t < a->second.per_task.size(); ++t)
        differences.push_back(static_cast<double>(a->second.per_task[t] - b->second.per_task[t]) /
                              static_cast<double>(queries_per_task));
    }
  }
  return differences;
}

std::string column_name(const Column& column) {
  return std::to_string(column.first) + "-shot R=" + std::to_string(column.second);
}

std::string slug(std::string text) {
  for (char& c : text)
    if (!std::isalnum(static_cast<unsigned char>(c))) c = '-';
  return text;
}

}  // namespace

double student_t_two_sided_p(double t, double degrees_of_freedom) {
  if (!std::isfinite(t)) return 0.0;
  const boost::math::students_t distribution(degrees_of_freedom);
  return 2.0 * boost::math::cdf(boost::math::complement(distribution, std::fabs(t)));
}

bool holds_fewshot_rows(const std::string& results) { return holds_rows_of_kind(results, "fewshot", "few-shot"); }

std::vector<std::string> write_fewshot_report(const FewShotReportOptions& options, std::ostream& warnings) {
  std::map<std::string, SettingData> settings;
  std::vector<std::string> setting_order;
  // The generic report's rules (probe N14): rows of other data are a setting of their own, and a
  // second row of one (setting, method, seed) replaces the first with a warning, never silently.
  std::map<std::string, std::string> first_checksum;  // setting as run -> data checksum of its first row
  std::map<std::string, std::string> reported_at;     // setting|method|seed -> file:line
  for (const fs::path& file : result_files(options.results)) {
    for (const TextLine& text_line : read_text_lines(file.string()).lines) {
      const std::size_t line_number = text_line.number;
      const nlohmann::json row = nlohmann::json::parse(text_line.text, nullptr, false);
      if (row.is_discarded()) {
        warnings << file.string() << ":" << line_number << ": not JSON (a run killed mid-write?); skipped\n";
        continue;
      }
      if (row.value("kind", "") != "fewshot") continue;
      try {
        std::string setting = row.at("setting").get<std::string>();
        const std::string checksum =
            row.contains("data") && row.at("data").contains("checksum") ? row.at("data").at("checksum").get<std::string>() : "";
        const auto [first, added] = first_checksum.emplace(setting, checksum);
        if (!added && first->second != checksum) {
          const std::string variant = setting + " [data " + checksum + "]";
          if (!settings.count(variant))
            warnings << file.string() << ":" << line_number << ": '" << setting << "' rows of other data (" << checksum
                     << ", not " << first->second << ") are reported as the setting '" << variant << "'\n";
          setting = variant;
        }
        {
          const std::string key = setting + "|" + row.at("method").get<std::string>() + "|seed " +
                                  std::to_string(row.at("seed").get<long long>());
          const std::string here = file.string() + ":" + std::to_string(line_number);
          const auto [earlier, fresh] = reported_at.emplace(key, here);
          if (!fresh) {
            warnings << here << ": " << key << " already reported (" << earlier->second << "); using this later row\n";
            earlier->second = here;
          }
        }
        if (!settings.count(setting)) setting_order.push_back(setting);
        SettingData& data = settings[setting];
        data.setting = setting;
        data.protocol = row.at("protocol");
        const std::string method = row.at("method").get<std::string>();
        const long long seed = row.at("seed").get<long long>();
        if (std::find(data.methods.begin(), data.methods.end(), method) == data.methods.end()) data.methods.push_back(method);
        data.seeds.insert(seed);
        const nlohmann::json& hyper = row.at("hyperparameters");
        const int own_steps = hyper.contains("em_steps") ? static_cast<int>(hyper.at("em_steps").get<double>()) : -1;
        const nlohmann::json& training = row.at("meta_training");
        data.train_seconds[method].push_back(training.at("seconds").get<double>());
        data.best_iterations[method].push_back(training.at("best_iteration").get<double>());
        data.valid_accuracy[method].push_back(training.at("best_valid_accuracy").get<double>());
        if (training.at("iterations").get<int>() > 0) data.meta_trained.insert(method);
        const std::string main_mix = row.at("results").at(0).at("mix").get<std::string>();
        for (const nlohmann::json& result : row.at("results")) {
          Entry entry;
          entry.correct = result.at("correct").get<double>();
          entry.squares = result.at("correct_squares").get<double>();
          entry.queries = result.at("queries").get<double>();
          entry.tasks = result.at("tasks").get<double>();
          entry.seconds = result.at("seconds").get<double>();
          if (result.contains("per_task_correct")) entry.per_task = result.at("per_task_correct").get<std::vector<int>>();
          const Column column{result.at("shots").get<std::size_t>(), result.at("annotators").get<std::size_t>()};
          const std::string mix = result.at("mix").get<std::string>();
          const double missing = result.at("missing").get<double>();
          const int steps = result.at("em_steps").is_null() ? -1 : result.at("em_steps").get<int>();
          if (mix == main_mix && missing == 0.0 && steps >= 0) data.em_sweep[method][steps][seed][column] = entry;
          if (steps != own_steps) continue;
          data.test_seconds_per_1000[method].push_back(entry.seconds / entry.tasks * 1000.0);
          auto group = std::find_if(data.groups.begin(), data.groups.end(),
                                    [&](const Group& g) { return g.mix == mix && g.missing == missing; });
          if (group == data.groups.end()) {
            data.groups.push_back(Group{mix, result.at("spammer_share").get<double>(), missing, {}, {}});
            group = data.groups.end() - 1;
          }
          if (std::find(group->columns.begin(), group->columns.end(), column) == group->columns.end())
            group->columns.push_back(column);
          group->cells[method][seed][column] = std::move(entry);
        }
        nlohmann::json split = row.at("class_split");
        split["seed"] = seed;
        bool seen = false;
        for (const nlohmann::json& earlier : data.class_splits) seen = seen || earlier.at("seed") == seed;
        if (!seen) data.class_splits.push_back(split);
      } catch (const nlohmann::json::exception& error) {
        throw InputError(file.string(), line_number, "", std::string("not a few-shot result row: ") + error.what());
      }
    }
  }
  if (settings.empty()) throw InputError(options.results, 0, "", "no few-shot result rows");
  // Its tests were left out without a word when the method had no rows (probe N21).
  {
    std::set<std::string> methods;
    for (const auto& [name, data] : settings) methods.insert(data.methods.begin(), data.methods.end());
    if (!methods.count(options.method)) {
      std::string known;
      for (const std::string& method : methods) known += (known.empty() ? "" : ", ") + method;
      if (options.method_given)
        throw InputError(options.results, 0, "", "--baseline '" + options.method + "': no few-shot row of it (methods: " + known + ")");
      warnings << options.results << ": no few-shot row of " << options.method
               << ", so the report has no tests against it (give --baseline, one of: " << known << ")\n";
    }
  }

  std::vector<std::pair<std::string, std::string>> outputs;
  std::ostringstream md, csv;
  csv << "setting,mix,missing,method,shots,annotators,seeds,accuracy_mean_over_seeds,standard_error_over_tasks\n";
  md << "# Few-shot learning from noisy annotators: meta-learned EM\n\n"
     << "Query accuracy (%) on fixed test tasks: the mean over split seeds, ± the standard error over all tasks "
        "of all seeds. Unless a section says otherwise, the meta-test classes are disjoint from the meta-train "
        "and meta-validation classes, and support labels come from R pseudo-annotators per task drawn from the "
        "mix (E expert, H hammer, S spammer; spec meta-em.md §7.2). **Bold**: the best row of a column other "
        "than the clean upper bound `proto-clean`.\n\n";
  for (const std::string& name : setting_order) {
    const SettingData& data = settings.at(name);
    md << "## " << name << "\n\n";
    const nlohmann::json& protocol = data.protocol;
    md << "Seeds (class splits): " << data.seeds.size() << "; test tasks per setting and seed: "
       << protocol.value("test_tasks", 0) << "; queries per class: " << protocol.value("queries_per_class", 0)
       << "; meta-training: " << protocol.at("meta_training").dump() << ".\n";
    bool from_rows = false;
    for (const nlohmann::json& split : data.class_splits) from_rows = from_rows || split.value("valid_from_rows", false);
    if (protocol.value("real_annotators", false))
      md << "\nReal annotators: meta-test support rows are the rows the data set's own annotators labelled, with "
            "their labels (sparse: an annotator labels few rows); meta-train and validation tasks come from the "
            "other rows (the same classes, 20 % of those rows held out for validation) with pseudo-annotators.\n";
    else if (from_rows)
      md << "\nValidation tasks of this data set come from a held-out 20 % of the rows of the meta-train classes "
            "(too few classes for a class-disjoint validation part).\n";
    md << "\n";
    for (const Group& group : data.groups) {
      md << "### " << name << ", mix " << group.mix;
      if (group.missing > 0) md << ", sparse (each label dropped with p = " << group.missing << ")";
      md << "\n\n| method |";
      for (const Column& column : group.columns) md << " " << column_name(column) << " |";
      md << " average |\n|---|";
      for (std::size_t c = 0; c <= group.columns.size(); ++c) md << "---:|";
      md << "\n";
      std::map<std::string, std::vector<double>> means;
      for (const std::string& method : data.methods) {
        const auto found = group.cells.find(method);
        if (found == group.cells.end()) continue;
        for (const Column& column : group.columns) means[method].push_back(column_summary(found->second, column).first);
      }
      std::vector<double> best(group.columns.size() + 1, -1.0);
      for (const auto& [method, values] : means) {
        if (method == "proto-clean") continue;
        for (std::size_t c = 0; c < values.size(); ++c) best[c] = std::max(best[c], values[c]);
        best.back() = std::max(best.back(), mean_of(values));
      }
      for (const std::string& method : data.methods) {
        const auto found = group.cells.find(method);
        if (found == group.cells.end()) continue;
        md << "| " << method << " |";
        for (std::size_t c = 0; c < group.columns.size(); ++c) {
          const auto [mean, error] = column_summary(found->second, group.columns[c]);
          const bool bold = method != "proto-clean" && mean >= best[c] - 1e-12;
          md << " " << (bold ? "**" : "") << percent(mean) << (bold ? "**" : "") << " ± " << percent(error) << " |";
          csv << '"' << name << "\"," << group.mix << "," << group.missing << "," << method << ","
              << group.columns[c].first << "," << group.columns[c].second << "," << found->second.size() << ","
              << number(mean, "%.6f") << "," << number(error, "%.6f") << "\n";
        }
        const double average = mean_of(means.at(method));
        const bool bold = method != "proto-clean" && average >= best.back() - 1e-12;
        md << " " << (bold ? "**" : "") << percent(average) << (bold ? "**" : "") << " |\n";
      }
      md << "\n";

      // Paired tests where per-task counts were kept (the main mix).
      const auto mine = group.cells.find(options.method);
      bool per_task = false;
      if (mine != group.cells.end())
        for (const auto& [seed, entries] : mine->second)
          for (const auto& [column, entry] : entries) per_task = per_task || !entry.per_task.empty();
      if (!per_task) continue;
      const std::size_t queries_per_task =
          protocol.value("ways", 0) * protocol.value("queries_per_class", 0);
      md << "Paired t-tests over tasks (the paper's test): accuracy difference " << options.method
         << " − baseline in points, two-sided p; the last column pools all settings.\n\n| baseline |";
      for (const Column& column : group.columns) md << " " << column_name(column) << " |";
      md << " all |\n|---|";
      for (std::size_t c = 0; c <= group.columns.size(); ++c) md << "---:|";
      md << "\n";
      for (const std::string& baseline : options.baselines) {
        if (!group.cells.count(baseline)) continue;
        md << "| " << baseline << " |";
        for (const Column& column : group.columns) {
          const PairedTTest test = paired_t_test(task_differences(group, options.method, baseline, {column}, queries_per_task));
          md << " " << number(100 * test.mean_difference, "%+.1f") << " (p " << p_text(test.p_two_sided) << ") |";
        }
        const PairedTTest all = paired_t_test(task_differences(group, options.method, baseline, group.columns, queries_per_task));
        md << " " << number(100 * all.mean_difference, "%+.2f") << " (t " << number(all.t, "%.1f") << ", p "
           << p_text(all.p_two_sided) << ", n " << all.pairs << ") |\n";
      }
      md << "\nWilcoxon signed-rank tests (Demšar 2006) of " << options.method
         << " against each baseline: over split seeds (the mean over this table's settings per seed; with "
         << data.seeds.size() << " seeds the smallest exact two-sided p is "
         << number(std::pow(0.5, static_cast<double>(data.seeds.size()) - 1), "%.4g")
         << "), and over (seed, setting) pairs.\n\n"
         << "| baseline | wins/seeds | p (seeds) | wins/pairs | p (seed x setting) |\n|---|---:|---:|---:|---:|\n";
      for (const std::string& baseline : options.baselines) {
        const auto theirs = group.cells.find(baseline);
        if (theirs == group.cells.end()) continue;
        const auto a = seed_averages(mine->second, group.columns), b = seed_averages(theirs->second, group.columns);
        std::vector<double> by_seed, by_pair;
        for (const auto& [seed, value] : a)
          if (b.count(seed)) by_seed.push_back(value - b.at(seed));
        for (const auto& [seed, entries] : mine->second) {
          if (!theirs->second.count(seed)) continue;
          for (const Column& column : group.columns)
            if (entries.count(column) && theirs->second.at(seed).count(column))
              by_pair.push_back(accuracy(entries.at(column)) - accuracy(theirs->second.at(seed).at(column)));
        }
        const WilcoxonResult over_seeds = wilcoxon_signed_rank(by_seed);
        const WilcoxonResult over_pairs = wilcoxon_signed_rank(by_pair);
        const auto wins = [](const std::vector<double>& values) {
          return std::to_string(std::count_if(values.begin(), values.end(), [](double d) { return d > 0; })) + "/" +
                 std::to_string(values.size());
        };
        md << "| " << baseline << " | " << wins(by_seed) << " | " << p_text(over_seeds.p_value) << " | "
           << wins(by_pair) << " | " << p_text(over_pairs.p_value) << " |\n";
      }
      md << "\n";
    }

    // Accuracy against spammer share (dense mixes): mean over settings and seeds, band ± SE over seeds.
    LinePlotInput spammers;
    spammers.title = name + ": accuracy against spammer share";
    spammers.x_label = "share of spammers in the annotator mix";
    spammers.y_label = "query accuracy (mean over shots x R and seeds)";
    for (const std::string& method : data.methods) {
      LineSeries series;
      series.name = method;
      series.dashed = method == "proto-clean";
      std::vector<std::pair<double, LinePoint>> points;
      for (const Group& group : data.groups) {
        if (group.missing > 0 || group.mix == "real annotators" || !group.cells.count(method)) continue;
        std::vector<double> values;
        for (const auto& [seed, value] : seed_averages(group.cells.at(method), group.columns)) values.push_back(value);
        if (values.empty()) continue;
        const double mean = mean_of(values);
        const double error = sample_std(values) / std::sqrt(static_cast<double>(values.size()));
        points.push_back({group.spammer_share, LinePoint{group.spammer_share, mean, mean - error, mean + error}});
      }
      std::sort(points.begin(), points.end(), [](const auto& a, const auto& b) { return a.first < b.first; });
      for (const auto& point : points) series.points.push_back(point.second);
      if (!series.points.empty()) spammers.series.push_back(series);
    }
    const std::string spam_file = "spammer-share-" + slug(name) + ".svg";
    outputs.emplace_back((fs::path(options.out_dir) / spam_file).string(), render_line_plot_svg(spammers));

    // Accuracy against test-time EM steps on the main mix.
    LinePlotInput steps_plot;
    steps_plot.title = name + ": accuracy against EM steps at test (mix " +
                       (data.groups.empty() ? std::string("?") : data.groups.front().mix) + ")";
    steps_plot.x_label = "EM steps J at test";
    steps_plot.y_label = "query accuracy (mean over shots x R and seeds)";
    std::vector<Column> main_columns = data.groups.empty() ? std::vector<Column>{} : data.groups.front().columns;
    double lowest_steps = 0, highest_steps = 1;
    md << "### " << name << ": accuracy (%) against test-time EM steps J (main mix, mean over settings and seeds)\n\n"
       << "| method | J | accuracy | ± SE over seeds |\n|---|---:|---:|---:|\n";
    for (const auto& [method, by_steps] : data.em_sweep) {
      LineSeries series;
      series.name = method;
      for (const auto& [steps, by_seed] : by_steps) {
        std::vector<double> values;
        for (const auto& [seed, value] : seed_averages(by_seed, main_columns)) values.push_back(value);
        if (values.empty()) continue;
        const double mean = mean_of(values);
        const double error = sample_std(values) / std::sqrt(static_cast<double>(values.size()));
        series.points.push_back({static_cast<double>(steps), mean, mean - error, mean + error});
        lowest_steps = std::min(lowest_steps, static_cast<double>(steps));
        highest_steps = std::max(highest_steps, static_cast<double>(steps));
        md << "| " << method << " | " << steps << " | " << percent(mean, 2) << " | " << percent(error, 2) << " |\n";
      }
      if (!series.points.empty()) steps_plot.series.push_back(series);
    }
    md << "\n";
    for (const std::string reference : {"proto-ds", "proto-mv", "proto-clean"}) {
      if (data.groups.empty() || !data.groups.front().cells.count(reference)) continue;
      std::vector<double> values;
      for (const auto& [seed, value] : seed_averages(data.groups.front().cells.at(reference), main_columns))
        values.push_back(value);
      const double mean = mean_of(values);
      LineSeries series;
      series.name = reference + " (no EM)";
      series.dashed = true;
      series.points = {{lowest_steps, mean, mean, mean}, {highest_steps, mean, mean, mean}};
      steps_plot.series.push_back(series);
    }
    const std::string steps_file = "em-steps-" + slug(name) + ".svg";
    outputs.emplace_back((fs::path(options.out_dir) / steps_file).string(), render_line_plot_svg(steps_plot));
    md << "![accuracy against spammer share](" << spam_file << ")\n\n![accuracy against EM steps](" << steps_file << ")\n\n";

    md << "### " << name << ": time (this machine)\n\n"
       << "| method | meta-training s (median over seeds) | best iteration (median) | validation accuracy (median) | "
          "test s per 1000 tasks (median over settings and seeds) |\n|---|---:|---:|---:|---:|\n";
    for (const std::string& method : data.methods) {
      const bool trained = data.meta_trained.count(method) > 0;  // logistic regression learns per task only
      md << "| " << method << " | " << (trained ? number(median_of(data.train_seconds.at(method)), "%.1f") : "—")
         << " | " << (trained ? number(median_of(data.best_iterations.at(method)), "%.0f") : "—") << " | "
         << (trained ? percent(median_of(data.valid_accuracy.at(method))) : "—") << " | "
         << number(median_of(data.test_seconds_per_1000.at(method)), "%.2f") << " |\n";
    }
    md << "\n";
  }
  outputs.emplace_back((fs::path(options.out_dir) / "report.md").string(), md.str());
  outputs.emplace_back((fs::path(options.out_dir) / "fewshot-tables.csv").string(), csv.str());
  fs::create_directories(options.out_dir);
  write_files_atomically(outputs);
  std::vector<std::string> written;
  for (const auto& [path, content] : outputs) written.push_back(path);
  return written;
}

}  // namespace annotbench
