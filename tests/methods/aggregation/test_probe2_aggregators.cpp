// The aggregators as the probe of commit b25b8d6 used them (../shared/reliability/probe-b25b8d6.md):
// M-MSR on small binary sets with an adversary (N7), options out of range (N20).

#include <gtest/gtest.h>

#include <limits>
#include <random>

#include "datasets/input_error.h"
#include "methods/aggregation/aggregator.h"

namespace annotbench {
namespace {

struct Case {
  std::vector<double> accuracies;
  unsigned seed;
};

// Every annotator labels every one of 100 binary items, right with its accuracy.
SparseAnnotations labels_of(const Case& c, std::vector<int>& truth) {
  std::mt19937 rng(c.seed);
  std::bernoulli_distribution coin(0.5);
  SparseAnnotations labels;
  labels.num_items = 100;
  labels.num_annotators = c.accuracies.size();
  labels.num_classes = 2;
  truth.assign(100, 0);
  for (std::size_t n = 0; n < 100; ++n) {
    truth[n] = coin(rng) ? 1 : 0;
    for (std::size_t m = 0; m < c.accuracies.size(); ++m) {
      std::bernoulli_distribution right(c.accuracies[m]);
      labels.add(n, m, right(rng) ? truth[n] : 1 - truth[n]);
    }
  }
  return labels;
}

double accuracy_of(const Aggregation& result, const std::vector<int>& truth) {
  double right = 0;
  for (std::size_t n = 0; n < truth.size(); ++n) right += result.labels[n] == truth[n];
  return right / static_cast<double>(truth.size());
}

// b25b8d6: m-msr 0.0 (accuracies 1, 1, 0), 0.5 (0.99, 0.99, 0.01), 0.39 (0.95, 0.95, 0.05) and
// 0.41 (0.85, 0.85, 0.2) where majority vote got 0.81-1.0. Two good annotators against one adversary
// is the majority's case: the skills must be oriented so that the two are the good ones.
TEST(ProbeB25, N7_MMsrDoesNotInvertTheVoteAgainstAnAdversary) {
  for (const Case& c : std::vector<Case>{{{1.0, 1.0, 0.0}, 0}, {{0.99, 0.99, 0.01}, 0}, {{0.95, 0.95, 0.05}, 3},
                                        {{0.85, 0.85, 0.2}, 5}, {{0.85, 0.85, 0.2}, 1}, {{0.9, 0.8, 0.1}, 2}}) {
    std::vector<int> truth;
    const SparseAnnotations labels = labels_of(c, truth);
    const double mv = accuracy_of(make_aggregator("mv")->fit(labels, {}), truth);
    const Aggregation mmsr = make_aggregator("m-msr")->fit(labels, {});
    const double accuracy = accuracy_of(mmsr, truth);
    SCOPED_TRACE("accuracies " + std::to_string(c.accuracies[0]) + ", " + std::to_string(c.accuracies[1]) + ", " +
                 std::to_string(c.accuracies[2]) + ", seed " + std::to_string(c.seed));
    EXPECT_GE(accuracy, mv - 0.05) << "majority vote " << mv;
    // The adversary is the one judged worst, and below chance.
    ASSERT_EQ(mmsr.annotator_skill.size(), 3u);
    EXPECT_LT(mmsr.annotator_skill[2], 0.5);
    EXPECT_GT(mmsr.annotator_skill[0], mmsr.annotator_skill[2]);
    EXPECT_GT(mmsr.annotator_skill[1], mmsr.annotator_skill[2]);
  }
}

std::string refusal(const std::string& aggregator, const AggregatorOptions& options) {
  try {
    make_aggregator(aggregator, options);
  } catch (const ConfigError& error) {
    return error.what();
  }
  return "(accepted)";
}

// b25b8d6 ran every one of these (glad's nan prior ended "converged": false, rc 0).
TEST(ProbeB25, N20_AggregatorOptionsOutOfRangeAreRefused) {
  const double nan = std::numeric_limits<double>::quiet_NaN(), inf = std::numeric_limits<double>::infinity();
  EXPECT_EQ(refusal("mace", {{"smoothing", -1}}), "aggregator 'mace': option 'smoothing' must be a finite number >= 0, got -1");
  EXPECT_EQ(refusal("mace", {{"smoothing", inf}}), "aggregator 'mace': option 'smoothing' must be a finite number >= 0, got inf");
  EXPECT_EQ(refusal("mace", {{"variational", 2}}), "aggregator 'mace': option 'variational' must be 0 or 1 (a switch), got 2");
  EXPECT_EQ(refusal("zbs", {{"eps", -1}}), "aggregator 'zbs': option 'eps' must be a number in (0, 1], got -1");
  EXPECT_EQ(refusal("zbs", {{"lr_reduce_factor", 5}}), "aggregator 'zbs': option 'lr_reduce_factor' must be a number in (0, 1], got 5");
  EXPECT_EQ(refusal("ds", {{"elbo_stopping", 7}}), "aggregator 'ds': option 'elbo_stopping' must be 0 or 1 (a switch), got 7");
  EXPECT_EQ(refusal("one-coin-ds", {{"elbo_stopping", 0.5}}), "aggregator 'one-coin-ds': option 'elbo_stopping' must be 0 or 1 (a switch), got 0.5");
  EXPECT_EQ(refusal("m-msr", {{"unobserved_as_disagreement", 3}}),
            "aggregator 'm-msr': option 'unobserved_as_disagreement' must be 0 or 1 (a switch), got 3");
  EXPECT_EQ(refusal("glad", {{"alpha_prior_mean", nan}}), "aggregator 'glad': option 'alpha_prior_mean' must be a number in [-1e+06, 1e+06], got nan");
  EXPECT_EQ(refusal("glad", {{"alpha_prior_mean", inf}}), "aggregator 'glad': option 'alpha_prior_mean' must be a number in [-1e+06, 1e+06], got inf");
  // In range, as before.
  EXPECT_EQ(refusal("mace", {{"smoothing", 0}, {"variational", 0}}), "(accepted)");
  EXPECT_EQ(refusal("glad", {{"alpha_prior_mean", -2}}), "(accepted)");
}

}  // namespace
}  // namespace annotbench
