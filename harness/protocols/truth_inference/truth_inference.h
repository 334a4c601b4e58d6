#pragma once
// Truth inference as a cell kind of the experiment grid: an aggregator on a label-only crowd set
// with a seed, evaluated on the items that have gold. The same runner, result store and reports
// serve it as the learning cells.

#include <memory>
#include <cstdint>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "datasets/crowd_label_table.h"
#include "harness/protocols/protocol.h"
#include "methods/aggregation/aggregator.h"

namespace annotbench {

struct ExperimentCell;

inline const std::string kTruthInferenceKind = "truth-inference";

// Known answers in a truth-inference cell (its details): a seeded share of the set's gold items,
// drawn from the cell's seed, is left out of the score and, when `given`, handed to the aggregator
// (ds, one-coin-ds and glad clamp them, gold-mv weighs annotators by them). The cell of the same
// seed with `given` false is the baseline on the same scored items.
struct KnownAnswers final : ProtocolDetails {
  KnownAnswers(double share_of_gold, bool handed_in) : share(share_of_gold), given(handed_in) {}
  double share = 0.0;
  bool given = true;
};

// The cell's known answers, or null when it has none.
const KnownAnswers* known_answers(const ExperimentCell& cell);

// A seeded share of the table's gold items with their gold label, -1 elsewhere (round(share * gold
// items) of them). ConfigError for a share outside [0, 1) or a table without gold.
std::vector<int> draw_known_answers(const CrowdLabelTable& table, double share, std::uint64_t seed);

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
// iterations, converged, seconds, cpu_seconds. With `given_gold` (known answers handed to the
// aggregator, -1 where none), accuracy counts only the gold items NOT given, so that the number
// says how well the rest was inferred; gold_left_out and scored_items say how many of each.
nlohmann::json aggregation_summary(const CrowdLabelTable& table, const AggregationRun& run,
                                   const std::vector<int>& given_gold = {});

// The posteriors as CSV: item,label,p_<class>... in the table's item order.
std::string posteriors_csv(const CrowdLabelTable& table, const Aggregation& aggregation);

// The result row of a truth-inference cell (metrics.test_accuracy: accuracy on the gold items, so
// that `report` ranks aggregators with its defaults).
nlohmann::json run_truth_inference_cell(const ExperimentCell& cell, const CrowdLabelTable& table);

}  // namespace annotbench
