#pragma once
// Truth inference as a cell kind of the experiment grid: an aggregator on a label-only crowd set
// with a seed, evaluated on the items that have gold. The same runner, result store and reports
// serve it as the learning cells.

#include <memory>
#include <string>

#include <nlohmann/json.hpp>

#include "datasets/crowd_label_table.h"
#include "methods/aggregation/aggregator.h"

namespace annotbench {

struct ExperimentCell;

inline const std::string kTruthInferenceKind = "truth-inference";

struct AggregationRun {
  Aggregation aggregation;
  AggregatorOptions options;  // every option in force, defaults included
  double seconds = 0.0;      // wall clock
  double cpu_seconds = 0.0;  // this process's CPU time: the aggregators are single-threaded, so on a
                             // busy machine this is the time the fit itself took
};

// Fits `aggregator` (ConfigError for an unknown one) on the table's labels.
AggregationRun run_aggregator(const CrowdLabelTable& table, const std::string& aggregator,
                              const AggregatorOptions& options, const AggregationSettings& settings);

// accuracy on the gold items (absent without gold), items, annotators, labels, gold_items,
// iterations, converged, seconds, cpu_seconds.
nlohmann::json aggregation_summary(const CrowdLabelTable& table, const AggregationRun& run);

// The posteriors as CSV: item,label,p_<class>... in the table's item order.
std::string posteriors_csv(const CrowdLabelTable& table, const Aggregation& aggregation);

// The result row of a truth-inference cell (metrics.test_accuracy: accuracy on the gold items, so
// that `report` ranks aggregators with its defaults).
nlohmann::json run_truth_inference_cell(const ExperimentCell& cell, const CrowdLabelTable& table);

}  // namespace annotbench
