#include "reports/annotation_quality/item_quality.h"

#include <algorithm>
#include <cmath>
#include <stdexcept>
#include <tuple>

namespace annotbench {

std::vector<ItemQuality> item_quality(const CrowdLabelTable& table, const std::vector<ConsensusModel>& models) {
  const SparseAnnotations& annotations = table.annotations;
  const ConsensusModel* majority = find_model(models, "mv");
  const ConsensusModel* dawid_skene = find_model(models, "ds");
  if (majority == nullptr || dawid_skene == nullptr) throw std::invalid_argument("item_quality: needs the 'mv' and 'ds' models");
  const auto classes = static_cast<std::size_t>(annotations.num_classes);
  if (dawid_skene->posteriors.rows != annotations.num_items || dawid_skene->posteriors.cols != classes ||
      majority->labels.size() != annotations.num_items)
    throw std::invalid_argument("item_quality: the models do not match the table's items and classes");

  std::vector<std::size_t> counts(annotations.num_items * classes, 0);
  for (std::size_t k = 0; k < annotations.num_labels(); ++k)
    ++counts[annotations.items[k] * classes + static_cast<std::size_t>(annotations.labels[k])];
  std::vector<ItemQuality> rows(annotations.num_items);
  for (std::size_t i = 0; i < annotations.num_items; ++i) {
    ItemQuality& row = rows[i];
    row.item = i;
    row.id = i < table.item_ids.size() ? table.item_ids[i] : std::to_string(i);
    for (std::size_t c = 0; c < classes; ++c) row.labels += counts[i * classes + c];
    for (std::size_t c = 0; c < classes && row.labels > 0; ++c) {
      const double share = static_cast<double>(counts[i * classes + c]) / static_cast<double>(row.labels);
      if (share > 0.0) row.label_entropy -= share * std::log2(share);
    }
    row.consensus = dawid_skene->labels[i];
    row.posterior = dawid_skene->posteriors.at(i, static_cast<std::size_t>(row.consensus));
    row.majority = majority->labels[i];
    row.gold = table.truth.empty() ? kMissingLabel : table.truth[i];
    row.relabel_priority = row.labels == 0 ? 1.0 : 1.0 - row.posterior;
  }
  std::stable_sort(rows.begin(), rows.end(), [](const ItemQuality& a, const ItemQuality& b) {
    return std::make_tuple(a.labels > 0, -a.relabel_priority, a.labels) <
           std::make_tuple(b.labels > 0, -b.relabel_priority, b.labels);
  });
  return rows;
}

}  // namespace annotbench
