// `annotbench aggregate`: truth inference on a crowd file (or a registered label-only set): one JSON
// summary row on stdout, per-item posteriors as CSV with --out.

#include <algorithm>
#include <iostream>
#include <map>

#include "datasets/csv_reader.h"
#include "datasets/input_error.h"
#include "harness/cli/command.h"
#include "harness/io/crowd_file_args.h"
#include "harness/io/key_values.h"
#include "harness/io/output_paths.h"
#include "harness/protocols/truth_inference/truth_inference.h"
#include "methods/aggregation/annotator_filter.h"
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

// Known answers handed to the aggregator (-1 where none): a gold file's labels (--gold), or a seeded
// share of the table's own gold (--gold-share), the rest of which then scores the result.
std::vector<int> given_gold(const Args& args, const CrowdLabelTable& table, std::uint64_t seed) {
  if (args.has("gold") && args.has("gold-share")) throw ConfigError("give either --gold or --gold-share, not both");
  if (args.has("gold")) {
    if (!args.has("annotations")) throw ConfigError("--gold FILE goes with --annotations (with --dataset, use --gold-share)");
    CrowdLabelSource source;
    source.annotations = args.get("annotations");
    source.truth = args.get("gold");
    source.reading = long_file_reading(args);
    const CrowdLabelTable with_gold = read_crowd_label_table(source, source.annotations);
    if (with_gold.class_names != table.class_names)
      throw InputError(args.get("gold"), 0, "", "names classes the answers do not use; the known answers must be among the labels given");
    return with_gold.truth;
  }
  if (!args.has("gold-share")) return {};
  return draw_known_answers(table, args.get_double("gold-share", 0.0), seed);
}

// Confusion matrices to start Dawid-Skene from (a worker's history, an earlier run): CSV
// annotator,true,label,probability by the table's annotator ids and class names. Every annotator
// with labels must be given (a start for some and not others has no single meaning); entries not
// listed are 0, an annotator without labels starts uniform. The aggregator checks that each
// (annotator, true class) column sums to 1.
std::vector<double> initial_confusion(const std::string& path, const CrowdLabelTable& table) {
  const std::size_t classes = table.class_names.size(), annotators = table.annotations.num_annotators;
  std::map<std::string, std::size_t> annotator_index, class_index;
  for (std::size_t m = 0; m < table.annotator_ids.size(); ++m) annotator_index[table.annotator_ids[m]] = m;
  for (std::size_t c = 0; c < classes; ++c) class_index[table.class_names[c]] = c;
  std::vector<double> confusion(annotators * classes * classes, 0.0);
  std::vector<bool> given(annotators, false);
  CsvReader reader(path);
  std::vector<std::string> fields;
  if (!reader.next(fields) || fields != std::vector<std::string>{"annotator", "true", "label", "probability"})
    throw InputError(path, reader.line(), "", "expected the header annotator,true,label,probability");
  while (reader.next(fields)) {
    if (fields.size() != 4)
      throw InputError(path, reader.line(), "", "expected 4 fields, got " + std::to_string(fields.size()));
    const auto find = [&](const std::map<std::string, std::size_t>& index, std::size_t field, const char* name) {
      const auto found = index.find(fields[field]);
      if (found == index.end())
        throw InputError(path, reader.line(), name, "\"" + fields[field] + "\" is not one of the file's " + name + "s");
      return found->second;
    };
    const std::size_t m = find(annotator_index, 0, "annotator");
    const std::size_t truth = find(class_index, 1, "class"), label = find(class_index, 2, "class");
    const double probability = parse_float_field(fields[3], path, reader.line(), "probability");
    if (probability < 0.0 || probability > 1.0)
      throw InputError(path, reader.line(), "probability", "expected a probability in [0, 1], got " + fields[3]);
    confusion[(m * classes + label) * classes + truth] = probability;
    given[m] = true;
  }
  const std::vector<std::size_t> labels = labels_per_annotator(table.annotations);
  for (std::size_t m = 0; m < annotators; ++m) {
    if (given[m]) continue;
    if (labels[m] > 0)
      throw InputError(path, 0, "", "no start for annotator '" + table.annotator_ids[m] + "', who gave " +
                                        std::to_string(labels[m]) + " labels (every annotator with labels must be given)");
    for (std::size_t k = 0; k < classes * classes; ++k) confusion[m * classes * classes + k] = 1.0 / static_cast<double>(classes);
  }
  return confusion;
}

// --min-labels, --min-spammer-score and --entropy-percentile drop annotators before aggregating;
// the JSON row and stderr say how many labels went, and why.
nlohmann::json filter_table(const Args& args, CrowdLabelTable& table, bool quiet) {
  AnnotatorFilterSettings filter;
  if (args.has("min-labels")) {
    const long long labels = args.get_int("min-labels", 0);
    if (labels < 0) throw ConfigError("--min-labels must not be negative");
    filter.min_labels = static_cast<std::size_t>(labels);
  }
  if (args.has("min-spammer-score")) {
    filter.min_spammer_score = args.get_double("min-spammer-score", -1);
    if (!(filter.min_spammer_score >= 0.0 && filter.min_spammer_score <= 1.0))
      throw ConfigError("--min-spammer-score must lie in [0, 1]");
  }
  if (args.has("entropy-percentile")) filter.entropy_percentile = args.get_double("entropy-percentile", 0);
  if (!args.has("min-labels") && !args.has("min-spammer-score") && !args.has("entropy-percentile")) return nullptr;
  const std::size_t labels_before = table.annotations.num_labels();
  FilteredAnnotations filtered = filter_annotators(table.annotations, filter);
  const nlohmann::json dropped = {
      {"too_few_labels", {{"annotators", filtered.too_few_labels.annotators}, {"labels", filtered.too_few_labels.labels}}},
      {"low_spammer_score",
       {{"annotators", filtered.low_spammer_score.annotators}, {"labels", filtered.low_spammer_score.labels}}},
      {"low_entropy", {{"annotators", filtered.low_entropy.annotators}, {"labels", filtered.low_entropy.labels}}}};
  table.annotations = std::move(filtered.annotations);
  if (!quiet)
    std::cerr << table.source << ": dropped " << labels_before - table.annotations.num_labels() << " of " << labels_before
              << " labels: " << filtered.too_few_labels.annotators << " annotators with too few labels ("
              << filtered.too_few_labels.labels << " labels), " << filtered.low_spammer_score.annotators
              << " with a low spammer score (" << filtered.low_spammer_score.labels << "), "
              << filtered.low_entropy.annotators << " with low label entropy (" << filtered.low_entropy.labels << ")\n";
  return dropped;
}

int aggregate(const Args& args) {
  const std::string method = args.require("method");
  const AggregatorOptions options = parse_key_values("method-options", args.get("method-options"));
  // A typo fails before a large file is read, and so does an aggregator that needs known answers
  // none were given for.
  const std::unique_ptr<Aggregator> aggregator = make_aggregator(method, options);
  if (aggregator->gold_use() == GoldUse::required && !args.has("gold") && !args.has("gold-share"))
    throw ConfigError(method + " needs known answers: give --gold FILE or --gold-share P");
  for (const char* option : {"annotations", "truth", "out"})  // they go into the summary row
    if (args.has(option)) require_utf8_path("--" + std::string(option), args.get(option));
  const NamedPath out{"--out", args.get("out")};
  if (args.has("out")) {
    check_output_file(out);
    refuse_output_onto_inputs(out, {{"--annotations", args.get("annotations")}, {"--truth", args.get("truth")}});
  }
  CrowdLabelTable table = table_to_aggregate(args);
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
  const nlohmann::json dropped = filter_table(args, table, quiet);
  std::vector<int> gold;
  if (args.has("gold") || args.has("gold-share")) {
    gold = given_gold(args, table, settings.seed);
    if (args.has("gold-not-given")) {
      if (aggregator->gold_use() == GoldUse::required)
        throw ConfigError("--gold-not-given: " + method + " cannot run without the known answers");
      if (!quiet) std::cerr << "--gold-not-given: the known answers are only left out of the accuracy\n";
    } else {
      settings.gold = gold;
      if (!aggregator->uses_gold() && !quiet)
        std::cerr << method << " does not use known answers: they are only left out of the accuracy\n";
    }
  } else if (args.has("gold-not-given")) {
    throw ConfigError("--gold-not-given goes with --gold or --gold-share");
  }
  if (args.has("initial-confusion")) {
    if (!aggregator->uses_initial_confusion())
      throw ConfigError("--initial-confusion: " + method + " does not start from confusion matrices (ds does)");
    settings.initial_confusion = initial_confusion(args.get("initial-confusion"), table);
  }
  const AggregationRun run = run_aggregator(table, method, options, settings);
  nlohmann::json summary = aggregation_summary(table, run, gold);
  if (!gold.empty())
    summary["gold_given"] = std::count_if(settings.gold.begin(), settings.gold.end(), [](int label) { return label != kMissingLabel; });
  nlohmann::json row = {{"method", method}, {"seed", settings.seed}};
  row.update(summary);
  if (!dropped.is_null()) row["dropped"] = dropped;
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
      {"seed", "S", "seed of tie-breaking and random initialisations, and of --gold-share's draw (default 0)"},
      {"gold", "FILE", "known answers (item,label) handed to the aggregator: ds, one-coin-ds and glad clamp those "
                       "items, gold-mv weighs annotators by them; accuracy then counts only the other gold items"},
      {"gold-share", "P", "hand in a seeded share P of the set's own gold as known answers (e.g. 0.1) and score the rest"},
      {"gold-not-given", "", "with --gold or --gold-share: leave those items out of the accuracy without handing them "
                             "to the aggregator (the baseline on the same items)"},
      {"initial-confusion", "FILE", "ds: start from these confusion matrices, CSV annotator,true,label,probability "
                                    "(every annotator with labels; e.g. from a worker's history)"},
      {"min-labels", "N", "drop annotators with fewer than N labels before aggregating"},
      {"min-spammer-score", "S", "drop annotators whose Dawid-Skene spammer score (Raykar & Yu 2011) is below S"},
      {"entropy-percentile", "P", "drop annotators whose label entropy is below the P-th percentile (Crowd-Kit's "
                                  "entropy threshold)"},
      {"max-iterations", "K", "stop iterative aggregators after K iterations (default: the aggregator's own)"},
      {"tolerance", "T", "convergence tolerance (default: the aggregator's own)"},
      {"out", "FILE", "write per-item posteriors as CSV: item,label,p_<class>,..."},
      {"quiet", "", "print only the JSON row"},
  };
  for (const OptionSpec& option : data_dir_options()) options.push_back(option);
  return {"aggregate",
          "annotbench aggregate --annotations FILE [--truth FILE] [--gold FILE] --method NAME [--columns ...] [--out FILE]\n"
          "       annotbench aggregate --dataset NAME --method NAME [--seed S] [--gold-share P] [--min-labels N] [--out FILE]",
          "Truth inference: infer each item's label from crowd labels alone; prints accuracy on the gold items.",
          options, aggregate};
}

}  // namespace annotbench
