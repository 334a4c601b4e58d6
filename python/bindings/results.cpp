// annotbench._core.read_result_rows and run_config: a results directory's rows as the reports read
// them (reports/result_rows.h), and a config through the one runner (harness/grid/runner.h).

#include <sstream>
#include <string>

#include <pybind11/stl.h>

#include "datasets/input_error.h"
#include "harness/grid/config.h"
#include "harness/grid/runner.h"
#include "python/bindings/bindings.h"
#include "reports/result_rows.h"

namespace annotbench::python {

namespace py = pybind11;

namespace {

// The rows, and what the reader warned of (a last line cut by a killed run) as text.
py::dict read_rows(const std::string& path) {
  std::vector<ResultRow> rows;
  std::ostringstream warnings;
  {
    py::gil_scoped_release unlocked;
    rows = read_result_rows(path, warnings);
  }
  py::list list;
  for (const ResultRow& row : rows) {
    py::dict entry;
    entry["file"] = row.file;
    entry["line"] = row.line;
    entry["setting"] = row.setting;
    entry["dataset"] = row.dataset;
    entry["method"] = row.method;
    entry["seed"] = row.seed;
    entry["cell"] = row.cell;
    entry["metrics"] = row.metrics;
    entry["hyperparameters"] = row.method_options;  // JSON texts
    entry["setting_identity"] = row.setting_identity;
    if (!row.sweep.empty()) {
      entry["sweep"] = row.sweep;
      entry["sweep_axis"] = row.sweep_axis;
      entry["sweep_value"] = row.sweep_value;
    }
    list.append(entry);
  }
  py::dict result;
  result["rows"] = list;
  result["warnings"] = warnings.str();
  return result;
}

py::dict run_config(const std::string& config_path, const std::string& results_dir, int jobs, int shard_index,
                    int shard_count, const std::string& device, const std::string& data_dir, bool progress) {
  if (jobs < 1) throw ConfigError("jobs must be at least 1");  // the shard is checked by the runner (shard_cells)
  RunSummary summary;
  std::string results_file;
  {
    py::gil_scoped_release unlocked;
    const ExperimentConfig config = load_experiment_config(config_path);
    RunOptions options;
    options.results_dir = results_dir.empty() ? "results/" + config.name : results_dir;
    options.jobs = jobs;
    options.shard_index = shard_index;
    options.shard_count = shard_count;
    options.device = device;
    options.data_dir = data_dir;
    options.progress = progress;
    summary = run_experiment(config, options);
  }
  py::dict result;
  result["cells"] = summary.cells_in_shard;
  result["finished"] = summary.finished;
  result["already_done"] = summary.already_done;
  result["failed"] = summary.failed;
  result["left_to_another"] = summary.left_to_another;
  result["seconds"] = summary.seconds;
  result["results_file"] = summary.results_file;
  result["stopped_by"] = summary.stopped_by;
  return result;
}

}  // namespace

void define_results(py::module_& module) {
  module.def("read_result_rows", &read_rows, py::arg("path"),
             "the result rows of a .jsonl file or of every .jsonl directly in a directory, and the reader's warnings");
  module.def("run_config", &run_config, py::arg("config"), py::arg("results_dir") = "", py::arg("jobs") = 1,
             py::arg("shard_index") = 1, py::arg("shard_count") = 1, py::arg("device") = "", py::arg("data_dir") = "",
             py::arg("progress") = true, "runs a config's missing cells through the experiment runner");
}

}  // namespace annotbench::python
