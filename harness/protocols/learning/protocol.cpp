// The learning protocol: a method trained on a setting's annotated features (the data set's own
// annotators, or simulated ones), evaluated on its test split. Cells that differ only in their seed
// train as batched replicas where the method has a batched form (run --batch-seeds).

#include "harness/protocols/learning/learning.h"

#include <algorithm>
#include <chrono>
#include <cmath>
#include <optional>
#include <stdexcept>

#include "datasets/annotator_feature_file.h"
#include "datasets/input_error.h"
#include "datasets/registry.h"
#include "harness/protocols/learning/best_epoch.h"
#include "harness/grid/config.h"
#include "harness/protocols/protocol.h"
#include "harness/store/timestamp.h"
#include "harness/protocols/learning/setting_data.h"
#include "harness/protocols/learning/training_recipe.h"
#include "methods/runtime.h"
#include "reports/metrics.h"

namespace annotbench {

namespace {

// Too many annotators for too few labels leave some with none, which Dataset::validate() would
// blame on the data file (probe U8); it is the simulation's setting.
void check_every_annotator_labels(const AnnotationMatrix& annotations, const ExperimentCell& cell,
                                  std::size_t instances) {
  std::vector<bool> labelled(annotations.cols, false);
  for (std::size_t i = 0; i < annotations.rows; ++i)
    for (std::size_t m = 0; m < annotations.cols; ++m)
      if (annotations.at(i, m) != kMissingLabel) labelled[m] = true;
  const auto unlabelled = static_cast<std::size_t>(std::count(labelled.begin(), labelled.end(), false));
  if (unlabelled == 0) return;
  std::string per_instance;
  for (const int count : cell.simulation.labels_per_instance)
    per_instance += (per_instance.empty() ? "" : ",") + std::to_string(count);
  throw ConfigError("simulator '" + cell.simulation.kind + "' with " + std::to_string(annotations.cols) +
                    " annotators for " + std::to_string(instances) + " instances of '" + cell.dataset + "'" +
                    (per_instance.empty() ? "" : " with " + per_instance + " labels each") + ": " +
                    std::to_string(unlabelled) + " annotators got no label; use fewer annotators" +
                    (per_instance.empty() ? " or a smaller missing fraction" : " or more labels per instance"));
}

}  // namespace

std::shared_ptr<const PreparedSetting> prepare_learning_setting(const ExperimentCell& cell,
                                                                const std::string& data_dir) {
  Dataset dataset = load_dataset(cell.dataset, data_dir);
  const SettingData& setting_data = cell.setting_data;
  if (setting_data.subsample != 0) dataset = stratified_subsample(dataset, setting_data.subsample, cell.simulation.seed);
  auto prepared = std::make_shared<PreparedSetting>();
  prepared->simulator_description = simulation_to_json(cell.simulation);
  if (!cell.simulation.kind.empty()) {
    if (!dataset.has_true_labels())
      throw ConfigError("data set '" + cell.dataset + "' has no true labels to simulate annotators from");
    // The split does not depend on the annotations (it is stratified by the true labels), so a
    // simulator that must know it (the classifier's paper profile) gets the one made below.
    const bool split_first = dataset.predefined_part.empty() && simulation_needs_split(cell.simulation);
    if (split_first) {
      const Split split = stratified_split(dataset.true_labels, dataset.num_classes(), cell.split, cell.simulation.seed);
      dataset.predefined_part.assign(dataset.num_instances(), SplitPart::train);
      for (const std::size_t i : split.valid) dataset.predefined_part[i] = SplitPart::valid;
      for (const std::size_t i : split.test) dataset.predefined_part[i] = SplitPart::test;
    }
    SimulatedAnnotations simulated = simulate_annotations(dataset, cell.simulation);
    // split_and_standardise draws the same split again, in its own row order.
    if (split_first) dataset.predefined_part.clear();
    check_every_annotator_labels(simulated.annotations, cell, dataset.num_instances());
    dataset.annotations = std::move(simulated.annotations);
    dataset.annotator_ids = std::move(simulated.annotator_ids);
    dataset.annotator_features = {};
    if (setting_data.annotator_features == kSimulatorAnnotatorFeatures) {
      // first_problem (setting_data_problem) already refused a simulator that describes no annotators,
      // so empty features here mean a simulator broke its describes_annotators() promise.
      if (simulated.annotator_features.empty())
        throw std::logic_error("simulator '" + cell.simulation.kind +
                               "' says it describes its annotators but gave no features");
      dataset.annotator_features = std::move(simulated.annotator_features);
    }
    prepared->simulator_description["annotator_profiles"] = std::move(simulated.annotator_profiles);
  } else if (!dataset.has_annotations()) {
    throw ConfigError("data set '" + cell.dataset + "' has no annotations: name a simulator");
  }
  if (!setting_data.annotator_features.empty() && setting_data.annotator_features != kSimulatorAnnotatorFeatures)
    dataset.annotator_features = read_annotator_feature_file(setting_data.annotator_features, dataset.annotator_ids);
  dataset.validate();
  if (!dataset.split_source.empty()) prepared->split_source = dataset.split_source;
  else if (!dataset.predefined_part.empty()) prepared->split_source = "published";
  prepared->data = split_and_standardise(dataset, cell.split, cell.simulation.seed);
  if (setting_data.held_out_annotators > 0.0) {
    prepared->unseen_annotators = held_out_annotator_indices(dataset.num_annotators(), setting_data.held_out_annotators,
                                                             cell.simulation.seed);
    withhold_annotators(prepared->data, prepared->unseen_annotators);
  }
  return prepared;
}

namespace {

// test_accuracy, test_log_loss, test_balanced_accuracy, test_brier, test_ece (top-label, 15 bins) and, where the method models its annotators
// and the test split keeps annotations, the paper's AP AUROC / AUPR: the annotator-performance
// estimate of every given test label against whether the label is right. `prefix` is "" for the
// last epoch's model and "best_" for the best validation epoch's.
// A model that diverged may keep a finite loss while its outputs are NaN: log_loss would clamp them
// away and roc_auc used to loop for ever on them (probe N1). The cell fails, naming what diverged.
void require_finite(const FeatureMatrix& values, const std::string& what) {
  for (std::size_t k = 0; k < values.values.size(); ++k) {
    const float value = values.values[k];
    if (std::isfinite(value)) continue;
    throw std::runtime_error(what + " became " + (std::isnan(value) ? "NaN" : "infinite") + " (row " +
                             std::to_string(k / std::max<std::size_t>(1, values.cols) + 1) + " of " +
                             std::to_string(values.rows) + "); a smaller learning rate may help");
  }
}

// AP AUROC and AUPR of the estimates of the labels in `annotations` (entries outside it are missing),
// as test_ap_auroc<suffix> / test_ap_aupr<suffix>; nothing where they are undefined (one class of
// correctness only).
void add_annotator_scores(nlohmann::json& metrics, const std::string& prefix, const std::string& suffix,
                          const FeatureMatrix& test_performance, const AnnotationMatrix& annotations,
                          const std::vector<int>& true_labels) {
  const AnnotatorPerformanceScores scores = annotator_performance_scores(test_performance, annotations, true_labels);
  const double auroc = roc_auc(scores.estimate, scores.correct);
  const double aupr = average_precision(scores.estimate, scores.correct);
  if (std::isfinite(auroc)) metrics[prefix + "test_ap_auroc" + suffix] = auroc;
  if (std::isfinite(aupr)) metrics[prefix + "test_ap_aupr" + suffix] = aupr;
}

// In a cold start, also the scores on the held-out annotators' test labels alone (_unseen) and on
// the others' (_seen).
void add_test_metrics(nlohmann::json& metrics, const std::string& prefix, const FeatureMatrix& test_probabilities,
                      const FeatureMatrix& test_performance, const Dataset& test,
                      const std::vector<std::size_t>& unseen_annotators) {
  const std::string model = prefix.empty() ? "the last epoch's" : "the best epoch's";
  require_finite(test_probabilities, model + " test class probabilities");
  require_finite(test_performance, model + " annotator estimates on the test split");
  metrics[prefix + "test_accuracy"] = accuracy(test_probabilities, test.true_labels);
  metrics[prefix + "test_log_loss"] = log_loss(test_probabilities, test.true_labels);
  metrics[prefix + "test_balanced_accuracy"] = balanced_accuracy(test_probabilities, test.true_labels);
  metrics[prefix + "test_brier"] = brier_score(test_probabilities, test.true_labels);
  metrics[prefix + "test_ece"] = expected_calibration_error(test_probabilities, test.true_labels);
  if (test_performance.empty()) return;
  add_annotator_scores(metrics, prefix, "", test_performance, test.annotations, test.true_labels);
  if (unseen_annotators.empty()) return;
  add_annotator_scores(metrics, prefix, "_unseen", test_performance,
                       annotations_of(test.annotations, unseen_annotators), test.true_labels);
  add_annotator_scores(metrics, prefix, "_seen", test_performance,
                       annotations_of(test.annotations, unseen_annotators, false), test.true_labels);
}

const Dataset* valid_or_null(const PreparedSetting& prepared) {
  return prepared.data.valid.num_instances() > 0 ? &prepared.data.valid : nullptr;
}

double seconds_since(std::chrono::steady_clock::time_point start) {
  return std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
}

// The result row of a fitted method; `replicas` > 1 when it was trained batched with others and
// train_seconds is its share of their time.
nlohmann::json evaluate_cell(const ExperimentCell& cell, const Method& method, double train_seconds,
                             std::size_t replicas, const PreparedSetting& prepared,
                             const BestEpochTracker* best = nullptr);

}  // namespace

nlohmann::json run_learning_cell(const ExperimentCell& cell, const PreparedSetting& prepared) {
  std::unique_ptr<Method> method = make_method(cell.method, cell.method_options);
  const Dataset* valid = valid_or_null(prepared);
  TrainingSettings settings = cell.training;
  std::optional<BestEpochTracker> best;
  if (valid != nullptr && valid->has_true_labels() && prepared.data.test.has_true_labels()) {
    best.emplace(*method, *valid, prepared.data.test);
    settings.on_epoch = [&best, progress = cell.training.on_epoch](const EpochReport& report) {
      if (progress) progress(report);
      best->after_epoch(report.epoch);
    };
  }
  const auto start = std::chrono::steady_clock::now();
  method->fit(prepared.data.train, valid, settings);
  const double train_seconds = seconds_since(start) - (best ? best->scoring_seconds() : 0.0);
  return evaluate_cell(cell, *method, train_seconds, 1, prepared, best && best->has_best() ? &*best : nullptr);
}

namespace {

nlohmann::json evaluate_cell(const ExperimentCell& cell, const Method& method, double train_seconds,
                             std::size_t replicas, const PreparedSetting& prepared, const BestEpochTracker* best) {

  nlohmann::json metrics;
  const Dataset& test = prepared.data.test;
  if (test.has_true_labels()) {
    const FeatureMatrix test_performance = test.has_annotations() ? method.annotator_performance(test.features)
                                                                  : FeatureMatrix{};
    add_test_metrics(metrics, "", method.predict_proba(test.features), test_performance, test,
                     prepared.unseen_annotators);
    if (best != nullptr) {
      metrics["best_epoch"] = best->best_epoch();
      metrics["best_valid_accuracy"] = best->best_valid_accuracy();
      add_test_metrics(metrics, "best_", best->test_probabilities(), best->test_performance(), test,
                       prepared.unseen_annotators);
    }
  }
  const Dataset& valid = prepared.data.valid;
  if (valid.num_instances() > 0 && valid.has_true_labels())
    metrics["valid_accuracy"] = accuracy(method.predict_proba(valid.features), valid.true_labels);
  const Dataset& train = prepared.data.train;
  if (train.has_true_labels() && train.has_annotations())
    metrics["train_noise_rate"] = label_noise_rate(train.annotations, train.true_labels);
  if (train.has_true_labels()) {
    const FeatureMatrix performance = method.annotator_performance(train.features);
    if (!performance.empty())
      metrics["train_annotator_performance_mae"] =
          annotator_performance_error(performance, train.annotations, train.true_labels);
  }

  nlohmann::json versions = {{"annotbench", ANNOTBENCH_VERSION}};
  for (const auto& [name, value] : torch_runtime_facts()) versions[name] = value;
  nlohmann::json simulator = prepared.simulator_description;
  simulator.erase("annotator_profiles");  // kept out of every row: it can be large
  nlohmann::json row = {{"schema", 1},
          {"cell", cell_id(cell)},
          {"setting", cell.setting},
          {"dataset", cell.dataset},
          {"classes", train.num_classes()},
          {"data", {{"path", cell.data.path}, {"checksum", cell.data.checksum}}},
          {"simulator", simulator},
          {"method", cell.method},
          {"label", row_name(cell)},
          {"hyperparameters", method.hyperparameters()},
          {"seed", cell.training.seed},
          {"epochs", cell.training.epochs},
          {"batch_size", cell.training.batch_size},
          {"learning_rate", cell.training.learning_rate},
          {"recipe", recipe_to_json(cell.training, cell.recipe_source)},
          {"device", cell.training.device},
          {"split", {{"train", train.num_instances()}, {"valid", valid.num_instances()}, {"test", test.num_instances()},
                     {"source", prepared.split_source}}},
          {"metrics", metrics},
          {"train_seconds", train_seconds},
          {"replicas", replicas},
          {"finished_at", utc_timestamp()},
          {"versions", versions}};
  if (cell.sweep) row["sweep"] = sweep_to_json(cell.sweep);
  if (!cell.setting_data.is_default()) {
    row["setting_data"] = setting_data_to_json(cell.setting_data);
    if (!prepared.unseen_annotators.empty()) row["setting_data"]["unseen_annotators"] = prepared.unseen_annotators.size();
  }
  return row;
}

class LearningProtocol final : public Protocol {
 public:
  std::string kind() const override { return ""; }
  std::string summary() const override {
    return "methods trained on annotated features (real or simulated annotators), ranked on the test split";
  }
  nlohmann::json example_config() const override {
    return {{"name", "learning-example"},
            {"epochs", 3},
            {"seeds", {0, 1}},
            {"datasets", {{{"dataset", "iris"}, {"simulator", {{"kind", "uniform"}, {"annotators", 4}, {"rates", {0.3}}}}}}},
            {"methods", {"majority-vote", "annot-mix"}}};
  }
  ExperimentConfig parse_config(const nlohmann::json& config, const std::string& path) const override {
    return parse_learning_config(config, path);
  }
  std::shared_ptr<const PreparedSetting> prepare_setting(const ExperimentCell& cell,
                                                         const std::string& data_dir) const override {
    return prepare_learning_setting(cell, data_dir);
  }
  std::vector<nlohmann::json> run_cells(const std::vector<ExperimentCell>& cells, const PreparedSetting& prepared,
                                        const RunContext&) const override {
    std::vector<nlohmann::json> rows;
    if (cells.empty()) return rows;
    const MethodInfo& info = method_info(cells.front().method);
    if (cells.size() > 1 && info.fit_replicas) {
      std::vector<std::uint64_t> seeds;
      for (const ExperimentCell& cell : cells) seeds.push_back(cell.training.seed);
      const auto start = std::chrono::steady_clock::now();
      const auto fitted = info.fit_replicas(cells.front().method_options, prepared.data.train, valid_or_null(prepared),
                                            cells.front().training, seeds);
      const double share = seconds_since(start) / static_cast<double>(cells.size());
      if (!fitted.empty()) {
        for (std::size_t r = 0; r < cells.size(); ++r)
          rows.push_back(evaluate_cell(cells[r], *fitted[r], share, cells.size(), prepared));
        return rows;
      }
    }
    for (const ExperimentCell& cell : cells) rows.push_back(run_learning_cell(cell, prepared));
    return rows;
  }
  bool trains_seeds_batched(const ExperimentCell& cell) const override {
    return static_cast<bool>(method_info(cell.method).fit_replicas);
  }
};

}  // namespace

std::unique_ptr<const Protocol> make_learning_protocol() { return std::make_unique<LearningProtocol>(); }

}  // namespace annotbench
