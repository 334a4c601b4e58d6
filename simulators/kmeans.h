#pragma once
// Lloyd's k-means with k-means++ seeding (Arthur & Vassilvitskii 2007): the clusters of the
// cluster-specialist annotators. Plain vectors, seeded, deterministic.

#include <cstddef>
#include <vector>

#include "datasets/random.h"

namespace annotbench {

// Cluster index (0..k-1) of each row; k is reduced to the number of rows when there are fewer.
std::vector<int> kmeans_clusters(const std::vector<std::vector<double>>& rows, std::size_t k, Rng& rng,
                                 int max_iterations = 100);

}  // namespace annotbench
