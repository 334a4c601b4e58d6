// The truth-inference protocol: an aggregator (methods/aggregation/) on a label-only crowd set, scored
// against the set's gold. Its cells' dataset names the set, method the aggregator, method_options its
// options and training.seed its seed.

#include <memory>

#include "datasets/crowd_label_table.h"
#include "harness/grid/config.h"
#include "harness/protocols/protocol.h"
#include "harness/protocols/truth_inference/truth_inference.h"

namespace annotbench {

namespace {

struct LabelTableSetting final : PreparedSetting {
  CrowdLabelTable table;
};

class TruthInferenceProtocol final : public Protocol {
 public:
  std::string kind() const override { return kTruthInferenceKind; }
  std::string summary() const override {
    return "aggregators on label-only crowd sets, scored against their gold";
  }
  nlohmann::json example_config() const override {
    return {{"name", "truth-inference-example"},
            {"kind", kTruthInferenceKind},
            {"seeds", {0, 1}},
            {"datasets", {"anesthesia"}},
            {"methods", {"mv", "ds"}}};
  }
  ExperimentConfig parse_config(const nlohmann::json& config, const std::string& path) const override {
    return parse_truth_inference_config(config, path);
  }
  DataFile locate_data(const ExperimentCell& cell, const std::string& data_dir) const override {
    return locate_label_only_set(cell.dataset, data_dir);
  }
  // Known answers are part of what a cell is; cells without them keep the ids they always had.
  void add_identity(const ExperimentCell& cell, nlohmann::json& identity) const override {
    Protocol::add_identity(cell, identity);
    if (const KnownAnswers* known = known_answers(cell))
      identity["known_answers"] = {{"share", known->share}, {"given", known->given}};
  }
  std::shared_ptr<const PreparedSetting> prepare_setting(const ExperimentCell& cell,
                                                         const std::string& data_dir) const override {
    auto prepared = std::make_shared<LabelTableSetting>();
    prepared->table = load_label_only_set(cell.dataset, data_dir);
    prepared->simulator_description = {{"kind", "none"}};
    return prepared;
  }
  std::vector<nlohmann::json> run_cells(const std::vector<ExperimentCell>& cells, const PreparedSetting& prepared,
                                        const RunContext&) const override {
    const CrowdLabelTable& table = dynamic_cast<const LabelTableSetting&>(prepared).table;
    std::vector<nlohmann::json> rows;
    for (const ExperimentCell& cell : cells) rows.push_back(run_truth_inference_cell(cell, table));
    return rows;
  }
};

}  // namespace

std::unique_ptr<const Protocol> make_truth_inference_protocol() { return std::make_unique<TruthInferenceProtocol>(); }

}  // namespace annotbench
