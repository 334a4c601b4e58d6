#pragma once
// Holm's step-down correction (Holm 1979; Demšar 2006, section 3.2.2) for a family of p-values.

#include <vector>

namespace annotbench {

// Adjusted p-values in the input order: sort ascending, p̃_(i) = max_{j ≤ i} min(1, (m − j + 1) p_(j)).
// Rejecting where p̃ ≤ α is exactly Holm's procedure: compare p_(i) with α/(m − i + 1) until the first
// acceptance.
std::vector<double> holm_adjust(const std::vector<double>& p_values);

}  // namespace annotbench
