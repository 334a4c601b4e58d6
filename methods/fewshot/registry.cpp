#include <algorithm>

#include "datasets/input_error.h"
#include "methods/fewshot/fewshot_method.h"

namespace annotbench {

// One declaration and one table row per method; each make_* lives in that method's own file.
std::unique_ptr<FewShotMethod> make_meta_em(const FewShotOptions& options);
std::unique_ptr<FewShotMethod> make_meta_em_no_pa(const FewShotOptions& options);
std::unique_ptr<FewShotMethod> make_meta_em_j0(const FewShotOptions& options);
std::unique_ptr<FewShotMethod> make_proto_mv(const FewShotOptions& options);
std::unique_ptr<FewShotMethod> make_proto_ds(const FewShotOptions& options);
std::unique_ptr<FewShotMethod> make_proto_clean(const FewShotOptions& options);
std::unique_ptr<FewShotMethod> make_lr_mv(const FewShotOptions& options);
std::unique_ptr<FewShotMethod> make_lr_ds(const FewShotOptions& options);

const std::vector<FewShotMethodInfo>& registered_fewshot_methods() {
  static const std::vector<FewShotMethodInfo> methods = {
      {"meta-em", "meta-learned embedding + differentiable EM over per-annotator confusions (Kumagai et al. 2025)",
       make_meta_em},
      {"meta-em-noPA", "meta-em meta-trained on clean support (no pseudo-annotators; the paper's w/o PA)",
       make_meta_em_no_pa},
      {"meta-em-J0", "meta-em without EM: prototypes from majority-vote shares, in training and at test",
       make_meta_em_j0},
      {"proto-mv", "prototypical net meta-trained on clean tasks; support labels by majority vote (PrMV)",
       make_proto_mv},
      {"proto-ds", "prototypical net meta-trained on clean tasks; support labels by Dawid-Skene (PrDS)",
       make_proto_ds},
      {"proto-clean", "upper bound: prototypical net with the true support labels", make_proto_clean},
      {"lr-mv", "logistic regression on the support's raw features, majority-vote labels (LRMV)", make_lr_mv},
      {"lr-ds", "logistic regression on the support's raw features, Dawid-Skene labels (LRDS)", make_lr_ds},
  };
  return methods;
}

const FewShotMethodInfo& fewshot_method_info(const std::string& name) {
  std::string known;
  for (const FewShotMethodInfo& info : registered_fewshot_methods()) {
    if (info.name == name) return info;
    known += (known.empty() ? "" : ", ") + info.name;
  }
  throw ConfigError("unknown few-shot method '" + name + "' (known: " + known + ")");
}

std::unique_ptr<FewShotMethod> make_fewshot_method(const std::string& name, const FewShotOptions& options) {
  return fewshot_method_info(name).make(options);
}

std::vector<int> correct_per_task(const FewShotTaskBatch& tasks, const std::vector<double>& probabilities) {
  std::vector<int> correct(tasks.tasks, 0);
  const std::size_t K = tasks.classes;
  for (std::size_t t = 0; t < tasks.tasks; ++t)
    for (std::size_t q = 0; q < tasks.queries; ++q) {
      const double* row = probabilities.data() + (t * tasks.queries + q) * K;
      const auto predicted = static_cast<int>(std::max_element(row, row + K) - row);
      if (predicted == tasks.query_truth[t * tasks.queries + q]) ++correct[t];
    }
  return correct;
}

}  // namespace annotbench
