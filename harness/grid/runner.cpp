#include "harness/grid/runner.h"

#include <atomic>
#include <chrono>
#include <cstdio>
#include <future>
#include <iostream>
#include <map>
#include <mutex>
#include <optional>
#include <thread>

#include "datasets/input_error.h"
#include "harness/store/cell_claims.h"
#include "harness/store/failure_log.h"
#include "harness/store/finished_cells.h"
#include "harness/io/output_paths.h"
#include "harness/protocols/protocol.h"
#include "harness/store/result_store.h"
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

// Cells sharing it share one simulation.
std::string setting_key(const ExperimentCell& cell) {
  return prepared_data_identity(cell.dataset, cell.simulation, cell.split, cell.setting_data).dump();
}

}  // namespace

std::string results_file_for(const ExperimentConfig& config, const RunOptions& options) {
  std::string file = options.results_dir + "/" + config.name;
  if (options.shard_count > 1)
    file += ".shard-" + std::to_string(options.shard_index) + "-of-" + std::to_string(options.shard_count);
  return file + ".jsonl";
}

std::vector<ExperimentCell> cells_as_run(const ExperimentConfig& config, const RunOptions& options) {
  std::vector<ExperimentCell> cells = config.cells;
  for (ExperimentCell& cell : cells) {
    if (!options.device.empty()) cell.training.device = options.device;
    // A batched replica's log-loss can differ from a separate run's in the last digits (K11), so a
    // resumed directory must not take one for the other.
    if (options.batch_seeds && protocol_of(cell).trains_seeds_batched(cell)) cell.batched_seeds = true;
  }
  return cells;
}

RunSummary run_experiment(const ExperimentConfig& config, const RunOptions& options) {
  const auto start = std::chrono::steady_clock::now();
  RunSummary summary;
  summary.results_file = results_file_for(config, options);
  require_utf8_path("--results", options.results_dir);  // active rows hold their ledger's path
  std::vector<ExperimentCell> shard =
      shard_cells(cells_as_run(config, options), options.shard_index, options.shard_count);
  // Every cell would fail alike, one by one, and few-shot and active cells used to train on the CPU
  // instead (probe U7, N17): without CUDA, a CUDA device stops the run before its first cell.
  for (const ExperimentCell& cell : shard)
    if (cell.training.device != "cpu" && !cuda_available())
      throw ConfigError("device '" + cell.training.device + "' (" + cell.setting + " | " + row_name(cell) +
                        "): this LibTorch build or machine has no CUDA device; use --device cpu");
  resolve_data_files(shard, options.data_dir);  // the data's checksum is part of each cell id (probe W4)
  summary.cells_in_shard = shard.size();

  // Opened before anything is trained: a results path that cannot be written, or that is not a
  // results file, stops the run now rather than after every cell has trained (D2, D4).
  ResultFile results(summary.results_file, std::cerr);
  const std::string failure_log = failure_log_for(summary.results_file);

  // A cell counts as done when any result file of the directory (any shard) holds its id.
  FinishedCells finished(options.results_dir);
  finished.refresh();
  std::vector<const ExperimentCell*> todo;
  for (const ExperimentCell& cell : shard) {
    if (finished.contains(cell_id(cell))) ++summary.already_done;
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
  pin_training_threads();

  std::mutex mutex;  // guards the cache, the counters, `finished`, the result file and stderr
  std::map<std::string, std::shared_future<std::shared_ptr<const PreparedSetting>>> prepared_cache;
  std::atomic<std::size_t> next{0};
  std::atomic<bool> stop{false};
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
  // Called with `mutex` held: the first store failure stops every worker before its next cell.
  const auto stop_with = [&](const std::string& reason) {
    if (summary.stopped_by.empty()) summary.stopped_by = reason;
    stop = true;
  };
  const auto handled = [&] { return summary.finished + summary.failed + summary.left_to_another; };

  // Claims the group's cells that are neither done nor claimed by another process, then asks again
  // whether each is done: a process that finished one wrote its row before dropping its claim.
  const auto claim_group = [&](const std::vector<const ExperimentCell*>& group, std::vector<ExperimentCell>& cells,
                               std::vector<CellClaim>& claims) {
    std::lock_guard<std::mutex> lock(mutex);
    for (const ExperimentCell* cell : group) {
      const std::string id = cell_id(*cell);
      std::optional<CellClaim> claim = CellClaim::try_claim(options.results_dir, id);
      if (!claim) {
        ++summary.left_to_another;
        continue;
      }
      finished.refresh();
      if (finished.contains(id)) {
        ++summary.already_done;
        continue;
      }
      claims.push_back(std::move(*claim));
      cells.push_back(*cell);
    }
  };

  const auto worker = [&]() {
    while (!stop) {
      const std::size_t k = next.fetch_add(1);
      if (k >= groups.size()) return;
      std::vector<ExperimentCell> cells;
      std::vector<CellClaim> claims;  // held until the rows are written
      try {
        claim_group(groups[k], cells, claims);
      } catch (const std::exception& error) {
        std::lock_guard<std::mutex> lock(mutex);
        stop_with(error.what());
        return;
      }
      if (cells.empty()) continue;
      const ExperimentCell& first = cells.front();
      if (options.epoch_progress && jobs == 1) {
        const std::string seeds = cells.size() == 1 ? "seed " + std::to_string(first.training.seed)
                                                    : std::to_string(cells.size()) + " seeds";
        for (ExperimentCell& cell : cells)
          cell.training.on_epoch = [&first, seeds](const EpochReport& report) {
            std::fprintf(stderr, "  %s | %s | %s: %s %d/%d loss %.4f (%.1f s)\n", first.setting.c_str(),
                         first.method.c_str(), seeds.c_str(), report.unit, report.epoch, report.epochs, report.loss,
                         report.seconds);
          };
      }
      std::vector<nlohmann::json> rows;
      std::string training_error;
      try {
        const std::shared_ptr<const PreparedSetting> prepared = prepared_for(first);
        rows = run_cells(cells, *prepared, RunContext{options.results_dir});
      } catch (const std::exception& error) {
        training_error = error_message(error);  // a LibTorch error without its C++ stack trace (probe N11)
      }
      std::lock_guard<std::mutex> lock(mutex);
      if (!training_error.empty()) {
        for (const ExperimentCell& cell : cells) {
          ++summary.failed;
          std::fprintf(stderr, "FAILED %s | %s | seed %llu: %s\n", cell.setting.c_str(), row_name(cell).c_str(),
                       static_cast<unsigned long long>(cell.training.seed), training_error.c_str());
          try {
            append_failure_record(failure_log, cell, training_error);
          } catch (const std::exception& error) {
            stop_with(error.what());
          }
        }
        continue;
      }
      for (std::size_t r = 0; r < rows.size(); ++r) {
        const nlohmann::json& row = rows[r];
        const ExperimentCell& cell = cells[r];
        const std::string id = cell_id(cell);
        try {
          // Asked under the file's lock: only a writer that ignores claims (an older annotbench, a
          // file system without locks) could have written this cell meanwhile.
          const bool written = results.append_unless(row, [&] {
            finished.refresh();
            return finished.contains(id);
          });
          if (!written) {
            ++summary.already_done;
            continue;
          }
        } catch (const std::exception& error) {
          stop_with(error.what());
          break;
        }
        ++summary.finished;
        if (!options.progress) continue;
        const double elapsed = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
        const std::size_t count = std::max<std::size_t>(1, handled());
        const double eta = elapsed / static_cast<double>(count) *
                           static_cast<double>(todo.size() > count ? todo.size() - count : 0);
        const std::string result = protocol_of(cell).progress_summary(row);
        std::fprintf(stderr, "[%zu/%zu] %s | %s | seed %llu: %s (%.1f s%s) - elapsed %s, ETA %s\n",
                     summary.already_done + handled(), shard.size(), cell.setting.c_str(), row_name(cell).c_str(),
                     static_cast<unsigned long long>(cell.training.seed), result.c_str(),
                     row.at("train_seconds").get<double>(), row.value("replicas", 1) > 1 ? " as a replica" : "",
                     format_duration(elapsed).c_str(), format_duration(eta).c_str());
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
