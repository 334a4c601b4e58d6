// `classifier`: the annot-mix paper's simulated annotators (annot-mix.md, "Simulated annotators";
// reference examples/simulate_annotators.py, conf/simulation/letter_sim.yaml). Every annotator is the
// GT network (D -> 256 -> 128 -> C) trained on its own class-imbalanced random subset:
//  1. a ~ U(0, 1), b ~ U(0.5, 2); per class c a train ratio r_c ~ Beta(a, b), redrawn while
//     sum_c r_c * N < min_samples (10);
//  2. epochs uniform on 1..max_epochs (20), a learning rate drawn uniform on [lr_min, lr_max];
//  3. for each class c, floor(r_c * |c|) indices of that class drawn with replacement; RAdam (weight
//     decay 0, constant rate), batch 64, the incomplete last batch dropped;
//  4. its labels are its argmax predictions on every instance.
// Two profiles (annot-mix-audit.md §1):
//  - "paper" (default) reproduces what the reference does, quirks included, because the paper's
//    numbers (51.9 % training-label noise on letter) come from them: the drawn learning rate is dead
//    code there (DictConfig.update returns None, so RAdam keeps its default lr 1e-3; we still draw it
//    so that both profiles share every other draw), and only the train rows are standardised while
//    the valid and test rows enter raw (classifier_inputs.h).
//  - "clean": every row standardised over the whole set and the drawn learning rate used, the
//    simulation as the paper describes it.
// Annotators whose subset is smaller than one batch are never updated and label at chance, as in the
// reference.

#include <torch/torch.h>

#include <cmath>
#include <memory>

#include "datasets/input_error.h"
#include "methods/nn/gt_model.h"
#include "methods/nn/radam.h"
#include "methods/nn/training.h"
#include "simulators/classifier_inputs.h"
#include "simulators/sampling.h"
#include "simulators/simulator_support.h"

namespace annotbench {

namespace {

// The standard deviation of the noise on each train-ratio feature (ratios lie in (0, 1)).
constexpr double kFeatureNoise = 0.1;

constexpr const char* kName = "classifier";
constexpr const char* kPaperProfile = "paper";
constexpr const char* kCleanProfile = "clean";
// RAdam's default in torch.optim, the rate every reference annotator trains at.
constexpr double kReferenceAnnotatorLearningRate = 1e-3;

struct AnnotatorRecipe {
  double a = 0.0, b = 0.0;
  std::vector<double> train_ratios;  // per class
  int epochs = 1;
  double learning_rate = 1e-3;
  std::vector<int64_t> subset;  // instance indices, with repeats
};

AnnotatorRecipe draw_recipe(const std::vector<std::vector<int64_t>>& members, std::size_t n, int max_epochs,
                            double lr_min, double lr_max, double min_samples, Rng& rng) {
  AnnotatorRecipe recipe;
  recipe.a = uniform01(rng);
  recipe.b = 0.5 + 1.5 * uniform01(rng);
  recipe.train_ratios.resize(members.size());
  // a can be tiny (shape near 0): then Beta(a, b) puts almost all mass at 0, which is the point.
  const double a = std::max(recipe.a, 1e-3);
  for (int attempt = 0;; ++attempt) {
    double total = 0.0;
    for (double& ratio : recipe.train_ratios) total += ratio = beta_variate(rng, a, recipe.b);
    if (total * static_cast<double>(n) >= min_samples) break;
    if (attempt > 10000) throw ConfigError(std::string(kName) + ": cannot draw train ratios reaching min_samples");
  }
  recipe.epochs = 1 + static_cast<int>(uniform_index(rng, static_cast<std::size_t>(max_epochs)));
  recipe.learning_rate = lr_min + (lr_max - lr_min) * uniform01(rng);
  for (std::size_t c = 0; c < members.size(); ++c) {
    if (members[c].empty()) continue;
    const auto take = static_cast<std::size_t>(recipe.train_ratios[c] * static_cast<double>(members[c].size()));
    for (std::size_t k = 0; k < take; ++k) recipe.subset.push_back(members[c][uniform_index(rng, members[c].size())]);
  }
  return recipe;
}

std::string profile_of(const SimulationConfig& config) {
  return config.profile.empty() ? kPaperProfile : config.profile;
}

class ClassifierSimulator : public AnnotatorSimulator {
 public:
  std::string name() const override { return kName; }
  std::vector<std::string> option_names() const override {
    return {"max_epochs", "lr_min", "lr_max", "learning_rate", "min_samples", "batch_size"};
  }
  std::vector<std::string> profile_names() const override { return {kPaperProfile, kCleanProfile}; }
  bool needs_split(const SimulationConfig& config) const override { return profile_of(config) == kPaperProfile; }
  bool describes_annotators() const override { return true; }

  SimulatedAnnotations simulate(const Dataset& dataset, const SimulationConfig& config) const override {
    check_simulation_input(kName, dataset, config);
    check_simulator_options(kName, config, option_names());
    if (!config.rates.empty())
      throw ConfigError(std::string(kName) + ": takes no rate; the annotators' quality comes from their training");
    if (dataset.num_features() == 0)
      throw ConfigError(std::string(kName) + ": data set '" + dataset.name + "' has no features to train on");
    const double max_epochs = simulator_option(config, "max_epochs", 20.0);
    const std::string profile = profile_of(config);
    const bool paper = profile == kPaperProfile;
    for (const char* key : paper ? std::vector<const char*>{"lr_min", "lr_max"} : std::vector<const char*>{"learning_rate"})
      if (config.options.count(key) != 0)
        throw ConfigError(std::string(kName) + ": option " + key + " belongs to the " +
                          (paper ? "clean profile (drawn learning rates); the paper profile trains every annotator at "
                                   "learning_rate (default 0.001)"
                                 : "paper profile; the clean profile draws each annotator's rate from [lr_min, lr_max]"));
    const double lr_min = simulator_option(config, "lr_min", 1e-4);
    const double lr_max = simulator_option(config, "lr_max", 1e-1);
    const double fixed_learning_rate = simulator_option(config, "learning_rate", kReferenceAnnotatorLearningRate);
    if (!(fixed_learning_rate > 0.0)) throw ConfigError(std::string(kName) + ": learning_rate must be positive");
    const double min_samples = simulator_option(config, "min_samples", 10.0);
    const double batch_size = simulator_option(config, "batch_size", 64.0);
    if (!(max_epochs >= 1.0 && max_epochs <= 10000.0) || max_epochs != std::floor(max_epochs))
      throw ConfigError(std::string(kName) + ": max_epochs must be a whole number >= 1");
    if (!(lr_min > 0.0 && lr_max >= lr_min)) throw ConfigError(std::string(kName) + ": need 0 < lr_min <= lr_max");
    if (!(min_samples >= 0.0)) throw ConfigError(std::string(kName) + ": min_samples must not be negative");
    if (!(batch_size >= 2.0) || batch_size != std::floor(batch_size))
      throw ConfigError(std::string(kName) + ": batch_size must be a whole number >= 2");

    const std::size_t n = dataset.true_labels.size();
    const auto c_count = static_cast<int64_t>(dataset.num_classes());
    std::vector<std::vector<int64_t>> members(static_cast<std::size_t>(c_count));
    for (std::size_t i = 0; i < n; ++i)
      members[static_cast<std::size_t>(dataset.true_labels[i])].push_back(static_cast<int64_t>(i));

    FeatureMatrix scaled = classifier_simulation_inputs(dataset, profile);
    const torch::Tensor inputs =
        torch::from_blob(scaled.values.data(), {static_cast<int64_t>(n), static_cast<int64_t>(dataset.num_features())},
                         torch::kFloat32)
            .clone();
    const torch::Tensor targets = labels_to_tensor(dataset.true_labels);

    SimulatedAnnotations result;
    result.annotations = AnnotationMatrix(n, config.num_annotators, kMissingLabel);
    result.annotator_ids = simulated_annotator_ids(config.num_annotators);
    const torch::Device cpu(torch::kCPU);
    // An annotator's per-class share of the training data is what decides where it errs, so it is
    // the description a feature-taking method gets (with noise: the share is not known exactly).
    FeatureMatrix train_ratios(config.num_annotators, static_cast<std::size_t>(c_count));
    for (std::size_t m = 0; m < config.num_annotators; ++m) {
      Rng rng = annotator_rng(config, m);
      const AnnotatorRecipe recipe =
          draw_recipe(members, n, static_cast<int>(max_epochs), lr_min, lr_max, min_samples, rng);
      GroundTruthModel model{nullptr};
      {
        const SeededInitialisation seeded(config.seed, "simulation/classifier/annotator/" + std::to_string(m) + "/init");
        model = GroundTruthModel(static_cast<int64_t>(dataset.num_features()), c_count);
      }
      const double learning_rate = paper ? fixed_learning_rate : recipe.learning_rate;
      RAdam optimizer(model->parameters(), RAdamOptions(learning_rate));
      model->train(true);
      std::vector<int64_t> order = recipe.subset;
      const auto batch = static_cast<std::size_t>(batch_size);
      for (int epoch = 0; epoch < recipe.epochs; ++epoch) {
        shuffle_in_place(order, rng);
        for (std::size_t begin = 0; begin + batch <= order.size(); begin += batch) {  // drop_last
          const torch::Tensor index =
              torch::from_blob(order.data() + begin, {static_cast<int64_t>(batch)}, torch::kInt64).clone();
          optimizer.zero_grad();
          const torch::Tensor loss =
              torch::nn::functional::cross_entropy(model->forward(inputs.index_select(0, index)),
                                                   targets.index_select(0, index));
          loss.backward();
          optimizer.step();
        }
      }
      const torch::Tensor predicted =
          predict_batched(*model, inputs, 4096, cpu, [&](const torch::Tensor& x) { return model->forward(x); })
              .argmax(1)
              .contiguous();
      const int64_t* labels = predicted.data_ptr<int64_t>();
      for (std::size_t i = 0; i < n; ++i) result.annotations.at(i, m) = static_cast<int>(labels[i]);
      for (std::size_t c = 0; c < recipe.train_ratios.size(); ++c)
        train_ratios.at(m, c) = static_cast<float>(recipe.train_ratios[c]);
      result.annotator_profiles.push_back({{"annotator", result.annotator_ids[m]},
                                           {"kind", kName},
                                           {"beta_a", recipe.a},
                                           {"beta_b", recipe.b},
                                           {"train_ratios", recipe.train_ratios},
                                           {"training_subset_size", recipe.subset.size()},
                                           {"epochs", recipe.epochs},
                                           {"profile", profile},
                                           {"drawn_learning_rate", recipe.learning_rate},
                                           {"learning_rate", learning_rate}});
    }
    result.annotator_features = noisy_annotator_features(std::move(train_ratios), kFeatureNoise, config);
    return result;
  }
};

}  // namespace

std::unique_ptr<AnnotatorSimulator> make_classifier_simulator() { return std::make_unique<ClassifierSimulator>(); }

}  // namespace annotbench
