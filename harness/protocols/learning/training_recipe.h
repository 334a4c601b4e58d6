#pragma once
// A data set's training recipe (datasets/recipes.h) as the settings a learning cell trains with, and
// as its result row records it.

#include <string>

#include <nlohmann/json.hpp>

#include "datasets/recipes.h"
#include "methods/method.h"

namespace annotbench {

// The recipe's network, optimiser and batch sizes; device and seed keep their defaults.
TrainingSettings training_settings(const TrainingRecipe& recipe);

// What a row records: every field of the recipe in force and where it comes from.
nlohmann::json recipe_to_json(const TrainingSettings& training, const std::string& source);

// True when the settings train the network every cell trained before recipes existed ([256, 128],
// no dropout, one weight decay for all parameters): such cells keep the ids they always had.
bool trains_default_network(const TrainingSettings& training);

// "source; overridden: dropout, epochs" (just the source when nothing was overridden).
std::string recipe_source(const TrainingRecipe& recipe, const std::vector<std::string>& overridden);

}  // namespace annotbench
