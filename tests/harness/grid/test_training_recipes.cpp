// Per-data-set training recipes (datasets/recipes.h, annot-mix-reference-study.md §1.2 and the table under
// §1.9): the reference's values per data set, a config's overrides field by field, the cell id and the
// row's record. No torch: the config and the recipe table only.

#include <gtest/gtest.h>

#include "datasets/input_error.h"
#include "datasets/recipes.h"
#include "harness/grid/config.h"
#include "harness/grid/experiment.h"
#include "harness/protocols/learning/training_recipe.h"

namespace annotbench {
namespace {

ExperimentConfig parse(const std::string& text) { return parse_experiment_config(nlohmann::json::parse(text), "t.json"); }

const ExperimentCell& cell_of(const ExperimentConfig& config, const std::string& dataset) {
  for (const ExperimentCell& cell : config.cells)
    if (cell.dataset == dataset) return cell;
  throw std::runtime_error("no cell of " + dataset);
}

TEST(TrainingRecipes, TheReferenceValuesPerDataSet) {
  // letter_sim: MLP 16 -> 256 -> 128, p = 0, RAdam lr 1e-2, wd 0 / 0, 50 epochs, batch 64, eval 512.
  const TrainingRecipe letter = training_recipe("letter");
  EXPECT_EQ(letter.hidden_widths, (std::vector<std::int64_t>{256, 128}));
  EXPECT_EQ(letter.dropout, 0.0);
  EXPECT_EQ(letter.gt_weight_decay, 0.0);
  EXPECT_EQ(letter.ap_weight_decay, 0.0);
  EXPECT_EQ(letter.epochs, 50);
  EXPECT_EQ(letter.batch_size, 64);
  EXPECT_EQ(letter.eval_batch_size, 512);
  EXPECT_EQ(letter.learning_rate, 1e-2);
  // music_genres: the same MLP with p = 0.5.
  const TrainingRecipe music = training_recipe("music-genres");
  EXPECT_EQ(music.hidden_widths, (std::vector<std::int64_t>{256, 128}));
  EXPECT_EQ(music.dropout, 0.5);
  EXPECT_EQ(music.gt_weight_decay, 0.0);
  // label_me: a [128] head with p = 0.5, GT weight decay 1e-4, AP 0, eval batch 64.
  const TrainingRecipe labelme = training_recipe("labelme");
  EXPECT_EQ(labelme.hidden_widths, (std::vector<std::int64_t>{128}));
  EXPECT_EQ(labelme.dropout, 0.5);
  EXPECT_EQ(labelme.gt_weight_decay, 1e-4);
  EXPECT_EQ(labelme.ap_weight_decay, 0.0);
  EXPECT_EQ(labelme.eval_batch_size, 64);
  // cifar_100_n: 100 epochs, batch 128, eval 128, lr 1e-3, GT wd 1e-4.
  const TrainingRecipe cifar = training_recipe("cifar-100n");
  EXPECT_EQ(cifar.epochs, 100);
  EXPECT_EQ(cifar.batch_size, 128);
  EXPECT_EQ(cifar.eval_batch_size, 128);
  EXPECT_EQ(cifar.learning_rate, 1e-3);
  EXPECT_EQ(cifar.gt_weight_decay, 1e-4);
  // A table the reference does not configure trains with the default, which is letter's.
  EXPECT_EQ(training_recipe("iris"), letter);
  EXPECT_EQ(training_recipe("iris"), default_training_recipe());
}

TEST(TrainingRecipes, LetterTrainsTheNetworkOfEveryEarlierCell) {
  // The cells of the committed letter results were made before recipes: their ids hold no network.
  EXPECT_TRUE(trains_default_network(training_settings(training_recipe("letter"))));
  EXPECT_FALSE(trains_default_network(training_settings(training_recipe("music-genres"))));
  EXPECT_FALSE(trains_default_network(training_settings(training_recipe("labelme"))));
  // Equal decays everywhere is today's one-group optimiser, whatever their value.
  TrainingSettings decayed = training_settings(training_recipe("letter"));
  decayed.weight_decay = decayed.ap_weight_decay = 1e-3;
  EXPECT_TRUE(trains_default_network(decayed));
}

TEST(TrainingRecipes, EachSettingTrainsWithItsDataSetsRecipe) {
  const ExperimentConfig config = parse(R"({"seeds": [0], "datasets": [
      {"dataset": "iris", "simulator": {"kind": "uniform", "rates": 0.2}},
      {"dataset": "music-genres"}, {"dataset": "labelme"}], "methods": ["annot-mix"]})");
  EXPECT_EQ(cell_of(config, "iris").training.dropout, 0.0);
  EXPECT_EQ(cell_of(config, "music-genres").training.dropout, 0.5);
  const TrainingSettings& labelme = cell_of(config, "labelme").training;
  EXPECT_EQ(labelme.hidden_widths, (std::vector<std::int64_t>{128}));
  EXPECT_EQ(labelme.weight_decay, 1e-4);
  EXPECT_EQ(labelme.ap_weight_decay, 0.0);
  EXPECT_EQ(labelme.eval_batch_size, 64);
  EXPECT_EQ(cell_of(config, "music-genres").recipe_source, training_recipe("music-genres").source);
}

TEST(TrainingRecipes, AnOverrideOfOneFieldKeepsTheOthers) {
  const ExperimentConfig config = parse(R"({"seeds": [0], "epochs": 7, "datasets": [
      {"dataset": "labelme", "recipe": {"dropout": 0.25}},
      {"dataset": "music-genres", "recipe": {"hidden_widths": [64, 32], "ap_weight_decay": 0.001}}],
      "methods": ["annot-mix"]})");
  const ExperimentCell& labelme = cell_of(config, "labelme");
  EXPECT_EQ(labelme.training.dropout, 0.25);
  EXPECT_EQ(labelme.training.epochs, 7);  // the config's top level, for every setting
  EXPECT_EQ(labelme.training.hidden_widths, (std::vector<std::int64_t>{128}));
  EXPECT_EQ(labelme.training.weight_decay, 1e-4);
  EXPECT_EQ(labelme.training.ap_weight_decay, 0.0);
  EXPECT_EQ(labelme.training.batch_size, 64);
  EXPECT_NE(labelme.recipe_source.find("overridden: epochs, dropout"), std::string::npos) << labelme.recipe_source;
  const ExperimentCell& music = cell_of(config, "music-genres");
  EXPECT_EQ(music.training.hidden_widths, (std::vector<std::int64_t>{64, 32}));
  EXPECT_EQ(music.training.dropout, 0.5);
  EXPECT_EQ(music.training.ap_weight_decay, 0.001);
  EXPECT_EQ(music.training.weight_decay, 0.0);
  // "weight_decay" sets both decays, as it did before the two existed.
  const ExperimentConfig both = parse(R"({"weight_decay": 0.01, "datasets": [{"dataset": "labelme"}], "methods": ["annot-mix"]})");
  EXPECT_EQ(both.cells.front().training.weight_decay, 0.01);
  EXPECT_EQ(both.cells.front().training.ap_weight_decay, 0.01);
}

TEST(TrainingRecipes, TheRecipeIsPartOfTheCellId) {
  const auto id_with = [](const std::string& recipe) {
    return cell_id(parse(R"({"datasets": [{"dataset": "music-genres")" + recipe + R"(}], "methods": ["annot-mix"]})")
                       .cells.front());
  };
  const std::string paper = id_with("");
  EXPECT_NE(paper, id_with(R"(, "recipe": {"dropout": 0.2})"));
  EXPECT_NE(paper, id_with(R"(, "recipe": {"hidden_widths": [128]})"));
  EXPECT_NE(paper, id_with(R"(, "recipe": {"ap_weight_decay": 0.0001})"));
  EXPECT_EQ(paper, id_with(R"(, "recipe": {"dropout": 0.5})"));  // the recipe's own value: the same cell
  // The default network adds nothing to an id: a letter cell's id is the one it had before recipes.
  ExperimentCell letter = parse(R"({"datasets": [{"dataset": "letter", "simulator": {"kind": "uniform", "rates": 0.2}}],
                                    "methods": ["annot-mix"]})").cells.front();
  const std::string before = cell_id(letter);
  letter.training.dropout = 0.1;
  EXPECT_NE(cell_id(letter), before);
}

TEST(TrainingRecipes, TwoRecipesOfOneSettingAreTwoSettingsNotADuplicate) {
  const ExperimentConfig config = parse(R"({"datasets": [{"dataset": "labelme"},
      {"dataset": "labelme", "setting": "labelme p=0", "recipe": {"dropout": 0}}], "methods": ["annot-mix"]})");
  ASSERT_EQ(config.cells.size(), 2u);
  EXPECT_NE(cell_id(config.cells[0]), cell_id(config.cells[1]));
  EXPECT_THROW(parse(R"({"datasets": [{"dataset": "labelme"}, {"dataset": "labelme", "setting": "again"}],
                          "methods": ["annot-mix"]})"),
               InputError);
}

TEST(TrainingRecipes, BadRecipeFieldsNameTheirField) {
  const auto field_of = [](const std::string& text) {
    try {
      parse(text);
    } catch (const InputError& error) {
      return error.field();
    }
    return std::string("no error");
  };
  EXPECT_EQ(field_of(R"({"datasets": [{"dataset": "labelme", "recipe": {"dropout": 1}}], "methods": ["annot-mix"]})"),
            "datasets[0].recipe.dropout");
  EXPECT_EQ(field_of(R"({"datasets": [{"dataset": "labelme", "recipe": {"droput": 0.1}}], "methods": ["annot-mix"]})"),
            "datasets[0].recipe.droput");
  EXPECT_EQ(field_of(R"({"hidden_widths": [0], "datasets": [{"dataset": "labelme"}], "methods": ["annot-mix"]})"),
            "hidden_widths");
  EXPECT_EQ(field_of(R"({"ap_weight_decay": -1, "datasets": [{"dataset": "labelme"}], "methods": ["annot-mix"]})"),
            "ap_weight_decay");
}

TEST(TrainingRecipes, TheRowRecordsEveryFieldInForce) {
  const TrainingSettings labelme = training_settings(training_recipe("labelme"));
  const nlohmann::json recorded = recipe_to_json(labelme, "somewhere");
  EXPECT_EQ(recorded.at("hidden_widths"), nlohmann::json::array({128}));
  EXPECT_EQ(recorded.at("dropout"), 0.5);
  EXPECT_EQ(recorded.at("gt_weight_decay"), 1e-4);
  EXPECT_EQ(recorded.at("ap_weight_decay"), 0.0);
  EXPECT_EQ(recorded.at("epochs"), 50);
  EXPECT_EQ(recorded.at("batch_size"), 64);
  EXPECT_EQ(recorded.at("eval_batch_size"), 64);
  EXPECT_EQ(recorded.at("learning_rate"), 1e-2);
  EXPECT_EQ(recorded.at("source"), "somewhere");
}

}  // namespace
}  // namespace annotbench
