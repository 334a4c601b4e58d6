#include <iostream>

#include "datasets/registry.h"
#include "datasets/summary.h"
#include "harness/command.h"

namespace annotbench {

namespace {

int inspect(const Args& args) {
  const Dataset dataset = load_dataset(args.require("dataset"), args.get("data-dir"));
  std::cout << format_summary(dataset, summarise_annotations(dataset));
  return 0;
}

}  // namespace

CommandSpec inspect_command() {
  std::vector<OptionSpec> options = {{"dataset", "NAME", "registered data set to describe (see annotbench datasets)"}};
  for (const OptionSpec& option : data_dir_options()) options.push_back(option);
  return {"inspect", "annotbench inspect --dataset NAME [--data-dir DIR]",
          "Class counts; with annotations: labels and accuracy per annotator, labels per instance, noise rate.",
          options, inspect};
}

}  // namespace annotbench
