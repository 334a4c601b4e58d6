// The active-learning protocol (DARL, spec darl.md): a strategy that buys labels, new or repeated,
// from a noisy oracle, round by round. A cell's simulation names the oracle, its method the strategy
// and its method_options the loop's options; its ledger and round rows are kept in the results
// directory, so that a killed grid resumes at the cell's next round.

#include <memory>

#include "datasets/input_error.h"
#include "datasets/registry.h"
#include "harness/protocols/active/active_learning.h"
#include "harness/grid/config.h"
#include "harness/grid/experiment.h"
#include "harness/protocols/protocol.h"

namespace annotbench {

namespace {

class ActiveProtocol final : public Protocol {
 public:
  std::string kind() const override { return kActiveKind; }
  std::string summary() const override {
    return "active learning against noisy oracles, with a share of the budget for re-labelling (DARL)";
  }
  nlohmann::json example_config() const override {
    return {{"name", "active-example"},
            {"kind", kActiveKind},
            {"seeds", {0, 1}},
            {"datasets", {"iris"}},
            {"oracles", {{{"kind", "symmetric"}, {"rates", {0.3}}}}},
            {"strategies", {"passive", "darl-both"}},
            {"options", {{"seed_size", 10}, {"round_budget", 10}, {"rounds", 3}, {"relabel_from_round", 1}, {"min_steps", 50}}}};
  }
  ExperimentConfig parse_config(const nlohmann::json& config, const std::string& path) const override {
    return parse_active_config(config, path);
  }
  // The pool (the train split) and the test split; the oracle answers during the run, so nothing
  // is simulated up front.
  std::shared_ptr<const PreparedSetting> prepare_setting(const ExperimentCell& cell,
                                                         const std::string& data_dir) const override {
    Dataset dataset = load_dataset(cell.dataset, data_dir);
    if (!dataset.has_true_labels())
      throw ConfigError("data set '" + cell.dataset + "' has no true labels for an oracle to answer from");
    dataset.validate();
    auto prepared = std::make_shared<PreparedSetting>();
    prepared->simulator_description = simulation_to_json(cell.simulation);
    prepared->data = split_and_standardise(dataset, cell.split, cell.simulation.seed);
    return prepared;
  }
  std::vector<nlohmann::json> run_cells(const std::vector<ExperimentCell>& cells, const PreparedSetting& prepared,
                                        const RunContext& context) const override {
    std::vector<nlohmann::json> rows;
    for (const ExperimentCell& cell : cells) rows.push_back(run_active_cell(cell, prepared, context.results_dir));
    return rows;
  }
};

}  // namespace

std::unique_ptr<const Protocol> make_active_protocol() { return std::make_unique<ActiveProtocol>(); }

}  // namespace annotbench
