#include "simulators/classifier_inputs.h"

#include "datasets/split.h"
#include "simulators/simulator_support.h"

namespace annotbench {

FeatureMatrix classifier_simulation_inputs(const Dataset& dataset, const std::string& profile) {
  const std::size_t n = dataset.features.rows, d = dataset.features.cols;
  if (profile == "paper" && !dataset.predefined_part.empty()) {
    std::vector<std::size_t> train_rows;
    for (std::size_t i = 0; i < n; ++i)
      if (dataset.predefined_part[i] == SplitPart::train) train_rows.push_back(i);
    FeatureMatrix train_features(train_rows.size(), d);
    for (std::size_t k = 0; k < train_rows.size(); ++k)
      for (std::size_t j = 0; j < d; ++j) train_features.at(k, j) = dataset.features.at(train_rows[k], j);
    const Standardiser train_scaler = Standardiser::fit(train_features);
    train_scaler.apply(train_features);
    FeatureMatrix inputs = dataset.features;  // valid and test rows stay raw
    for (std::size_t k = 0; k < train_rows.size(); ++k)
      for (std::size_t j = 0; j < d; ++j) inputs.at(train_rows[k], j) = train_features.at(k, j);
    return inputs;
  }
  const std::vector<std::vector<double>> rows = standardised_rows(dataset.features);
  FeatureMatrix inputs(n, d);
  for (std::size_t i = 0; i < n; ++i)
    for (std::size_t j = 0; j < d; ++j) inputs.at(i, j) = static_cast<float>(rows[i][j]);
  return inputs;
}

}  // namespace annotbench
