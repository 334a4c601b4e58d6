// `annotbench bench`: the benchmarks of harness/bench/ run in-process, with a summary for people:
// which BLAS LibTorch really uses and what it delivers, the annot-mix step (optionally next to the
// same step in plain PyTorch), an epoch of each method, the simulators and the statistics.

#include <benchmark/benchmark.h>

#include <cstdio>
#include <cstdlib>
#include <iostream>
#include <optional>
#include <regex>

#include "datasets/input_error.h"
#include "datasets/registry.h"
#include "harness/bench/bench_results.h"
#include "harness/bench/benchmarks.h"
#include "harness/bench/pytorch_step.h"
#include "harness/cli/command.h"
#include "methods/runtime.h"
#include "reports/atomic_file.h"

namespace annotbench {

namespace {

using NameFilter = std::function<bool(const std::string&)>;

NameFilter name_filter(const Args& args) {
  if (!args.has("filter")) return [](const std::string&) { return true; };
  const std::string pattern = args.get("filter");
  std::regex regex;
  try {
    regex = std::regex(pattern);
  } catch (const std::regex_error& error) {
    throw ConfigError("--filter '" + pattern + "' is not a regular expression: " + error.what());
  }
  std::string known;
  bool any = false;
  for (const std::string& name : benchmark_names()) {
    any = any || std::regex_search(name, regex);
    known += (known.empty() ? "" : ", ") + name;
  }
  if (!any) throw ConfigError("--filter '" + pattern + "' matches no benchmark; the benchmarks: " + known);
  return [regex](const std::string& name) { return std::regex_search(name, regex); };
}

void print_progress(const BenchmarkResult& result) {
  if (!result.error.empty())
    std::fprintf(stderr, "  %-26s %s\n", result.name.c_str(), error_text(result).c_str());
  else
    std::fprintf(stderr, "  %-26s %10.3f ms x %lld\n", result.name.c_str(), result.seconds * 1e3,
                 static_cast<long long>(result.iterations));
}

int run_bench(const Args& args) {
  const bool quick = args.has("quick");
  if (args.has("data-dir")) {
    // The aggregate/ benchmarks find their crowd sets as every command does; --data-dir goes first.
    data_search_dirs(args.get("data-dir"));  // a --data-dir that is not a directory is an error
    ::setenv("ANNOTBENCH_DATA", args.get("data-dir").c_str(), 1);
  }
  if (args.has("threads")) {
    const long long threads = args.get_int("threads", 0);
    if (threads < 1) throw ConfigError("--threads must be at least 1, got " + std::to_string(threads));
    set_torch_threads(static_cast<int>(threads));
  }
  const NameFilter wanted = name_filter(args);

  int argc = 1;
  char program[] = "annotbench";
  char* argv[] = {program, nullptr};
  benchmark::Initialize(&argc, argv);
  CollectingReporter reporter(print_progress);
  const auto run_selected = [&](const NameFilter& selected) {
    benchmark::ClearRegisteredBenchmarks();
    if (register_benchmarks({selected, quick}) > 0) benchmark::RunSpecifiedBenchmarks(&reporter, ".");
  };

  std::cerr << "annotbench bench: running" << (quick ? " (quick)" : "") << "; progress below, summary at the end\n";
  std::optional<PytorchStepResult> pytorch;
  if (args.has("pytorch")) {
    // The PyTorch step runs right after ours, so that both meet the same machine load.
    run_selected([&](const std::string& name) { return wanted(name) && is_kernel_benchmark(name); });
    std::cerr << "  plain-PyTorch step (" << pytorch_python() << " " << pytorch_step_script() << ") ...\n";
    pytorch = run_pytorch_step(std::stoi(torch_runtime_facts().at("threads")), quick ? 100 : 400, quick ? 10 : 40);
    std::fprintf(stderr, "  %-26s %10.3f ms x %d\n", "pytorch annot_mix_step", pytorch->ms_per_step, pytorch->steps);
    run_selected([&](const std::string& name) { return wanted(name) && !is_kernel_benchmark(name); });
  } else {
    run_selected(wanted);
  }
  benchmark::ClearRegisteredBenchmarks();

  BenchContext context;
  const auto facts = torch_runtime_facts();
  context.torch_version = facts.at("torch");
  context.threads = std::stoi(facts.at("threads"));
  context.blas = blas_in_use();
  context.quick = quick;
  std::cout << "\n" << bench_summary(context, reporter.results(), pytorch);
  if (args.has("json")) write_file_atomically(args.get("json"), bench_json(context, reporter.results(), pytorch).dump(2) + "\n");
  for (const BenchmarkResult& result : reporter.results())
    if (!result.error.empty() && !result.skipped()) return 1;
  return 0;
}

}  // namespace

CommandSpec bench_command() {
  CommandSpec spec;
  spec.name = "bench";
  spec.usage = "annotbench bench [--quick] [--filter REGEX] [--pytorch] [--threads N] [--json FILE]";
  spec.summary = "Time LibTorch's BLAS, the annot-mix step, an epoch of each method, the simulators and the statistics.";
  spec.options = {
      {"quick", "", "fewer repetitions and shorter minimum times: everything in about a minute"},
      {"filter", "REGEX", "run only the benchmarks whose name matches (matmul/1024, annot_mix_step, epoch/METHOD, "
                          "simulate/SIMULATOR, statistics/50x12)"},
      {"pytorch", "", "also time the same annot-mix step in plain PyTorch (/usr/bin/python3 with python3-torch, "
                      "or $ANNOTBENCH_PYTHON) and print the ratio"},
      {"threads", "N", "LibTorch intra-op threads for every benchmark and for the PyTorch script (default: LibTorch's)"},
      {"json", "FILE", "also write every result as JSON (written whole or not at all)"},
      {"data-dir", "DIR", "where the aggregate/ benchmarks' crowd sets are (default: $ANNOTBENCH_DATA, ../shared/data)"},
  };
  spec.run = run_bench;
  return spec;
}

}  // namespace annotbench
