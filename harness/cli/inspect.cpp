#include <iostream>

#include "datasets/crowd_label_table.h"
#include "datasets/crowd_loader.h"
#include "datasets/crowd_table_summary.h"
#include "datasets/input_error.h"
#include "datasets/registry.h"
#include "datasets/summary.h"
#include "harness/cli/command.h"
#include "harness/io/crowd_file_args.h"
#include "harness/io/output_paths.h"
#include "harness/protocols/annotation_quality/quality_models.h"
#include "reports/annotation_quality/quality_page.h"

namespace annotbench {

namespace {

// A registered set by name, or a crowd-label file given directly (its layout in crowd_loader.h).
Dataset dataset_to_inspect(const Args& args) {
  if (args.has("annotations")) {
    if (args.has("dataset")) throw ConfigError("give either --dataset or --annotations, not both");
    const CrowdFiles files{args.get("annotations"), args.get("truth"), args.get("features")};
    return load_crowd_files(files, parse_crowd_format(args.get("format", "long")), {}, args.get("annotations"),
                            long_file_reading(args));
  }
  if (args.has("truth") || args.has("features") || args.has("format") || args.has("columns") ||
      args.has("missing-label"))
    throw ConfigError("--truth, --features, --format, --columns and --missing-label go with --annotations");
  return load_dataset(args.require("dataset"), args.get("data-dir"));
}

// Agreement and the annotators and items to look at first, after the description; with --report,
// the full tables and the page. A set whose labels are all one class has nothing to agree on.
void describe_quality(const CrowdLabelTable& table, const Args& args) {
  if (table.annotations.num_labels() == 0 || table.annotations.num_classes < 2) return;
  const long long seed = args.get_int("seed", 0);
  if (seed < 0) throw ConfigError("--seed must not be negative");
  const AnnotationQualityReport report = annotation_quality(table, static_cast<std::uint64_t>(seed));
  std::cout << format_quality_summary(report);
  if (!args.has("report")) return;
  for (const std::string& path : write_quality_report(report, args.get("report"))) std::cout << "wrote " << path << "\n";
}

int inspect(const Args& args) {
  if (args.has("report")) require_utf8_path("--report", args.get("report"));
  // A long label file without features is described from its sparse label list: partial gold,
  // repeated pairs and very sparse files are fine there; learning needs the dense form.
  if (args.has("annotations") && !args.has("features") && args.get("format", "long") == "long" && !args.has("dataset")) {
    CrowdLabelSource source;
    source.annotations = args.get("annotations");
    source.truth = args.get("truth");
    source.reading = long_file_reading(args);
    const CrowdLabelTable table = read_crowd_label_table_to_describe(source, source.annotations);
    std::cout << format_crowd_table_summary(table);
    describe_quality(table, args);
    return 0;
  }
  if (args.has("dataset") && is_label_only_set(args.get("dataset"))) {
    const CrowdLabelTable table = load_label_only_set(args.get("dataset"), args.get("data-dir"));
    std::cout << format_crowd_table_summary(table);
    describe_quality(table, args);
    return 0;
  }
  const Dataset dataset = dataset_to_inspect(args);
  std::cout << format_summary(dataset, summarise_annotations(dataset));
  if (dataset.has_annotations()) describe_quality(crowd_label_table_of(dataset), args);
  else if (args.has("report")) throw ConfigError("--report: '" + dataset.name + "' has no annotations to report on");
  return 0;
}

}  // namespace

CommandSpec inspect_command() {
  std::vector<OptionSpec> options = {
      {"dataset", "NAME", "registered data set to describe (see annotbench datasets)"},
      {"annotations", "FILE", "crowd-label file to describe instead: long (item,annotator,label) or wide"},
      {"truth", "FILE", "with --annotations: true labels, `item,label`"},
      {"features", "FILE", "with --annotations: features, CSV `item,f1,...` or .npy in item order"},
      {"format", "long|wide", "with --annotations: layout of the file (default long)"},
      {"columns", "ROLE=COL,...", "with a long file: which column is item, annotator, label, truth (see annotbench aggregate --help)"},
      {"missing-label", "TEXT", "with a long file: a label text meaning 'no label' (e.g. -1)"},
      {"report", "DIR", "write the annotator and item tables (CSV), the agreement figures and a page with plots "
                        "(report.html) into DIR"},
      {"seed", "S", "seed of the aggregators' tie-breaking and of the agreement bootstrap (default 0)"}};
  for (const OptionSpec& option : data_dir_options()) options.push_back(option);
  return {"inspect",
          "annotbench inspect --dataset NAME [--data-dir DIR]\n"
          "       annotbench inspect --annotations FILE [--truth FILE] [--features FILE] [--format long|wide] [--report DIR]",
          "Class counts; with annotations: labels and accuracy per annotator, labels per instance, noise rate, "
          "agreement (Krippendorff's alpha, Fleiss' and Cohen's kappa), the annotators and items to look at first.",
          options, inspect};
}

}  // namespace annotbench
