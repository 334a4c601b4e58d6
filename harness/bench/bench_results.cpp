#include "harness/bench/bench_results.h"

#include <algorithm>
#include <cstdio>
#include <sstream>
#include <stdexcept>

#include "harness/bench/matmul.h"

namespace annotbench {

void CollectingReporter::ReportRuns(const std::vector<Run>& runs) {
  for (const Run& run : runs) {
    if (run.run_type != Run::RT_Iteration) continue;  // no aggregates: we never ask for repetitions
    BenchmarkResult result;
    result.name = run.run_name.function_name;
    result.iterations = static_cast<std::int64_t>(run.iterations);
    result.seconds = run.iterations > 0 ? run.real_accumulated_time / static_cast<double>(run.iterations) : 0.0;
    for (const auto& [name, counter] : run.counters) result.counters[name] = counter.value;
    if (run.error_occurred) result.error = run.error_message.empty() ? "failed" : run.error_message;
    results_.push_back(result);
    if (on_result_) on_result_(result);
  }
}

PytorchStepResult parse_pytorch_step_output(const std::string& output) {
  std::istringstream lines(output);
  std::string line;
  std::optional<PytorchStepResult> found;
  while (std::getline(lines, line)) {
    const std::size_t start = line.find('{');
    if (start == std::string::npos) continue;
    const nlohmann::json object = nlohmann::json::parse(line.substr(start), nullptr, /*allow_exceptions=*/false);
    if (!object.is_object() || !object.contains("ms_per_step") || !object["ms_per_step"].is_number()) continue;
    PytorchStepResult result;
    result.ms_per_step = object["ms_per_step"].get<double>();
    result.steps = object.value("steps", 0);
    result.threads = object.value("threads", 0);
    result.parameters = object.value("parameters", std::int64_t{0});
    result.torch_version = object.value("torch", "");
    if (object.contains("blas") && object["blas"].is_array())
      for (const auto& path : object["blas"])
        if (path.is_string()) result.blas_libraries.push_back(path.get<std::string>());
    found = result;
  }
  if (!found) throw std::runtime_error("the PyTorch step script printed no result line (a JSON object with \"ms_per_step\"); its output was:\n" + output);
  return *found;
}

namespace {

std::string format(const char* pattern, double value) {
  char text[64];
  std::snprintf(text, sizeof text, pattern, value);
  return text;
}

const BenchmarkResult* find_result(const std::vector<BenchmarkResult>& results, const std::string& name) {
  for (const BenchmarkResult& result : results)
    if (result.name == name) return &result;
  return nullptr;
}

std::string time_or_error(const BenchmarkResult& result, double scale, const char* pattern) {
  return result.error.empty() ? format(pattern, result.seconds * scale) : error_text(result);
}

void section(std::ostringstream& out, const std::vector<BenchmarkResult>& results, const std::string& prefix,
             const std::string& title) {
  bool any = false;
  for (const BenchmarkResult& result : results) {
    if (result.name.rfind(prefix, 0) != 0) continue;
    if (!any) out << "\n" << title << "\n";
    any = true;
    char label[64];
    std::snprintf(label, sizeof label, "  %-20s", result.name.substr(prefix.size()).c_str());
    // Sub-second results in ms, so that the fast simulators do not all read 0.01 s.
    out << label << (result.seconds < 1.0 ? time_or_error(result, 1e3, "%8.1f ms") : time_or_error(result, 1.0, "%8.2f s"))
        << "\n";
  }
}

std::string blas_verdict(const BlasInUse& blas) {
  if (blas.sgemm_provider.empty()) return "no loaded library exports sgemm_ (LibTorch may carry its own BLAS)";
  const BlasKind kind = blas_kind_of(blas.sgemm_provider);
  std::string verdict = blas.sgemm_provider + " (" + blas_kind_name(kind) + ")";
  if (kind == BlasKind::kReference)
    verdict += "\n    LibTorch runs on the reference BLAS: matrix products are many times slower than they could be."
               "\n    Run `bash harness/setup.sh --packages-only`, which points libblas.so.3 at OpenBLAS.";
  return verdict;
}

}  // namespace

std::string bench_summary(const BenchContext& context, const std::vector<BenchmarkResult>& results,
                          const std::optional<PytorchStepResult>& pytorch) {
  std::ostringstream out;
  out << "annotbench bench" << (context.quick ? " --quick" : "")
      << " (wall-clock times; anything else running on this machine slows them)\n";
  out << "  LibTorch " << context.torch_version << ", " << context.threads << " intra-op thread"
      << (context.threads == 1 ? "" : "s") << ", CPU\n";
  out << "  BLAS used for sgemm: " << blas_verdict(context.blas) << "\n";
  if (!context.blas.openblas_config.empty())
    out << "  OpenBLAS: " << context.blas.openblas_config << ", " << context.blas.openblas_threads << " threads of its own\n";
  if (context.blas.loaded.size() > 1) {
    out << "  BLAS-like libraries loaded:";
    for (const std::string& path : context.blas.loaded) out << " " << path;
    out << "\n";
  }

  for (const BenchmarkResult& result : results) {
    if (result.name.rfind("matmul/", 0) != 0) continue;
    const std::int64_t n = std::stoll(result.name.substr(7));
    out << "\nmatrix product " << n << "x" << n << " float (torch::mm): ";
    if (!result.error.empty()) {
      out << error_text(result) << "\n";
      continue;
    }
    out << format("%.2f ms, ", result.seconds * 1e3) << format("%.1f GFLOP/s", gflops_per_second(matmul_flops(n), result.seconds))
        << "\n";
  }
  if (const BenchmarkResult* step = find_result(results, "annot_mix_step")) {
    out << "\nannot-mix training step (batch 64, 20 annotators, 3 labels each: "
        << format("%.0f", step->counters.count("pairs") ? step->counters.at("pairs") : 0.0)
        << " pairs, 16 features, 26 classes; "
        << format("%.0f", step->counters.count("parameters") ? step->counters.at("parameters") : 0.0)
        << " parameters)\n";
    out << "  annotbench (LibTorch)   " << time_or_error(*step, 1e3, "%8.3f ms") << "\n";
    if (pytorch) {
      out << "  plain PyTorch (python)  " << format("%8.3f ms", pytorch->ms_per_step) << "  (torch "
          << pytorch->torch_version << ", " << pytorch->threads << (pytorch->threads == 1 ? " thread, " : " threads, ") << pytorch->steps << " steps)\n";
      if (step->error.empty() && pytorch->ms_per_step > 0) {
        const double ratio = step->seconds * 1e3 / pytorch->ms_per_step;
        out << "  ratio annotbench / PyTorch: " << format("%.2f", ratio)
            << (ratio < 1.0 ? " (annotbench is faster)\n" : " (PyTorch is faster)\n");
      }
      std::string python_blas;
      for (const std::string& path : pytorch->blas_libraries) python_blas += " " + path;
      out << "  PyTorch's BLAS-like libraries:" << (python_blas.empty() ? " none found" : python_blas) << "\n";
      const double our_parameters = step->counters.count("parameters") ? step->counters.at("parameters") : 0.0;
      if (static_cast<double>(pytorch->parameters) != our_parameters)
        out << "  warning: the PyTorch network has " << pytorch->parameters << " parameters, ours "
            << format("%.0f", our_parameters) << ": not the same model\n";
      const auto& python_libraries = pytorch->blas_libraries;
      if (!context.blas.sgemm_provider.empty() &&
          std::find(python_libraries.begin(), python_libraries.end(), context.blas.sgemm_provider) == python_libraries.end())
        out << "  warning: the Python process did not load " << context.blas.sgemm_provider
            << ": the two steps may run on different BLAS libraries\n";
    }
  }
  section(out, results, "epoch/", "one epoch on letter-sized data (16000 x 16, 26 classes, 20 annotators, 2-4 labels each)");
  section(out, results, "simulate/", "simulators on letter-sized data (20 annotators, 2-4 labels kept per instance)");
  if (const BenchmarkResult* stats = find_result(results, "statistics/50x12"))
    out << "\nstatistics on 50 data sets x 12 methods (ranks, Friedman/Iman-Davenport, Nemenyi CD, Wilcoxon + Holm): "
        << time_or_error(*stats, 1e3, "%.3f ms") << "\n";
  return out.str();
}

nlohmann::ordered_json bench_json(const BenchContext& context, const std::vector<BenchmarkResult>& results,
                                  const std::optional<PytorchStepResult>& pytorch) {
  nlohmann::ordered_json json;
  json["torch_version"] = context.torch_version;
  json["threads"] = context.threads;
  json["quick"] = context.quick;
  json["blas"] = {{"sgemm_provider", context.blas.sgemm_provider},
                  {"kind", blas_kind_name(blas_kind_of(context.blas.sgemm_provider))},
                  {"loaded", context.blas.loaded},
                  {"openblas_config", context.blas.openblas_config},
                  {"openblas_threads", context.blas.openblas_threads}};
  nlohmann::ordered_json rows = nlohmann::ordered_json::array();
  for (const BenchmarkResult& result : results) {
    nlohmann::ordered_json row = {{"name", result.name}, {"iterations", result.iterations},
                                  {"seconds_per_iteration", result.seconds}};
    if (!result.counters.empty()) row["counters"] = result.counters;
    if (!result.error.empty()) row["error"] = result.error;
    rows.push_back(row);
  }
  json["benchmarks"] = rows;
  if (pytorch)
    json["pytorch_step"] = {{"ms_per_step", pytorch->ms_per_step}, {"steps", pytorch->steps},
                            {"threads", pytorch->threads}, {"parameters", pytorch->parameters}, {"torch_version", pytorch->torch_version},
                            {"blas", pytorch->blas_libraries}};
  return json;
}

}  // namespace annotbench
