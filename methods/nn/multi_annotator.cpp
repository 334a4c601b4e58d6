#include "methods/nn/multi_annotator.h"

#include <algorithm>
#include <cmath>
#include <vector>

#include "methods/nn/training.h"

namespace annotbench {

LabelledPairs labelled_pairs(const torch::Tensor& annotations) {
  // nonzero() lists coordinates in row-major order, the order of torch.cartesian_prod in the
  // reference code, so that mixing permutations see the same layout.
  const torch::Tensor coordinates = (annotations != kMissingLabel).nonzero();
  LabelledPairs pairs;
  pairs.instance = coordinates.select(1, 0);
  pairs.annotator = coordinates.select(1, 1);
  pairs.label = annotations.index({pairs.instance, pairs.annotator});
  return pairs;
}

HostLabelledPairs host_labelled_pairs(const std::vector<int64_t>& rows, const AnnotationMatrix& annotations) {
  HostLabelledPairs pairs;
  for (std::size_t position = 0; position < rows.size(); ++position)
    for (std::size_t m = 0; m < annotations.cols; ++m) {
      const int label = annotations.at(static_cast<std::size_t>(rows[position]), m);
      if (label == kMissingLabel) continue;
      pairs.position.push_back(static_cast<int64_t>(position));
      pairs.annotator.push_back(static_cast<int64_t>(m));
      pairs.label.push_back(label);
    }
  return pairs;
}

LabelledPairs to_device(const HostLabelledPairs& host, const torch::Device& device) {
  const auto count = static_cast<int64_t>(host.label.size());
  torch::Tensor table = torch::empty({3, count}, torch::kInt64);
  std::copy(host.position.begin(), host.position.end(), table[0].data_ptr<int64_t>());
  std::copy(host.annotator.begin(), host.annotator.end(), table[1].data_ptr<int64_t>());
  std::copy(host.label.begin(), host.label.end(), table[2].data_ptr<int64_t>());
  table = to_device_without_waiting(table, device);
  return {table[0], table[1], table[2]};
}

LabelledPairs labelled_pairs(const std::vector<int64_t>& rows, const AnnotationMatrix& annotations,
                             const torch::Device& device) {
  return to_device(host_labelled_pairs(rows, annotations), device);
}

bool any_label(const std::vector<int64_t>& rows, const AnnotationMatrix& annotations) {
  for (const int64_t row : rows)
    for (std::size_t m = 0; m < annotations.cols; ++m)
      if (annotations.at(static_cast<std::size_t>(row), m) != kMissingLabel) return true;
  return false;
}

torch::Tensor labelled_annotation_log_probs(const torch::Tensor& class_log_probs,
                                            const torch::Tensor& confusion_logits, const torch::Tensor& labels) {
  const int64_t num_classes = confusion_logits.size(-1);
  std::vector<int64_t> index_shape = labels.sizes().vec();
  index_shape.insert(index_shape.end() - 1, num_classes);
  // (..., C, K): log P_m(x)[c, labels_k] = logit[c, labels_k] - logsumexp_j logit[c, j].
  const torch::Tensor label_log_probs =
      confusion_logits.gather(-1, labels.unsqueeze(-2).expand(index_shape)) -
      torch::logsumexp(confusion_logits, -1, /*keepdim=*/true);
  return torch::logsumexp(class_log_probs.unsqueeze(-1) + label_log_probs, -2);
}

torch::Tensor annotator_label_log_probs(const torch::Tensor& class_log_probs, const torch::Tensor& confusion_log_probs,
                                        const torch::Tensor& annotator, const torch::Tensor& label) {
  using torch::indexing::Slice;
  // Advanced indices around a slice put the pair axis first: L x C, entry [l, c] = log A_{m_l}[c, z_l].
  const torch::Tensor label_columns = confusion_log_probs.index({annotator, Slice(), label});
  return torch::logsumexp(class_log_probs + label_columns, -1);
}

torch::Tensor correct_label_probability(const torch::Tensor& class_probs,
                                        const torch::Tensor& confusion_probs) {
  return (class_probs.unsqueeze(1) * confusion_probs.diagonal(0, -2, -1)).sum(-1);
}

FeatureMatrix shared_confusion_performance(torch::nn::Module& model, const FeatureMatrix& features,
                                           const torch::Tensor& confusion_probs, int64_t batch_size,
                                           const torch::Device& device,
                                           const std::function<torch::Tensor(const torch::Tensor&)>& class_logits) {
  return to_matrix(predict_batched(model, to_tensor(features), batch_size, device, [&](const torch::Tensor& x) {
    return correct_label_probability(torch::softmax(class_logits(x), -1), confusion_probs);
  }));
}

torch::Tensor annotator_features_or_one_hot(const Dataset& dataset) {
  if (!dataset.annotator_features.empty()) return to_tensor(dataset.annotator_features);
  return torch::eye(static_cast<int64_t>(dataset.num_annotators()), torch::kFloat32);
}

torch::Tensor diagonal_prior_bias(int64_t num_classes, double eta) {
  // Row c of softmax(bias) is then e^b / (e^b + C - 1) = eta on the diagonal.
  const double diagonal = std::log(eta * static_cast<double>(num_classes - 1) / (1.0 - eta));
  return (torch::eye(num_classes, torch::kFloat32) * diagonal).flatten();
}

torch::Tensor one_hot_or_zero(const torch::Tensor& labels, int64_t num_classes) {
  // Shift so that -1 becomes class 0 of C+1, then drop that column.
  return torch::one_hot(labels + 1, num_classes + 1).slice(1, 1).to(torch::kFloat32);
}

}  // namespace annotbench
