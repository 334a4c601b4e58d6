// annotbench submit: the grid as one SLURM array job. Each array task runs one shard with
// `annotbench run`, which skips cells already done and leaves cells another task is training to it,
// so submitting again after failures, a cancel or a time-out runs exactly what is missing.

#include <sys/wait.h>
#include <unistd.h>

#include <cstdio>
#include <ctime>
#include <filesystem>
#include <iostream>

#include "datasets/input_error.h"
#include "harness/cli/command.h"
#include "harness/cluster/grid_status.h"
#include "harness/io/output_paths.h"
#include "reports/atomic_file.h"

namespace annotbench {

namespace {

std::string shell_quoted(const std::string& text) {
  std::string quoted = "'";
  for (const char c : text) quoted += c == '\'' ? std::string("'\\''") : std::string(1, c);
  return quoted + "'";
}

// The name of a control character, for the message that refuses it.
std::string control_name(unsigned char c) {
  if (c == '\n') return "a newline";
  if (c == '\r') return "a carriage return";
  if (c == '\t') return "a tab";
  char text[32];
  std::snprintf(text, sizeof text, "control character 0x%02x", c);
  return text;
}

// Every value the script holds is checked here (probe N4): a newline in an #SBATCH line ends it, and
// bash runs the rest of the value as a command of its own when the task starts; inside the exec line's
// single quotes it would survive, but no path or partition needs one.
void refuse_control_characters(const std::string& what, const std::string& value) {
  for (std::size_t k = 0; k < value.size(); ++k) {
    const auto c = static_cast<unsigned char>(value[k]);
    if (c < 0x20 || c == 0x7f)
      throw ConfigError(what + " holds " + control_name(c) + " (at character " + std::to_string(k + 1) +
                        "), which the sbatch script cannot hold: it would end the #SBATCH line and run the rest "
                        "as a command; no script was written");
  }
}

// A value of an #SBATCH line. sbatch takes the option's argument to the end of the line and strips
// one pair of double quotes around it: a path with spaces is quoted, a word (partition, time) must be
// one word, and a double quote cannot be quoted at all.
std::string directive_value(const std::string& what, const std::string& value, bool is_path) {
  refuse_control_characters(what, value);
  if (value.find('"') != std::string::npos)
    throw ConfigError(what + " holds a double quote, which an #SBATCH line cannot quote: \"" + value + "\"");
  if (value.find(' ') == std::string::npos) return value;
  if (!is_path)
    throw ConfigError(what + " must be one word (an #SBATCH option would take the rest as more options): \"" +
                      value + "\"");
  return "\"" + value + "\"";
}

std::string absolute(const std::string& path) {
  return std::filesystem::absolute(path).lexically_normal().string();
}

// This very binary, so the tasks run the build that wrote the script.
std::string own_binary() {
  std::error_code error;
  const std::filesystem::path self = std::filesystem::read_symlink("/proc/self/exe", error);
  if (error) throw std::runtime_error("cannot find the annotbench binary (/proc/self/exe): " + error.message());
  return self.string();
}

// "1-4" when every shard has work, else "2,4": tasks whose cells are all done are not started.
std::string array_spec(const std::vector<int>& shards, int tasks) {
  if (static_cast<int>(shards.size()) == tasks) return "1-" + std::to_string(tasks);
  std::string spec;
  for (const int shard : shards) spec += (spec.empty() ? "" : ",") + std::to_string(shard);
  return spec;
}

struct SubmitSettings {
  std::string config_path;
  std::string config_name;
  std::string results_dir;
  int tasks = 1;
  std::string partition;
  std::string time_limit;
  long long cpus_per_task = 0;  // 0: SLURM's default
  long long gpus_per_task = 0;
  std::string data_dir;
};

std::string sbatch_script(const SubmitSettings& settings, const std::string& array) {
  std::string script = "#!/bin/bash\n";
  script += "# Written by `annotbench submit`: array task I runs shard I/" + std::to_string(settings.tasks) +
            " of the config. Every task skips cells\n"
            "# already done (by any task or earlier submission), so submitting again runs only what is missing.\n";
  script += "#SBATCH --job-name=annotbench-" + settings.config_name + "\n";
  script += "#SBATCH --array=" + array + "\n";
  script += "#SBATCH --output=" + directive_value("--results", settings.results_dir + "/slurm-%A_%a.out", true) + "\n";
  script += "#SBATCH --chdir=" +
            directive_value("the working directory", std::filesystem::current_path().string(), true) + "\n";
  if (!settings.partition.empty())
    script += "#SBATCH --partition=" + directive_value("--partition", settings.partition, false) + "\n";
  if (!settings.time_limit.empty())
    script += "#SBATCH --time=" + directive_value("--time", settings.time_limit, false) + "\n";
  if (settings.cpus_per_task > 0) script += "#SBATCH --cpus-per-task=" + std::to_string(settings.cpus_per_task) + "\n";
  if (settings.gpus_per_task > 0) script += "#SBATCH --gpus-per-task=" + std::to_string(settings.gpus_per_task) + "\n";
  script += "set -euo pipefail\n";
  script += "# LibTorch would start a thread per core of the node, not per CPU given to this task. A cell\n"
            "# trains on one thread (rows do not depend on --jobs): the task's CPUs train that many cells at once.\n";
  script += "export OMP_NUM_THREADS=\"${SLURM_CPUS_PER_TASK:-1}\"\n";
  refuse_control_characters("the annotbench binary's path", own_binary());
  refuse_control_characters("the config path", settings.config_path);
  refuse_control_characters("--data-dir", settings.data_dir);
  script += "exec " + shell_quoted(own_binary()) + " run " + shell_quoted(settings.config_path) + " --results " +
            shell_quoted(settings.results_dir) + " --shard \"${SLURM_ARRAY_TASK_ID}/" + std::to_string(settings.tasks) +
            "\" --jobs \"${SLURM_CPUS_PER_TASK:-1}\"";
  if (settings.gpus_per_task > 0) script += " --device cuda";
  if (!settings.data_dir.empty()) script += " --data-dir " + shell_quoted(settings.data_dir);
  return script + "\n";
}

// Runs `sbatch --parsable SCRIPT` and returns the job id it prints.
std::string submit_script(const std::string& script_path) {
  const std::string command = "sbatch --parsable " + shell_quoted(script_path) + " 2>&1";
  FILE* pipe = ::popen(command.c_str(), "r");
  if (pipe == nullptr) throw std::runtime_error("cannot start sbatch");
  std::string output;
  char buffer[512];
  while (std::fgets(buffer, sizeof buffer, pipe) != nullptr) output += buffer;
  const int status = ::pclose(pipe);
  while (!output.empty() && (output.back() == '\n' || output.back() == '\r')) output.pop_back();
  if (WIFEXITED(status) && WEXITSTATUS(status) == 127)
    throw std::runtime_error("sbatch was not found: this is not a SLURM login node (--dry-run prints the script " +
                             script_path + " would hold)");
  if (!WIFEXITED(status) || WEXITSTATUS(status) != 0)
    throw std::runtime_error("sbatch " + script_path + " failed: " + output);
  // --parsable prints "JOBID" or "JOBID;CLUSTER".
  const std::string job = output.substr(0, output.find(';'));
  if (job.empty() || job.find_first_not_of("0123456789") != std::string::npos)
    throw std::runtime_error("sbatch printed no job id: \"" + output + "\"");
  return job;
}

int submit(const Args& args) {
  if (args.positional.size() != 1) throw ConfigError("expected one CONFIG file (e.g. harness/configs/quick.json)");
  const ExperimentConfig config = load_experiment_config(args.positional[0]);
  SubmitSettings settings;
  settings.config_path = absolute(args.positional[0]);
  settings.config_name = config.name;
  settings.results_dir = absolute(args.get("results", "results/" + config.name));
  const long long tasks = args.get_int("tasks", std::min<long long>(16, static_cast<long long>(config.cells.size())));
  if (tasks < 1 || tasks > static_cast<long long>(config.cells.size()))
    throw ConfigError("--tasks must be between 1 and the " + std::to_string(config.cells.size()) +
                      " cells of the config, got " + std::to_string(tasks));
  settings.tasks = static_cast<int>(tasks);
  settings.partition = args.get("partition");
  settings.time_limit = args.get("time");
  settings.cpus_per_task = args.get_int("cpus-per-task", 0);
  settings.gpus_per_task = args.get_int("gpus-per-task", 0);
  if (settings.cpus_per_task < 0 || settings.gpus_per_task < 0)
    throw ConfigError("--cpus-per-task and --gpus-per-task must not be negative");
  if (args.has("data-dir")) settings.data_dir = absolute(args.get("data-dir"));

  const GridStatus grid = grid_status(config, settings.results_dir, settings.tasks, settings.data_dir);
  std::vector<int> shards_with_work;
  std::size_t cells_to_run = 0;
  for (const ShardStatus& shard : grid.shards) {
    if (shard.to_run() == 0) continue;
    shards_with_work.push_back(shard.index);
    cells_to_run += shard.to_run();
  }
  if (shards_with_work.empty()) {
    std::fprintf(stderr, "%s: nothing to submit: every cell is done or being run (annotbench status %s --results %s)\n",
                 config.name.c_str(), args.positional[0].c_str(), settings.results_dir.c_str());
    return 0;
  }
  const std::string array = array_spec(shards_with_work, settings.tasks);
  const std::string script = sbatch_script(settings, array);
  if (args.has("dry-run")) {
    std::cout << script;
    return 0;
  }
  std::filesystem::create_directories(settings.results_dir);
  const std::string script_path = settings.results_dir + "/" + config.name + ".sbatch";
  refuse_output_onto_inputs({"the sbatch script", script_path}, {{"CONFIG", settings.config_path}});
  write_file_atomically(script_path, script);
  const std::string job = submit_script(script_path);
  std::cout << job << "\n";
  std::fprintf(stderr, "%s: submitted job %s, array tasks %s of %d, %zu of %zu cells to run -> %s\n"
               "  progress: annotbench status %s --results %s\n",
               config.name.c_str(), job.c_str(), array.c_str(), settings.tasks, cells_to_run, config.cells.size(),
               settings.results_dir.c_str(), args.positional[0].c_str(), settings.results_dir.c_str());
  return 0;
}

}  // namespace

CommandSpec submit_command() {
  std::vector<OptionSpec> options = {
      {"results", "DIR", "results directory (default results/<config name>); the sbatch script and the tasks' logs go here too"},
      {"tasks", "N", "array tasks, each running shard I/N (default 16, at most the number of cells)"},
      {"partition", "P", "SLURM partition (default: the cluster's default)"},
      {"time", "T", "time limit per task, in SLURM's format, e.g. 2:00:00"},
      {"cpus-per-task", "C", "CPUs per task; each task trains that many cells at once, one thread each (default: SLURM's, 1)"},
      {"gpus-per-task", "G", "GPUs per task; with G > 0 the tasks train with --device cuda"},
      {"dry-run", "", "print the sbatch script instead of writing and submitting it"},
  };
  for (const OptionSpec& option : data_dir_options()) options.push_back(option);
  return {"submit",
          "annotbench submit CONFIG [--results DIR] [--tasks N] [--partition P] [--time T] [--cpus-per-task C] "
          "[--gpus-per-task G] [--dry-run]",
          "Run a config as a SLURM array job (one shard per task) and print its job id; submitting again runs "
          "only the cells still missing.",
          options, submit};
}

}  // namespace annotbench
