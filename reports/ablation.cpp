#include "reports/ablation.h"

#include <algorithm>
#include <map>

#include "reports/descriptive.h"

namespace annotbench {

namespace {

enum class Part { neither, mixup_only, annotator_model_only, both, annotators_only, other };

// A hyper-parameter of the row as a number; `fallback` where the row does not record it.
double option_value(const ResultRow& row, const std::string& name, double fallback) {
  const auto found = row.method_options.find(name);
  if (found == row.method_options.end()) return fallback;
  try {
    return std::stod(found->second);
  } catch (const std::exception&) {
    return fallback;
  }
}

bool mixes_only_annotators(const ResultRow& row) { return option_value(row, "mix_only_annotators", 0.0) != 0.0; }

Part part_of(const ResultRow& row) {
  const double alpha = option_value(row, "alpha", 1.0);
  if (row.registered_method == "mv-mixup") return alpha == 0.0 ? Part::neither : alpha == 1.0 ? Part::mixup_only : Part::other;
  if (row.registered_method != "annot-mix") return Part::other;
  if (mixes_only_annotators(row)) return alpha == 1.0 ? Part::annotators_only : Part::other;
  return alpha == 0.0 ? Part::annotator_model_only : alpha == 1.0 ? Part::both : Part::other;
}

using SeedScores = std::map<long long, double>;  // seed -> metric

std::vector<double> values_of(const SeedScores& scores) {
  std::vector<double> values;
  for (const auto& [seed, value] : scores) values.push_back(value);
  return values;
}

// Settings in the order they first appear.
std::vector<std::string> settings_in_order(const std::vector<ResultRow>& rows) {
  std::vector<std::string> settings;
  for (const ResultRow& row : rows)
    if (std::find(settings.begin(), settings.end(), row.setting) == settings.end()) settings.push_back(row.setting);
  return settings;
}

}  // namespace

std::vector<MechanismAblation> mechanism_ablations(const std::vector<ResultRow>& rows, const std::string& metric) {
  std::vector<MechanismAblation> tables;
  for (const std::string& setting : settings_in_order(rows)) {
    std::map<Part, SeedScores> scores;
    for (const ResultRow& row : rows) {
      if (row.setting != setting) continue;
      const auto value = row.metrics.find(metric);
      if (value != row.metrics.end()) scores[part_of(row)][row.seed] = value->second;
    }
    if (scores[Part::neither].empty() || scores[Part::mixup_only].empty() || scores[Part::annotator_model_only].empty() ||
        scores[Part::both].empty())
      continue;
    MechanismAblation table;
    table.setting = setting;
    table.neither = mean_and_error(values_of(scores[Part::neither]));
    table.mixup_only = mean_and_error(values_of(scores[Part::mixup_only]));
    table.annotator_model_only = mean_and_error(values_of(scores[Part::annotator_model_only]));
    table.both = mean_and_error(values_of(scores[Part::both]));
    if (!scores[Part::annotators_only].empty()) table.annotators_only = mean_and_error(values_of(scores[Part::annotators_only]));
    std::vector<double> interactions;
    for (const auto& [seed, both] : scores[Part::both]) {
      const auto model = scores[Part::annotator_model_only].find(seed);
      const auto mixup = scores[Part::mixup_only].find(seed);
      const auto neither = scores[Part::neither].find(seed);
      if (model == scores[Part::annotator_model_only].end() || mixup == scores[Part::mixup_only].end() ||
          neither == scores[Part::neither].end())
        continue;
      interactions.push_back((both - model->second) - (mixup->second - neither->second));
    }
    table.interaction = mean_and_error(interactions);
    table.interaction_p = paired_t_test(interactions).p_two_sided;
    tables.push_back(table);
  }
  return tables;
}

std::vector<AlphaChoice> alpha_choices(const std::vector<ResultRow>& rows, const std::string& metric,
                                       bool lower_is_better) {
  std::vector<AlphaChoice> choices;
  for (const std::string& setting : settings_in_order(rows)) {
    std::map<double, SeedScores> by_alpha;
    for (const ResultRow& row : rows) {
      if (row.setting != setting || row.registered_method != "annot-mix" || mixes_only_annotators(row)) continue;
      const auto value = row.metrics.find(metric);
      if (value != row.metrics.end()) by_alpha[option_value(row, "alpha", 1.0)][row.seed] = value->second;
    }
    if (by_alpha.count(1.0) == 0 || by_alpha.size() < 2) continue;
    AlphaChoice choice;
    choice.setting = setting;
    for (const auto& [alpha, scores] : by_alpha) choice.by_alpha.emplace_back(alpha, mean_and_error(values_of(scores)));
    // The first (smallest) alpha of the best mean wins a tie.
    const auto best = std::min_element(choice.by_alpha.begin(), choice.by_alpha.end(), [&](const auto& a, const auto& b) {
      return lower_is_better ? a.second.mean < b.second.mean : a.second.mean > b.second.mean;
    });
    choice.best_alpha = best->first;
    if (choice.best_alpha != 1.0) {
      std::vector<double> differences;
      const SeedScores& reference = by_alpha.at(1.0);
      for (const auto& [seed, value] : by_alpha.at(choice.best_alpha))
        if (const auto other = reference.find(seed); other != reference.end()) differences.push_back(value - other->second);
      const PairedTTest test = paired_t_test(differences);
      choice.difference = test.mean_difference;
      choice.p_value = test.p_two_sided;
      choice.pairs = test.pairs;
    }
    choices.push_back(choice);
  }
  return choices;
}

}  // namespace annotbench
