#pragma once
// Few-shot learning from several noisy annotators: one interface for every method of the few-shot table
// (meta-em and its ablations, prototypical networks on aggregated labels, logistic regression on the
// support), registered by name like the learning methods and the aggregators. No torch here.

#include <cstdint>
#include <functional>
#include <map>
#include <memory>
#include <string>
#include <vector>

#include "datasets/fewshot_tasks.h"

namespace annotbench {

using FewShotOptions = std::map<std::string, double>;

// Where meta-training draws its episodes. The harness owns the data and the annotator sampler, so a
// method only says what it wants: a batch of `tasks` training tasks with `shot` support rows per class
// and `annotators` annotators per task, labelled by pseudo-annotators (noisy) or by perfect ones.
struct EpisodeSource {
  std::function<FewShotTaskBatch(std::uint64_t batch_seed, std::size_t tasks, std::size_t shot,
                                 std::size_t annotators, bool noisy)>
      training_batch;
  // Fixed noisy validation tasks (early stopping), one batch per shot.
  std::vector<FewShotTaskBatch> validation;
};

struct MetaTrainingSettings {
  std::uint64_t seed = 0;
  int iterations = 5000;         // meta-iterations (Adam steps)
  int tasks_per_iteration = 4;   // meta-batch
  int validate_every = 250;      // iterations between early-stopping checks
  double learning_rate = 1e-3;
  std::vector<std::size_t> shots = {1, 3, 5};        // one drawn per meta-batch
  std::vector<std::size_t> annotators = {3, 5, 7};   // one drawn per task (padded with silent annotators)
  std::function<void(int iteration, double loss, double valid_accuracy)> on_validation;  // progress
};

struct MetaTrainingSummary {
  int iterations = 0;             // run
  int best_iteration = 0;         // whose parameters were kept (0: the initial ones)
  double best_valid_accuracy = 0.0;
  double seconds = 0.0;
};

struct FewShotPrediction {
  int em_steps = -1;        // EM iterations at test time; < 0: the method's own
  std::uint64_t seed = 0;   // ties of aggregated labels
};

class FewShotMethod {
 public:
  virtual ~FewShotMethod() = default;
  virtual std::string name() const = 0;
  // Every option in force, defaults included.
  virtual FewShotOptions options() const = 0;
  // Methods without meta-training (logistic regression on the support) return an empty summary.
  virtual MetaTrainingSummary meta_train(const EpisodeSource& source, const MetaTrainingSettings& settings) = 0;
  // Class probabilities of every query row: T x queries x K, row-major.
  virtual std::vector<double> predict(const FewShotTaskBatch& tasks, const FewShotPrediction& prediction) const = 0;
  // Whether FewShotPrediction::em_steps means anything to it.
  virtual bool has_em_steps() const { return false; }
};

struct FewShotMethodInfo {
  std::string name;
  std::string summary;
  std::function<std::unique_ptr<FewShotMethod>(const FewShotOptions&)> make;
};

const std::vector<FewShotMethodInfo>& registered_fewshot_methods();
const FewShotMethodInfo& fewshot_method_info(const std::string& name);  // ConfigError listing known names
std::unique_ptr<FewShotMethod> make_fewshot_method(const std::string& name, const FewShotOptions& options = {});

// Correct query predictions per task (argmax of the probabilities; ties: the first class).
std::vector<int> correct_per_task(const FewShotTaskBatch& tasks, const std::vector<double>& probabilities);

}  // namespace annotbench
