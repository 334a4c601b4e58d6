// The contract every registered acquisition strategy (methods/acquisition/registry.cpp) inherits
// without being named here: on a round of 40 unlabelled and 20 labelled items it spends exactly the
// round's budget, on distinct items of the pool it was offered (re-labels only among the eligible;
// no more than the allowance, none when it is 0, unless the strategy says its own ranking decides),
// and the same round seed gives the same picks.

#include <gtest/gtest.h>

#include <algorithm>
#include <memory>
#include <random>
#include <set>

#include "methods/acquisition/acquisition.h"
#include "tests/support/test_names.h"

namespace annotbench {
namespace {

std::vector<std::string> strategy_names() {
  std::vector<std::string> names;
  for (const StrategyInfo& info : registered_strategies()) names.push_back(info.name);
  return names;
}

FeatureMatrix random_probabilities(std::size_t rows, int classes, std::mt19937_64& rng) {
  FeatureMatrix proba(rows, static_cast<std::size_t>(classes));
  std::gamma_distribution<double> draw(1.0, 1.0);
  for (std::size_t n = 0; n < rows; ++n) {
    std::vector<double> weights(static_cast<std::size_t>(classes));
    double total = 0.0;
    for (double& weight : weights) total += (weight = draw(rng));
    for (int c = 0; c < classes; ++c) proba.at(n, static_cast<std::size_t>(c)) = static_cast<float>(weights[c] / total);
  }
  return proba;
}

// Pool items 0..59: 20 labelled (every even item below 40), 40 unlabelled.
AcquisitionRound a_round(std::size_t relabel_allowance, std::uint64_t seed) {
  std::mt19937_64 rng(99);
  AcquisitionRound round;
  round.round = 4;
  round.round_budget = 10;
  round.relabel_allowance = relabel_allowance;
  for (std::size_t item = 0; item < 60; ++item) {
    if (item < 40 && item % 2 == 0) {
      round.eligible.push_back(item);
      round.eligible_label.push_back(static_cast<int>(item % 3));
      round.eligible_label_count.push_back(1 + static_cast<int>(item % 2));
      round.eligible_is_wrong.push_back(item % 6 == 0);
    } else {
      round.unlabelled.push_back(item);
    }
  }
  round.unlabelled_proba = random_probabilities(round.unlabelled.size(), 3, rng);
  round.eligible_proba = random_probabilities(round.eligible.size(), 3, rng);
  round.seed = seed;
  return round;
}

class StrategyContract : public ::testing::TestWithParam<std::string> {};

TEST_P(StrategyContract, SpendsTheBudgetOnDistinctOfferedItemsWithinTheAllowance) {
  for (const std::size_t allowance : {std::size_t{0}, std::size_t{3}}) {
    const AcquisitionRound round = a_round(allowance, 5);
    const std::unique_ptr<AcquisitionStrategy> strategy = make_strategy(GetParam());
    const AcquisitionPicks picks = strategy->select(round);
    EXPECT_EQ(picks.relabel.size() + picks.fresh.size(), round.round_budget) << "allowance " << allowance;
    if (strategy->bounded_by_relabel_allowance()) EXPECT_LE(picks.relabel.size(), allowance);
    const std::set<std::size_t> relabel(picks.relabel.begin(), picks.relabel.end());
    const std::set<std::size_t> fresh(picks.fresh.begin(), picks.fresh.end());
    EXPECT_EQ(relabel.size(), picks.relabel.size()) << "an item re-labelled twice in one round";
    EXPECT_EQ(fresh.size(), picks.fresh.size()) << "an item labelled twice in one round";
    for (const std::size_t item : picks.relabel)
      EXPECT_NE(std::find(round.eligible.begin(), round.eligible.end(), item), round.eligible.end()) << item;
    for (const std::size_t item : picks.fresh)
      EXPECT_NE(std::find(round.unlabelled.begin(), round.unlabelled.end(), item), round.unlabelled.end()) << item;
  }
}

TEST_P(StrategyContract, TheSameRoundSeedGivesTheSamePicks) {
  const AcquisitionPicks first = make_strategy(GetParam())->select(a_round(3, 5));
  const AcquisitionPicks again = make_strategy(GetParam())->select(a_round(3, 5));
  EXPECT_EQ(first.relabel, again.relabel);
  EXPECT_EQ(first.fresh, again.fresh);
}

INSTANTIATE_TEST_SUITE_P(Registered, StrategyContract, ::testing::ValuesIn(strategy_names()),
                         testing::registered_name);

}  // namespace
}  // namespace annotbench
