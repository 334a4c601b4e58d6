#pragma once
// Stratified, seeded train/valid/test splits and standardisation fitted on the training split.

#include <cstdint>
#include <vector>

#include "datasets/dataset.h"

namespace annotbench {

struct SplitSpec {
  double test_fraction = 0.2;  // of all instances
  // Validation size: a count when >= 1 (the paper's letter split: 500), a fraction of all
  // instances when in (0, 1), none when 0. The default is a fraction so that it fits every data
  // set: a count of 500 left iris (150 instances) nothing to train on (probe U10).
  double valid_size = 0.1;
};

struct Split {
  std::vector<std::size_t> train, valid, test;
};

// Every class is split in proportion (within one instance per class): the per-class quotas are
// apportioned by largest remainders so that the totals are exact. `labels` are class indices.
Split stratified_split(const std::vector<int>& labels, int num_classes, const SplitSpec& spec,
                       std::uint64_t seed);

struct Standardiser {
  std::vector<float> mean;
  std::vector<float> scale;  // standard deviation, 1 where a feature is constant on the fit data

  static Standardiser fit(const FeatureMatrix& features);
  void apply(FeatureMatrix& features) const;
};

struct PreparedData {
  Dataset train, valid, test;
  Split split;
};

// Splits (stratified by the true labels, or by the majority vote when there are none), then
// standardises all three parts with the training part's mean and standard deviation.
PreparedData split_and_standardise(const Dataset& dataset, const SplitSpec& spec, std::uint64_t seed);

}  // namespace annotbench
