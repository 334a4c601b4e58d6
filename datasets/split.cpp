#include "datasets/split.h"

#include <algorithm>
#include <cmath>
#include <numeric>

#include "datasets/input_error.h"
#include "datasets/random.h"

namespace annotbench {

namespace {

// Hamilton's largest-remainder apportionment of `total` seats over classes of sizes `counts`:
// each class gets floor or ceil of its proportional share, and the shares sum to `total` exactly.
std::vector<std::size_t> apportion(const std::vector<std::size_t>& counts, std::size_t total) {
  const std::size_t population = std::accumulate(counts.begin(), counts.end(), std::size_t{0});
  std::vector<std::size_t> quota(counts.size(), 0);
  if (population == 0) return quota;
  std::vector<std::pair<double, std::size_t>> remainders;
  std::size_t assigned = 0;
  for (std::size_t c = 0; c < counts.size(); ++c) {
    const double exact = static_cast<double>(counts[c]) * static_cast<double>(total) / static_cast<double>(population);
    quota[c] = static_cast<std::size_t>(std::floor(exact));
    assigned += quota[c];
    remainders.emplace_back(exact - std::floor(exact), c);
  }
  // Larger remainder first; ties by class index so that the split does not depend on sort stability.
  std::sort(remainders.begin(), remainders.end(), [](const auto& a, const auto& b) {
    return a.first != b.first ? a.first > b.first : a.second < b.second;
  });
  for (std::size_t k = 0; assigned < total && k < remainders.size(); ++k) {
    const std::size_t c = remainders[k].second;
    if (quota[c] < counts[c]) {
      ++quota[c];
      ++assigned;
    }
  }
  return quota;
}

std::vector<int> majority_vote_labels(const Dataset& dataset, std::uint64_t seed) {
  Rng rng(derive_seed(seed, "split-majority-vote"));
  std::vector<int> labels(dataset.num_instances(), 0);
  std::vector<int> votes(static_cast<std::size_t>(dataset.num_classes()));
  for (std::size_t i = 0; i < dataset.num_instances(); ++i) {
    std::fill(votes.begin(), votes.end(), 0);
    for (std::size_t m = 0; m < dataset.num_annotators(); ++m) {
      const int label = dataset.annotations.at(i, m);
      if (label != kMissingLabel) ++votes[static_cast<std::size_t>(label)];
    }
    const int best = *std::max_element(votes.begin(), votes.end());
    std::vector<int> tied;
    for (std::size_t c = 0; c < votes.size(); ++c)
      if (votes[c] == best) tied.push_back(static_cast<int>(c));
    labels[i] = tied[std::uniform_int_distribution<std::size_t>(0, tied.size() - 1)(rng)];
  }
  return labels;
}

}  // namespace

Split stratified_split(const std::vector<int>& labels, int num_classes, const SplitSpec& spec, std::uint64_t seed) {
  const std::size_t n = labels.size();
  if (spec.test_fraction < 0.0 || spec.test_fraction >= 1.0)
    throw ConfigError("test fraction must lie in [0, 1), got " + std::to_string(spec.test_fraction));
  if (spec.valid_size < 0.0) throw ConfigError("validation size must not be negative");
  const std::size_t test_total = static_cast<std::size_t>(std::llround(spec.test_fraction * static_cast<double>(n)));
  const std::size_t valid_total = spec.valid_size >= 1.0
                                      ? static_cast<std::size_t>(std::llround(spec.valid_size))
                                      : static_cast<std::size_t>(std::llround(spec.valid_size * static_cast<double>(n)));
  if (test_total + valid_total >= n)
    throw ConfigError("split leaves no training instances: " + std::to_string(n) + " instances, " +
                      std::to_string(test_total) + " for test, " + std::to_string(valid_total) +
                      " for validation; lower the validation size (train --valid-size, a config's split.valid_size: a "
                      "count if >= 1, else a fraction) or the test fraction");

  std::vector<std::vector<std::size_t>> by_class(static_cast<std::size_t>(num_classes));
  for (std::size_t i = 0; i < n; ++i) by_class.at(static_cast<std::size_t>(labels[i])).push_back(i);
  Rng rng(derive_seed(seed, "stratified-split"));
  std::vector<std::size_t> counts;
  for (auto& members : by_class) {
    std::shuffle(members.begin(), members.end(), rng);
    counts.push_back(members.size());
  }
  const std::vector<std::size_t> test_quota = apportion(counts, test_total);
  std::vector<std::size_t> remaining(counts.size());
  for (std::size_t c = 0; c < counts.size(); ++c) remaining[c] = counts[c] - test_quota[c];
  const std::vector<std::size_t> valid_quota = apportion(remaining, valid_total);

  Split split;
  for (std::size_t c = 0; c < by_class.size(); ++c) {
    const auto& members = by_class[c];
    split.test.insert(split.test.end(), members.begin(), members.begin() + static_cast<long>(test_quota[c]));
    split.valid.insert(split.valid.end(), members.begin() + static_cast<long>(test_quota[c]),
                       members.begin() + static_cast<long>(test_quota[c] + valid_quota[c]));
    split.train.insert(split.train.end(), members.begin() + static_cast<long>(test_quota[c] + valid_quota[c]),
                       members.end());
  }
  // Sorted indices keep each part in file order: deterministic and friendly to caches.
  std::sort(split.train.begin(), split.train.end());
  std::sort(split.valid.begin(), split.valid.end());
  std::sort(split.test.begin(), split.test.end());
  return split;
}

Standardiser Standardiser::fit(const FeatureMatrix& features) {
  Standardiser standardiser;
  standardiser.mean.assign(features.cols, 0.0f);
  standardiser.scale.assign(features.cols, 1.0f);
  if (features.rows == 0) return standardiser;
  for (std::size_t d = 0; d < features.cols; ++d) {
    double sum = 0.0;
    for (std::size_t i = 0; i < features.rows; ++i) sum += features.at(i, d);
    const double mean = sum / static_cast<double>(features.rows);
    double squares = 0.0;
    for (std::size_t i = 0; i < features.rows; ++i) {
      const double centred = features.at(i, d) - mean;
      squares += centred * centred;
    }
    // Population standard deviation, as scikit-learn's StandardScaler; constant features keep scale 1.
    const double deviation = std::sqrt(squares / static_cast<double>(features.rows));
    standardiser.mean[d] = static_cast<float>(mean);
    standardiser.scale[d] = deviation > 0.0 ? static_cast<float>(deviation) : 1.0f;
  }
  return standardiser;
}

void Standardiser::apply(FeatureMatrix& features) const {
  for (std::size_t i = 0; i < features.rows; ++i)
    for (std::size_t d = 0; d < features.cols; ++d) features.at(i, d) = (features.at(i, d) - mean[d]) / scale[d];
}

PreparedData split_and_standardise(const Dataset& dataset, const SplitSpec& spec, std::uint64_t seed) {
  PreparedData prepared;
  if (!dataset.predefined_part.empty()) {
    // The publishers' split is the benchmark: the same for every seed and every spec.
    for (std::size_t i = 0; i < dataset.predefined_part.size(); ++i) {
      const SplitPart part = dataset.predefined_part[i];
      (part == SplitPart::train ? prepared.split.train : part == SplitPart::valid ? prepared.split.valid : prepared.split.test)
          .push_back(i);
    }
  } else {
    const std::vector<int> strata = dataset.has_true_labels() ? dataset.true_labels : majority_vote_labels(dataset, seed);
    prepared.split = stratified_split(strata, dataset.num_classes(), spec, seed);
  }
  prepared.train = select_instances(dataset, prepared.split.train);
  prepared.valid = select_instances(dataset, prepared.split.valid);
  prepared.test = select_instances(dataset, prepared.split.test);
  const Standardiser standardiser = Standardiser::fit(prepared.train.features);
  standardiser.apply(prepared.train.features);
  standardiser.apply(prepared.valid.features);
  standardiser.apply(prepared.test.features);
  return prepared;
}

}  // namespace annotbench
