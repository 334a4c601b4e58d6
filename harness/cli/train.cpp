#include <cstdio>
#include <iostream>
#include <optional>

#include "datasets/input_error.h"
#include "harness/grid/cell_checks.h"
#include "harness/cli/command.h"
#include "methods/runtime.h"
#include "harness/io/key_values.h"
#include "harness/grid/experiment.h"
#include "harness/store/result_store.h"
#include "harness/protocols/learning/training_recipe.h"

namespace annotbench {

namespace {

// A whole-number option in [lowest, highest]: 4294967297 epochs must not become 1 (probe W10).
int int_option(const Args& args, const std::string& name, int fallback, int lowest, int highest) {
  const long long value = args.get_int(name, fallback);
  if (value < lowest || value > highest)
    throw ConfigError("--" + name + " must lie in [" + std::to_string(lowest) + ", " + std::to_string(highest) +
                      "], got " + std::to_string(value));
  return static_cast<int>(value);
}

// The option that sets a field first_problem() names.
std::string option_of(const std::string& field) {
  static const std::map<std::string, std::string> options = {
      {"epochs", "--epochs"}, {"batch_size", "--batch-size"}, {"eval_batch_size", "--eval-batch-size"},
      {"learning_rate", "--learning-rate"}, {"weight_decay", "--weight-decay/--gt-weight-decay"},
      {"ap_weight_decay", "--ap-weight-decay"}, {"dropout", "--dropout"}, {"hidden_widths", "--hidden-widths"},
      {"device", "--device"},
      {"split.test_fraction", "--test-fraction"}, {"split.valid_size", "--valid-size"},
      {"split", "--test-fraction/--valid-size"}, {"dataset", "--dataset"}, {"simulator", "--simulator"},
      {"method", "--method"}};
  const auto found = options.find(field);
  return found == options.end() ? field : found->second;
}

int train(const Args& args) {
  ExperimentCell cell;
  cell.dataset = args.require("dataset");
  cell.method = args.require("method");
  if (args.has("simulator")) {
    cell.simulation.kind = args.get("simulator");
    const long long annotators = args.get_int("annotators", 10);
    if (annotators < 1) throw ConfigError("--annotators must be at least 1");
    cell.simulation.num_annotators = static_cast<std::size_t>(annotators);
    cell.simulation.rates = args.get_double_list("rate");
    for (const double count : args.get_double_list("labels-per-instance")) {
      if (count != static_cast<int>(count))
        throw ConfigError("--labels-per-instance: expected whole numbers, got " + std::to_string(count));
      cell.simulation.labels_per_instance.push_back(static_cast<int>(count));
    }
    cell.simulation.missing_fraction = args.get_double("missing-fraction", 0.0);
    std::string simulator_options = args.get("simulator-options");
    cell.simulation.profile = take_text_value(simulator_options, "profile");
    cell.simulation.options = parse_key_values("simulator-options", simulator_options);
    const long long simulation_seed = args.get_int("simulation-seed", 0);
    if (simulation_seed < 0) throw ConfigError("--simulation-seed must not be negative");
    cell.simulation.seed = static_cast<std::uint64_t>(simulation_seed);
    cell.simulation = with_default_profile(cell.simulation);
  }
  cell.setting = default_setting_label(cell.dataset, cell.simulation);
  cell.method_options = parse_key_values("method-options", args.get("method-options"));
  cell.split.test_fraction = args.get_double("test-fraction", cell.split.test_fraction);
  cell.split.valid_size = args.get_double("valid-size", cell.split.valid_size);
  const long long seed = args.get_int("seed", 0);
  if (seed < 0) throw ConfigError("--seed must not be negative");
  // The data set's recipe (datasets/recipes.h), then what the command line overrides.
  TrainingRecipe recipe = training_recipe(cell.dataset);
  std::vector<std::string> overridden;
  for (const char* option : {"epochs", "batch-size", "eval-batch-size", "learning-rate", "weight-decay",
                             "gt-weight-decay", "ap-weight-decay", "hidden-widths", "dropout"})
    if (args.has(option)) overridden.push_back(option);
  recipe.epochs = int_option(args, "epochs", recipe.epochs, 1, 1000000);
  recipe.batch_size = int_option(args, "batch-size", recipe.batch_size, 1, 1 << 24);
  recipe.eval_batch_size = int_option(args, "eval-batch-size", recipe.eval_batch_size, 1, 1 << 24);
  recipe.learning_rate = args.get_double("learning-rate", recipe.learning_rate);
  if (args.has("weight-decay")) recipe.gt_weight_decay = recipe.ap_weight_decay = args.get_double("weight-decay", 0);
  recipe.gt_weight_decay = args.get_double("gt-weight-decay", recipe.gt_weight_decay);
  recipe.ap_weight_decay = args.get_double("ap-weight-decay", recipe.ap_weight_decay);
  recipe.dropout = args.get_double("dropout", recipe.dropout);
  if (args.has("hidden-widths")) {
    recipe.hidden_widths.clear();
    for (const double width : args.get_double_list("hidden-widths")) {
      if (width != static_cast<double>(static_cast<std::int64_t>(width)))
        throw ConfigError("--hidden-widths: expected whole numbers, got " + std::to_string(width));
      recipe.hidden_widths.push_back(static_cast<std::int64_t>(width));
    }
  }
  cell.training = training_settings(recipe);
  cell.recipe_source = recipe_source(recipe, overridden);
  cell.training.seed = static_cast<std::uint64_t>(seed);
  cell.training.device = args.get("device", "cpu");
  // Checked before any data is read, and before LibTorch sees a learning rate of -1 (probe U12).
  if (const std::optional<SettingProblem> problem = first_problem(cell))
    throw ConfigError(option_of(problem->field) + ": " + problem->problem);
  if (!args.has("quiet")) {
    cell.training.on_epoch = [](const EpochReport& report) {
      std::fprintf(stderr, "%s %d/%d  loss %.4f  (%.1f s)\n", report.unit, report.epoch, report.epochs, report.loss,
                   report.seconds);
    };
  }

  const long long replicas = args.get_int("replicas", 1);
  if (replicas < 1) throw ConfigError("--replicas must be at least 1");
  std::vector<ExperimentCell> cells;
  for (long long r = 0; r < replicas; ++r) {
    cells.push_back(cell);
    cells.back().training.seed = cell.training.seed + static_cast<std::uint64_t>(r);
  }

  resolve_data_files(cells, args.get("data-dir"));
  // Opened before training: a --results path that is not a results file, or cannot be written,
  // fails now instead of after the training it would throw away (D2, D4).
  const std::string results = args.get("results", "results/scratch/train.jsonl");
  std::optional<ResultFile> results_file;
  if (results != "-") results_file.emplace(results, std::cerr);
  const auto prepared = prepare_setting(cells.front(), args.get("data-dir"));
  pin_training_threads();  // the threads `run` trains its cells with, so that `train` gives its rows
  const std::vector<nlohmann::json> rows = run_cells(cells, *prepared);
  for (const nlohmann::json& row : rows) {
    std::cout << row.dump() << "\n";
    if (!args.has("quiet")) {
      std::fprintf(stderr, "%s | %s | seed %llu: test accuracy %.4f, %.1f s training%s\n", cell.setting.c_str(),
                   cell.method.c_str(), row.at("seed").get<unsigned long long>(),
                   row.at("metrics").value("test_accuracy", -1.0), row.at("train_seconds").get<double>(),
                   row.value("replicas", 1) > 1 ? " (its share of a batched pass)" : "");
    }
    if (results_file) results_file->append(row);
  }
  return 0;
}

}  // namespace

CommandSpec train_command() {
  std::vector<OptionSpec> options = {
      {"dataset", "NAME", "registered data set (see annotbench datasets)"},
      {"simulator", "KIND", "annotator simulator (see annotbench simulate --help); omit for a set's own annotations"},
      {"annotators", "M", "simulated annotators (default 10)"},
      {"rate", "R[,R...]", "noise rate, one for all or one per annotator"},
      {"labels-per-instance", "K[,K...]", "labels kept per instance, drawn from this list (default: all)"},
      {"missing-fraction", "F", "drop this fraction of labels instead (default 0)"},
      {"simulator-options", "K=V,...", "simulator-specific settings; classifier: profile=paper (the reference's quirks, default) or profile=clean"},
      {"simulation-seed", "S", "seed of the annotators and the split (default 0)"},
      {"method", "NAME", "method to train (see annotbench methods)"},
      {"method-options", "K=V,...", "hyper-parameters, e.g. alpha=1,eta=0.9"},
      {"seed", "S", "seed of the training run (default 0)"},
      {"replicas", "R", "train R runs, seeds S..S+R-1, together as batched replicas where the method has a batched form (annot-mix), one by one otherwise; one row each (default 1)"},
      {"epochs", "E", "training epochs (default: the data set's recipe, see annotbench datasets --recipes)"},
      {"batch-size", "B", "training batch size (default: the recipe's)"},
      {"eval-batch-size", "B", "batch size of prediction (default: the recipe's)"},
      {"learning-rate", "LR", "initial learning rate of RAdam (default: the recipe's)"},
      {"weight-decay", "W", "RAdam's weight decay of every parameter (default: the recipe's)"},
      {"gt-weight-decay", "W", "weight decay of the GT model's parameters only"},
      {"ap-weight-decay", "W", "weight decay of the annotator model's parameters only"},
      {"hidden-widths", "H[,H...]", "the GT MLP's hidden widths (default: the recipe's, e.g. 256,128)"},
      {"dropout", "P", "dropout after every hidden layer of the GT MLP (default: the recipe's)"},
      {"device", "cpu|cuda|cuda:N", "where to train (default cpu)"},
      {"test-fraction", "F", "test part of the split (default 0.2)"},
      {"valid-size", "V", "validation part: a count if >= 1, else a fraction (default 0.1)"},
      {"results", "FILE", "append the result row here (default results/scratch/train.jsonl; - for none)"},
      {"quiet", "", "print only the result row"},
  };
  for (const OptionSpec& option : data_dir_options()) options.push_back(option);
  return {"train",
          "annotbench train --dataset NAME [--simulator KIND ...] --method NAME [--seed S] [--epochs E] [--device cpu|cuda]",
          "Train and evaluate one method on one data set; prints progress and the result row.", options, train};
}

}  // namespace annotbench
