// The registered protocols, and what a protocol does unless it says otherwise.

#include <cstdio>
#include <stdexcept>

#include "datasets/input_error.h"
#include "datasets/registry.h"
#include "harness/grid/experiment.h"
#include "harness/protocols/protocol.h"

namespace annotbench {

// Each protocol's folder defines its factory in its protocol.cpp.
std::unique_ptr<const Protocol> make_learning_protocol();
std::unique_ptr<const Protocol> make_truth_inference_protocol();
std::unique_ptr<const Protocol> make_active_protocol();
std::unique_ptr<const Protocol> make_fewshot_protocol();
std::unique_ptr<const Protocol> make_annotation_quality_protocol();

const std::vector<std::unique_ptr<const Protocol>>& registered_protocols() {
  static const std::vector<std::unique_ptr<const Protocol>> protocols = [] {
    std::vector<std::unique_ptr<const Protocol>> all;
    all.push_back(make_learning_protocol());
    all.push_back(make_truth_inference_protocol());
    all.push_back(make_active_protocol());
    all.push_back(make_fewshot_protocol());
    all.push_back(make_annotation_quality_protocol());
    return all;
  }();
  return protocols;
}

const Protocol* find_protocol(const std::string& kind) {
  for (const auto& protocol : registered_protocols())
    if (protocol->kind() == kind) return protocol.get();
  return nullptr;
}

const Protocol& protocol_for_kind(const std::string& kind) {
  if (const Protocol* protocol = find_protocol(kind)) return *protocol;
  std::string known;
  for (const auto& protocol : registered_protocols())
    if (!protocol->kind().empty()) known += (known.empty() ? "" : ", ") + protocol->kind();
  throw ConfigError("unknown kind '" + kind + "' (known: " + known + "; none for learning)");
}

const Protocol& protocol_of(const ExperimentCell& cell) { return protocol_for_kind(cell.kind); }

DataFile Protocol::locate_data(const ExperimentCell& cell, const std::string& data_dir) const {
  return locate_dataset(cell.dataset, data_dir);
}

void Protocol::add_identity(const ExperimentCell& cell, nlohmann::json& identity) const {
  if (!cell.kind.empty()) identity["kind"] = cell.kind;
}

std::string Protocol::progress_summary(const nlohmann::json& row) const {
  const nlohmann::json& metrics = row.at("metrics");
  if (!metrics.contains("test_accuracy") || !metrics.at("test_accuracy").is_number()) return "no test accuracy";
  char text[64];
  std::snprintf(text, sizeof text, "test accuracy %.4f", metrics.at("test_accuracy").get<double>());
  return text;
}

bool Protocol::trains_seeds_batched(const ExperimentCell&) const { return false; }

bool Protocol::holds_own_report_rows(const std::string&) const { return false; }

std::vector<std::string> Protocol::write_own_report(const ReportRequest&, std::ostream&) const {
  throw std::logic_error("protocol '" + kind() + "' has no report of its own");
}

}  // namespace annotbench
