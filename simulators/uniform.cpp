// `uniform`: annotator m keeps the true class, except on a fraction r_m of the instances, where it
// gives a class drawn uniformly from the C - 1 wrong ones (symmetric label noise).

#include <memory>

#include "simulators/sampling.h"
#include "simulators/simulator_support.h"

namespace annotbench {

namespace {

constexpr const char* kName = "uniform";

class UniformSimulator : public AnnotatorSimulator {
 public:
  std::string name() const override { return kName; }
  std::vector<std::string> option_names() const override {
    return {"rate_low", "rate_high"};
  }

  SimulatedAnnotations simulate(const Dataset& dataset, const SimulationConfig& config) const override {
    check_simulation_input(kName, dataset, config);
    check_simulator_options(kName, config, option_names());
    const std::vector<double> rates = annotator_rates(kName, config, 0.2);
    const std::size_t n = dataset.true_labels.size();
    const std::size_t m_count = config.num_annotators;
    const int num_classes = dataset.num_classes();

    SimulatedAnnotations result;
    result.annotations = AnnotationMatrix(n, m_count, kMissingLabel);
    result.annotator_ids = simulated_annotator_ids(m_count);
    for (std::size_t m = 0; m < m_count; ++m) {
      Rng rng = annotator_rng(config, m);
      // Exactly-in-expectation: every instance flips with probability r_m, and the number of flips
      // is floor or ceil of r_m * N.
      const std::vector<bool> flipped = systematic_sample(std::vector<double>(n, rates[m]), rng);
      for (std::size_t i = 0; i < n; ++i) {
        const int truth = dataset.true_labels[i];
        result.annotations.at(i, m) = flipped[i] ? uniform_wrong_class(truth, num_classes, rng) : truth;
      }
      result.annotator_profiles.push_back(
          {{"annotator", result.annotator_ids[m]}, {"kind", kName}, {"rate", rates[m]}});
    }
    return result;
  }
};

}  // namespace

std::unique_ptr<AnnotatorSimulator> make_uniform_simulator() { return std::make_unique<UniformSimulator>(); }

}  // namespace annotbench
