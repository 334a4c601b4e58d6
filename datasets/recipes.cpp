#include "datasets/recipes.h"

#include <map>

namespace annotbench {

namespace {

const char* const kReference = "annot-mix reference (3c5f912) conf/data/";

// The reference's per-data-set settings (annot-mix-reference-study.md, the table under §1.9), for
// the data sets the suite has. CIFAR's recipe is the reference's optimiser; its network is a
// ResNet-18 trained on the pixels, which the suite does not have: on the optional features.npy it
// trains the default MLP.
const std::map<std::string, TrainingRecipe>& own_recipes() {
  static const std::map<std::string, TrainingRecipe> recipes = [] {
    std::map<std::string, TrainingRecipe> table;
    TrainingRecipe letter;
    letter.source = std::string(kReference) + "letter_sim.yaml, conf/architecture/tabnet_letter_sim.yaml";
    table["letter"] = letter;

    TrainingRecipe music = letter;
    music.dropout = 0.5;
    music.source = std::string(kReference) + "music_genres.yaml, conf/architecture/tabnet_music_genres.yaml";
    table["music-genres"] = music;

    // The reference trains a [128] head with dropout 0.5 on frozen DINOv2 features of augmented
    // images; the suite's files are fixed VGG16 features, so only the head is the reference's.
    TrainingRecipe labelme = letter;
    labelme.hidden_widths = {128};
    labelme.dropout = 0.5;
    labelme.gt_weight_decay = 1e-4;
    labelme.eval_batch_size = 64;
    labelme.source = std::string(kReference) + "label_me.yaml, conf/architecture/dino_label_me.yaml (head only)";
    table["labelme"] = labelme;

    struct Cifar {
      const char* name;
      const char* reference_file;
      int eval_batch_size;
    };
    for (const Cifar& set : {Cifar{"cifar-10h", "cifar_10_h.yaml", 512}, Cifar{"cifar-10n", "cifar_10_n.yaml", 512},
                             Cifar{"cifar-100n", "cifar_100_n.yaml", 128}}) {
      TrainingRecipe cifar = letter;
      cifar.epochs = 100;
      cifar.batch_size = 128;
      cifar.eval_batch_size = set.eval_batch_size;
      cifar.learning_rate = 1e-3;
      cifar.gt_weight_decay = 1e-4;
      cifar.source = std::string(kReference) + set.reference_file + " (its optimiser; its ResNet-18 is not in the suite)";
      table[set.name] = cifar;
    }
    return table;
  }();
  return recipes;
}

}  // namespace

bool TrainingRecipe::operator==(const TrainingRecipe& other) const {
  return hidden_widths == other.hidden_widths && dropout == other.dropout &&
         gt_weight_decay == other.gt_weight_decay && ap_weight_decay == other.ap_weight_decay &&
         epochs == other.epochs && batch_size == other.batch_size && eval_batch_size == other.eval_batch_size &&
         learning_rate == other.learning_rate;
}

TrainingRecipe default_training_recipe() { return TrainingRecipe{}; }

TrainingRecipe training_recipe(const std::string& dataset) {
  const auto& recipes = own_recipes();
  const auto found = recipes.find(dataset);
  return found == recipes.end() ? default_training_recipe() : found->second;
}

std::vector<std::string> datasets_with_own_recipe() {
  std::vector<std::string> names;
  for (const auto& entry : own_recipes()) names.push_back(entry.first);
  return names;
}

}  // namespace annotbench
