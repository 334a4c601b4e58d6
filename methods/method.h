#pragma once
// One interface for every multi-annotator learning method. No torch here: the harness, the registry
// and the tests of the registry build without it; each method's .cpp keeps its torch code inside.

#include <cstdint>
#include <functional>
#include <map>
#include <memory>
#include <stdexcept>
#include <string>
#include <vector>

#include "datasets/dataset.h"

namespace annotbench {

// A method's hyper-parameters by name (alpha, eta, lambda, ...), as given on the CLI or in a config.
using MethodOptions = std::map<std::string, double>;

// One step of training's progress: an epoch of a learning method, or a validation check of
// few-shot meta-training, which counts iterations (probe N31: these were printed as epochs).
struct EpochReport {
  int epoch = 0;        // 1-based, in `unit`s
  int epochs = 0;
  double loss = 0.0;    // mean training loss over the epoch
  double seconds = 0.0; // since fit() began
  const char* unit = "epoch";
};

struct TrainingSettings {
  int epochs = 50;
  int batch_size = 64;
  int eval_batch_size = 512;
  double learning_rate = 1e-2;
  double weight_decay = 0.0;     // the GT model's parameters
  double ap_weight_decay = 0.0;  // every other parameter (the annotator model's)
  // The GT network of the data set's recipe (datasets/recipes.h): its hidden widths and the
  // dropout after every hidden layer. Methods build their GT model from these.
  std::vector<std::int64_t> hidden_widths = {256, 128};
  double dropout = 0.0;
  std::string device = "cpu";  // "cpu" or "cuda"
  std::uint64_t seed = 0;
  // Called once per epoch; empty when the caller wants silence (--quiet).
  std::function<void(const EpochReport&)> on_epoch;
};

// A training run whose loss became NaN or infinite: it has no result to report.
class TrainingDiverged : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

class Method {
 public:
  virtual ~Method() = default;

  virtual std::string name() const = 0;

  // Every hyper-parameter in force, defaults included; recorded in each result row.
  virtual MethodOptions hyperparameters() const = 0;

  // `train` holds standardised features and its annotations (and, for the ground-truth upper bound
  // only, its true labels). `valid` may be null.
  virtual void fit(const Dataset& train, const Dataset* valid, const TrainingSettings& settings) = 0;

  // p(y | x): one row of C probabilities per row of `features`.
  virtual FeatureMatrix predict_proba(const FeatureMatrix& features) const = 0;

  // Estimated probability that each annotator labels each instance correctly (N x M); an empty
  // matrix for methods that model no annotator.
  virtual FeatureMatrix annotator_performance(const FeatureMatrix& features) const { return {}; }
};

// Trains one fitted Method per seed in one pass (stacked parameters, batched products, one
// optimiser step for all); replica r is distributed as fit() with seed seeds[r] would be. Returns
// an empty vector when these options have no batched form (the caller then fits one by one).
using ReplicaTrainer = std::function<std::vector<std::unique_ptr<Method>>(
    const MethodOptions& options, const Dataset& train, const Dataset* valid, const TrainingSettings& settings,
    const std::vector<std::uint64_t>& seeds)>;

struct MethodInfo {
  std::string name;
  std::string summary;
  std::function<std::unique_ptr<Method>(const MethodOptions&)> make;
  ReplicaTrainer fit_replicas = {};  // empty: no batched form
};

const MethodInfo& method_info(const std::string& name);

// All registered methods, in the order reports list them.
const std::vector<MethodInfo>& registered_methods();

// Throws ConfigError naming the unknown method and the known ones.
std::unique_ptr<Method> make_method(const std::string& name, const MethodOptions& options = {});

// Throws ConfigError when `options` names a key outside `known` (a typo must not silently fall back
// to a default).
void check_option_names(const std::string& method, const MethodOptions& options,
                        const std::vector<std::string>& known);

// options[key] if given, else the default.
double option_or(const MethodOptions& options, const std::string& key, double fallback);

// Typed reads of an option that refuse what would otherwise be coerced silently (probe W10, W12);
// each throws ConfigError naming the method and the option.
// A switch: 0 or 1 (a JSON true/false arrives as 1/0).
bool switch_option(const std::string& method, const MethodOptions& options, const std::string& key, bool fallback);
// A layer width: a whole number in [1, 65536] (1e9 would ask LibTorch for gigabytes).
std::int64_t size_option(const std::string& method, const MethodOptions& options, const std::string& key,
                         std::int64_t fallback);
// A mixup concentration or a regulariser's weight: finite and >= 0 (a negative weight turns the
// penalty into a reward).
double weight_option(const std::string& method, const MethodOptions& options, const std::string& key,
                     double fallback);

}  // namespace annotbench
