#include "reports/annotation_quality/consensus_model.h"

namespace annotbench {

const ConsensusModel* find_model(const std::vector<ConsensusModel>& models, const std::string& aggregator) {
  for (const ConsensusModel& model : models)
    if (model.aggregator == aggregator) return &model;
  return nullptr;
}

}  // namespace annotbench
