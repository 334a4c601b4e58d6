#include "harness/protocols/truth_inference/truth_inference.h"

#include <algorithm>
#include <chrono>
#include <cmath>
#include <ctime>
#include <limits>
#include <random>
#include <sstream>

#include "datasets/csv_field.h"
#include "datasets/input_error.h"
#include "datasets/random.h"
#include "harness/grid/experiment.h"
#include "harness/store/timestamp.h"

namespace annotbench {

AggregationRun run_aggregator(const CrowdLabelTable& table, const std::string& aggregator,
                              const AggregatorOptions& options, const AggregationSettings& settings) {
  const std::unique_ptr<Aggregator> method = make_aggregator(aggregator, options);
  AggregationRun run;
  run.options = method->options();
  const auto start = std::chrono::steady_clock::now();
  const std::clock_t cpu_start = std::clock();
  run.aggregation = method->fit(table.annotations, settings);
  run.cpu_seconds = static_cast<double>(std::clock() - cpu_start) / CLOCKS_PER_SEC;
  run.seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  return run;
}

nlohmann::json aggregation_summary(const CrowdLabelTable& table, const AggregationRun& run,
                                   const std::vector<int>& given_gold) {
  nlohmann::json summary = {{"dataset", table.name},
                            {"items", table.annotations.num_items},
                            {"annotators", table.annotations.num_annotators},
                            {"labels", table.annotations.num_labels()},
                            {"classes", table.annotations.num_classes},
                            {"gold_items", table.gold_items()},
                            {"repeated_labels", table.repeated_labels},
                            {"iterations", run.aggregation.iterations},
                            {"converged", run.aggregation.converged},
                            {"seconds", run.seconds},
                            {"cpu_seconds", run.cpu_seconds}};
  std::vector<int> scored = table.truth;
  if (!given_gold.empty()) {
    std::size_t given = 0;
    for (std::size_t i = 0; i < scored.size() && i < given_gold.size(); ++i)
      if (given_gold[i] != kMissingLabel) {
        scored[i] = kMissingLabel;  // a known answer handed in is not a result
        ++given;
      }
    std::size_t left = 0;
    for (const int label : scored) left += label != kMissingLabel;
    summary["gold_left_out"] = given;
    summary["scored_items"] = left;
  }
  const double accuracy = aggregation_accuracy(run.aggregation.labels, scored);
  if (!std::isnan(accuracy)) summary["accuracy"] = accuracy;
  return summary;
}

std::string posteriors_csv(const CrowdLabelTable& table, const Aggregation& aggregation) {
  std::ostringstream out;
  // Enough digits to read back the same doubles (Python reads --out to compare with its own fit).
  out.precision(std::numeric_limits<double>::max_digits10);
  out << "item,label";
  for (const std::string& name : table.class_names) out << "," << csv_field("p_" + name);  // quoted whole, like the cells (probe N10)
  out << "\n";
  for (std::size_t n = 0; n < table.item_ids.size(); ++n) {
    out << csv_field(table.item_ids[n]) << "," << csv_field(table.class_names[static_cast<std::size_t>(aggregation.labels[n])]);
    for (std::size_t c = 0; c < table.class_names.size(); ++c) out << "," << aggregation.posteriors.at(n, c);
    out << "\n";
  }
  return out.str();
}

const KnownAnswers* known_answers(const ExperimentCell& cell) {
  return dynamic_cast<const KnownAnswers*>(cell.details.get());
}

std::vector<int> draw_known_answers(const CrowdLabelTable& table, double share, std::uint64_t seed) {
  if (!(share >= 0.0 && share < 1.0)) throw ConfigError("a share of known answers must lie in [0, 1): some gold must be left to score");
  std::vector<std::size_t> gold_items;
  for (std::size_t i = 0; i < table.truth.size(); ++i)
    if (table.truth[i] != kMissingLabel) gold_items.push_back(i);
  if (gold_items.empty()) throw ConfigError("'" + table.name + "' has no gold items to hand in as known answers");
  std::mt19937_64 draw(derive_seed(seed, "known answers"));
  std::shuffle(gold_items.begin(), gold_items.end(), draw);
  std::vector<int> known(table.annotations.num_items, kMissingLabel);
  const auto count = static_cast<std::size_t>(std::llround(share * static_cast<double>(gold_items.size())));
  for (std::size_t k = 0; k < count; ++k) known[gold_items[k]] = table.truth[gold_items[k]];
  return known;
}

nlohmann::json run_truth_inference_cell(const ExperimentCell& cell, const CrowdLabelTable& table) {
  AggregationSettings settings;
  settings.seed = cell.training.seed;
  const KnownAnswers* known = known_answers(cell);
  std::vector<int> left_out;
  if (known != nullptr) {
    left_out = draw_known_answers(table, known->share, cell.training.seed);
    if (known->given) settings.gold = left_out;
  }
  const AggregationRun run = run_aggregator(table, cell.method, cell.method_options, settings);
  const nlohmann::json summary = aggregation_summary(table, run, left_out);
  nlohmann::json metrics = {{"iterations", run.aggregation.iterations}};
  if (summary.contains("accuracy")) metrics["test_accuracy"] = summary.at("accuracy");
  nlohmann::json row = {{"schema", 1},
          {"kind", kTruthInferenceKind},
          {"cell", cell_id(cell)},
          {"setting", cell.setting},
          {"dataset", cell.dataset},
          {"method", cell.method},
          {"hyperparameters", run.options},
          {"seed", cell.training.seed},
          {"data", {{"path", cell.data.path},
                    {"checksum", cell.data.checksum},
                    {"items", table.annotations.num_items},
                    {"annotators", table.annotations.num_annotators},
                    {"labels", table.annotations.num_labels()},
                    {"gold_items", table.gold_items()}}},
          {"metrics", metrics},
          {"converged", run.aggregation.converged},
          {"train_seconds", run.seconds},
          {"train_cpu_seconds", run.cpu_seconds},
          {"finished_at", utc_timestamp()},
          {"versions", {{"annotbench", ANNOTBENCH_VERSION}}}};
  if (!cell.method_label.empty()) row["label"] = cell.method_label;
  if (known != nullptr)
    row["known_answers"] = {{"share", known->share},
                            {"given", known->given},
                            {"left_out", summary.at("gold_left_out")},
                            {"scored_items", summary.at("scored_items")}};
  return row;
}

}  // namespace annotbench
