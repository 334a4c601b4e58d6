#include "harness/runner.h"

#include <atomic>
#include <chrono>
#include <cstdio>
#include <filesystem>
#include <future>
#include <map>
#include <mutex>
#include <set>
#include <thread>

#include "harness/result_store.h"
#include "reports/result_rows.h"
#include <iostream>
#include "methods/runtime.h"

namespace annotbench {

namespace {

std::string format_duration(double seconds) {
  const long total = static_cast<long>(seconds + 0.5);
  char text[32];
  if (total >= 3600)
    std::snprintf(text, sizeof text, "%ldh%02ldm", total / 3600, (total % 3600) / 60);
  else if (total >= 60)
    std::snprintf(text, sizeof text, "%ldm%02lds", total / 60, total % 60);
  else
    std::snprintf(text, sizeof text, "%lds", total);
  return text;
}

// Everything that decides a setting's prepared data: cells sharing it share one simulation.
std::string setting_key(const ExperimentCell& cell) {
  return nlohmann::json{{"dataset", cell.dataset},
                        {"simulation", simulation_to_json(cell.simulation)},
                        {"split", {cell.split.test_fraction, cell.split.valid_size}}}
      .dump();
}

// A new results directory (or one holding no rows yet) simply means nothing is done.
bool has_result_files(const std::string& dir) {
  std::error_code error;
  if (!std::filesystem::is_directory(dir, error)) return false;
  for (const auto& entry : std::filesystem::directory_iterator(dir, error))  // as read_result_rows (probe W11)
    if (entry.path().extension() == ".jsonl") return true;
  return false;
}

}  // namespace

std::string results_file_for(const ExperimentConfig& config, const RunOptions& options) {
  std::string file = options.results_dir + "/" + config.name;
  if (options.shard_count > 1)
    file += ".shard-" + std::to_string(options.shard_index) + "-of-" + std::to_string(options.shard_count);
  return file + ".jsonl";
}

RunSummary run_experiment(const ExperimentConfig& config, const RunOptions& options) {
  const auto start = std::chrono::steady_clock::now();
  RunSummary summary;
  summary.results_file = results_file_for(config, options);
  std::vector<ExperimentCell> shard = shard_cells(config.cells, options.shard_index, options.shard_count);
  resolve_data_files(shard, options.data_dir);  // the data's checksum is part of each cell id (probe W4)
  summary.cells_in_shard = shard.size();

  // A cell counts as done when any result file of the directory (any shard) holds its id.
  std::set<std::string> done_ids;
  if (has_result_files(options.results_dir))
    for (const ResultRow& row : read_result_rows(options.results_dir, std::cerr))
    if (!row.cell.empty()) done_ids.insert(row.cell);
  std::vector<const ExperimentCell*> todo;
  for (const ExperimentCell& cell : shard) {
    if (done_ids.count(cell_id(cell)) > 0) ++summary.already_done;
    else todo.push_back(&cell);
  }
  // Cells that differ only in their seed form one group, trained as batched replicas when the
  // method has a batched form (run_cells); groups keep the order of their first cell.
  std::vector<std::vector<const ExperimentCell*>> groups;
  std::map<std::string, std::size_t> group_of;
  for (const ExperimentCell* cell : todo) {
    ExperimentCell seedless = *cell;
    seedless.training.seed = 0;
    const std::string key = options.batch_seeds ? cell_id(seedless) : cell_id(*cell);
    const auto [found, added] = group_of.emplace(key, groups.size());
    if (added) groups.emplace_back();
    groups[found->second].push_back(cell);
  }
  if (options.progress)
    std::fprintf(stderr, "%s: %zu cells in this shard, %zu already done, %zu to run -> %s\n", config.name.c_str(),
                 shard.size(), summary.already_done, todo.size(), summary.results_file.c_str());

  const int jobs = std::max(1, std::min<int>(options.jobs, static_cast<int>(groups.size())));
  if (jobs > 1) {
    const unsigned cores = std::max(1u, std::thread::hardware_concurrency());
    set_torch_threads(static_cast<int>(std::max(1u, cores / static_cast<unsigned>(jobs))));
  }

  std::mutex mutex;  // guards the cache, the counters, the result file and stderr
  std::map<std::string, std::shared_future<std::shared_ptr<const PreparedSetting>>> prepared_cache;
  std::atomic<std::size_t> next{0};
  const auto prepared_for = [&](const ExperimentCell& cell) {
    std::shared_future<std::shared_ptr<const PreparedSetting>> future;
    std::promise<std::shared_ptr<const PreparedSetting>> promise;
    bool mine = false;
    {
      std::lock_guard<std::mutex> lock(mutex);
      const std::string key = setting_key(cell);
      auto found = prepared_cache.find(key);
      if (found == prepared_cache.end()) {
        future = promise.get_future().share();
        prepared_cache.emplace(key, future);
        mine = true;
      } else {
        future = found->second;
      }
    }
    if (mine) {
      try {
        promise.set_value(prepare_setting(cell, options.data_dir));
      } catch (...) {
        promise.set_exception(std::current_exception());
      }
    }
    return future.get();
  };

  const auto worker = [&]() {
    while (true) {
      const std::size_t k = next.fetch_add(1);
      if (k >= groups.size()) return;
      std::vector<ExperimentCell> cells;
      for (const ExperimentCell* cell : groups[k]) cells.push_back(*cell);
      const ExperimentCell& first = cells.front();
      if (options.epoch_progress && jobs == 1) {
        const std::string seeds = cells.size() == 1 ? "seed " + std::to_string(first.training.seed)
                                                    : std::to_string(cells.size()) + " seeds";
        for (ExperimentCell& cell : cells)
          cell.training.on_epoch = [&first, seeds](const EpochReport& report) {
            std::fprintf(stderr, "  %s | %s | %s: epoch %d/%d loss %.4f (%.1f s)\n", first.setting.c_str(),
                         first.method.c_str(), seeds.c_str(), report.epoch, report.epochs, report.loss,
                         report.seconds);
          };
      }
      try {
        const std::shared_ptr<const PreparedSetting> prepared = prepared_for(first);
        const std::vector<nlohmann::json> rows = run_cells(cells, *prepared);
        std::lock_guard<std::mutex> lock(mutex);
        for (std::size_t r = 0; r < rows.size(); ++r) {
          const nlohmann::json& row = rows[r];
          const ExperimentCell& cell = cells[r];
          append_result_row(summary.results_file, row);
          ++summary.finished;
          if (!options.progress) continue;
          const double elapsed = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
          const std::size_t handled = summary.finished + summary.failed;
          const double eta = elapsed / static_cast<double>(handled) * static_cast<double>(todo.size() - handled);
          const double accuracy = row.at("metrics").value("test_accuracy", -1.0);
          std::fprintf(stderr, "[%zu/%zu] %s | %s | seed %llu: test accuracy %.4f (%.1f s%s) - elapsed %s, ETA %s\n",
                       summary.already_done + handled, shard.size(), cell.setting.c_str(), cell.method.c_str(),
                       static_cast<unsigned long long>(cell.training.seed), accuracy,
                       row.at("train_seconds").get<double>(), row.value("replicas", 1) > 1 ? " as a replica" : "",
                       format_duration(elapsed).c_str(), format_duration(eta).c_str());
        }
      } catch (const std::exception& error) {
        std::lock_guard<std::mutex> lock(mutex);
        for (const ExperimentCell& cell : cells) {
          ++summary.failed;
          std::fprintf(stderr, "FAILED %s | %s | seed %llu: %s\n", cell.setting.c_str(), cell.method.c_str(),
                       static_cast<unsigned long long>(cell.training.seed), error.what());
        }
      }
    }
  };
  std::vector<std::thread> workers;
  for (int j = 1; j < jobs; ++j) workers.emplace_back(worker);
  worker();
  for (std::thread& thread : workers) thread.join();
  summary.seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  return summary;
}

}  // namespace annotbench
