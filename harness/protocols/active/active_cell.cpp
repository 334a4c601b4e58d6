// An "active" cell of the experiment grid: the data set's pool and test split, the setting's oracle,
// one strategy and one seed; its ledger and round rows live beside the result rows, in
// <results dir>/active/<cell hash>.{ledger,rounds}.jsonl, so a killed grid resumes at the next round.

#include <chrono>
#include <cstdio>
#include <future>
#include <map>
#include <memory>
#include <mutex>
#include <optional>

#include "datasets/random.h"
#include "harness/protocols/active/active_learning.h"
#include "harness/grid/experiment.h"
#include "harness/store/locked_append_file.h"
#include "harness/store/timestamp.h"
#include "methods/acquisition/acquisition.h"

namespace annotbench {

namespace {

// The instance-dependent oracle's reference model is trained once per data set and seed, whichever
// strategy asks first; concurrent cells wait for the same result.
std::shared_ptr<const FeatureMatrix> cached_reference(const ExperimentCell& cell, const ActiveProblem& problem,
                                                      const ActiveModelRecipe& recipe) {
  static std::mutex mutex;
  static std::map<std::string, std::shared_future<std::shared_ptr<const FeatureMatrix>>> cache;
  const std::string key = cell.data.checksum + "|" + cell.dataset + "|" + std::to_string(cell.simulation.seed);
  std::promise<std::shared_ptr<const FeatureMatrix>> promise;
  std::shared_future<std::shared_ptr<const FeatureMatrix>> future;
  bool mine = false;
  {
    std::lock_guard<std::mutex> lock(mutex);
    auto found = cache.find(key);
    if (found == cache.end()) {
      future = promise.get_future().share();
      cache.emplace(key, future);
      mine = true;
    } else {
      future = found->second;
    }
  }
  if (mine) {
    try {
      promise.set_value(std::make_shared<const FeatureMatrix>(reference_probabilities(problem, cell.simulation.seed, recipe)));
    } catch (...) {
      promise.set_exception(std::current_exception());
    }
  }
  return future.get();
}

nlohmann::json settings_to_json(const ActiveSettings& settings) {
  return {{"seed_size", settings.seed_size},
          {"round_budget", settings.round_budget},
          {"rounds", settings.rounds},
          {"budget", settings.seed_size + static_cast<std::size_t>(settings.rounds) * settings.round_budget},
          {"relabel_share", settings.relabel_share},
          {"relabel_from_round", settings.relabel_from_round},
          {"folds", settings.folds},
          {"max_relabels", settings.max_relabels},
          {"policy", settings.policy == RelabelPolicy::vote ? "vote" : "replace"},
          {"batched_folds", settings.batched_folds},
          {"hidden", settings.recipe.hidden},
          {"learning_rate", settings.recipe.learning_rate},
          {"weight_decay", settings.recipe.weight_decay},
          {"batch_size", settings.recipe.batch_size},
          {"min_epochs", settings.recipe.min_epochs},
          {"min_steps", settings.recipe.min_steps},
          {"max_steps", settings.recipe.max_steps}};
}

std::string hash_of(const std::string& id) { return id.substr(id.rfind('|') + 1); }

// The progress files of a run. A clean-oracle reference does not depend on the setting's oracle, so
// its files are keyed by what it does depend on: every oracle setting of a data set and seed then
// shares one run, and the later cells read its finished rounds instead of training again.
std::string progress_key(const ExperimentCell& cell, const ActiveSettings& settings) {
  if (!make_strategy(cell.method)->uses_clean_oracle()) return hash_of(cell_id(cell));
  const nlohmann::json identity = {{"dataset", cell.dataset},       {"checksum", cell.data.checksum},
                                   {"split_seed", cell.simulation.seed}, {"split", {cell.split.test_fraction, cell.split.valid_size}},
                                   {"strategy", cell.method},       {"seed", cell.training.seed},
                                   {"settings", settings_to_json(settings)}};
  char hash[17];
  std::snprintf(hash, sizeof hash, "%016llx", static_cast<unsigned long long>(derive_seed(0, identity.dump())));
  return std::string("clean-") + hash;
}



}  // namespace

nlohmann::json run_active_cell(const ExperimentCell& cell, const PreparedSetting& prepared,
                               const std::string& progress_dir) {
  ActiveProblem problem;
  problem.pool_features = prepared.data.train.features;
  problem.pool_truth = prepared.data.train.true_labels;
  problem.test_features = prepared.data.test.features;
  problem.test_truth = prepared.data.test.true_labels;
  problem.num_classes = prepared.data.train.num_classes();
  ActiveSettings settings = active_settings_from_options(
      cell.method_options, default_active_settings(cell.dataset, problem.pool_truth.size()));
  settings.recipe.device = cell.training.device;  // it was never passed on: `--device cuda` trained on the CPU (N17)
  OracleSpec oracle;
  oracle.kind = cell.simulation.kind;
  oracle.rate = cell.simulation.rates.empty() ? 0.0 : cell.simulation.rates.front();
  if (const auto found = cell.simulation.options.find("stickiness"); found != cell.simulation.options.end())
    oracle.stickiness = found->second;

  const auto start = std::chrono::steady_clock::now();
  std::shared_ptr<const FeatureMatrix> reference;
  if (find_oracle(oracle.kind).needs_reference_proba) reference = cached_reference(cell, problem, settings.recipe);

  const std::string id = cell_id(cell);
  const std::string key = progress_key(cell, settings);
  ActiveRunFiles files;
  if (!progress_dir.empty()) {
    files.ledger = progress_dir + "/active/" + key + ".ledger.jsonl";
    files.rounds = progress_dir + "/active/" + key + ".rounds.jsonl";
  }
  // Runs sharing progress files (the clean references of one seed) take turns, across threads and
  // processes: flock() on a lock file beside them.
  std::optional<LockedAppendFile> lock_file;
  std::optional<LockedAppendFile::Lock> turn;
  if (!progress_dir.empty()) {
    lock_file.emplace(progress_dir + "/active/" + key + ".lock");
    turn.emplace(*lock_file);
  }
  const auto progress = [&](const nlohmann::json& row) {
    if (!cell.training.on_epoch) return;
    std::fprintf(stderr, "  %s | %s | seed %llu: round %d/%d, spent %zu, test accuracy %.4f, pool noise %.4f (%.1f s)\n",
                 cell.setting.c_str(), cell.method.c_str(), static_cast<unsigned long long>(cell.training.seed),
                 row.at("round").get<int>(), settings.rounds, row.at("spent").get<std::size_t>(),
                 row.at("test_acc").get<double>(), row.at("pool_noise").get<double>(), row.at("seconds").get<double>());
  };
  const ActiveRunResult run = run_active_learning(problem, cell.method, oracle, settings, cell.training.seed, files,
                                                  reference.get(), progress);
  const double seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();

  const nlohmann::json& last = run.rounds.back();
  double precision_sum = 0.0, relabels = 0.0;
  for (const nlohmann::json& round : run.rounds)
    if (!round.at("relabel_precision").is_null()) {
      precision_sum += round.at("relabel_precision").get<double>() * round.at("n_relabels").get<double>();
      relabels += round.at("n_relabels").get<double>();
    }
  double run_seconds = 0.0;
  for (const nlohmann::json& round : run.rounds) run_seconds += round.at("seconds").get<double>();
  nlohmann::json metrics = {{"test_accuracy", last.at("test_acc")},
                            {"test_macro_f1", last.at("test_macro_f1")},
                            {"alc", area_under_learning_curve(run.rounds)},
                            {"final_pool_noise", last.at("pool_noise")},
                            {"final_pool_wrong", last.at("pool_wrong")},
                            {"n_labelled", last.at("n_labelled")},
                            {"n_relabels", last.at("n_relabels_total")},
                            {"spent", last.at("spent")}};
  if (relabels > 0) metrics["mean_relabel_precision"] = precision_sum / relabels;
  return {{"schema", 1},
          {"kind", kActiveKind},
          {"cell", id},
          {"setting", cell.setting},
          {"dataset", cell.dataset},
          {"method", cell.method},
          {"hyperparameters", settings_to_json(settings)},
          {"simulator", simulation_to_json(cell.simulation)},
          {"split", {cell.split.test_fraction, cell.split.valid_size}},
          {"seed", cell.training.seed},
          {"data", {{"path", cell.data.path},
                    {"checksum", cell.data.checksum},
                    {"pool", problem.pool_truth.size()},
                    {"test", problem.test_truth.size()}}},
          {"metrics", metrics},
          {"rounds", run.rounds},
          // Relative to the results directory, so that a copied or moved directory still points at
          // its own ledger (probe N32).
          {"ledger", files.ledger.empty() ? std::string() : "active/" + key + ".ledger.jsonl"},
          {"resumed_from_round", run.resumed_from_round},
          // The rounds' own seconds add up across a resume; the wall time is this process's share.
          {"train_seconds", run_seconds},
          {"wall_seconds", seconds},
          {"finished_at", utc_timestamp()},
          {"versions", {{"annotbench", ANNOTBENCH_VERSION}}}};
}

}  // namespace annotbench
