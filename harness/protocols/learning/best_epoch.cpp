#include "harness/protocols/learning/best_epoch.h"

#include "reports/metrics.h"

namespace annotbench {

BestEpochTracker::BestEpochTracker(const Method& method, const Dataset& valid, const Dataset& test)
    : method_(method), valid_(valid), test_(test) {}

void BestEpochTracker::after_epoch(int epoch) {
  const auto start = std::chrono::steady_clock::now();
  const double valid_accuracy = accuracy(method_.predict_proba(valid_.features), valid_.true_labels);
  // Strictly greater: on ties the earlier epoch stays the best, as the reference's checkpoint
  // callback keeps the first maximum.
  if (valid_accuracy > best_valid_accuracy_) {
    best_valid_accuracy_ = valid_accuracy;
    best_epoch_ = epoch;
    test_probabilities_ = method_.predict_proba(test_.features);
    if (test_.has_annotations()) test_performance_ = method_.annotator_performance(test_.features);
  }
  scoring_seconds_ += std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
}

}  // namespace annotbench
