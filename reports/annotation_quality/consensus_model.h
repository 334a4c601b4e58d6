#pragma once
// One aggregator's fit as the annotation-quality reports read it: plain values, so that reports/
// needs no aggregator (the caller fits them: harness/protocols/annotation_quality/).

#include <string>
#include <vector>

#include "datasets/dataset.h"

namespace annotbench {

struct ConsensusModel {
  std::string aggregator;                   // its registered name: "mv", "ds", "glad", ...
  Matrix<double> posteriors;                // items x classes
  std::vector<int> labels;                  // the most probable class of each item
  // The model's own parameters, as Aggregation holds them (methods/aggregation/aggregator.h):
  // one number per annotator, and for confusion models P(m says y | true c) at [(m*C + y)*C + c].
  std::vector<double> annotator_skill;
  std::vector<double> annotator_confusion;
  std::string skill_meaning;                // what annotator_skill is, e.g. "P(correct)", "alpha"
};

// The model of that name, or nullptr.
const ConsensusModel* find_model(const std::vector<ConsensusModel>& models, const std::string& aggregator);

}  // namespace annotbench
