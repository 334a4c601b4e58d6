// Upper bound: the GT model trained on the true labels (reference conf/classifier/ground_truth.yaml,
// aggregation "ground-truth", no mixup).

#include "datasets/input_error.h"
#include "methods/end_to_end/aggregate_classifier.h"

namespace annotbench {
namespace {

class GroundTruthClassifier : public AggregateClassifier {
 public:
  explicit GroundTruthClassifier(const MethodOptions& options)
      : AggregateClassifier("ground-truth", options, /*default_alpha=*/0.0) {}

 protected:
  std::vector<int> training_labels(const Dataset& train, const TrainingSettings&) const override {
    if (!train.has_true_labels())
      throw ConfigError("method 'ground-truth' needs the true labels of the training set, and '" +
                        train.name + "' has none");
    return train.true_labels;
  }
};

}  // namespace

std::unique_ptr<Method> make_ground_truth(const MethodOptions& options) {
  return std::make_unique<GroundTruthClassifier>(options);
}

}  // namespace annotbench
