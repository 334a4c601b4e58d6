#pragma once
// Few-shot episodes as a cell kind of the experiment grid (spec meta-em.md §7): one cell is one
// few-shot method on one data set with one class-split seed. It meta-trains the method once on
// pseudo-annotated episodes of the meta-train classes (early stopping on meta-validation tasks), then
// evaluates it on fixed test tasks of the meta-test classes for every (shot, annotators, annotator
// mix), plus a test-time sweep over EM steps. The test tasks derive from the split seed only, so every
// method of a seed meets the same tasks: comparisons are paired task by task.

#include <cstddef>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "datasets/dataset.h"
#include "datasets/fewshot_tasks.h"
#include "harness/protocols/protocol.h"
#include "simulators/task_annotators.h"

namespace annotbench {

struct ExperimentCell;

inline const std::string kFewShotKind = "fewshot";

struct FewShotProtocol {
  ClassSplitSpec class_split;
  std::size_t ways = 4;
  std::vector<std::size_t> shots = {1, 3, 5};
  std::vector<std::size_t> annotators = {3, 5, 7};
  std::size_t queries_per_class = 10;
  std::size_t test_tasks = 1000;
  // Tasks per setting of the other mixes and of the sparse variant (plots, not the paired tables);
  // 0: test_tasks. Fewer keeps the spammer-share curve affordable on 2 cores.
  std::size_t secondary_test_tasks = 0;
  std::vector<AnnotatorMix> test_mixes;  // the first is the main one (tables' paired tests, EM sweep)
  std::vector<int> em_steps_sweep;       // test-time EM steps for methods that have them (main mix)
  double sparse_missing = 0.0;           // > 0: also the main mix with each label dropped this often
  // The real-annotator check (spec §7.1, LabelMe): meta-test tasks are drawn from the rows the data set's
  // own annotators labelled, with their labels (sparse I_n); meta-train and validation tasks from the
  // other rows (same classes, 20 % of them held out for validation) with pseudo-annotators. The class
  // split and test_mixes are then unused.
  bool real_annotators = false;
  // Meta-training.
  AnnotatorMix training_mix;
  int iterations = 5000;
  int tasks_per_iteration = 4;
  int validate_every = 250;
  std::size_t valid_tasks = 200;
  std::size_t valid_annotators = 5;
  double learning_rate = 1e-3;
};

// The protocol as a config gives it (every field optional, defaults of spec §7); throws InputError
// naming `path` and `field`.
// A few-shot cell's episode protocol (its ExperimentCell::details), as fewshot_protocol_to_json writes
// it: part of the cell's identity. The cell's training.seed is its class-split seed and method_options
// the few-shot method's options.
struct FewShotCellDetails final : ProtocolDetails {
  explicit FewShotCellDetails(nlohmann::json protocol_json) : protocol(std::move(protocol_json)) {}
  nlohmann::json protocol;
};

// The details of a few-shot cell; std::invalid_argument for a cell of another protocol.
const FewShotCellDetails& fewshot_details(const ExperimentCell& cell);

FewShotProtocol fewshot_protocol_from_json(const nlohmann::json& description, const std::string& path,
                                           const std::string& field);
nlohmann::json fewshot_protocol_to_json(const FewShotProtocol& protocol);

// Meta-trains and tests cell.method on `dataset` (true labels, raw features) with the protocol in
// cell.protocol and the class split of cell.training.seed; returns the result row. Its "results" hold
// one entry per (shots, annotators, mix, missing, em_steps) with the sums and counts every aggregate
// needs (correct, correct_squares, queries, tasks), and for the main mix at the method's own EM steps
// the correct count of every task (per_task_correct) for paired tests.
nlohmann::json run_fewshot_cell(const ExperimentCell& cell, const Dataset& dataset);

}  // namespace annotbench
