// The few-shot protocol (spec meta-em.md): methods meta-trained on tasks of some classes and tested
// on few-shot tasks of the others, whose support labels come from noisy annotators. Its rows get a
// report of their own (reports/fewshot_report.h): tables per annotator mix, paired tests over tasks,
// the spammer-share and EM-steps plots.

#include <memory>

#include "datasets/input_error.h"
#include "datasets/registry.h"
#include "harness/grid/config.h"
#include "harness/protocols/fewshot/fewshot_protocol.h"
#include "harness/protocols/protocol.h"
#include "methods/fewshot/fewshot_method.h"
#include "reports/fewshot_report.h"

namespace annotbench {

namespace {

// The whole data set, raw: the protocol splits it by class and standardises per episode pool.
struct WholeDataSetting final : PreparedSetting {
  Dataset dataset;
};

// The example runs every registered few-shot method, so that the protocol contract covers a new one.
nlohmann::json every_fewshot_method() {
  nlohmann::json names = nlohmann::json::array();
  for (const FewShotMethodInfo& info : registered_fewshot_methods()) names.push_back(info.name);
  return names;
}

class FewShotProtocolKind final : public Protocol {
 public:
  std::string kind() const override { return kFewShotKind; }
  std::string summary() const override {
    return "few-shot tasks with noisy support labels: meta-learned EM against its baselines";
  }
  nlohmann::json example_config() const override {
    return {{"name", "fewshot-example"},
            {"kind", kFewShotKind},
            {"seeds", {1, 2}},
            {"datasets", {"letter"}},
            {"protocol",
             {{"shots", {1}},
              {"annotators", {3}},
              {"test_tasks", 4},
              {"test_mixes", {{0.1, 0.7, 0.2}}},
              {"em_steps_sweep", {0}},
              {"meta_training", {{"iterations", 4}, {"validate_every", 2}, {"valid_tasks", 2}}}}},
            {"methods", every_fewshot_method()}};
  }
  ExperimentConfig parse_config(const nlohmann::json& config, const std::string& path) const override {
    return parse_fewshot_config(config, path);
  }
  void add_identity(const ExperimentCell& cell, nlohmann::json& identity) const override {
    Protocol::add_identity(cell, identity);
    identity["protocol"] = fewshot_details(cell).protocol;
  }
  std::shared_ptr<const PreparedSetting> prepare_setting(const ExperimentCell& cell,
                                                         const std::string& data_dir) const override {
    auto prepared = std::make_shared<WholeDataSetting>();
    prepared->dataset = load_dataset(cell.dataset, data_dir);
    prepared->simulator_description = {{"kind", "none"}};
    return prepared;
  }
  std::vector<nlohmann::json> run_cells(const std::vector<ExperimentCell>& cells, const PreparedSetting& prepared,
                                        const RunContext&) const override {
    const Dataset& dataset = dynamic_cast<const WholeDataSetting&>(prepared).dataset;
    std::vector<nlohmann::json> rows;
    for (const ExperimentCell& cell : cells) rows.push_back(run_fewshot_cell(cell, dataset));
    return rows;
  }

  bool holds_own_report_rows(const std::string& results) const override { return holds_fewshot_rows(results); }
  std::vector<std::string> write_own_report(const ReportRequest& request, std::ostream& warnings) const override {
    if (request.results.size() > 1)
      for (const std::string& input : request.results)
        if (holds_fewshot_rows(input))
          throw ConfigError("--results " + input + ": few-shot rows; the few-shot report reads one results directory");
    FewShotReportOptions fewshot;
    fewshot.results = request.results.front();
    if (request.out_dir.empty() && request.options.count("out") == 0) throw ConfigError("missing required option --out");
    fewshot.out_dir = request.out_dir;
    const auto baseline = request.options.find("baseline");
    fewshot.method_given = baseline != request.options.end();
    if (fewshot.method_given) fewshot.method = baseline->second;
    // Options of the ranked report that the few-shot one used to ignore without a word (probe N21).
    for (const char* option : {"metric", "lower-is-better", "paper-statistics", "published", "alpha"})
      if (request.options.count(option) > 0)
        throw ConfigError("--" + std::string(option) + ": the few-shot report does not take it (it reports query " +
                          "accuracy with paired tests over tasks)");
    return write_fewshot_report(fewshot, warnings);
  }
};

}  // namespace

std::unique_ptr<const Protocol> make_fewshot_protocol() { return std::make_unique<FewShotProtocolKind>(); }

}  // namespace annotbench
