// `annotbench aggregate`: truth inference on a crowd file (or a registered label-only set): one JSON
// summary row on stdout, per-item posteriors as CSV with --out.

#include <iostream>

#include "datasets/input_error.h"
#include "harness/cli/command.h"
#include "harness/io/crowd_file_args.h"
#include "harness/io/key_values.h"
#include "harness/io/output_paths.h"
#include "harness/protocols/truth_inference/truth_inference.h"
#include "reports/atomic_file.h"

namespace annotbench {

namespace {

CrowdLabelTable table_to_aggregate(const Args& args) {
  if (args.has("dataset")) {
    for (const char* option : {"annotations", "truth", "columns", "truth-columns", "missing-label"})
      if (args.has(option))
        throw ConfigError("--" + std::string(option) + " goes with --annotations, not with --dataset");
    return load_label_only_set(args.get("dataset"), args.get("data-dir"));
  }
  if (!args.has("annotations")) throw ConfigError("give --annotations FILE or --dataset NAME (see annotbench datasets)");
  CrowdLabelSource source;
  source.annotations = args.get("annotations");
  source.truth = args.get("truth");
  source.reading = long_file_reading(args);
  return read_crowd_label_table(source, source.annotations);
}

int aggregate(const Args& args) {
  const std::string method = args.require("method");
  const AggregatorOptions options = parse_key_values("method-options", args.get("method-options"));
  make_aggregator(method, options);  // a typo fails before a large file is read
  for (const char* option : {"annotations", "truth", "out"})  // they go into the summary row
    if (args.has(option)) require_utf8_path("--" + std::string(option), args.get(option));
  const NamedPath out{"--out", args.get("out")};
  if (args.has("out")) {
    check_output_file(out);
    refuse_output_onto_inputs(out, {{"--annotations", args.get("annotations")}, {"--truth", args.get("truth")}});
  }
  const CrowdLabelTable table = table_to_aggregate(args);
  if (args.has("out")) {  // a registered set's files, found in the data directories
    std::vector<NamedPath> read;
    for (const LongFileSummary& file : table.files) read.push_back({"the input file", file.path});
    refuse_output_onto_inputs(out, read);
  }
  const bool quiet = args.has("quiet");
  if (!quiet) {
    for (const LongFileSummary& file : table.files) {
      std::cerr << file.path << ": " << file.describe() << "\n";
      for (const std::string& warning : file.warnings) std::cerr << file.path << ": warning: " << warning << "\n";
    }
    if (table.repeated_labels > 0)
      std::cerr << table.source << ": " << table.repeated_labels
                << " labels repeat an (item, annotator) pair; every one is kept as a label of its own\n";
  }
  AggregationSettings settings;
  const long long seed = args.get_int("seed", 0);
  if (seed < 0) throw ConfigError("--seed must not be negative");
  settings.seed = static_cast<std::uint64_t>(seed);
  if (args.has("max-iterations")) {
    const long long iterations = args.get_int("max-iterations", 0);
    if (iterations < 1) throw ConfigError("--max-iterations must be at least 1");
    settings.max_iterations = static_cast<int>(iterations);
  }
  if (args.has("tolerance")) {
    settings.tolerance = args.get_double("tolerance", -1);
    if (!(settings.tolerance >= 0)) throw ConfigError("--tolerance must be >= 0");
  }
  const AggregationRun run = run_aggregator(table, method, options, settings);
  const nlohmann::json summary = aggregation_summary(table, run);
  nlohmann::json row = {{"method", method}, {"seed", settings.seed}};
  row.update(summary);
  if (args.has("out")) {
    write_file_atomically(args.get("out"), posteriors_csv(table, run.aggregation));
    row["posteriors"] = args.get("out");
  }
  std::cout << row.dump() << "\n";
  return 0;
}

}  // namespace

CommandSpec aggregate_command() {
  std::vector<OptionSpec> options = {
      {"annotations", "FILE", "long crowd file: one label per row (header names or positions, see --columns)"},
      {"truth", "FILE", "gold labels, item and truth columns; gold for some items only is fine"},
      {"dataset", "NAME", "a registered label-only set instead of files (see annotbench datasets)"},
      {"method", "NAME", "aggregator (see annotbench methods)"},
      {"method-options", "K=V,...", "the aggregator's options"},
      {"columns", "ROLE=COL,...",
       "which column is what, by header name or 1-based number: item=,annotator=,label=[,truth=]; '+' joins "
       "several annotator/label column pairs (default: known header names, or item,annotator,label by position)"},
      {"truth-columns", "ROLE=COL,...", "the same for the truth file: item=,truth="},
      {"missing-label", "TEXT", "a label text that means 'no label' (e.g. -1); such labels are skipped"},
      {"seed", "S", "seed of tie-breaking and random initialisations (default 0)"},
      {"max-iterations", "K", "stop iterative aggregators after K iterations (default: the aggregator's own)"},
      {"tolerance", "T", "convergence tolerance (default: the aggregator's own)"},
      {"out", "FILE", "write per-item posteriors as CSV: item,label,p_<class>,..."},
      {"quiet", "", "print only the JSON row"},
  };
  for (const OptionSpec& option : data_dir_options()) options.push_back(option);
  return {"aggregate",
          "annotbench aggregate --annotations FILE [--truth FILE] --method NAME [--columns ...] [--out FILE]\n"
          "       annotbench aggregate --dataset NAME --method NAME [--seed S] [--out FILE]",
          "Truth inference: infer each item's label from crowd labels alone; prints accuracy on the gold items.",
          options, aggregate};
}

}  // namespace annotbench
