// Lower bound: the GT model trained on each instance's majority vote (reference
// conf/classifier/majority_vote.yaml: aggregation "majority-vote", mixup alpha 1.0).

#include <algorithm>
#include <random>

#include "datasets/random.h"
#include "methods/end_to_end/aggregate_classifier.h"
#include "methods/end_to_end/majority_vote.h"

namespace annotbench {

std::vector<int> majority_vote_labels(const AnnotationMatrix& annotations, int num_classes,
                                      std::uint64_t seed) {
  // Ties are broken uniformly at random among the most frequent classes, from a stream of the run
  // seed of its own.
  Rng rng(derive_seed(seed, "majority-vote ties"));
  std::vector<int> labels(annotations.rows, kMissingLabel);
  std::vector<int> counts(static_cast<std::size_t>(num_classes));
  for (std::size_t n = 0; n < annotations.rows; ++n) {
    std::fill(counts.begin(), counts.end(), 0);
    for (std::size_t m = 0; m < annotations.cols; ++m) {
      const int label = annotations.at(n, m);
      if (label != kMissingLabel) ++counts[static_cast<std::size_t>(label)];
    }
    const int most = *std::max_element(counts.begin(), counts.end());
    if (most == 0) continue;
    std::vector<int> tied;
    for (int c = 0; c < num_classes; ++c)
      if (counts[static_cast<std::size_t>(c)] == most) tied.push_back(c);
    labels[n] = tied.size() == 1 ? tied[0] : tied[static_cast<std::size_t>(rng() % tied.size())];
  }
  return labels;
}

namespace {

class MajorityVoteClassifier : public AggregateClassifier {
 public:
  explicit MajorityVoteClassifier(const MethodOptions& options)
      : AggregateClassifier("majority-vote", options, /*default_alpha=*/1.0) {}

 protected:
  std::vector<int> training_labels(const Dataset& train, const TrainingSettings& settings) const override {
    return majority_vote_labels(train.annotations, train.num_classes(), settings.seed);
  }
};

}  // namespace

std::unique_ptr<Method> make_majority_vote(const MethodOptions& options) {
  return std::make_unique<MajorityVoteClassifier>(options);
}

}  // namespace annotbench
