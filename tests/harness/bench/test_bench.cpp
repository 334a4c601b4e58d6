// The facts behind `annotbench bench`'s summary (no timings are asserted): the GFLOP/s formula, how
// the BLAS in use is recognised from library paths and /proc/<pid>/maps, the parsing of the
// PyTorch script's result line, and the shapes of what the benchmarks run on.

#include <gtest/gtest.h>

#include <cmath>
#include <cstdlib>
#include <fstream>
#include <set>
#include <sstream>
#include <stdexcept>

#include "harness/bench/annot_mix_step.h"
#include "harness/bench/bench_results.h"
#include "harness/bench/benchmarks.h"
#include "harness/bench/blas_library.h"
#include "harness/bench/letter_sized_data.h"
#include "harness/bench/matmul.h"
#include "tests/support/temp_files.h"

namespace annotbench {
namespace {

TEST(BenchMatmul, FlopsOfASquareProductAreTwoNCubed) {
  // n^2 entries, each a dot product of n multiplies and n - 1 adds, counted as 2n by convention.
  EXPECT_DOUBLE_EQ(matmul_flops(2), 16.0);
  EXPECT_DOUBLE_EQ(matmul_flops(1024), 2147483648.0);
  // 2 * 1024^3 flops in half a second: 4.294967296 GFLOP/s.
  EXPECT_DOUBLE_EQ(gflops_per_second(matmul_flops(1024), 0.5), 4.294967296);
  EXPECT_EQ(gflops_per_second(1e9, 0.0), 0.0);
}

TEST(BenchBlas, KindFollowsDebiansLibraryPaths) {
  EXPECT_EQ(blas_kind_of("/usr/lib/x86_64-linux-gnu/openblas-pthread/libblas.so.3"), BlasKind::kOpenBlas);
  EXPECT_EQ(blas_kind_of("/usr/lib/x86_64-linux-gnu/openblas-openmp/libopenblasp-r0.3.21.so"), BlasKind::kOpenBlas);
  EXPECT_EQ(blas_kind_of("/usr/lib/x86_64-linux-gnu/blas/libblas.so.3"), BlasKind::kReference);
  EXPECT_EQ(blas_kind_of("/usr/lib/x86_64-linux-gnu/blis-pthread/libblas.so.3"), BlasKind::kBlis);
  EXPECT_EQ(blas_kind_of("/opt/intel/lib/libmkl_rt.so.2"), BlasKind::kMkl);
  EXPECT_EQ(blas_kind_of("/usr/lib/libsomething.so"), BlasKind::kUnknown);
}

TEST(BenchBlas, MapsListEachBlasLibraryOnceInOrder) {
  const std::string maps =
      "7f00-7f01 r--p 00000000 08:01 11 /usr/lib/x86_64-linux-gnu/libtorch_cpu.so.1.13\n"
      "7f02-7f03 r-xp 00001000 08:01 12 /usr/lib/x86_64-linux-gnu/openblas-pthread/libblas.so.3\n"
      "7f03-7f04 r--p 00002000 08:01 12 /usr/lib/x86_64-linux-gnu/openblas-pthread/libblas.so.3\n"
      "7f05-7f06 rw-p 00000000 00:00 0 \n"
      "7f06-7f07 r-xp 00000000 08:01 13 /usr/lib/x86_64-linux-gnu/openblas-pthread/libopenblasp-r0.3.21.so\n"
      "7f08-7f09 rw-p 00000000 00:00 0 [heap]\n"
      "7f0a-7f0b r-xp 00000000 08:01 14 /usr/lib/x86_64-linux-gnu/liblapack_blas_helper.so\n";
  const std::vector<std::string> expected = {"/usr/lib/x86_64-linux-gnu/openblas-pthread/libblas.so.3",
                                             "/usr/lib/x86_64-linux-gnu/openblas-pthread/libopenblasp-r0.3.21.so"};
  EXPECT_EQ(blas_libraries_in_maps(maps), expected);
}

TEST(BenchPytorchStep, ResultIsTheLastJsonLineAfterAnyWarnings) {
  const std::string output =
      "/usr/lib/python3/dist-packages/torch/__init__.py:1: UserWarning: something {odd}\n"
      "{\"ms_per_step\": 4.5, \"steps\": 300, \"threads\": 2, \"parameters\": 178522, \"torch\": \"1.13.0a0\", "
      "\"blas\": [\"/usr/lib/x86_64-linux-gnu/openblas-pthread/libblas.so.3\"]}\n";
  const PytorchStepResult result = parse_pytorch_step_output(output);
  EXPECT_DOUBLE_EQ(result.ms_per_step, 4.5);
  EXPECT_EQ(result.steps, 300);
  EXPECT_EQ(result.threads, 2);
  EXPECT_EQ(result.parameters, 178522);
  EXPECT_EQ(result.torch_version, "1.13.0a0");
  ASSERT_EQ(result.blas_libraries.size(), 1u);
  EXPECT_THROW(parse_pytorch_step_output("Traceback (most recent call last):\nImportError: no torch\n"),
               std::runtime_error);
}

TEST(BenchAnnotMixStep, BatchHasLetterShapesAndStepsGiveFiniteLosses) {
  AnnotMixStep step;
  // 64 instances with exactly 3 labels each: L = 192 pairs.
  EXPECT_EQ(step.labelled_pair_count(), 64 * 3);
  for (int i = 0; i < 3; ++i) EXPECT_TRUE(std::isfinite(step.step()));
  // GT: 16->256 (+BN), 256->128 (+BN), 128->26; AP: 20->128, 128->128, Linear 256->128 (+BN), 128->26*26.
  const std::int64_t D = 16, C = 26, M = 20, E = 128;
  const std::int64_t gt = (D * 256 + 256) + 2 * 256 + (256 * 128 + 128) + 2 * 128 + (128 * C + C);
  const std::int64_t ap = (M * E + E) + (128 * E + E) + (2 * E * E + E) + 2 * E + (E * C * C + C * C);
  EXPECT_EQ(step.parameter_count(), gt + ap);
}

TEST(BenchData, LetterSizedCrowdHasTwoToFourLabelsPerInstanceAndStandardisedFeatures) {
  const Dataset data = letter_sized_crowd();
  ASSERT_EQ(data.num_instances(), 16000u);
  ASSERT_EQ(data.num_features(), 16u);
  ASSERT_EQ(data.num_classes(), 26);
  ASSERT_EQ(data.num_annotators(), 20u);
  std::set<int> counts;
  for (std::size_t n = 0; n < data.num_instances(); ++n) {
    int labels = 0;
    for (std::size_t m = 0; m < data.num_annotators(); ++m) labels += data.annotations.at(n, m) != kMissingLabel;
    counts.insert(labels);
  }
  EXPECT_EQ(counts, (std::set<int>{2, 3, 4}));
  for (std::size_t d = 0; d < data.num_features(); ++d) {
    double sum = 0.0, squares = 0.0;
    for (std::size_t n = 0; n < data.num_instances(); ++n) sum += data.features.at(n, d);
    const double mean = sum / 16000.0;
    for (std::size_t n = 0; n < data.num_instances(); ++n) squares += std::pow(data.features.at(n, d) - mean, 2);
    EXPECT_NEAR(mean, 0.0, 1e-4);
    EXPECT_NEAR(std::sqrt(squares / 16000.0), 1.0, 1e-4);
  }
}

TEST(BenchStatistics, RandomTableIsFiftyByTwelveAndSeeded) {
  const ScoreTable table = random_score_table(50, 12, 6);
  ASSERT_EQ(table.dataset_count(), 50u);
  ASSERT_EQ(table.method_count(), 12u);
  EXPECT_EQ(random_score_table(50, 12, 6).scores, table.scores);
  EXPECT_NE(random_score_table(50, 12, 7).scores, table.scores);
}

TEST(BenchNames, EveryRegisteredMethodAndSimulatorHasABenchmark) {
  const std::vector<std::string> names = benchmark_names();
  const std::set<std::string> unique(names.begin(), names.end());
  EXPECT_EQ(unique.size(), names.size());
  EXPECT_EQ(names.front(), "matmul/1024");
  EXPECT_TRUE(unique.count("epoch/annot-mix"));
  EXPECT_TRUE(unique.count("simulate/classifier"));
  EXPECT_TRUE(is_kernel_benchmark("annot_mix_step"));
  EXPECT_FALSE(is_kernel_benchmark("epoch/annot-mix"));
}

}  // namespace
}  // namespace annotbench

namespace annotbench {
namespace {

std::string read_text(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  std::stringstream text;
  text << in.rdbuf();
  return text.str();
}

// `annotbench bench` through the real binary, on the one benchmark that takes well under a second
// to run (the statistics); the matmul runs too, to make LibTorch reach its BLAS.
TEST(BenchCommand, WritesEveryResultAsJsonAndNamesTheBlasInUse) {
  const testing::TempDir dir;
  const std::string json_path = (dir.path() / "bench.json").string();
  const std::string out = (dir.path() / "stdout.txt").string();
  const std::string command = std::string(ANNOTBENCH_BINARY) + " bench --quick --filter 'matmul|statistics' --json " +
                              json_path + " >" + out + " 2>/dev/null";
  ASSERT_EQ(std::system(command.c_str()), 0);
  const nlohmann::json json = nlohmann::json::parse(read_text(json_path));
  ASSERT_EQ(json["benchmarks"].size(), 2u);
  EXPECT_EQ(json["benchmarks"][0]["name"], "matmul/1024");
  EXPECT_EQ(json["benchmarks"][1]["name"], "statistics/50x12");
  for (const auto& row : json["benchmarks"]) {
    EXPECT_GE(row["iterations"].get<int>(), 1);
    EXPECT_GT(row["seconds_per_iteration"].get<double>(), 0.0);
  }
  // Debian's LibTorch reaches sgemm_ through some libblas.so.3: the summary must name it.
  const std::string provider = json["blas"]["sgemm_provider"];
  EXPECT_NE(provider, "");
  EXPECT_NE(read_text(out).find(provider), std::string::npos);
  EXPECT_NE(read_text(out).find("GFLOP/s"), std::string::npos);
}

TEST(BenchCommand, AFilterMatchingNothingFailsAndListsTheBenchmarks) {
  const testing::TempDir dir;
  const std::string err = (dir.path() / "stderr.txt").string();
  const std::string command = std::string(ANNOTBENCH_BINARY) + " bench --filter no-such-benchmark >/dev/null 2>" + err;
  const int status = std::system(command.c_str());
  EXPECT_EQ(WEXITSTATUS(status), 1);
  const std::string message = read_text(err);
  EXPECT_NE(message.find("matches no benchmark"), std::string::npos);
  EXPECT_NE(message.find("epoch/annot-mix"), std::string::npos);
}

}  // namespace
}  // namespace annotbench
