#pragma once
// What every simulator checks and derives the same way: the data set has truth, the options are known,
// the per-annotator rates, the annotator ids and each annotator's random stream.

#include <string>
#include <vector>

#include "datasets/random.h"
#include "simulators/simulator.h"

namespace annotbench {

// Throws ConfigError unless `dataset` has true labels (one per feature row) and at least 2 classes,
// and `config` asks for at least one annotator.
void check_simulation_input(const std::string& simulator, const Dataset& dataset,
                            const SimulationConfig& config);

// Throws ConfigError naming an option outside `known` (a typo must not fall back to a default).
void check_simulator_options(const std::string& simulator, const SimulationConfig& config,
                             const std::vector<std::string>& known);

double simulator_option(const SimulationConfig& config, const std::string& key, double fallback);

// The noise rate of each annotator: options rate_low and rate_high draw each one uniformly from
// [rate_low, rate_high]; else `rates` gives one value for all or one per annotator; else `fallback`.
// Every rate must lie in [0, 1) (ConfigError otherwise).
std::vector<double> annotator_rates(const std::string& simulator, const SimulationConfig& config,
                                    double fallback);

// "sim-01", "sim-02", ...: zero-padded so that they sort in order.
std::vector<std::string> simulated_annotator_ids(std::size_t count);

// Annotator m's own stream: its draws do not depend on how many annotators there are.
Rng annotator_rng(const SimulationConfig& config, std::size_t annotator);

// `clean` (M x A, one row per annotator) plus independent N(0, noise_sd^2) noise on every entry,
// drawn from a stream of its own so that the annotations do not depend on it: an annotator's
// description that informs about its competence without giving it away.
FeatureMatrix noisy_annotator_features(FeatureMatrix clean, double noise_sd, const SimulationConfig& config);

// Features standardised per column (mean 0, standard deviation 1; constant columns left at 0), as
// doubles. The simulators measure distances in this space so that no feature dominates by its unit.
std::vector<std::vector<double>> standardised_rows(const FeatureMatrix& features);

}  // namespace annotbench
