#pragma once
// What every result row must satisfy before it is written, whatever the cell's kind: no number in
// it is NaN or infinite. nlohmann::json writes such a number as null, so a NaN metric would reach
// the results file as a missing value and the report would average around it (probe N1, N2).

#include <nlohmann/json.hpp>

namespace annotbench {

// std::runtime_error naming the first non-finite number by its path in the row, e.g.
// "metric 'metrics.test_ap_auroc' is NaN" or "'results[3].correct' is infinite".
void require_finite_numbers(const nlohmann::json& row);

}  // namespace annotbench
