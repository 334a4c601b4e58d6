#pragma once
// Small synthetic data sets for the simulator tests: Gaussian blobs with known class sizes.

#include <cmath>
#include <string>
#include <vector>

#include "datasets/dataset.h"
#include "datasets/random.h"

namespace annotbench::testing {

// `per_class[c]` instances of class c around the centre (3c, -2c, c mod 2, ...) in `dims` dimensions,
// with unit Gaussian scatter (Box-Muller on the test's own engine).
inline Dataset blob_dataset(const std::vector<std::size_t>& per_class, std::size_t dims = 4,
                            std::uint64_t seed = 7) {
  Dataset dataset;
  dataset.name = "blobs";
  dataset.source = "blobs (test)";
  std::size_t n = 0;
  for (const std::size_t count : per_class) n += count;
  dataset.features = FeatureMatrix(n, dims);
  Rng rng(seed);
  auto uniform = [&rng]() { return (static_cast<double>(rng() >> 11) + 0.5) * 0x1.0p-53; };
  std::size_t row = 0;
  for (std::size_t c = 0; c < per_class.size(); ++c) {
    dataset.class_names.push_back("class" + std::to_string(c));
    for (std::size_t k = 0; k < per_class[c]; ++k, ++row) {
      for (std::size_t j = 0; j < dims; ++j) {
        const double gaussian = std::sqrt(-2.0 * std::log(uniform())) * std::cos(2.0 * M_PI * uniform());
        const double centre = j == 0 ? 3.0 * c : j == 1 ? -2.0 * c : static_cast<double>((c + j) % 2);
        dataset.features.at(row, j) = static_cast<float>(centre + gaussian);
      }
      dataset.true_labels.push_back(static_cast<int>(c));
    }
  }
  return dataset;
}

inline Dataset balanced_blobs(std::size_t classes, std::size_t per_class, std::size_t dims = 4) {
  return blob_dataset(std::vector<std::size_t>(classes, per_class), dims);
}

}  // namespace annotbench::testing
