#pragma once
// Names of parameterised tests: a registered name ("annot-mix", "truth-inference") as a GoogleTest
// identifier, so that `ctest -R` finds a registry entry's tests by its name.

#include <string>

#include <gtest/gtest.h>

namespace annotbench::testing {

inline std::string test_identifier(std::string name) {
  for (char& c : name)
    if (c == '-') c = '_';
  return name;
}

// For INSTANTIATE_TEST_SUITE_P over a registry's names.
inline std::string registered_name(const ::testing::TestParamInfo<std::string>& info) {
  return test_identifier(info.param);
}

}  // namespace annotbench::testing
