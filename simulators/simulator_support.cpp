#include "simulators/simulator_support.h"

#include <algorithm>
#include <cmath>
#include <cstdio>

#include "datasets/input_error.h"
#include "simulators/sampling.h"

namespace annotbench {

namespace {

void check_rate(const std::string& simulator, const std::string& what, double rate) {
  if (!(rate >= 0.0 && rate < 1.0))
    throw ConfigError(simulator + ": " + what + " must lie in [0, 1), got " + std::to_string(rate));
}

}  // namespace

void check_simulation_input(const std::string& simulator, const Dataset& dataset,
                            const SimulationConfig& config) {
  if (!dataset.has_true_labels())
    throw ConfigError(simulator + ": data set '" + dataset.name +
                      "' has no true labels to simulate annotators from");
  if (dataset.num_classes() < 2)
    throw ConfigError(simulator + ": need at least 2 classes, data set '" + dataset.name + "' has " +
                      std::to_string(dataset.num_classes()));
  if (dataset.features.rows != dataset.true_labels.size() && dataset.num_features() > 0)
    throw ConfigError(simulator + ": data set '" + dataset.name + "' has " + std::to_string(dataset.features.rows) +
                      " feature rows for " + std::to_string(dataset.true_labels.size()) + " true labels");
  if (config.num_annotators == 0) throw ConfigError(simulator + ": need at least 1 annotator");
}

void check_simulator_options(const std::string& simulator, const SimulationConfig& config,
                             const std::vector<std::string>& known) {
  for (const auto& [key, value] : config.options) {
    if (std::find(known.begin(), known.end(), key) != known.end()) continue;
    std::string list;
    for (const std::string& name : known) list += (list.empty() ? "" : ", ") + name;
    throw ConfigError(simulator + ": unknown option '" + key + "'; known options: " +
                      (list.empty() ? "none" : list));
  }
}

double simulator_option(const SimulationConfig& config, const std::string& key, double fallback) {
  const auto found = config.options.find(key);
  return found == config.options.end() ? fallback : found->second;
}

std::vector<double> annotator_rates(const std::string& simulator, const SimulationConfig& config,
                                    double fallback) {
  const std::size_t m = config.num_annotators;
  const bool has_low = config.options.count("rate_low") > 0;
  const bool has_high = config.options.count("rate_high") > 0;
  if (has_low || has_high) {
    if (!has_low || !has_high)
      throw ConfigError(simulator + ": give both rate_low and rate_high to draw rates from a range");
    if (!config.rates.empty())
      throw ConfigError(simulator + ": give either rates or a range (rate_low, rate_high), not both");
    const double low = config.options.at("rate_low");
    const double high = config.options.at("rate_high");
    check_rate(simulator, "rate_low", low);
    check_rate(simulator, "rate_high", high);
    if (low > high) throw ConfigError(simulator + ": rate_low is above rate_high");
    Rng rng(derive_seed(config.seed, "simulation/" + simulator + "/rates"));
    std::vector<double> rates(m);
    for (double& rate : rates) rate = low + (high - low) * uniform01(rng);
    return rates;
  }
  std::vector<double> rates;
  if (config.rates.empty()) rates.assign(m, fallback);
  else if (config.rates.size() == 1) rates.assign(m, config.rates[0]);
  else if (config.rates.size() == m) rates = config.rates;
  else
    throw ConfigError(simulator + ": got " + std::to_string(config.rates.size()) + " rates for " +
                      std::to_string(m) + " annotators (give one rate, or one per annotator)");
  for (std::size_t a = 0; a < rates.size(); ++a)
    check_rate(simulator, config.rates.size() > 1 ? "rate of annotator " + std::to_string(a + 1) : "rate",
               rates[a]);
  return rates;
}

std::vector<std::string> simulated_annotator_ids(std::size_t count) {
  const int width = count < 100 ? 2 : static_cast<int>(std::to_string(count).size());
  std::vector<std::string> ids(count);
  for (std::size_t m = 0; m < count; ++m) {
    char buffer[32];
    std::snprintf(buffer, sizeof buffer, "sim-%0*zu", width, m + 1);
    ids[m] = buffer;
  }
  return ids;
}

Rng annotator_rng(const SimulationConfig& config, std::size_t annotator) {
  return Rng(derive_seed(config.seed, "simulation/" + config.kind + "/annotator/" + std::to_string(annotator)));
}

FeatureMatrix noisy_annotator_features(FeatureMatrix clean, double noise_sd, const SimulationConfig& config) {
  Rng rng(derive_seed(config.seed, "simulation/" + config.kind + "/annotator-features"));
  for (float& value : clean.values) value += static_cast<float>(noise_sd * standard_normal(rng));
  return clean;
}

std::vector<std::vector<double>> standardised_rows(const FeatureMatrix& features) {
  const std::size_t n = features.rows;
  const std::size_t d = features.cols;
  std::vector<double> mean(d, 0.0), scale(d, 0.0);
  for (std::size_t i = 0; i < n; ++i)
    for (std::size_t j = 0; j < d; ++j) mean[j] += features.at(i, j);
  for (double& value : mean) value /= static_cast<double>(std::max<std::size_t>(n, 1));
  for (std::size_t i = 0; i < n; ++i)
    for (std::size_t j = 0; j < d; ++j) {
      const double centred = features.at(i, j) - mean[j];
      scale[j] += centred * centred;
    }
  for (double& value : scale) {
    value = std::sqrt(value / static_cast<double>(std::max<std::size_t>(n, 1)));
    if (value <= 0.0) value = 1.0;
  }
  std::vector<std::vector<double>> rows(n, std::vector<double>(d));
  for (std::size_t i = 0; i < n; ++i)
    for (std::size_t j = 0; j < d; ++j) rows[i][j] = (features.at(i, j) - mean[j]) / scale[j];
  return rows;
}

}  // namespace annotbench
