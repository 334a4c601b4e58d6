// annotbench_bench: the benchmarks of harness/bench/ with Google Benchmark's own command line and
// console output (--benchmark_filter=..., --benchmark_format=json, ...). `annotbench bench` runs the
// same benchmarks with a summary for people. ANNOTBENCH_BENCH_QUICK=1 picks the short settings.

#include <benchmark/benchmark.h>

#include <cstdlib>
#include <string>

#include "harness/bench/benchmarks.h"
#include "methods/runtime.h"

int main(int argc, char** argv) {
  annotbench::keep_freed_memory();
  benchmark::Initialize(&argc, argv);
  if (benchmark::ReportUnrecognizedArguments(argc, argv)) return 1;
  const char* quick = std::getenv("ANNOTBENCH_BENCH_QUICK");
  annotbench::register_benchmarks({{}, quick != nullptr && std::string(quick) == "1"});
  benchmark::RunSpecifiedBenchmarks();
  benchmark::Shutdown();
  return 0;
}
