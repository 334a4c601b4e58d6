#include "harness/cluster/grid_status.h"

#include <filesystem>
#include <map>
#include <optional>
#include <regex>
#include <set>

#include "harness/store/cell_claims.h"
#include "harness/store/finished_cells.h"

namespace annotbench {

GridStatus grid_status(const ExperimentConfig& config, const std::string& results_dir, int shard_count,
                       const std::string& data_dir) {
  std::vector<ExperimentCell> cells = config.cells;
  resolve_data_files(cells, data_dir);
  FinishedCells finished(results_dir);
  finished.refresh();
  const std::map<std::string, std::size_t> rows = finished.rows_per_cell();
  std::map<std::string, FailureRecord> latest_failure;
  for (FailureRecord& record : read_failure_records(results_dir)) {
    // Records of one cell in several files (several attempts): the latest wins; UTC text sorts by time.
    auto found = latest_failure.find(record.cell);
    if (found == latest_failure.end() || found->second.failed_at <= record.failed_at)
      latest_failure[record.cell] = std::move(record);
  }

  // A failure recorded under other data (the run read a broken file that has since been fixed)
  // has another data checksum in its id; it is still this cell's last error, so it is matched by
  // the readable part of the id (setting | method | seed) when the whole id has none.
  std::map<std::string, const FailureRecord*> latest_failure_by_label;
  const auto label_of = [](const std::string& id) { return id.substr(0, id.rfind('|')); };
  // Only this config's own failure logs are matched so (probe N29: another config of the same labels
  // had all its cells shown as failed, with that config's hashes), and such a match says so.
  const auto of_this_config = [&](const FailureRecord& record) {
    return std::filesystem::path(record.file).filename().string().rfind(config.name + ".", 0) == 0;
  };
  for (const auto& [id, record] : latest_failure) {
    if (!of_this_config(record)) continue;
    const FailureRecord*& slot = latest_failure_by_label[label_of(id)];
    if (slot == nullptr || slot->failed_at <= record.failed_at) slot = &record;
  }
  const auto failure_of = [&](const std::string& id) -> std::optional<FailureRecord> {
    if (const auto found = latest_failure.find(id); found != latest_failure.end()) return found->second;
    const auto by_label = latest_failure_by_label.find(label_of(id));
    if (by_label == latest_failure_by_label.end()) return std::nullopt;
    FailureRecord record = *by_label->second;
    record.error += " [recorded for this setting, method and seed under other data: " + record.cell + "]";
    record.cell = id;
    return record;
  };

  GridStatus status;
  std::set<std::string> ids_of_config;
  for (int index = 1; index <= shard_count; ++index) {
    ShardStatus shard;
    shard.index = index;
    shard.count = shard_count;
    for (const ExperimentCell& cell : shard_cells(cells, index, shard_count)) {
      const std::string id = cell_id(cell);
      ids_of_config.insert(id);
      ++shard.cells;
      const auto row_count = rows.find(id);
      if (row_count != rows.end()) {
        ++shard.done;
        if (row_count->second > 1) ++status.cells_written_twice;
      } else if (CellClaim::is_claimed(results_dir, id)) {
        ++shard.running;
      } else if (const std::optional<FailureRecord> failure = failure_of(id)) {
        ++shard.failed;
        status.failures.push_back(*failure);
      } else {
        ++shard.missing;
      }
    }
    status.shards.push_back(shard);
  }
  for (const auto& [id, count] : rows)
    if (ids_of_config.count(id) == 0) status.rows_of_other_cells += count;
  return status;
}

int shard_count_in(const std::string& results_dir, const std::string& config_name) {
  const std::regex shard_file(std::regex_replace(config_name, std::regex(R"([.^$|()\[\]{}*+?\\])"), R"(\$&)") +
                              R"(\.shard-[0-9]+-of-([0-9]{1,9})\.jsonl)");
  int count = 1;
  std::error_code error;
  for (std::filesystem::directory_iterator it(results_dir, error), end; !error && it != end; it.increment(error)) {
    std::smatch match;
    const std::string name = it->path().filename().string();
    if (std::regex_match(name, match, shard_file)) count = std::max(count, std::stoi(match[1].str()));
  }
  return count;
}

}  // namespace annotbench
