// annotbench simulate: a data set with true labels in, simulated annotations out (long CSV), and the
// achieved noise rates printed so that the user sees they got what they asked for.

#include <chrono>
#include <cmath>
#include <cstdio>
#include <iostream>

#include "datasets/input_error.h"
#include "datasets/registry.h"
#include "harness/io/annotations_csv.h"
#include "reports/atomic_file.h"
#include "harness/cli/command.h"
#include "harness/io/key_values.h"
#include "harness/io/output_paths.h"
#include "simulators/noise_summary.h"
#include "simulators/simulator.h"

namespace annotbench {

namespace {

SimulationConfig simulation_config_from(const Args& args) {
  SimulationConfig config;
  config.kind = args.require("simulator");
  const long long annotators = args.get_int("annotators", 10);
  if (annotators < 1) throw ConfigError("--annotators must be at least 1, got " + std::to_string(annotators));
  config.num_annotators = static_cast<std::size_t>(annotators);
  config.rates = args.get_double_list("rate");
  std::string options = args.get("options");
  config.profile = take_text_value(options, "profile");
  config.options = parse_key_values("options", options);
  if (args.has("rate-range")) {
    const std::vector<double> range = args.get_double_list("rate-range");
    if (range.size() != 2) throw ConfigError("--rate-range: expected LOW,HIGH");
    config.options["rate_low"] = range[0];
    config.options["rate_high"] = range[1];
  }
  for (const double count : args.get_double_list("labels-per-instance")) {
    if (count != std::floor(count))
      throw ConfigError("--labels-per-instance: expected whole numbers, got " + std::to_string(count));
    config.labels_per_instance.push_back(static_cast<int>(count));
  }
  config.missing_fraction = args.get_double("missing-fraction", 0.0);
  const long long seed = parse_int("--seed", args.require("seed"));
  if (seed < 0) throw ConfigError("--seed must not be negative");
  config.seed = static_cast<std::uint64_t>(seed);
  return with_default_profile(config);
}

std::string format_rate(double value) {
  char buffer[32];
  std::snprintf(buffer, sizeof buffer, "%.4f", value);
  return buffer;
}

// The configured side of one annotator's line: its rate, or its type and accuracy.
std::string configured_text(const nlohmann::json& profile) {
  std::string text;
  if (profile.contains("type")) text += profile["type"].get<std::string>() + " ";
  if (profile.contains("rate")) text += "configured rate " + format_rate(profile["rate"].get<double>());
  else if (profile.contains("accuracy")) text += "configured accuracy " + format_rate(profile["accuracy"].get<double>());
  if (profile.contains("copies")) text += "copies " + profile["copies"].get<std::string>();
  if (profile.contains("epochs"))
    text += "trained " + std::to_string(profile["epochs"].get<int>()) + " epochs, lr " +
            format_rate(profile["learning_rate"].get<double>()) + ", subset " +
            std::to_string(profile["training_subset_size"].get<std::size_t>());
  return text;
}

int run_simulate(const Args& args) {
  const std::string out = args.require("out");
  const std::string dataset_name = args.require("dataset");
  const SimulationConfig config = simulation_config_from(args);
  // Fail on a bad kind or process before the data set is read.
  check_simulation_config(config);

  const NamedPath out_path{"--out", out}, profiles_path{"--profiles", args.get("profiles")};
  check_output_file(out_path);
  if (args.has("profiles")) check_output_file(profiles_path);
  const DataFile data = locate_dataset(dataset_name, args.get("data-dir"));
  const std::vector<NamedPath> inputs = {{"the data file of '" + dataset_name + "'", data.path}};
  refuse_output_onto_inputs(out_path, inputs, {profiles_path});
  refuse_output_onto_inputs(profiles_path, inputs);

  const Dataset dataset = load_dataset(dataset_name, args.get("data-dir"));
  const auto started = std::chrono::steady_clock::now();
  SimulatedAnnotations simulated = simulate_annotations(dataset, config);
  const double seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count();

  {
    // train and run refuse such a setting (experiment.cpp); the file is still written, with a word (N26).
    std::size_t unlabelled = 0;
    for (std::size_t m = 0; m < simulated.annotations.cols; ++m) {
      bool any = false;
      for (std::size_t i = 0; i < simulated.annotations.rows && !any; ++i) any = simulated.annotations.at(i, m) != kMissingLabel;
      unlabelled += !any;
    }
    if (unlabelled > 0)
      std::cerr << "annotbench simulate: warning: " << unlabelled << " of " << simulated.annotations.cols
                << " annotators got no label (" << dataset.num_instances()
                << " instances); train and run refuse this setting: use fewer annotators or more labels per instance\n";
  }
  Dataset annotated = dataset;
  annotated.annotations = simulated.annotations;
  annotated.annotator_ids = simulated.annotator_ids;
  write_annotations_long_csv(out, annotated);
  if (args.has("profiles")) write_file_atomically(args.get("profiles"), simulated.annotator_profiles.dump(2) + "\n");

  const NoiseSummary summary = summarise_noise(simulated.annotations, dataset.true_labels);
  std::cout << "simulated " << config.kind << " on " << dataset.name << ": " << dataset.num_instances()
            << " instances, " << config.num_annotators << " annotators, " << summary.labels << " labels ("
            << format_rate(summary.mean_labels_per_instance) << " per instance) in " << format_rate(seconds)
            << " s\n";
  std::cout << "achieved overall noise rate " << format_rate(summary.overall_noise_rate) << "\n";
  for (std::size_t m = 0; m < config.num_annotators; ++m) {
    std::cout << "  " << simulated.annotator_ids[m] << "  noise rate "
              << (std::isnan(summary.noise_rate_per_annotator[m]) ? std::string("  n/a ")
                                                                   : format_rate(summary.noise_rate_per_annotator[m]))
              << "  labels " << summary.labels_per_annotator[m] << "  "
              << configured_text(simulated.annotator_profiles[m]) << "\n";
  }
  std::cout << "wrote " << out << "\n";
  return 0;
}

}  // namespace

CommandSpec simulate_command() {
  CommandSpec command;
  command.name = "simulate";
  command.usage =
      "annotbench simulate --dataset NAME --simulator KIND [--rate R] [--annotators M] "
      "[--labels-per-instance 2,3,4] --seed S --out FILE.csv";
  command.summary = "Simulate annotators on a data set with true labels; write long CSV, print the achieved noise.";
  std::string kinds;
  for (const SimulatorInfo& info : registered_simulators()) kinds += (kinds.empty() ? "" : ", ") + info.name;
  command.options = {
      {"dataset", "NAME", "registered data set with true labels (see annotbench datasets)"},
      {"simulator", "KIND", "one of: " + kinds},
      {"rate", "R[,R...]", "noise rate in [0, 1): one for all annotators or one per annotator"},
      {"rate-range", "LOW,HIGH", "draw each annotator's rate uniformly from [LOW, HIGH]"},
      {"annotators", "M", "number of annotators (default 10)"},
      {"labels-per-instance", "LIST", "keep this many labels per instance, drawn from LIST (paper: 2,3,4)"},
      {"missing-fraction", "F", "or drop this fraction of the labels at random (default 0: keep all)"},
      {"options", "K=V[,K=V]", "simulator options, e.g. pair_flip=1, spammer_fraction=0.3 or the classifier's profile=clean (an unknown key is rejected with the list of known ones)"},
      {"seed", "S", "seed; the same seed gives the same file byte for byte"},
      {"out", "FILE.csv", "where to write item,annotator,label,true_label"},
      {"profiles", "FILE.json", "also write what each annotator was configured to be"},
  };
  for (const OptionSpec& option : data_dir_options()) command.options.push_back(option);
  command.run = run_simulate;
  return command;
}

}  // namespace annotbench
