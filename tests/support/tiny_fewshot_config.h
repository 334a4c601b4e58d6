#pragma once
// The smallest few-shot config the probe tests run (letter, one shot, three annotators, four test
// tasks, a few meta-training iterations): one place, so a change to the few-shot protocol's fields is
// made once.

#include <string>
#include <vector>

#include <nlohmann/json.hpp>

namespace annotbench::testing {

inline nlohmann::json tiny_fewshot_config(const std::string& name, const std::vector<std::string>& methods,
                                          const nlohmann::json& meta_training = {{"iterations", 4},
                                                                                 {"validate_every", 2},
                                                                                 {"valid_tasks", 2}}) {
  return {{"name", name},
          {"kind", "fewshot"},
          {"seeds", {1}},
          {"datasets", {"letter"}},
          {"protocol",
           {{"shots", {1}},
            {"annotators", {3}},
            {"test_tasks", 4},
            {"test_mixes", {{0.1, 0.7, 0.2}}},
            {"em_steps_sweep", {0}},
            {"meta_training", meta_training}}},
          {"methods", methods}};
}

}  // namespace annotbench::testing
