#pragma once
// The results of a benchmark run as plain values, collected from Google Benchmark's reporter
// interface, and the summary `annotbench bench` prints from them. No torch.

#include <benchmark/benchmark.h>

#include <cstdint>
#include <functional>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "harness/bench/blas_library.h"

namespace annotbench {

struct BenchmarkResult {
  std::string name;            // as registered, e.g. "epoch/annot-mix"
  std::int64_t iterations = 0;
  double seconds = 0.0;        // wall-clock per iteration
  std::map<std::string, double> counters;
  std::string error;           // non-empty when the benchmark failed or was skipped
  // A benchmark that cannot apply here (kos on 26 classes, a crowd set whose files are not here)
  // is skipped, not failed, so that `bench` exits 0 when everything that can run has run (probe N18).
  bool skipped() const { return error.rfind(kSkippedPrefix, 0) == 0; }
  static constexpr const char* kSkippedPrefix = "skipped: ";
};

// "skipped: ..." as it is, anything else as "failed: ...".
inline std::string error_text(const BenchmarkResult& result) {
  return result.skipped() ? result.error : "failed: " + result.error;
}

// Collects every run instead of printing it; `on_result` (may be empty) hears of each one as it ends.
class CollectingReporter : public benchmark::BenchmarkReporter {
 public:
  explicit CollectingReporter(std::function<void(const BenchmarkResult&)> on_result = {})
      : on_result_(std::move(on_result)) {}
  bool ReportContext(const Context&) override { return true; }
  void ReportRuns(const std::vector<Run>& runs) override;
  const std::vector<BenchmarkResult>& results() const { return results_; }

 private:
  std::function<void(const BenchmarkResult&)> on_result_;
  std::vector<BenchmarkResult> results_;
};

// What the plain-PyTorch script (pytorch_annot_mix_step.py) measured.
struct PytorchStepResult {
  double ms_per_step = 0.0;
  int steps = 0;
  int threads = 0;
  std::int64_t parameters = 0;  // trainable numbers of its network
  std::string torch_version;
  std::vector<std::string> blas_libraries;  // BLAS-like libraries in the Python process's maps
};

// The script's result: its last stdout line that is a JSON object with "ms_per_step". Throws
// std::runtime_error quoting the output when there is none.
PytorchStepResult parse_pytorch_step_output(const std::string& output);

struct BenchContext {
  std::string torch_version;
  int threads = 0;
  BlasInUse blas;
  bool quick = false;
};

// The human summary: BLAS, GFLOP/s, step times (and the ratio to PyTorch), epochs, simulators,
// statistics.
std::string bench_summary(const BenchContext& context, const std::vector<BenchmarkResult>& results,
                          const std::optional<PytorchStepResult>& pytorch);

nlohmann::ordered_json bench_json(const BenchContext& context, const std::vector<BenchmarkResult>& results,
                                  const std::optional<PytorchStepResult>& pytorch);

}  // namespace annotbench
