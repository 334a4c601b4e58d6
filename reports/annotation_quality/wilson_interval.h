#pragma once
// The Wilson score interval of a proportion (Wilson 1927): unlike the normal approximation it stays
// inside [0, 1] and means something for an annotator with 3 gold labels, which crowd files are
// full of.

#include <cstddef>

namespace annotbench {

struct ProportionInterval {
  double low = 0.0;
  double high = 1.0;
};

// The two-sided interval at `confidence` of `successes` out of `trials`; [0, 1] for no trials.
ProportionInterval wilson_interval(std::size_t successes, std::size_t trials, double confidence = 0.95);

}  // namespace annotbench
