#include "datasets/crowd_labels.h"

#include <stdexcept>
#include <unordered_map>

#include "datasets/csv_reader.h"
#include "datasets/input_error.h"

namespace annotbench {

namespace {

// "a, b, c" or, for long lists, the first ten and a count: CIFAR-100 has 100 classes.
std::string list_of(const std::vector<std::string>& names) {
  std::string text;
  const std::size_t shown = names.size() > 12 ? 10 : names.size();
  for (std::size_t i = 0; i < shown; ++i) text += (i == 0 ? "" : ", ") + names[i];
  if (shown < names.size()) text += ", ... (" + std::to_string(names.size()) + " in all)";
  return text;
}

std::uint64_t pair_key(std::size_t item, std::size_t annotator) {
  return (static_cast<std::uint64_t>(item) << 32) | static_cast<std::uint64_t>(annotator);
}

}  // namespace

CrowdLabelCollector::CrowdLabelCollector(std::vector<std::string> class_names, LabelText coding)
    : given_classes_(std::move(class_names)), coding_(coding) {
  if (given_classes_.empty() && coding_ == LabelText::index)
    throw std::logic_error("class indices need a given class list");
  for (std::size_t c = 0; c < given_classes_.size(); ++c) class_index_[given_classes_[c]] = static_cast<int>(c);
}

std::size_t CrowdLabelCollector::origin_of(const FilePlace& place) {
  // Labels arrive file by file and field by field, so the last few origins are the likely match.
  for (std::size_t k = origins_.size(); k-- > 0;) {
    if (origins_[k].path == place.path && origins_[k].field == place.field) return k;
    if (origins_.size() - k > 8) break;
  }
  origins_.push_back({place.path, place.field});
  return origins_.size() - 1;
}

FilePlace CrowdLabelCollector::place_of(std::size_t origin, std::size_t line) const {
  return {origins_[origin].path, line, origins_[origin].field};
}

std::size_t CrowdLabelCollector::add_item(const std::string& id, const FilePlace& place) {
  if (const auto found = item_index_.find(id); found != item_index_.end()) return found->second;
  if (items_closed_)
    throw InputError(place.path, place.line, place.field,
                     "item '" + id + "' is not one of the instances listed in " + items_source_);
  item_index_.emplace(id, item_ids_.size());
  item_ids_.push_back(id);
  truth_.push_back(kMissingLabel);
  truth_line_.push_back(0);
  truth_origin_.push_back(0);
  return item_ids_.size() - 1;
}

std::optional<std::size_t> CrowdLabelCollector::find_item(const std::string& id) const {
  const auto found = item_index_.find(id);
  if (found == item_index_.end()) return std::nullopt;
  return found->second;
}

std::size_t CrowdLabelCollector::add_annotator(const std::string& id) {
  if (const auto found = annotator_index_.find(id); found != annotator_index_.end()) return found->second;
  annotator_index_.emplace(id, annotator_ids_.size());
  annotator_ids_.push_back(id);
  return annotator_ids_.size() - 1;
}

int CrowdLabelCollector::encode(const std::string& label, const FilePlace& place) {
  if (label.empty()) throw InputError(place.path, place.line, place.field, "missing label");
  if (given_classes_.empty()) {
    const auto [found, added] = label_text_index_.emplace(label, static_cast<int>(label_texts_.size()));
    if (added) label_texts_.push_back(label);
    return found->second;
  }
  const int num_classes = static_cast<int>(given_classes_.size());
  if (coding_ == LabelText::index) {
    const long long index = parse_int_field(label, place.path, place.line, place.field);
    if (index < 0 || index >= num_classes)
      throw InputError(place.path, place.line, place.field,
                       "class index " + label + " outside 0.." + std::to_string(num_classes - 1));
    return static_cast<int>(index);
  }
  const auto found = class_index_.find(label);
  if (found == class_index_.end())
    throw InputError(place.path, place.line, place.field,
                     "\"" + label + "\" is not one of the classes " + list_of(given_classes_));
  return found->second;
}

void CrowdLabelCollector::add_label(const std::string& item, const std::string& annotator, const std::string& label,
                                    const FilePlace& place) {
  const std::size_t item_index = add_item(item, place);
  const std::size_t annotator_index = add_annotator(annotator);
  const int value = encode(label, place);
  const auto [earlier, added] = label_of_pair_.emplace(pair_key(item_index, annotator_index), labels_.size());
  if (!added && keep_repeats_) {
    ++repeated_labels_;
  } else if (!added) {
    const FilePlace first = place_of(labels_[earlier->second].origin, labels_[earlier->second].line);
    const std::string where = first.path == place.path ? "line " + std::to_string(first.line)
                                                       : first.path + ":" + std::to_string(first.line);
    throw InputError(place.path, place.line, "",
                     "annotator '" + annotator + "' labels item '" + item + "' a second time (first on " + where + ")");
  }
  labels_.push_back({item_index, annotator_index, value, place.line, origin_of(place)});
}

void CrowdLabelCollector::set_truth(const std::string& item, const std::string& label, const FilePlace& place) {
  const std::optional<std::size_t> index = find_item(item);
  if (!index)
    throw InputError(place.path, place.line, place.field,
                     "true label for item '" + item + "', which no annotation names");
  const int value = encode(label, place);
  if (truth_[*index] != kMissingLabel) {
    if (truth_[*index] == value) return;  // CIFAR-10H repeats the true label on every trial of an image
    throw InputError(place.path, place.line, place.field,
                     "item '" + item + "' already has a different true label (line " +
                         std::to_string(truth_line_[*index]) + ")");
  }
  truth_[*index] = value;
  truth_line_[*index] = place.line;
  truth_origin_[*index] = origin_of(place);
  any_truth_ = true;
}

std::vector<std::string> CrowdLabelCollector::class_names() const {
  return given_classes_.empty() ? sorted_label_names(label_texts_) : given_classes_;
}

int CrowdLabelCollector::resolve(int value, const std::vector<int>& text_to_class) const {
  return given_classes_.empty() ? text_to_class[static_cast<std::size_t>(value)] : value;
}

std::vector<int> CrowdLabelCollector::text_to_class(const std::vector<std::string>& class_names) const {
  std::unordered_map<std::string, int> index;
  for (std::size_t c = 0; c < class_names.size(); ++c) index.emplace(class_names[c], static_cast<int>(c));
  std::vector<int> classes(label_texts_.size(), kMissingLabel);
  for (std::size_t t = 0; t < label_texts_.size(); ++t) classes[t] = index.at(label_texts_[t]);
  return classes;
}

CrowdLabelCollector::SparseResult CrowdLabelCollector::finish_sparse() const {
  SparseResult result;
  result.class_names = class_names();
  const std::vector<int> classes = text_to_class(result.class_names);
  result.annotations.num_items = item_ids_.size();
  result.annotations.num_annotators = annotator_ids_.size();
  result.annotations.num_classes = static_cast<int>(result.class_names.size());
  result.annotations.items.reserve(labels_.size());
  result.annotations.annotators.reserve(labels_.size());
  result.annotations.labels.reserve(labels_.size());
  for (const Label& label : labels_) result.annotations.add(label.item, label.annotator, resolve(label.value, classes));
  result.truth.assign(item_ids_.size(), kMissingLabel);
  for (std::size_t i = 0; i < item_ids_.size(); ++i)
    if (truth_[i] != kMissingLabel) result.truth[i] = resolve(truth_[i], classes);
  return result;
}

Dataset CrowdLabelCollector::finish(const std::string& name, const std::string& source,
                                    const std::string& truth_source) const {
  if (repeated_labels_ > 0)
    throw InputError(source, 0, "", std::to_string(repeated_labels_) +
                                        " labels repeat an (item, annotator) pair; a learning data set holds one "
                                        "label per pair (annotbench aggregate keeps them all)");
  const std::size_t n = item_ids_.size();
  // A dense N x M matrix of 4-byte labels: refuse what would not fit rather than die in bad_alloc.
  const double dense_bytes = 4.0 * static_cast<double>(n) * static_cast<double>(annotator_ids_.size());
  if (dense_bytes > 8e9)
    throw InputError(source, 0, "", std::to_string(n) + " items x " + std::to_string(annotator_ids_.size()) +
                                        " annotators need a dense matrix of " +
                                        std::to_string(static_cast<long long>(dense_bytes / 1e9)) +
                                        " GB; annotbench aggregate reads such sparse files as label lists");
  Dataset dataset;
  dataset.name = name;
  dataset.source = source;
  dataset.class_names = class_names();
  const std::vector<int> text_to_class = this->text_to_class(dataset.class_names);
  dataset.features = FeatureMatrix(n, 0);
  dataset.annotator_ids = annotator_ids_;
  dataset.annotations = AnnotationMatrix(n, annotator_ids_.size(), kMissingLabel);
  for (const Label& label : labels_) dataset.annotations.at(label.item, label.annotator) = resolve(label.value, text_to_class);
  if (any_truth_) {
    dataset.true_labels.resize(n);
    for (std::size_t i = 0; i < n; ++i) {
      if (truth_[i] == kMissingLabel)
        throw InputError(truth_source.empty() ? source : truth_source, 0, "",
                         "no true label for item '" + item_ids_[i] + "'");
      dataset.true_labels[i] = resolve(truth_[i], text_to_class);
    }
  }
  return dataset;
}

}  // namespace annotbench
