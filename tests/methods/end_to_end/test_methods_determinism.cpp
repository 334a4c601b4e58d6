// The option defaults of the paper's methods (the same-seed contract is test_method_contract.cpp's).

#include <gtest/gtest.h>

#include "methods/method.h"

namespace annotbench {
namespace {

// Every registered method's seeds are held to the contract of test_method_contract.cpp; here,
// the defaults a few methods must keep.
TEST(MethodOptions, UnknownOptionIsRejected) {
  EXPECT_ANY_THROW(make_method("annot-mix", {{"alpah", 1.0}}));
  EXPECT_EQ(make_method("annot-mix")->hyperparameters().at("eta"), 0.9);
  EXPECT_EQ(make_method("trace-reg")->hyperparameters().at("lambda"), 0.01);
  EXPECT_EQ(make_method("madl")->hyperparameters().at("embed_size"), 16);
}

}  // namespace
}  // namespace annotbench
