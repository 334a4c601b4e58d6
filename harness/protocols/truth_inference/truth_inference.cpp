#include "harness/protocols/truth_inference/truth_inference.h"

#include <chrono>
#include <cmath>
#include <ctime>
#include <sstream>

#include "datasets/csv_field.h"
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

nlohmann::json aggregation_summary(const CrowdLabelTable& table, const AggregationRun& run) {
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
  const double accuracy = aggregation_accuracy(run.aggregation.labels, table.truth);
  if (!std::isnan(accuracy)) summary["accuracy"] = accuracy;
  return summary;
}

std::string posteriors_csv(const CrowdLabelTable& table, const Aggregation& aggregation) {
  std::ostringstream out;
  out.precision(10);
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

nlohmann::json run_truth_inference_cell(const ExperimentCell& cell, const CrowdLabelTable& table) {
  AggregationSettings settings;
  settings.seed = cell.training.seed;
  const AggregationRun run = run_aggregator(table, cell.method, cell.method_options, settings);
  const nlohmann::json summary = aggregation_summary(table, run);
  nlohmann::json metrics = {{"iterations", run.aggregation.iterations}};
  if (summary.contains("accuracy")) metrics["test_accuracy"] = summary.at("accuracy");
  return {{"schema", 1},
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
}

}  // namespace annotbench
