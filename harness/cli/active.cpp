// `annotbench active`: one active-learning run against a noisy oracle (DARL spec §3), through the same
// runner as `run` (a config of kind "active" with one cell), so it resumes and records the same rows.

#include <cmath>
#include <cstdio>

#include "datasets/input_error.h"
#include "datasets/registry.h"
#include "harness/protocols/active/active_learning.h"
#include "harness/cli/command.h"
#include "harness/grid/config.h"
#include "harness/grid/runner.h"

namespace annotbench {

namespace {

int active(const Args& args) {
  if (!args.positional.empty()) throw ConfigError("unexpected argument '" + args.positional.front() + "'");
  const std::string dataset = args.require("dataset");
  nlohmann::json options = nlohmann::json::object();
  const auto whole = [&](const char* option, const char* key) {
    if (args.has(option)) options[key] = args.get_int(option, 0);
  };
  whole("seed-size", "seed_size");
  whole("round-budget", "round_budget");
  whole("rounds", "rounds");
  whole("relabel-from-round", "relabel_from_round");
  whole("folds", "folds");
  whole("max-relabels", "max_relabels");
  whole("batch-size", "batch_size");
  whole("min-epochs", "min_epochs");
  whole("min-steps", "min_steps");
  whole("max-steps", "max_steps");
  if (args.has("relabel-share")) options["relabel_share"] = args.get_double("relabel-share", 0.2);
  if (args.has("policy")) {
    const std::string policy = args.get("policy");
    if (policy != "replace" && policy != "vote") throw ConfigError("--policy: expected replace or vote, got \"" + policy + "\"");
    options["vote"] = policy == "vote" ? 1 : 0;
  }
  if (args.has("sequential-folds")) options["batched_folds"] = 0;
  if (args.has("budget")) {
    // B = n0 + Tr·b: the rounds follow from the budget.
    const long long budget = args.get_int("budget", 0);
    const ActiveSettings defaults = default_active_settings(dataset, 0);
    const long long seed_size = options.value("seed_size", static_cast<long long>(defaults.seed_size));
    const long long round_budget = options.value("round_budget", static_cast<long long>(defaults.round_budget));
    if (budget < seed_size || (budget - seed_size) % round_budget != 0)
      throw ConfigError("--budget " + std::to_string(budget) + ": expected the seed size " + std::to_string(seed_size) +
                        " plus a whole number of rounds of " + std::to_string(round_budget));
    if (args.has("rounds") && args.get_int("rounds", 0) != (budget - seed_size) / round_budget)
      throw ConfigError("--budget and --rounds disagree");
    options["rounds"] = (budget - seed_size) / round_budget;
  }
  nlohmann::json oracle = {{"kind", args.get("oracle", "symmetric")}, {"rates", nlohmann::json::array({args.get_double("rate", 0.2)})}};
  if (args.has("stickiness")) oracle["stickiness"] = args.get_double("stickiness", 0.5);
  const nlohmann::json config = {{"name", args.get("name", "active")},
                                 {"kind", kActiveKind},
                                 {"seeds", nlohmann::json::array({args.get_int("seed", 0)})},
                                 {"datasets", nlohmann::json::array({dataset})},
                                 {"oracles", nlohmann::json::array({oracle})},
                                 {"strategies", nlohmann::json::array({args.get("strategy", "darl-both")})},
                                 {"options", options}};
  const ExperimentConfig experiment = parse_active_config(config, "the command line");
  RunOptions run_options;
  run_options.results_dir = args.get("results", "results/scratch");
  run_options.data_dir = args.get("data-dir");
  run_options.progress = !args.has("quiet");
  run_options.epoch_progress = !args.has("quiet");  // one line per round
  const RunSummary summary = run_experiment(experiment, run_options);
  if (!summary.stopped_by.empty()) {
    std::fprintf(stderr, "stopped: %s\n", summary.stopped_by.c_str());
    return 1;
  }
  if (summary.failed > 0) return 1;
  std::printf("%s\n", summary.results_file.c_str());
  return 0;
}

}  // namespace

CommandSpec active_command() {
  std::vector<OptionSpec> options = {
      {"dataset", "NAME", "a registered data set with true labels (e.g. letter, satellite)"},
      {"oracle", "KIND", "clean, symmetric, instance-dependent, pair-flip, crowd or sticky (default symmetric)"},
      {"rate", "R", "the oracle's mean error rate ε in [0, 1) (default 0.2)"},
      {"stickiness", "K", "sticky oracle: chance a re-label repeats a wrong label (default 0.5)"},
      {"strategy", "NAME", "passive, al-entropy, al-margin, al-leastconf, darl-loss, darl-uncertainty, darl-both, "
                           "darl-joint, relabel-random, relabel-oracle, activelab, passive-clean, al-entropy-clean "
                           "(default darl-both)"},
      {"seed", "S", "fixes the split, the seed set, the oracle's answers and the models (default 0)"},
      {"seed-size", "N0", "labels bought before the first round (default: the spec's per data set; letter 100)"},
      {"round-budget", "B", "units per round, new labels and re-labels together (letter 100)"},
      {"rounds", "T", "rounds (default 20)"},
      {"budget", "TOTAL", "total units n0 + T·b; sets --rounds"},
      {"relabel-share", "RHO", "share of a round's units for re-labels (default 0.2)"},
      {"relabel-from-round", "R0", "first round that re-labels (default 3)"},
      {"policy", "replace|vote", "how a re-label changes the training label (default replace)"},
      {"max-relabels", "M", "re-labels per item at most (default 2)"},
      {"folds", "K", "folds of the out-of-fold probabilities (default 4)"},
      {"sequential-folds", "", "train the fold models one by one instead of as batched replicas"},
      {"batch-size", "N", "training batch size (default 32)"},
      {"min-epochs", "N", "training epochs per model at least, within the step bounds (default 30)"},
      {"min-steps", "N", "training steps per model at least (default 1000)"},
      {"max-steps", "N", "training steps per model at most (default 3000)"},
      {"results", "DIR", "results directory (default results/scratch): <DIR>/<name>.jsonl, ledgers in <DIR>/active/"},
      {"name", "NAME", "results file name (default active)"},
      {"quiet", "", "no progress lines"},
  };
  for (const OptionSpec& option : data_dir_options()) options.push_back(option);
  return {"active",
          "annotbench active --dataset NAME [--oracle KIND] [--rate R] [--strategy NAME] [--budget B] [--seed S]",
          "One active-learning run against a noisy oracle: a result row with the curve per round, and a ledger "
          "of every query. Resumable: a killed run continues from its last finished round.",
          options, active};
}

}  // namespace annotbench
