#include "harness/protocols/fewshot/fewshot_protocol.h"

#include <algorithm>
#include <chrono>
#include <cmath>
#include <cstdio>

#include "datasets/input_error.h"
#include "datasets/random.h"
#include "harness/grid/experiment.h"
#include "harness/store/timestamp.h"
#include "methods/fewshot/fewshot_method.h"
#include "methods/runtime.h"

namespace annotbench {

namespace {

double seconds_since(std::chrono::steady_clock::time_point start) {
  return std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
}

AnnotatorMix mix_from_json(const nlohmann::json& value, const std::string& path, const std::string& field) {
  if (!value.is_array() || value.size() < 3 || value.size() > 5)
    throw InputError(path, 0, field, "expected [expert, hammer, spammer(, flipper, class-wise spammer)] shares, got " + value.dump());
  std::vector<double> shares(5, 0.0);
  for (std::size_t f = 0; f < value.size(); ++f) {
    if (!value[f].is_number()) throw InputError(path, 0, field, "expected numbers, got " + value.dump());
    shares[f] = value[f].get<double>();
  }
  try {
    return annotator_mix(shares[0], shares[1], shares[2], shares[3], shares[4]);
  } catch (const ConfigError& error) {
    throw InputError(path, 0, field, error.what());
  }
}

nlohmann::json mix_to_json(const AnnotatorMix& mix) {
  std::vector<double> shares = mix.shares;
  while (shares.size() > 3 && shares.back() == 0.0) shares.pop_back();
  return shares;
}

std::vector<std::size_t> counts_from_json(const nlohmann::json& value, const std::string& path, const std::string& field,
                                          std::size_t lowest, std::size_t highest) {
  if (!value.is_array() || value.empty()) throw InputError(path, 0, field, "expected a non-empty list of whole numbers");
  std::vector<std::size_t> counts;
  for (const nlohmann::json& item : value) {
    if (!item.is_number_integer() || item.get<long long>() < static_cast<long long>(lowest) ||
        item.get<long long>() > static_cast<long long>(highest))
      throw InputError(path, 0, field, "expected whole numbers in [" + std::to_string(lowest) + ", " +
                                            std::to_string(highest) + "], got " + item.dump());
    counts.push_back(item.get<std::size_t>());
  }
  return counts;
}

std::size_t count_from_json(const nlohmann::json& object, const std::string& key, std::size_t fallback,
                            const std::string& path, const std::string& field, std::size_t lowest, std::size_t highest) {
  if (!object.contains(key)) return fallback;
  return counts_from_json(nlohmann::json::array({object.at(key)}), path, field + "." + key, lowest, highest).front();
}

struct TestSetting {
  std::size_t shots = 0, annotators = 0, mix = 0;
  double missing = 0.0;
};

std::vector<TestSetting> test_settings(const FewShotProtocol& protocol, std::size_t real_annotators) {
  std::vector<TestSetting> settings;
  if (protocol.real_annotators) {
    for (const std::size_t shots : protocol.shots) settings.push_back({shots, real_annotators, 0, 0.0});
    return settings;
  }
  for (std::size_t m = 0; m < protocol.test_mixes.size(); ++m)
    for (const std::size_t shots : protocol.shots)
      for (const std::size_t annotators : protocol.annotators) settings.push_back({shots, annotators, m, 0.0});
  if (protocol.sparse_missing > 0)
    for (const std::size_t shots : protocol.shots)
      for (const std::size_t annotators : protocol.annotators)
        settings.push_back({shots, annotators, 0, protocol.sparse_missing});
  return settings;
}

std::string setting_seed_text(const TestSetting& setting, const AnnotatorMix& mix) {
  char text[160];
  std::snprintf(text, sizeof text, "fewshot test tasks|shots %zu|annotators %zu|mix %s|missing %g", setting.shots,
                setting.annotators, mix.label.c_str(), setting.missing);
  return text;
}

// Meta-test rows: those the data set's annotators labelled (LabelMe's 1000 training images); the rest,
// with their true labels only, are the meta-train and validation rows.
ClassSplit split_by_annotation(const Dataset& dataset, std::uint64_t seed) {
  if (!dataset.has_annotations())
    throw ConfigError("data set '" + dataset.name + "' has no annotators of its own for real_annotators");
  std::vector<std::size_t> labelled, other;
  for (std::size_t n = 0; n < dataset.num_instances(); ++n) {
    bool any = false;
    for (std::size_t m = 0; m < dataset.num_annotators() && !any; ++m) any = dataset.annotations.at(n, m) != kMissingLabel;
    (any ? labelled : other).push_back(n);
  }
  return split_rows(dataset, other, labelled, 0.2, seed);
}

// The data set's own labels of each support row, mapped to task classes; a label of a class outside
// the task counts as missing.
void annotate_from_dataset(FewShotTaskBatch& batch, const Dataset& dataset) {
  const std::size_t annotators = dataset.num_annotators();
  batch.annotators = annotators;
  batch.support_labels.assign(batch.tasks * batch.support * annotators, kMissingLabel);
  for (std::size_t t = 0; t < batch.tasks; ++t)
    for (std::size_t n = 0; n < batch.support; ++n) {
      const std::size_t row = batch.support_rows[t * batch.support + n];
      for (std::size_t m = 0; m < annotators; ++m) {
        const int label = dataset.annotations.at(row, m);
        if (label == kMissingLabel) continue;
        for (std::size_t k = 0; k < batch.classes; ++k)
          if (batch.task_classes[t * batch.classes + k] == label)
            batch.support_labels[(t * batch.support + n) * annotators + m] = static_cast<int>(k);
      }
    }
}

}  // namespace

FewShotProtocol fewshot_protocol_from_json(const nlohmann::json& description, const std::string& path,
                                           const std::string& field) {
  if (!description.is_object()) throw InputError(path, 0, field, "expected an object");
  const std::vector<std::string> known = {"class_split", "ways", "shots", "annotators", "queries_per_class",
                                          "test_tasks", "secondary_test_tasks", "test_mixes", "em_steps_sweep", "sparse_missing",
                                          "real_annotators", "meta_training"};
  for (const auto& [key, value] : description.items())
    if (std::find(known.begin(), known.end(), key) == known.end())
      throw InputError(path, 0, field + "." + key,
                       "unknown field (known: class_split, ways, shots, annotators, queries_per_class, test_tasks, "
                       "secondary_test_tasks, test_mixes, em_steps_sweep, sparse_missing, real_annotators, meta_training)");
  FewShotProtocol protocol;
  if (description.contains("class_split")) {
    const std::vector<std::size_t> parts = counts_from_json(description.at("class_split"), path, field + ".class_split", 0, 1000);
    if (parts.size() != 3) throw InputError(path, 0, field + ".class_split", "expected [train, valid, test] class counts");
    protocol.class_split.train_classes = parts[0];
    protocol.class_split.valid_classes = parts[1];
    protocol.class_split.test_classes = parts[2];
  }
  protocol.ways = count_from_json(description, "ways", protocol.ways, path, field, 2, 100);
  if (description.contains("shots")) protocol.shots = counts_from_json(description.at("shots"), path, field + ".shots", 1, 1000);
  if (description.contains("annotators"))
    protocol.annotators = counts_from_json(description.at("annotators"), path, field + ".annotators", 1, 1000);
  protocol.queries_per_class = count_from_json(description, "queries_per_class", protocol.queries_per_class, path, field, 1, 10000);
  protocol.test_tasks = count_from_json(description, "test_tasks", protocol.test_tasks, path, field, 1, 1000000);
  protocol.secondary_test_tasks =
      count_from_json(description, "secondary_test_tasks", protocol.secondary_test_tasks, path, field, 0, 1000000);
  if (description.contains("test_mixes")) {
    const nlohmann::json& mixes = description.at("test_mixes");
    if (!mixes.is_array() || mixes.empty()) throw InputError(path, 0, field + ".test_mixes", "expected a non-empty list of mixes");
    for (std::size_t m = 0; m < mixes.size(); ++m)
      protocol.test_mixes.push_back(mix_from_json(mixes[m], path, field + ".test_mixes[" + std::to_string(m) + "]"));
  } else {
    protocol.test_mixes = {annotator_mix(0.1, 0.7, 0.2)};
  }
  if (description.contains("em_steps_sweep"))
    for (const std::size_t steps : counts_from_json(description.at("em_steps_sweep"), path, field + ".em_steps_sweep", 0, 100))
      protocol.em_steps_sweep.push_back(static_cast<int>(steps));
  if (description.contains("sparse_missing")) {
    const nlohmann::json& value = description.at("sparse_missing");
    if (!value.is_number() || value.get<double>() < 0 || value.get<double>() >= 1)
      throw InputError(path, 0, field + ".sparse_missing", "expected a probability in [0, 1), got " + value.dump());
    protocol.sparse_missing = value.get<double>();
  }
  if (description.contains("real_annotators")) {
    if (!description.at("real_annotators").is_boolean())
      throw InputError(path, 0, field + ".real_annotators", "expected true or false");
    protocol.real_annotators = description.at("real_annotators").get<bool>();
  }
  protocol.training_mix = annotator_mix(0.1, 0.7, 0.2);
  if (description.contains("meta_training")) {
    const nlohmann::json& training = description.at("meta_training");
    const std::string at = field + ".meta_training";
    if (!training.is_object()) throw InputError(path, 0, at, "expected an object");
    for (const auto& [key, value] : training.items())
      if (key != "mix" && key != "iterations" && key != "tasks_per_iteration" && key != "validate_every" &&
          key != "valid_tasks" && key != "valid_annotators" && key != "learning_rate")
        throw InputError(path, 0, at + "." + key,
                         "unknown field (known: mix, iterations, tasks_per_iteration, validate_every, valid_tasks, "
                         "valid_annotators, learning_rate)");
    if (training.contains("mix")) protocol.training_mix = mix_from_json(training.at("mix"), path, at + ".mix");
    protocol.iterations = static_cast<int>(count_from_json(training, "iterations", protocol.iterations, path, at, 0, 10000000));
    protocol.tasks_per_iteration =
        static_cast<int>(count_from_json(training, "tasks_per_iteration", protocol.tasks_per_iteration, path, at, 1, 10000));
    protocol.validate_every =
        static_cast<int>(count_from_json(training, "validate_every", protocol.validate_every, path, at, 1, 10000000));
    protocol.valid_tasks = count_from_json(training, "valid_tasks", protocol.valid_tasks, path, at, 1, 1000000);
    protocol.valid_annotators = count_from_json(training, "valid_annotators", protocol.valid_annotators, path, at, 1, 1000);
    if (training.contains("learning_rate")) {
      if (!training.at("learning_rate").is_number() || !(training.at("learning_rate").get<double>() > 0))
        throw InputError(path, 0, at + ".learning_rate", "expected a number > 0");
      protocol.learning_rate = training.at("learning_rate").get<double>();
    }
  }
  if (protocol.real_annotators) return protocol;  // the class split is unused
  if (protocol.class_split.test_classes < protocol.ways)
    throw InputError(path, 0, field + ".class_split",
                     "the meta-test part has fewer classes than ways (" + std::to_string(protocol.ways) + ")");
  if (protocol.class_split.train_classes < protocol.ways)
    throw InputError(path, 0, field + ".class_split", "the meta-train part has fewer classes than ways");
  if (protocol.class_split.valid_classes != 0 && protocol.class_split.valid_classes < protocol.ways)
    throw InputError(path, 0, field + ".class_split",
                     "the meta-validation part needs 0 classes (held-out rows) or at least ways");
  return protocol;
}

nlohmann::json fewshot_protocol_to_json(const FewShotProtocol& protocol) {
  nlohmann::json test_mixes = nlohmann::json::array();
  for (const AnnotatorMix& mix : protocol.test_mixes) test_mixes.push_back(mix_to_json(mix));
  nlohmann::json description = {{"class_split", {protocol.class_split.train_classes, protocol.class_split.valid_classes,
                           protocol.class_split.test_classes}},
          {"ways", protocol.ways},
          {"shots", protocol.shots},
          {"annotators", protocol.annotators},
          {"queries_per_class", protocol.queries_per_class},
          {"test_tasks", protocol.test_tasks},
          {"secondary_test_tasks", protocol.secondary_test_tasks},
          {"test_mixes", test_mixes},
          {"em_steps_sweep", protocol.em_steps_sweep},
          {"sparse_missing", protocol.sparse_missing},
          {"meta_training", {{"mix", mix_to_json(protocol.training_mix)},
                             {"iterations", protocol.iterations},
                             {"tasks_per_iteration", protocol.tasks_per_iteration},
                             {"validate_every", protocol.validate_every},
                             {"valid_tasks", protocol.valid_tasks},
                             {"valid_annotators", protocol.valid_annotators},
                             {"learning_rate", protocol.learning_rate}}}};
  // Only when set: the protocol is part of every few-shot cell's id, and rows written before the switch
  // existed must still be recognised as done.
  if (protocol.real_annotators) description["real_annotators"] = true;
  return description;
}

const FewShotCellDetails& fewshot_details(const ExperimentCell& cell) {
  const auto* details = dynamic_cast<const FewShotCellDetails*>(cell.details.get());
  if (details == nullptr)
    throw std::invalid_argument("cell " + cell.setting + " | " + cell.method + " is not a few-shot cell");
  return *details;
}

nlohmann::json run_fewshot_cell(const ExperimentCell& cell, const Dataset& dataset) {
  // The few-shot methods build their tensors on the CPU; a CUDA device was ignored without a word (N17).
  if (!cell.training.device.empty() && cell.training.device != "cpu")
    throw ConfigError("device '" + cell.training.device + "': the few-shot methods train on the CPU only; run " +
                      "few-shot configs with --device cpu");
  const FewShotProtocol protocol =
      fewshot_protocol_from_json(fewshot_details(cell).protocol, "cell " + cell.setting, "protocol");
  const std::uint64_t split_seed = cell.training.seed;
  const ClassSplit split = protocol.real_annotators ? split_by_annotation(dataset, split_seed)
                                                    : split_classes(dataset, protocol.class_split, split_seed);
  const FeatureMatrix features = standardise_with_pool(dataset.features, split.train);

  EpisodeSource source;
  source.training_batch = [&](std::uint64_t batch_seed, std::size_t tasks, std::size_t shot, std::size_t annotators,
                              bool noisy) {
    Rng rng(batch_seed);
    FewShotTaskBatch batch = sample_tasks(features, split.train, tasks, protocol.ways, shot, protocol.queries_per_class, rng);
    if (noisy) annotate_support(batch, annotators, protocol.training_mix, 0.0, rng);
    else annotate_support_clean(batch, annotators);
    return batch;
  };
  {
    Rng rng(derive_seed(split_seed, "fewshot validation tasks"));
    const std::size_t per_shot = std::max<std::size_t>(1, protocol.valid_tasks / protocol.shots.size());
    for (const std::size_t shot : protocol.shots) {
      FewShotTaskBatch batch = sample_tasks(features, split.valid, per_shot, protocol.ways, shot, protocol.queries_per_class, rng);
      annotate_support(batch, protocol.valid_annotators, protocol.training_mix, 0.0, rng);
      source.validation.push_back(std::move(batch));
    }
  }

  std::unique_ptr<FewShotMethod> method = make_fewshot_method(cell.method, cell.method_options);
  MetaTrainingSettings settings;
  settings.seed = derive_seed(split_seed, "fewshot meta-training");
  settings.iterations = protocol.iterations;
  settings.tasks_per_iteration = protocol.tasks_per_iteration;
  settings.validate_every = protocol.validate_every;
  settings.learning_rate = protocol.learning_rate;
  settings.shots = protocol.shots;
  settings.annotators = protocol.annotators;
  const auto train_start = std::chrono::steady_clock::now();
  if (cell.training.on_epoch) {
    settings.on_validation = [&](int iteration, double loss, double valid_accuracy) {
      EpochReport report;
      report.unit = "iteration";
      report.epoch = iteration;
      report.epochs = protocol.iterations;
      report.loss = loss;
      report.seconds = seconds_since(train_start);
      cell.training.on_epoch(report);
      (void)valid_accuracy;
    };
  }
  const MetaTrainingSummary training = method->meta_train(source, settings);
  const double train_seconds = seconds_since(train_start);

  const FewShotOptions options = method->options();
  const auto own_steps = options.count("em_steps") ? static_cast<int>(options.at("em_steps")) : -1;
  nlohmann::json results = nlohmann::json::array();
  double main_correct = 0.0, main_queries = 0.0, test_seconds = 0.0;
  std::size_t main_tasks = 0;
  AnnotatorMix real_mix = protocol.test_mixes.front();
  real_mix.label = "real annotators";
  for (const TestSetting& setting : test_settings(protocol, dataset.num_annotators())) {
    const AnnotatorMix& mix = protocol.real_annotators ? real_mix : protocol.test_mixes[setting.mix];
    const std::string seed_text = setting_seed_text(setting, mix);
    Rng rng(derive_seed(split_seed, seed_text));
    const bool main_setting = setting.mix == 0 && setting.missing == 0.0;
    const std::size_t task_count =
        main_setting || protocol.secondary_test_tasks == 0 ? protocol.test_tasks : protocol.secondary_test_tasks;
    FewShotTaskBatch tasks =
        sample_tasks(features, split.test, task_count, protocol.ways, setting.shots, protocol.queries_per_class, rng);
    if (protocol.real_annotators) annotate_from_dataset(tasks, dataset);
    else annotate_support(tasks, setting.annotators, mix, setting.missing, rng);
    std::vector<int> steps_list = {own_steps};
    if (main_setting && method->has_em_steps())
      for (const int steps : protocol.em_steps_sweep)
        if (steps != own_steps) steps_list.push_back(steps);
    for (const int steps : steps_list) {
      FewShotPrediction prediction;
      prediction.em_steps = steps;
      prediction.seed = derive_seed(split_seed, seed_text + "|ties");
      const auto start = std::chrono::steady_clock::now();
      const std::vector<int> correct = correct_per_task(tasks, method->predict(tasks, prediction));
      const double seconds = seconds_since(start);
      double sum = 0.0, squares = 0.0;
      for (const int count : correct) {
        sum += count;
        squares += static_cast<double>(count) * count;
      }
      nlohmann::json entry = {{"shots", setting.shots},
                              {"annotators", setting.annotators},
                              {"mix", mix.label},
                              {"mix_shares", mix_to_json(mix)},
                              {"spammer_share", mix.spammer_share()},
                              {"missing", setting.missing},
                              {"em_steps", steps >= 0 ? nlohmann::json(steps) : nlohmann::json(nullptr)},
                              {"tasks", tasks.tasks},
                              {"queries", tasks.tasks * tasks.queries},
                              {"correct", sum},
                              {"correct_squares", squares},
                              {"seconds", seconds}};
      if (steps == own_steps) {
        test_seconds += seconds;
        if (main_setting) {
          entry["per_task_correct"] = correct;
          main_correct += sum;
          main_queries += static_cast<double>(tasks.tasks * tasks.queries);
          main_tasks += tasks.tasks;
        }
      }
      results.push_back(std::move(entry));
    }
  }

  nlohmann::json versions = {{"annotbench", ANNOTBENCH_VERSION}};
  for (const auto& [name, value] : torch_runtime_facts()) versions[name] = value;
  return {{"schema", 1},
          {"kind", kFewShotKind},
          {"cell", cell_id(cell)},
          {"setting", cell.setting},
          {"dataset", cell.dataset},
          {"data", {{"path", cell.data.path}, {"checksum", cell.data.checksum}}},
          {"method", cell.method},
          {"hyperparameters", options},
          {"seed", split_seed},
          {"protocol", fewshot_protocol_to_json(protocol)},
          {"class_split", {{"train", split.train.classes}, {"valid", split.valid.classes}, {"test", split.test.classes},
                           {"valid_from_rows", split.valid_from_rows}}},
          {"meta_training", {{"iterations", training.iterations},
                             {"best_iteration", training.best_iteration},
                             {"best_valid_accuracy", training.best_valid_accuracy},
                             {"seconds", training.seconds}}},
          {"metrics", {{"test_accuracy", main_queries > 0 ? main_correct / main_queries : 0.0}}},
          {"main_mix_tasks", main_tasks},
          {"results", results},
          {"train_seconds", train_seconds},
          {"test_seconds", test_seconds},
          {"finished_at", utc_timestamp()},
          {"versions", versions}};
}

}  // namespace annotbench
