#pragma once
// Each data set's training recipe: the GT network and the optimiser settings every learning method
// trains with on it (the annot-mix reference gives each data set its own, conf/data/*.yaml and
// conf/architecture/*.yaml; annot-mix-reference-study.md §1.2 and §1.9). A new data set that needs
// its own recipe adds one entry to recipes.cpp; every other data set gets default_training_recipe().

#include <cstdint>
#include <string>
#include <vector>

namespace annotbench {

struct TrainingRecipe {
  // The GT MLP: Linear -> BatchNorm -> ReLU -> Dropout(dropout) per hidden width, then Linear to C.
  // The dropout follows the last hidden layer too, so the annotator model sees the dropped-out
  // embedding, as in the reference.
  std::vector<std::int64_t> hidden_widths = {256, 128};
  double dropout = 0.0;
  double gt_weight_decay = 0.0;  // RAdam's coupled L2 on the GT parameters
  double ap_weight_decay = 0.0;  // ... and on every other (annotator-model) parameter
  int epochs = 50;
  int batch_size = 64;
  int eval_batch_size = 512;
  double learning_rate = 1e-2;
  // Where the values come from, for a reader of `annotbench datasets --recipes` and of the rows.
  std::string source = "suite default (the reference's letter recipe)";

  bool operator==(const TrainingRecipe& other) const;
  bool operator!=(const TrainingRecipe& other) const { return !(*this == other); }
};

// The suite's recipe for data sets the reference does not configure: its letter recipe.
TrainingRecipe default_training_recipe();

// The recipe of a registered data set (its own where recipes.cpp has one, else the default).
TrainingRecipe training_recipe(const std::string& dataset);

// The data sets that have a recipe of their own, by name.
std::vector<std::string> datasets_with_own_recipe();

}  // namespace annotbench
