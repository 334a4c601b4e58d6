// The few-shot report's statistics from result rows' sums and per-task counts (reports/fewshot_report.h).

#include <gtest/gtest.h>

#include <fstream>
#include <nlohmann/json.hpp>
#include <sstream>

#include "reports/fewshot_report.h"
#include "tests/support/temp_files.h"

namespace annotbench {
namespace {

// Student's t, two-sided: t = 2.228 at 10 degrees of freedom is the 97.5 % quantile (tables: p = 0.05).
TEST(FewShotReport, StudentTwoSidedPValueMatchesTheTable) {
  EXPECT_NEAR(student_t_two_sided_p(2.228138852, 10), 0.05, 1e-6);
  EXPECT_NEAR(student_t_two_sided_p(0.0, 5), 1.0, 1e-12);
}

nlohmann::json row(const std::string& method, const std::vector<int>& per_task) {
  double correct = 0.0, squares = 0.0;
  for (const int count : per_task) correct += count, squares += static_cast<double>(count) * count;
  nlohmann::json entry = {{"shots", 1}, {"annotators", 3}, {"mix", "E.1/H.7/S.2"}, {"mix_shares", {0.1, 0.7, 0.2}},
                          {"spammer_share", 0.2}, {"missing", 0.0}, {"em_steps", nullptr},
                          {"tasks", per_task.size()}, {"queries", 4 * per_task.size()}, {"correct", correct},
                          {"correct_squares", squares}, {"seconds", 0.5}, {"per_task_correct", per_task}};
  return {{"kind", "fewshot"}, {"setting", "toy 2-way"}, {"dataset", "toy"}, {"method", method}, {"seed", 0},
          {"hyperparameters", nlohmann::json::object()},
          {"protocol", {{"ways", 2}, {"queries_per_class", 2}, {"test_tasks", per_task.size()},
                        {"meta_training", nlohmann::json::object()}}},
          {"class_split", {{"train", {0}}, {"valid", {1}}, {"test", {2, 3}}, {"valid_from_rows", false}}},
          {"meta_training", {{"iterations", 10}, {"best_iteration", 10}, {"best_valid_accuracy", 0.5}, {"seconds", 1.0}}},
          {"metrics", {{"test_accuracy", correct / (4.0 * per_task.size())}}},
          {"results", {entry}}};
}

// Four tasks of 4 queries: meta-em gets 4, 3, 2, 3 right (75 %), proto-mv 2, 3, 2, 1 (50 %). Per-task
// differences 0.5, 0, 0, 0.5: mean 0.25, sample sd 0.288675, t = 0.25 / (0.288675 / 2) = 1.732051.
TEST(FewShotReport, TablesAndPairedTestsComeFromTheSumsAndTheTasks) {
  testing::TempDir dir;
  std::ofstream(dir.path() / "rows.jsonl") << row("meta-em", {4, 3, 2, 3}).dump() << "\n"
                                           << row("proto-mv", {2, 3, 2, 1}).dump() << "\n";
  FewShotReportOptions options;
  options.results = (dir.path() / "rows.jsonl").string();
  options.out_dir = (dir.path() / "report").string();
  ASSERT_TRUE(holds_fewshot_rows(options.results));
  std::ostringstream warnings;
  write_fewshot_report(options, warnings);
  std::ifstream in(dir.path() / "report" / "report.md");
  const std::string report((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
  // Per-task accuracy of meta-em: 1, .75, .5, .75; sd 0.204124, SE over 4 tasks 0.102062 → "75.0** ± 10.2".
  EXPECT_NE(report.find("| meta-em | **75.0** ± 10.2 | **75.0** |"), std::string::npos) << report;
  EXPECT_NE(report.find("| proto-mv | 50.0 ± 10.2 | 50.0 |"), std::string::npos) << report;
  const double p = student_t_two_sided_p(1.7320508, 3);
  char expected[64];
  std::snprintf(expected, sizeof expected, "+25.0 (p %.3f)", p);
  EXPECT_NE(report.find(expected), std::string::npos) << expected << "\n" << report;
  EXPECT_NE(report.find("t 1.7, p "), std::string::npos);
}

}  // namespace
}  // namespace annotbench
