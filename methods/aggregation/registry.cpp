#include <algorithm>
#include <sstream>
#include <cmath>
#include <limits>
#include <stdexcept>
#include <string>

#include "datasets/input_error.h"
#include "datasets/random.h"
#include "methods/aggregation/aggregator.h"

namespace annotbench {

// One declaration and one table row per aggregator; each make_* lives in that aggregator's own file.
std::unique_ptr<Aggregator> make_majority_vote_aggregator(const AggregatorOptions& options);
std::unique_ptr<Aggregator> make_dawid_skene_aggregator(const AggregatorOptions& options);
std::unique_ptr<Aggregator> make_one_coin_dawid_skene_aggregator(const AggregatorOptions& options);
std::unique_ptr<Aggregator> make_glad_aggregator(const AggregatorOptions& options);
std::unique_ptr<Aggregator> make_mace_aggregator(const AggregatorOptions& options);
std::unique_ptr<Aggregator> make_wawa_aggregator(const AggregatorOptions& options);
std::unique_ptr<Aggregator> make_gold_majority_vote_aggregator(const AggregatorOptions& options);
std::unique_ptr<Aggregator> make_zero_based_skill_aggregator(const AggregatorOptions& options);
std::unique_ptr<Aggregator> make_kos_aggregator(const AggregatorOptions& options);
std::unique_ptr<Aggregator> make_m_msr_aggregator(const AggregatorOptions& options);

const std::vector<AggregatorInfo>& registered_aggregators() {
  static const std::vector<AggregatorInfo> aggregators = {
      {"mv", "majority vote: each item's most frequent label, ties broken by a seeded draw",
       make_majority_vote_aggregator},
      {"wawa", "worker agreement with aggregate: a vote weighted by each annotator's agreement with majority vote",
       make_wawa_aggregator},
      {"zbs", "zero-based skill: a weighted vote whose weights move towards agreement with the vote, with a decaying rate",
       make_zero_based_skill_aggregator},
      {"gold-mv", "gold majority vote: a vote weighted by each annotator's accuracy on the items of known answer (needs gold)",
       make_gold_majority_vote_aggregator},
      {"ds", "Dawid & Skene 1979: a full confusion matrix per annotator, EM from majority-vote posteriors",
       make_dawid_skene_aggregator},
      {"one-coin-ds", "one-coin Dawid-Skene: one accuracy per annotator, errors uniform over the other classes",
       make_one_coin_dawid_skene_aggregator},
      {"glad", "GLAD (Whitehill et al. 2009): annotator ability and item difficulty, EM with a conjugate-gradient M-step",
       make_glad_aggregator},
      {"mace", "MACE (Hovy et al. 2013): per-annotator spamming probability and strategy, variational EM with restarts",
       make_mace_aggregator},
      {"kos", "KOS (Karger, Oh & Shah 2014): message passing for binary tasks", make_kos_aggregator},
      {"m-msr", "M-MSR (Ma & Olshevsky 2020): skills by robust rank-one completion of annotator agreement, log-odds vote",
       make_m_msr_aggregator},
  };
  return aggregators;
}

const AggregatorInfo& aggregator_info(const std::string& name) {
  std::string known;
  for (const AggregatorInfo& info : registered_aggregators()) {
    if (info.name == name) return info;
    known += (known.empty() ? "" : ", ") + info.name;
  }
  throw ConfigError("unknown aggregator '" + name + "'; known aggregators: " + known);
}

std::unique_ptr<Aggregator> make_aggregator(const std::string& name, const AggregatorOptions& options) {
  return aggregator_info(name).make(options);
}

void check_aggregator_options(const std::string& aggregator, const AggregatorOptions& options,
                              const std::vector<std::string>& known) {
  for (const auto& [key, value] : options) {
    if (std::find(known.begin(), known.end(), key) != known.end()) continue;
    std::string list;
    for (const std::string& name : known) list += (list.empty() ? "" : ", ") + name;
    throw ConfigError("aggregator '" + aggregator + "': unknown option '" + key + "'" +
                      (list.empty() ? " (it takes none)" : "; known options: " + list));
  }
}

double aggregator_option_or(const AggregatorOptions& options, const std::string& key, double fallback) {
  const auto found = options.find(key);
  return found == options.end() ? fallback : found->second;
}

void check_aggregator_ranges(const std::string& aggregator, const AggregatorOptions& options,
                             const std::vector<AggregatorOptionRange>& ranges) {
  const auto number = [](double value) {
    std::ostringstream text;
    text << value;
    return text.str();
  };
  for (const AggregatorOptionRange& range : ranges) {
    const auto found = options.find(range.key);
    if (found == options.end()) continue;
    const double value = found->second;
    const bool inside = std::isfinite(value) && (range.above_lowest ? value > range.lowest : value >= range.lowest) &&
                        value <= range.highest && (!range.whole || value == std::floor(value));
    if (inside) continue;
    std::string expected;
    if (range.whole && range.lowest == 0 && range.highest == 1) expected = "0 or 1 (a switch)";
    else if (range.highest >= kNoUpperBound)
      expected = std::string(range.whole ? "a whole number" : "a finite number") + (range.above_lowest ? " > " : " >= ") +
                 number(range.lowest);
    else
      expected = std::string(range.whole ? "a whole number" : "a number") + " in " + (range.above_lowest ? "(" : "[") +
                 number(range.lowest) + ", " + number(range.highest) + "]";
    throw ConfigError("aggregator '" + aggregator + "': option '" + range.key + "' must be " + expected + ", got " +
                      number(value));
  }
}

std::vector<int> most_probable_labels(const Matrix<double>& posteriors, std::uint64_t seed) {
  Rng rng(derive_seed(seed, "aggregation ties"));
  std::vector<int> labels(posteriors.rows, kMissingLabel);
  std::vector<int> tied;
  for (std::size_t n = 0; n < posteriors.rows; ++n) {
    const double* row = posteriors.row(n);
    const double best = *std::max_element(row, row + posteriors.cols);
    if (!std::all_of(row, row + posteriors.cols, [](double p) { return std::isfinite(p); }))
      throw std::runtime_error("item " + std::to_string(n + 1) + ": the aggregator's posterior is not a number");
    tied.clear();
    for (std::size_t c = 0; c < posteriors.cols; ++c)
      if (row[c] >= best - 1e-12) tied.push_back(static_cast<int>(c));
    labels[n] = tied.size() == 1 ? tied[0] : tied[static_cast<std::size_t>(rng() % tied.size())];
  }
  return labels;
}

void check_aggregation_settings(const std::string& aggregator, const SparseAnnotations& annotations,
                                const AggregationSettings& settings) {
  const std::string who = "aggregator '" + aggregator + "': ";
  const std::size_t classes = static_cast<std::size_t>(std::max(annotations.num_classes, 0));
  if (!settings.gold.empty()) {
    if (settings.gold.size() != annotations.num_items)
      throw ConfigError(who + "gold has " + std::to_string(settings.gold.size()) + " entries, but the annotations have " +
                        std::to_string(annotations.num_items) + " items (one entry per item, " +
                        std::to_string(kMissingLabel) + " where not known)");
    for (std::size_t n = 0; n < settings.gold.size(); ++n) {
      const int label = settings.gold[n];
      if (label == kMissingLabel || (label >= 0 && static_cast<std::size_t>(label) < classes)) continue;
      throw ConfigError(who + "gold[" + std::to_string(n) + "] (item " + std::to_string(n + 1) + ") is " +
                        std::to_string(label) + ", outside the classes " +
                        (classes == 0 ? std::string("(there are none)") : "0.." + std::to_string(classes - 1)) + " (or " +
                        std::to_string(kMissingLabel) + " for not known)");
    }
  }
  const std::vector<double>& confusion = settings.initial_confusion;
  if (confusion.empty()) return;
  const std::size_t expected = annotations.num_annotators * classes * classes;
  if (confusion.size() != expected)
    throw ConfigError(who + "initial_confusion has " + std::to_string(confusion.size()) + " entries, expected " +
                      std::to_string(annotations.num_annotators) + " annotators x " + std::to_string(classes) + " x " +
                      std::to_string(classes) + " classes = " + std::to_string(expected));
  for (std::size_t m = 0; m < annotations.num_annotators; ++m)
    for (std::size_t c = 0; c < classes; ++c) {
      double total = 0.0;
      for (std::size_t y = 0; y < classes; ++y) {
        const double p = confusion[(m * classes + y) * classes + c];
        if (!(p >= 0.0 && p <= 1.0))  // also NaN
          throw ConfigError(who + "initial_confusion of annotator " + std::to_string(m) + ", says " + std::to_string(y) +
                            " given true " + std::to_string(c) + ", is " + std::to_string(p) + ", not a probability");
        total += p;
      }
      if (std::abs(total - 1.0) > 1e-6) {
        std::ostringstream text;
        text.precision(10);
        text << who << "initial_confusion of annotator " << m << ", true class " << c
             << ": P(says y | true c) over y sums to " << total << ", not 1 (within 1e-6)";
        throw ConfigError(text.str());
      }
    }
}

bool has_gold(const std::vector<int>& gold) {
  return std::any_of(gold.begin(), gold.end(), [](int label) { return label != kMissingLabel; });
}

void clamp_to_gold(const std::vector<int>& gold, Matrix<double>& posteriors) {
  for (std::size_t n = 0; n < gold.size(); ++n) {
    if (gold[n] == kMissingLabel) continue;
    double* row = posteriors.row(n);
    std::fill(row, row + posteriors.cols, 0.0);
    row[gold[n]] = 1.0;
  }
}

double aggregation_accuracy(const std::vector<int>& labels, const std::vector<int>& truth) {
  std::size_t known = 0;
  std::size_t correct = 0;
  for (std::size_t n = 0; n < std::min(labels.size(), truth.size()); ++n) {
    if (truth[n] == kMissingLabel) continue;
    ++known;
    if (labels[n] == truth[n]) ++correct;
  }
  return known == 0 ? std::numeric_limits<double>::quiet_NaN()
                    : static_cast<double>(correct) / static_cast<double>(known);
}

}  // namespace annotbench
