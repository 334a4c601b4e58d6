#pragma once
// One run of the grid: data set → simulated annotators → split → method → metrics → result row.

#include <cstdint>
#include <functional>
#include <memory>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "datasets/data_checksum.h"
#include "datasets/split.h"
#include "harness/grid/sweep.h"
#include "harness/protocols/protocol.h"
#include "methods/method.h"
#include "simulators/simulator.h"

namespace annotbench {

// What a learning setting changes in its data beyond the simulation and the split (issue 24). The
// defaults change nothing, and only a setting that departs from them names this in its identity, so
// the ids of every earlier cell stay what they were.
struct SettingData {
  // Keep this many instances, drawn stratified by the true labels with the setting's seed before
  // anything is simulated; 0 keeps all.
  std::size_t subsample = 0;
  // How methods that embed annotators see them: "" one-hot codes; "simulator" the simulator's
  // features (SimulatedAnnotations::annotator_features); anything else a CSV file of them
  // (datasets/annotator_feature_file.h).
  std::string annotator_features;
  // Cold start: this share of the annotators (at least one, never all) gives no label to the train
  // and valid splits; the test split keeps their labels, which the annotator model must score.
  double held_out_annotators = 0.0;

  bool is_default() const { return subsample == 0 && annotator_features.empty() && held_out_annotators == 0.0; }
};

// SettingData::annotator_features naming the simulator's features rather than a file.
inline constexpr const char* kSimulatorAnnotatorFeatures = "simulator";

// The setting data's part of a cell identity; null for the defaults.
nlohmann::json setting_data_to_json(const SettingData& setting_data);

// Everything that decides a setting's prepared data (data set, simulation, split, setting data): the
// runner prepares one simulation per distinct value, and a config refuses a setting given twice.
nlohmann::json prepared_data_identity(const std::string& dataset, const SimulationConfig& simulation,
                                      const SplitSpec& split, const SettingData& setting_data);

struct ExperimentCell {
  // The protocol (harness/protocols/protocol.h) that made the cell and runs it: "" for learning
  // (a method trained on annotated features), else its config's kind ("truth-inference", "active",
  // "fewshot", "annotation-quality"). Each protocol says what the shared fields below mean for its cells.
  std::string kind;
  std::string setting;          // the data-set column of rank tables, e.g. "letter (classifier)"
  std::string dataset;          // registered data set name
  SimulationConfig simulation;  // kind empty: the data set's own annotations are used
  SplitSpec split;
  SettingData setting_data;     // learning cells only
  std::string method;
  MethodOptions method_options;
  // The row's name in results and reports where a config gives one (the paper's "mv-base" is
  // majority-vote with alpha=0); empty: the method's name. Presentation only: not in the cell id.
  std::string method_label;
  TrainingSettings training;    // training.seed is the run's seed; the rest from the data set's recipe
  // Where the training recipe comes from (datasets/recipes.h) and what the config overrode: recorded
  // in the row beside the recipe itself, not part of the identity (the values are).
  std::string recipe_source;
  // The data file read, once resolve_data_files() has found it (empty before): its checksum is
  // part of the cell's identity, so rows of other data are not taken for this cell (probe W4).
  DataFile data;
  // Where the cell's setting sits in a sweep (harness/grid/sweep.h); none outside sweeps. Presentation:
  // the swept value is already in the setting's identity.
  std::optional<SweepPoint> sweep;
  bool batched_seeds = false;   // trained as a batched replica with the other seeds (run --batch-seeds)
  // What the cell's protocol needs beyond the fields above, in the protocol's own type (e.g. a
  // few-shot cell's episode protocol); null where it needs nothing more.
  std::shared_ptr<const ProtocolDetails> details;
};

// The cell's name in rows, reports and progress lines: its label, else its method.
inline const std::string& row_name(const ExperimentCell& cell) {
  return cell.method_label.empty() ? cell.method : cell.method_label;
}

// Finds every cell's data file in the data search directories (see data_search_dirs) and records
// its path and checksum in cell.data. Throws ConfigError for a file found nowhere.
void resolve_data_files(std::vector<ExperimentCell>& cells, const std::string& data_dir);

// A stable text naming everything that makes the run what it is; equal cells give equal ids, and
// the harness skips a cell whose id is already in the results.
std::string cell_id(const ExperimentCell& cell);

// "letter (classifier)", "iris (uniform r=0.2)": the default setting label.
std::string default_setting_label(const std::string& dataset, const SimulationConfig& simulation);

// The data of a setting, prepared once for all its cells by the cells' protocol. The simulation and
// the split use the setting's own seed (simulation.seed), not the run's, so that every method and
// every run seed of a setting sees the same annotators and the same split: the comparison is paired.
// A protocol whose cells need other data (a crowd label table, a whole data set) derives its own type.
struct PreparedSetting {
  virtual ~PreparedSetting() = default;
  PreparedData data;
  nlohmann::json simulator_description;
  // Who drew the valid/test split: "reference", "published" (the publishers' files) or "suite".
  std::string split_source = "suite";
  // The cold start's held-out annotators (SettingData::held_out_annotators), in increasing order;
  // empty when every annotator trains.
  std::vector<std::size_t> unseen_annotators;
};
std::shared_ptr<const PreparedSetting> prepare_setting(const ExperimentCell& cell, const std::string& data_dir);

// The cells' protocol runs them: cells that differ only in training.seed, one row per cell, in order
// (a learning method with a batched form trains them as replicas in one pass; a replica's row records
// "replicas": R and its share, 1/R, of the pass's training seconds). Of every kind: a row in which any
// number is NaN or infinite fails the cells (require_finite_numbers) instead of being returned.
std::vector<nlohmann::json> run_cells(const std::vector<ExperimentCell>& cells, const PreparedSetting& prepared,
                                      const RunContext& context = {});

nlohmann::json simulation_to_json(const SimulationConfig& simulation);

}  // namespace annotbench
