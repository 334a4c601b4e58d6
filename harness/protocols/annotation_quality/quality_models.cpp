#include "harness/protocols/annotation_quality/quality_models.h"

#include <cstdlib>

#include "methods/aggregation/aggregator.h"

namespace annotbench {

namespace {

// What each aggregator's annotator_skill is (methods/aggregation/<name>.cpp says the same).
std::string skill_meaning(const std::string& aggregator) {
  if (aggregator == "ds" || aggregator == "one-coin-ds") return "P(correct)";
  if (aggregator == "glad") return "alpha";
  if (aggregator == "mace") return "P(knows)";
  return "skill";
}

}  // namespace

const std::vector<std::string>& quality_report_aggregators() {
  static const std::vector<std::string> names = {"mv", "ds", "one-coin-ds", "glad", "mace"};
  return names;
}

std::vector<ConsensusModel> fit_quality_models(const CrowdLabelTable& table, std::uint64_t seed) {
  AggregationSettings settings;
  settings.seed = seed;
  std::vector<ConsensusModel> models;
  for (const std::string& name : quality_report_aggregators()) {
    Aggregation fit = make_aggregator(name)->fit(table.annotations, settings);
    ConsensusModel model;
    model.aggregator = name;
    model.posteriors = std::move(fit.posteriors);
    model.labels = std::move(fit.labels);
    model.annotator_skill = std::move(fit.annotator_skill);
    model.annotator_confusion = std::move(fit.annotator_confusion);
    model.skill_meaning = skill_meaning(name);
    models.push_back(std::move(model));
  }
  return models;
}

AnnotationQualityReport annotation_quality(const CrowdLabelTable& table, std::uint64_t seed) {
  AgreementOptions options;
  options.seed = seed;
  // Ratings such as 1..5 (the anaesthesia set, relevance grades) are ordered numbers: alpha with the
  // ordinal and interval metrics then says what a near miss is worth. Class names are sorted
  // numerically when all are numbers (csv_reader.h), so their order is the values' order.
  std::vector<double> values;
  for (const std::string& name : table.class_names) {
    char* end = nullptr;
    const double value = std::strtod(name.c_str(), &end);
    if (name.empty() || end != name.c_str() + name.size()) {
      values.clear();
      break;
    }
    values.push_back(value);
  }
  if (!values.empty() && values.size() == table.class_names.size()) {
    options.ordinal = options.interval = true;
    options.class_values = std::move(values);
  }
  return annotation_quality_report(table, fit_quality_models(table, seed), options);
}

}  // namespace annotbench
