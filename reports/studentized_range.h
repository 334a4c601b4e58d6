#pragma once
// The studentized range distribution with infinite degrees of freedom, and the Nemenyi critical
// difference built on it (Demšar 2006, section 3.2.2 and Table 5(a)). Computed, not tabulated, so that
// any number of methods k ≥ 2 works.

#include <cstddef>

namespace annotbench {

// P(R ≤ q) for the range R of k independent standard normal samples:
// k ∫ φ(z) [Φ(z+q) − Φ(z)]^(k−1) dz.
double studentized_range_cdf(double q, std::size_t k);

// The q with P(R ≤ q) = 1 − alpha.
double studentized_range_quantile(std::size_t k, double alpha);

// Nemenyi's q_α: the studentized range quantile divided by √2.
double nemenyi_q(std::size_t k, double alpha);

// CD = q_α · sqrt(k(k+1) / (6N)): mean ranks at least this far apart differ significantly.
double nemenyi_critical_difference(std::size_t k, std::size_t dataset_count, double alpha);

}  // namespace annotbench
