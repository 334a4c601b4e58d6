#pragma once
// Active learning against a noisy oracle as a cell kind of the experiment grid (DARL spec §3.1, §6, §7):
// a seed set, rounds that each spend b units on new labels and re-labels, a fresh model per round,
// evaluation on a clean test split after every round, and a ledger of every query. A run appends its
// ledger lines and round rows as it goes, so a killed run continues from its last finished round.

#include <cstdint>
#include <functional>
#include <map>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "datasets/dataset.h"
#include "methods/acquisition/labelled_set.h"
#include "methods/acquisition/active_classifier.h"
#include "simulators/noisy_oracle.h"

namespace annotbench {

struct ExperimentCell;
struct PreparedSetting;

inline const std::string kActiveKind = "active";

struct ActiveSettings {
  std::size_t seed_size = 100;    // n0
  std::size_t round_budget = 100; // b
  int rounds = 20;                // Tr: the budget is n0 + Tr·b
  double relabel_share = 0.2;     // ρ
  int relabel_from_round = 3;     // r0
  int folds = 4;                  // k of the out-of-fold probabilities
  int max_relabels = 2;           // m_max
  RelabelPolicy policy = RelabelPolicy::replace;
  bool batched_folds = true;      // the k fold models as batched replicas (else one by one)
  ActiveModelRecipe recipe;
};

// The spec's budgets (§6.1) for the data sets it names; other sets get 5 % / 2.5 % of the pool.
ActiveSettings default_active_settings(const std::string& dataset, std::size_t pool_size);

// The options of an "active" cell (method_options keys): seed_size, round_budget, rounds, relabel_share,
// relabel_from_round, folds, max_relabels, vote (0/1), batched_folds (0/1), batch_size, min_epochs,
// min_steps,
// max_steps.
ActiveSettings active_settings_from_options(const std::map<std::string, double>& options, ActiveSettings defaults);
const std::vector<std::string>& active_option_names();

struct ActiveProblem {
  FeatureMatrix pool_features;  // standardised with the pool's mean and deviation
  std::vector<int> pool_truth;
  FeatureMatrix test_features;
  std::vector<int> test_truth;
  int num_classes = 0;
};

// Where a run keeps its progress; empty paths: in memory only (nothing to resume).
struct ActiveRunFiles {
  std::string ledger;  // JSON lines: round, item, kind (seed/new/relabel), annotator, label, true_label
  std::string rounds;  // JSON lines: one row per finished round (§7)
};

struct ActiveRunResult {
  std::vector<nlohmann::json> rounds;  // round 0 (the seed set) .. Tr
  std::string ledger;                  // the ledger's text
  int resumed_from_round = -1;         // the last round found finished on disk, -1 when none
};

// Clean k-fold out-of-fold probabilities of a reference model over the whole pool: how hard each item
// is, for the instance-dependent oracle (computed once per data set and seed).
FeatureMatrix reference_probabilities(const ActiveProblem& problem, std::uint64_t seed, const ActiveModelRecipe& recipe,
                                      int folds = 5);

// Runs (or continues) one active-learning run. `reference_proba`: for oracles that need it.
ActiveRunResult run_active_learning(const ActiveProblem& problem, const std::string& strategy, const OracleSpec& oracle,
                                    const ActiveSettings& settings, std::uint64_t seed, const ActiveRunFiles& files,
                                    const FeatureMatrix* reference_proba = nullptr,
                                    const std::function<void(const nlohmann::json&)>& on_round = {});

// Area under the accuracy–budget curve from n0 to B (trapezoid), divided by B − n0 (spec §6.4).
double area_under_learning_curve(const std::vector<nlohmann::json>& rounds);

// The result row of an "active" cell; `progress_dir` holds its ledger and round files.
nlohmann::json run_active_cell(const ExperimentCell& cell, const PreparedSetting& prepared,
                               const std::string& progress_dir);

}  // namespace annotbench
