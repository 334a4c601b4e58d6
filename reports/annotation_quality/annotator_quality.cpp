#include "reports/annotation_quality/annotator_quality.h"

#include <algorithm>
#include <cmath>
#include <limits>
#include <stdexcept>
#include <tuple>

#include "methods/aggregation/spammer_score.h"
#include "reports/annotation_quality/wilson_interval.h"

namespace annotbench {

namespace {

const ConsensusModel& required_model(const std::vector<ConsensusModel>& models, const std::string& name,
                                     const CrowdLabelTable& table) {
  const ConsensusModel* model = find_model(models, name);
  if (model == nullptr) throw std::invalid_argument("annotator_quality: no '" + name + "' model given");
  if (model->labels.size() != table.annotations.num_items)
    throw std::invalid_argument("annotator_quality: the '" + name + "' model has " +
                                std::to_string(model->labels.size()) + " labels for " +
                                std::to_string(table.annotations.num_items) + " items");
  return *model;
}

}  // namespace

AnnotatorQualityTable annotator_quality(const CrowdLabelTable& table, const std::vector<ConsensusModel>& models,
                                        std::size_t min_labels) {
  const SparseAnnotations& annotations = table.annotations;
  const std::size_t annotators = annotations.num_annotators;
  const ConsensusModel& majority = required_model(models, "mv", table);
  const ConsensusModel& dawid_skene = required_model(models, "ds", table);
  const auto classes = static_cast<std::size_t>(annotations.num_classes);
  if (dawid_skene.annotator_confusion.size() != annotators * classes * classes)
    throw std::invalid_argument("annotator_quality: the 'ds' model has no confusion matrix of every annotator");

  AnnotatorQualityTable table_out;
  table_out.min_labels = min_labels;
  std::vector<const ConsensusModel*> skilled;
  for (const ConsensusModel& model : models)
    if (model.annotator_skill.size() == annotators) {
      skilled.push_back(&model);
      table_out.skill_columns.push_back(model.aggregator + " " + model.skill_meaning);
    }

  const std::vector<double> spammer = spammer_scores(dawid_skene.annotator_confusion, annotations.num_classes);
  std::vector<AnnotatorQuality> rows(annotators);
  std::vector<std::size_t> agree_mv(annotators, 0), agree_ds(annotators, 0);
  for (std::size_t k = 0; k < annotations.num_labels(); ++k) {
    const std::size_t item = annotations.items[k], annotator = annotations.annotators[k];
    const int label = annotations.labels[k];
    AnnotatorQuality& row = rows[annotator];
    ++row.labels;
    agree_mv[annotator] += label == majority.labels[item];
    agree_ds[annotator] += label == dawid_skene.labels[item];
    const int truth = table.truth.empty() ? kMissingLabel : table.truth[item];
    if (truth == kMissingLabel) continue;
    ++row.gold_labels;
    row.gold_correct += label == truth;
  }
  for (std::size_t m = 0; m < annotators; ++m) {
    AnnotatorQuality& row = rows[m];
    row.annotator = m;
    row.id = m < table.annotator_ids.size() ? table.annotator_ids[m] : std::to_string(m);
    const double labels = static_cast<double>(std::max<std::size_t>(row.labels, 1));
    row.agreement_with_mv = static_cast<double>(agree_mv[m]) / labels;
    row.agreement_with_ds = static_cast<double>(agree_ds[m]) / labels;
    for (const ConsensusModel* model : skilled) row.skills.push_back(model->annotator_skill[m]);
    row.spammer_score = spammer[m];
    if (row.gold_labels > 0) {
      row.gold_accuracy = static_cast<double>(row.gold_correct) / static_cast<double>(row.gold_labels);
      const ProportionInterval interval = wilson_interval(row.gold_correct, row.gold_labels);
      row.gold_low = interval.low;
      row.gold_high = interval.high;
    } else {
      row.gold_accuracy = std::numeric_limits<double>::quiet_NaN();
    }
  }
  std::stable_sort(rows.begin(), rows.end(), [min_labels](const AnnotatorQuality& a, const AnnotatorQuality& b) {
    return std::make_tuple(a.labels < min_labels, a.spammer_score, -static_cast<double>(a.labels)) <
           std::make_tuple(b.labels < min_labels, b.spammer_score, -static_cast<double>(b.labels));
  });
  table_out.rows = std::move(rows);
  return table_out;
}

}  // namespace annotbench
