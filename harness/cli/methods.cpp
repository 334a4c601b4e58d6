#include <cstdio>

#include "harness/cli/command.h"
#include "methods/method.h"
#include "methods/aggregation/aggregator.h"
#include "methods/fewshot/fewshot_method.h"
#include "simulators/simulator.h"

namespace annotbench {

namespace {

int list_methods(const Args&) {
  std::printf("methods:\n");
  for (const MethodInfo& info : registered_methods()) {
    std::string defaults;
    for (const auto& [key, value] : info.make({})->hyperparameters())
      {
        char number[32];
        std::snprintf(number, sizeof number, "%g", value);
        defaults += (defaults.empty() ? "" : ", ") + key + "=" + number;
      }
    std::printf("  %-15s %s\n  %-15s defaults: %s\n", info.name.c_str(), info.summary.c_str(), "",
                defaults.empty() ? "(none)" : defaults.c_str());
  }
  std::printf("\naggregators (truth inference: annotbench aggregate --method NAME):\n");
  for (const AggregatorInfo& info : registered_aggregators()) {
    std::string defaults;
    for (const auto& [key, value] : info.make({})->options())
      defaults += (defaults.empty() ? "" : ", ") + key + "=" + std::to_string(value);
    std::printf("  %-18s %s%s\n", info.name.c_str(), info.summary.c_str(), defaults.empty() ? "" : (" (" + defaults + ")").c_str());
  }
  std::printf("\nfew-shot methods (configs of \"kind\": \"fewshot\", e.g. harness/configs/meta-em-letter.json):\n");
  for (const FewShotMethodInfo& info : registered_fewshot_methods()) {
    std::string defaults;
    for (const auto& [key, value] : info.make({})->options()) {
      char number[32];
      std::snprintf(number, sizeof number, "%g", value);
      defaults += (defaults.empty() ? "" : ", ") + key + "=" + number;
    }
    std::printf("  %-15s %s\n  %-15s defaults: %s\n", info.name.c_str(), info.summary.c_str(), "", defaults.c_str());
  }
  std::printf("\nsimulators:\n");
  for (const SimulatorInfo& info : registered_simulators()) std::printf("  %-18s %s\n", info.name.c_str(), info.summary.c_str());
  return 0;
}

}  // namespace

CommandSpec methods_command() {
  return {"methods", "annotbench methods", "List the registered methods, aggregators and few-shot methods (with default hyper-parameters) and simulators.",
          {}, list_methods};
}

}  // namespace annotbench
