#pragma once
// A protocol turns a config into cells and a cell into result rows: learning (a method trained on
// annotated features), truth inference (an aggregator on a label-only crowd set), active learning
// (a strategy buying labels from a noisy oracle), few-shot (meta-learned EM and its baselines) and
// annotation quality (agreement, annotator and item reports of a crowd set).
// The runner, the result store, sharding, claims, progress lines, `status`, `submit` and `report`
// know protocols only through this interface. A new one is a folder under harness/protocols/ with
// its config parser, its cell runner and a protocol.cpp, plus one line in protocols/registry.cpp.

#include <iosfwd>
#include <map>
#include <memory>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "datasets/data_checksum.h"

namespace annotbench {

struct ExperimentCell;
struct ExperimentConfig;
struct PreparedSetting;

// What a protocol's cells carry beyond the fields every cell has (ExperimentCell::details): each
// protocol that needs more derives its own type from this.
struct ProtocolDetails {
  virtual ~ProtocolDetails() = default;
};

// What `report` was asked for: the results read, where the report goes, and every other option given
// (name without "--" -> value), so that a protocol's own report can refuse the ones it does not take.
struct ReportRequest {
  std::vector<std::string> results;
  std::string out_dir;  // empty when --out was not given
  std::map<std::string, std::string> options;
};

// The run a cell belongs to: a protocol that keeps state beside its rows (active learning's
// ledgers, so that a killed grid resumes mid-cell) finds the results directory here.
struct RunContext {
  std::string results_dir;  // empty: no state is kept (e.g. `annotbench train`)
};

class Protocol {
 public:
  virtual ~Protocol() = default;

  // The config's "kind", which its cells and rows carry. Learning's is empty: its configs name no
  // kind, and its cell ids predate kinds.
  virtual std::string kind() const = 0;
  virtual std::string summary() const = 0;

  // A small config of this kind that runs in seconds on the default tables (the label-only sets'
  // layouts aside): what `run` documents, and what the protocol contract tests run.
  virtual nlohmann::json example_config() const = 0;

  // The cells of a config of this kind; InputError names the file and the field.
  virtual ExperimentConfig parse_config(const nlohmann::json& config, const std::string& path) const = 0;

  // The data file a cell reads (its checksum becomes part of the cell id). Default: a registered table.
  virtual DataFile locate_data(const ExperimentCell& cell, const std::string& data_dir) const;

  // What the cell id holds beyond the entries every cell has (data set, simulation, split, method,
  // options, training, seed, data checksum). Default: the kind, when it is not empty.
  virtual void add_identity(const ExperimentCell& cell, nlohmann::json& identity) const;

  // The data of a setting, read and prepared once for all its cells (simulated annotators, split).
  virtual std::shared_ptr<const PreparedSetting> prepare_setting(const ExperimentCell& cell,
                                                                 const std::string& data_dir) const = 0;

  // One row per cell, in order. The cells share a setting and differ at most in their seed; more
  // than one only where trains_seeds_batched said so.
  virtual std::vector<nlohmann::json> run_cells(const std::vector<ExperimentCell>& cells,
                                                const PreparedSetting& prepared, const RunContext& context) const = 0;

  // What a progress line says of a finished cell's row, e.g. "test accuracy 0.8123". Default: the
  // row's test_accuracy.
  virtual std::string progress_summary(const nlohmann::json& row) const;

  // Whether `run --batch-seeds` trains this cell's seeds together (then its id says so).
  virtual bool trains_seeds_batched(const ExperimentCell& cell) const;

  // How `report` presents the rows: by default in the ranked report that learning, truth-inference
  // and active rows share (ranks, tests, CD diagram, figures). A protocol with a report of its own
  // says which results hold its rows (throwing InputError when they are mixed with other kinds'),
  // and writes that report, returning the files written.
  virtual bool holds_own_report_rows(const std::string& results) const;
  virtual std::vector<std::string> write_own_report(const ReportRequest& request, std::ostream& warnings) const;
};

// Every protocol, learning first.
const std::vector<std::unique_ptr<const Protocol>>& registered_protocols();
// The protocol of this kind, or null when none has it.
const Protocol* find_protocol(const std::string& kind);
// ConfigError naming the known kinds when none has this one.
const Protocol& protocol_for_kind(const std::string& kind);
const Protocol& protocol_of(const ExperimentCell& cell);

}  // namespace annotbench
