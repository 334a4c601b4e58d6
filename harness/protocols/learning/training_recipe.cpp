#include "harness/protocols/learning/training_recipe.h"

namespace annotbench {

TrainingSettings training_settings(const TrainingRecipe& recipe) {
  TrainingSettings settings;
  settings.epochs = recipe.epochs;
  settings.batch_size = recipe.batch_size;
  settings.eval_batch_size = recipe.eval_batch_size;
  settings.learning_rate = recipe.learning_rate;
  settings.weight_decay = recipe.gt_weight_decay;
  settings.ap_weight_decay = recipe.ap_weight_decay;
  settings.hidden_widths = recipe.hidden_widths;
  settings.dropout = recipe.dropout;
  return settings;
}

nlohmann::json recipe_to_json(const TrainingSettings& training, const std::string& source) {
  return {{"hidden_widths", training.hidden_widths},   {"dropout", training.dropout},
          {"gt_weight_decay", training.weight_decay},  {"ap_weight_decay", training.ap_weight_decay},
          {"epochs", training.epochs},                 {"batch_size", training.batch_size},
          {"eval_batch_size", training.eval_batch_size}, {"learning_rate", training.learning_rate},
          {"source", source}};
}

bool trains_default_network(const TrainingSettings& training) {
  const TrainingSettings before_recipes;
  return training.hidden_widths == before_recipes.hidden_widths && training.dropout == 0.0 &&
         training.ap_weight_decay == training.weight_decay;
}

std::string recipe_source(const TrainingRecipe& recipe, const std::vector<std::string>& overridden) {
  if (overridden.empty()) return recipe.source;
  std::string fields;
  for (const std::string& field : overridden) fields += (fields.empty() ? "" : ", ") + field;
  return recipe.source + "; overridden: " + fields;
}

}  // namespace annotbench
