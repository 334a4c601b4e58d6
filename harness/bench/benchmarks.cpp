#include "harness/bench/benchmarks.h"

#include <benchmark/benchmark.h>

#include <map>
#include <memory>
#include <random>
#include <stdexcept>

#include "datasets/crowd_label_table.h"
#include "datasets/input_error.h"
#include "datasets/random.h"
#include "harness/bench/annot_mix_step.h"
#include "harness/bench/bench_results.h"
#include "harness/bench/letter_sized_data.h"
#include "harness/bench/matmul.h"
#include "methods/acquisition/active_classifier.h"
#include "methods/aggregation/aggregator.h"
#include "methods/method.h"
#include "reports/comparison.h"
#include "reports/score_table.h"
#include "simulators/simulator.h"

namespace annotbench {

namespace {

constexpr std::int64_t kMatmulSize = 1024;

// Made on first use, outside the timed loops, and kept for every later benchmark.
const Dataset& crowd_data() {
  static const Dataset data = letter_sized_crowd();
  return data;
}

const Dataset& feature_data() {
  static const Dataset data = letter_sized_features();
  return data;
}

void run_matmul(benchmark::State& state) {
  SquareMatmul matmul(kMatmulSize);
  matmul.multiply();  // warm-up: first-touch of the result, BLAS thread start
  for (auto _ : state) matmul.multiply();
  state.counters["GFLOP/s"] =
      benchmark::Counter(matmul_flops(kMatmulSize) / 1e9, benchmark::Counter::kIsIterationInvariantRate);
}

void run_annot_mix_step(benchmark::State& state) {
  AnnotMixStep step;
  for (int warm_up = 0; warm_up < 5; ++warm_up) step.step();
  for (auto _ : state) benchmark::DoNotOptimize(step.step());
  state.counters["pairs"] = static_cast<double>(step.labelled_pair_count());
  state.counters["parameters"] = static_cast<double>(step.parameter_count());
}

// The first line of the reason (a missing file's message goes on to list every directory looked in).
std::string skipped_because(const std::exception& error) {
  const std::string message = error.what();
  return BenchmarkResult::kSkippedPrefix + message.substr(0, message.find('\n'));
}

void run_epoch(benchmark::State& state, const std::string& method) {
  try {
    const Dataset& train = crowd_data();
    TrainingSettings settings;
    settings.epochs = 1;
    for (auto _ : state) {
      std::unique_ptr<Method> model = make_method(method);
      model->fit(train, nullptr, settings);
    }
  } catch (const ConfigError& error) {  // the method does not apply to these data (kos-mixup: 26 classes)
    state.SkipWithError(skipped_because(error).c_str());
  } catch (const std::exception& error) {
    state.SkipWithError(error.what());
  }
}

void run_simulator(benchmark::State& state, const std::string& kind) {
  try {
    const Dataset& data = feature_data();
    const SimulationConfig config = letter_sized_simulation(kind);
    for (auto _ : state) benchmark::DoNotOptimize(simulate_annotations(data, config).annotations.values.data());
  } catch (const std::exception& error) {
    state.SkipWithError(error.what());
  }
}

void run_statistics(benchmark::State& state) {
  const ScoreTable table = random_score_table(50, 12, 6);
  for (auto _ : state) benchmark::DoNotOptimize(compare_methods(table, "", 0.05).friedman.iman_davenport_p);
}

std::string statistics_name() { return "statistics/50x12"; }

// One active-learning round's k = 4 out-of-fold models (DARL spec §3.2) on 1000 labelled rows of
// letter-sized data, 500 steps each: together as batched replicas, or one after the other.
void run_active_folds(benchmark::State& state, bool batched) {
  try {
    const Dataset& data = feature_data();
    std::vector<ModelJob> jobs(4);
    for (std::size_t f = 0; f < jobs.size(); ++f) {
      for (std::size_t i = 0; i < 1000; ++i) {
        if (i % 4 == f) {
          jobs[f].predict_rows.push_back(i);
          continue;
        }
        jobs[f].train_rows.push_back(i);
        jobs[f].train_labels.push_back(data.true_labels[i]);
      }
      jobs[f].seed = f;
    }
    const ActiveModelRecipe recipe;
    for (auto _ : state)
      benchmark::DoNotOptimize(fit_and_predict(data.features, data.num_classes(), jobs, 500, recipe, batched).data());
  } catch (const std::exception& error) {
    state.SkipWithError(error.what());
  }
}

// Truth inference on real crowd files: S_Rel (98,453 labels, 4 classes) and CIFAR-10N (150,000
// labels, 10 classes), found like every data file (--data-dir, $ANNOTBENCH_DATA, ../shared/data).
const std::vector<std::string> kAggregationSets = {"s-rel", "cifar10n"};

const CrowdLabelTable& label_set(const std::string& name) {
  static std::map<std::string, CrowdLabelTable> loaded;
  auto found = loaded.find(name);
  if (found == loaded.end()) found = loaded.emplace(name, load_label_only_set(name)).first;
  return found->second;
}

void run_aggregation(benchmark::State& state, const std::string& aggregator, const std::string& set) {
  try {
    const CrowdLabelTable& table = label_set(set);
    const std::unique_ptr<Aggregator> method = make_aggregator(aggregator);
    for (auto _ : state) benchmark::DoNotOptimize(method->fit(table.annotations, {}).labels.data());
    state.counters["labels"] = static_cast<double>(table.annotations.num_labels());
  } catch (const ConfigError& error) {  // files not here, or an aggregator for binary tasks only
    state.SkipWithError(skipped_because(error).c_str());
  } catch (const std::exception& error) {
    state.SkipWithError(error.what());
  }
}

}  // namespace

ScoreTable random_score_table(std::size_t datasets, std::size_t methods, unsigned long long seed) {
  Rng rng(derive_seed(seed, "random score table"));
  std::uniform_real_distribution<double> score(0.5, 0.95);
  ScoreTable table;
  for (std::size_t d = 0; d < datasets; ++d) table.datasets.push_back("data" + std::to_string(d + 1));
  for (std::size_t m = 0; m < methods; ++m) table.methods.push_back("method" + std::to_string(m + 1));
  table.scores.assign(datasets, std::vector<double>(methods));
  for (auto& row : table.scores)
    for (double& value : row) value = score(rng);
  return table;
}

std::vector<std::string> benchmark_names() {
  std::vector<std::string> names = {"matmul/" + std::to_string(kMatmulSize), "annot_mix_step"};
  for (const MethodInfo& info : registered_methods()) names.push_back("epoch/" + info.name);
  for (const SimulatorInfo& info : registered_simulators()) names.push_back("simulate/" + info.name);
  names.push_back(statistics_name());
  names.push_back("active_folds/batched");
  names.push_back("active_folds/sequential");
  for (const AggregatorInfo& info : registered_aggregators())
    for (const std::string& set : kAggregationSets) names.push_back("aggregate/" + info.name + "/" + set);
  return names;
}

bool is_kernel_benchmark(const std::string& name) {
  return name.rfind("matmul/", 0) == 0 || name == "annot_mix_step";
}

std::size_t register_benchmarks(const BenchmarkSelection& selection) {
  const bool quick = selection.quick;
  std::size_t count = 0;
  const auto wanted = [&](const std::string& name) {
    const bool yes = !selection.wanted || selection.wanted(name);
    if (yes) ++count;
    return yes;
  };
  const std::string matmul_name = "matmul/" + std::to_string(kMatmulSize);
  if (wanted(matmul_name))
    benchmark::RegisterBenchmark(matmul_name.c_str(), run_matmul)
        ->UseRealTime()->Unit(benchmark::kMillisecond)->MinTime(quick ? 0.3 : 2.0);
  if (wanted("annot_mix_step"))
    benchmark::RegisterBenchmark("annot_mix_step", run_annot_mix_step)
        ->UseRealTime()->Unit(benchmark::kMillisecond)->MinTime(quick ? 0.5 : 3.0);
  for (const MethodInfo& info : registered_methods()) {
    const std::string name = "epoch/" + info.name;
    if (wanted(name))
      benchmark::RegisterBenchmark(name.c_str(), run_epoch, info.name)
          ->UseRealTime()->Unit(benchmark::kSecond)->Iterations(quick ? 1 : 3);
  }
  for (const SimulatorInfo& info : registered_simulators()) {
    const std::string name = "simulate/" + info.name;
    if (wanted(name))
      benchmark::RegisterBenchmark(name.c_str(), run_simulator, info.name)
          ->UseRealTime()->Unit(benchmark::kSecond)->Iterations(quick ? 1 : 3);
  }
  if (wanted(statistics_name()))
    benchmark::RegisterBenchmark(statistics_name().c_str(), run_statistics)
        ->UseRealTime()->Unit(benchmark::kMillisecond)->MinTime(quick ? 0.2 : 1.0);
  for (const bool batched : {true, false}) {
    const std::string name = batched ? "active_folds/batched" : "active_folds/sequential";
    if (wanted(name))
      benchmark::RegisterBenchmark(name.c_str(), run_active_folds, batched)
          ->UseRealTime()->Unit(benchmark::kSecond)->Iterations(1)->Repetitions(quick ? 1 : 5);
  }
  for (const AggregatorInfo& info : registered_aggregators())
    for (const std::string& set : kAggregationSets) {
      const std::string name = "aggregate/" + info.name + "/" + set;
      if (wanted(name))
        benchmark::RegisterBenchmark(name.c_str(), run_aggregation, info.name, set)
            ->UseRealTime()->Unit(benchmark::kMillisecond)->Iterations(quick ? 1 : 3);
    }
  return count;
}

}  // namespace annotbench
