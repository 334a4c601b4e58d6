#pragma once
// The benchmarks of issue 6, registered explicitly with Google Benchmark (BENCHMARK macros in a
// static library are dropped by the linker when nothing references their file):
//   matmul/1024           torch::mm of two 1024 x 1024 float matrices, counter GFLOP/s
//   annot_mix_step        one annot-mix training step (AnnotMixStep, letter's shapes)
//   epoch/<method>        one training epoch of each registered method on letter-sized data
//   simulate/<simulator>  each registered simulator on letter-sized data, 20 annotators
//   statistics/50x12      ranks, Friedman / Iman-Davenport, Nemenyi CD, Wilcoxon + Holm
//   active_folds/batched, active_folds/sequential
//                         an active-learning round's 4 out-of-fold models, as replicas or one by one
// Every time is wall-clock (UseRealTime): LibTorch works on several threads.

#include <cstddef>
#include <functional>
#include <string>
#include <vector>

#include "reports/score_table.h"

namespace annotbench {

struct BenchmarkSelection {
  // Which benchmarks to register, by name; empty: all.
  std::function<bool(const std::string&)> wanted;
  // Fewer repetitions and a shorter minimum time, so that everything runs in about a minute.
  bool quick = false;
};

// Every benchmark name, in the order they run.
std::vector<std::string> benchmark_names();

// The benchmarks that time LibTorch's kernels and one training step (not whole epochs).
bool is_kernel_benchmark(const std::string& name);

// Registers the selected benchmarks with benchmark::RegisterBenchmark; returns how many.
std::size_t register_benchmarks(const BenchmarkSelection& selection);

// Statistics benchmark input: a seeded table of `datasets` x `methods` scores in (0, 1).
ScoreTable random_score_table(std::size_t datasets, std::size_t methods, unsigned long long seed);

}  // namespace annotbench
