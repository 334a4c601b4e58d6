// DARL spec §8, tests 1–4, 12 (in part) and 13: the learning loop's budget accounting read back from its
// ledger, the ρ = 0 and r < r0 identities, the shortfall rule, byte-identical ledgers for one seed, and a
// killed run resumed from its files. Small blobs and short training keep it fast.

#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <map>
#include <set>
#include <sstream>

#include <nlohmann/json.hpp>

#include "tests/support/blob_datasets.h"
#include "harness/protocols/active/active_learning.h"
#include "tests/support/temp_files.h"

namespace annotbench {
namespace {

ActiveProblem blob_problem() {
  const Dataset blobs = testing::balanced_blobs(4, 100);
  ActiveProblem problem;
  problem.num_classes = 4;
  problem.pool_features = FeatureMatrix(320, blobs.num_features());
  problem.test_features = FeatureMatrix(80, blobs.num_features());
  std::size_t pool = 0, test = 0;
  for (std::size_t i = 0; i < blobs.num_instances(); ++i) {
    const bool in_test = i % 5 == 0;
    FeatureMatrix& target = in_test ? problem.test_features : problem.pool_features;
    std::copy(blobs.features.row(i), blobs.features.row(i) + blobs.num_features(), target.row(in_test ? test : pool));
    (in_test ? problem.test_truth : problem.pool_truth).push_back(blobs.true_labels[i]);
    ++(in_test ? test : pool);
  }
  return problem;
}

ActiveSettings small_settings() {
  ActiveSettings settings;
  settings.seed_size = 20;
  settings.round_budget = 10;
  settings.rounds = 6;
  settings.relabel_share = 0.3;
  settings.relabel_from_round = 3;
  settings.recipe.min_epochs = 1;
  settings.recipe.min_steps = 30;
  settings.recipe.max_steps = 30;
  return settings;
}

struct Query {
  int round;
  std::size_t item;
  std::string kind;
  int label, truth;
};

std::vector<Query> parse_ledger(const std::string& text) {
  std::vector<Query> queries;
  std::istringstream in(text);
  for (std::string line; std::getline(in, line);) {
    const nlohmann::json row = nlohmann::json::parse(line);
    queries.push_back({row.at("round").get<int>(), row.at("item").get<std::size_t>(), row.at("kind").get<std::string>(),
                       row.at("label").get<int>(), row.at("true_label").get<int>()});
  }
  return queries;
}

const OracleSpec kNoisy{"symmetric", 0.3, 0.5, 10, 0};

TEST(ActiveLearningLoop, TheLedgerAccountsForEveryUnitOfTheBudget) {
  const ActiveProblem problem = blob_problem();
  const ActiveSettings settings = small_settings();
  const ActiveRunResult run = run_active_learning(problem, "darl-both", kNoisy, settings, 3, {});
  const std::vector<Query> ledger = parse_ledger(run.ledger);
  // §8.1: length B, n0 seed rows, b rows per round.
  ASSERT_EQ(ledger.size(), settings.seed_size + settings.rounds * settings.round_budget);
  std::map<int, std::size_t> per_round, relabels_per_round;
  std::set<std::size_t> labelled;
  std::size_t seed_and_new = 0;
  for (const Query& query : ledger) {
    ++per_round[query.round];
    if (query.kind == "seed") {
      EXPECT_EQ(query.round, 0);
    }
    // §8.2: new picks were never labelled before; re-labels were.
    if (query.kind == "relabel") {
      EXPECT_EQ(labelled.count(query.item), 1u);
      ++relabels_per_round[query.round];
    } else {
      EXPECT_TRUE(labelled.insert(query.item).second);
      ++seed_and_new;
    }
  }
  EXPECT_EQ(per_round[0], settings.seed_size);
  for (int r = 1; r <= settings.rounds; ++r) {
    EXPECT_EQ(per_round[r], settings.round_budget) << "round " << r;
    // Re-labels never exceed round(ρ·b) = 3, and none before r0 (§8.3).
    EXPECT_LE(relabels_per_round[r], 3u);
    if (r < settings.relabel_from_round) {
      EXPECT_EQ(relabels_per_round[r], 0u);
    }
  }
  EXPECT_GT(relabels_per_round[settings.rounds], 0u);
  // The round rows: spend after round r is n0 + r·b, |L| = seed + new rows.
  ASSERT_EQ(run.rounds.size(), static_cast<std::size_t>(settings.rounds + 1));
  for (int r = 0; r <= settings.rounds; ++r)
    EXPECT_EQ(run.rounds[r].at("spent").get<std::size_t>(), settings.seed_size + r * settings.round_budget);
  EXPECT_EQ(run.rounds.back().at("n_labelled").get<std::size_t>(), seed_and_new);
  // pool_wrong recomputed from the ledger under replace: each item's last label.
  std::map<std::size_t, int> last;
  for (const Query& query : ledger) last[query.item] = query.label;
  std::size_t wrong = 0;
  for (const auto& [item, label] : last) wrong += label != problem.pool_truth[item];
  EXPECT_EQ(run.rounds.back().at("pool_wrong").get<std::size_t>(), wrong);
}

TEST(ActiveLearningLoop, WithoutEligibleItemsTheRelabelShareGoesToNewLabels) {
  const ActiveProblem problem = blob_problem();
  ActiveSettings settings = small_settings();
  settings.max_relabels = 0;  // nothing is ever eligible (§8.4)
  const std::vector<Query> ledger = parse_ledger(run_active_learning(problem, "darl-loss", kNoisy, settings, 1, {}).ledger);
  ASSERT_EQ(ledger.size(), settings.seed_size + settings.rounds * settings.round_budget);
  for (const Query& query : ledger) EXPECT_NE(query.kind, "relabel");
}

TEST(ActiveLearningLoop, RhoZeroReproducesPlainActiveLearningBitForBit) {
  const ActiveProblem problem = blob_problem();
  ActiveSettings settings = small_settings();
  settings.relabel_share = 0.0;
  const ActiveRunResult darl = run_active_learning(problem, "darl-both", kNoisy, settings, 5, {});
  const ActiveRunResult plain = run_active_learning(problem, "al-entropy", kNoisy, settings, 5, {});
  EXPECT_EQ(darl.ledger, plain.ledger);
  for (std::size_t r = 0; r < darl.rounds.size(); ++r)
    EXPECT_EQ(darl.rounds[r].at("test_acc"), plain.rounds[r].at("test_acc"));
}

TEST(ActiveLearningLoop, TheSameSeedGivesTheSameLedgerByteForByte) {
  const ActiveProblem problem = blob_problem();
  const ActiveSettings settings = small_settings();
  const ActiveRunResult first = run_active_learning(problem, "darl-both", kNoisy, settings, 8, {});
  const ActiveRunResult again = run_active_learning(problem, "darl-both", kNoisy, settings, 8, {});
  const ActiveRunResult other = run_active_learning(problem, "darl-both", kNoisy, settings, 9, {});
  EXPECT_EQ(first.ledger, again.ledger);
  EXPECT_NE(first.ledger, other.ledger);
  for (std::size_t r = 0; r < first.rounds.size(); ++r) {
    nlohmann::json a = first.rounds[r], b = again.rounds[r];
    a.erase("seconds");
    b.erase("seconds");
    EXPECT_EQ(a, b);
  }
}

TEST(ActiveLearningLoop, AKilledRunContinuesFromItsLastFinishedRound) {
  const ActiveProblem problem = blob_problem();
  const ActiveSettings settings = small_settings();
  testing::TempDir dir;
  const ActiveRunFiles files{(dir.path() / "run.ledger.jsonl").string(), (dir.path() / "run.rounds.jsonl").string()};
  const ActiveRunResult whole = run_active_learning(problem, "darl-both", kNoisy, settings, 4, files);
  // Simulate a kill after round 3's row, during round 4: round rows 0..3 and ledger lines up to round 4,
  // the last one cut mid-line.
  std::ifstream rounds_in(files.rounds), ledger_in(files.ledger);
  std::string rounds_kept, ledger_kept;
  for (std::string line; std::getline(rounds_in, line);)
    if (nlohmann::json::parse(line).at("round").get<int>() <= 3) rounds_kept += line + "\n";
  for (std::string line; std::getline(ledger_in, line);)
    if (nlohmann::json::parse(line).at("round").get<int>() <= 4) ledger_kept += line + "\n";
  ledger_kept += "{\"round\":5,\"item\":";
  std::ofstream(files.rounds, std::ios::trunc) << rounds_kept;
  std::ofstream(files.ledger, std::ios::trunc) << ledger_kept;
  const ActiveRunResult resumed = run_active_learning(problem, "darl-both", kNoisy, settings, 4, files);
  EXPECT_EQ(resumed.resumed_from_round, 3);
  EXPECT_EQ(resumed.ledger, whole.ledger);
  std::ifstream ledger_after(files.ledger);
  std::stringstream text;
  text << ledger_after.rdbuf();
  EXPECT_EQ(text.str(), whole.ledger);
  ASSERT_EQ(resumed.rounds.size(), whole.rounds.size());
  EXPECT_EQ(resumed.rounds.back().at("test_acc"), whole.rounds.back().at("test_acc"));
}

TEST(ActiveLearningLoop, DetectionBeatsTheNoiseRateAndTheOracleControlIsExact) {
  // §8.12 in miniature: at ε = 0.3 the oracle control's picks are all wrong labels, and the
  // out-of-fold loss ranking picks wrong labels more often than ε (blobs are easy to separate).
  const ActiveProblem problem = blob_problem();
  ActiveSettings settings = small_settings();
  settings.recipe.min_steps = settings.recipe.max_steps = 150;
  double picks = 0.0, wrong_picks = 0.0;
  for (const std::string strategy : {"relabel-oracle", "darl-loss"}) {
    const ActiveRunResult run = run_active_learning(problem, strategy, kNoisy, settings, 2, {});
    for (const nlohmann::json& round : run.rounds) {
      if (round.at("relabel_precision").is_null()) continue;
      if (strategy == "relabel-oracle") {
        EXPECT_DOUBLE_EQ(round.at("relabel_precision").get<double>(), 1.0);
      } else {
        picks += round.at("n_relabels").get<double>();
        wrong_picks += round.at("relabel_precision").get<double>() * round.at("n_relabels").get<double>();
      }
    }
  }
  ASSERT_GT(picks, 0.0);
  EXPECT_GT(wrong_picks / picks, 0.3);
}

TEST(ActiveLearningLoop, AreaUnderTheCurveIsTheTrapezoidOverTheBudget) {
  // Spent 10, 20, 40 with accuracies 0.5, 0.7, 0.9: (10·0.6 + 20·0.8) / 30 = 22/30.
  const std::vector<nlohmann::json> rounds = {{{"spent", 10}, {"test_acc", 0.5}},
                                              {{"spent", 20}, {"test_acc", 0.7}},
                                              {{"spent", 40}, {"test_acc", 0.9}}};
  EXPECT_NEAR(area_under_learning_curve(rounds), 22.0 / 30.0, 1e-12);
}

}  // namespace
}  // namespace annotbench
