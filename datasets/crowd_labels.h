#pragma once
// Collects crowd labels (item, annotator, label) read from any file layout into the annotation matrix,
// remembering the line of every label so that a conflict names both places. The long and wide loaders
// and the paper-set loaders all feed this one collector.

#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <unordered_map>
#include <vector>

#include "datasets/dataset.h"
#include "datasets/sparse_annotations.h"

namespace annotbench {

// How a label is written in the file.
enum class LabelText {
  name,   // a class name ("rock"); checked against the class list when one is given
  index,  // a 0-based class index ("3") into the given class list
};

// One place in a file, for messages.
struct FilePlace {
  std::string path;
  std::size_t line = 0;
  std::string field;
};

class CrowdLabelCollector {
 public:
  // `class_names` empty: the classes are the sorted labels seen (sorted_label_names); then
  // `coding` must be LabelText::name.
  explicit CrowdLabelCollector(std::vector<std::string> class_names = {}, LabelText coding = LabelText::name);

  // Instances are indexed in first-appearance order. After close_items() an unknown item id is an
  // error that names `items_source`, where the instances were listed (the paper sets fix their
  // instances by a gold table first).
  std::size_t add_item(const std::string& id, const FilePlace& place);
  void close_items(const std::string& items_source) {
    items_closed_ = true;
    items_source_ = items_source;
  }
  std::optional<std::size_t> find_item(const std::string& id) const;
  std::size_t num_items() const { return item_ids_.size(); }
  const std::vector<std::string>& item_ids() const { return item_ids_; }

  // Annotators are indexed in first-appearance order unless declared beforehand.
  std::size_t add_annotator(const std::string& id);
  std::size_t num_annotators() const { return annotator_ids_.size(); }

  // One crowd label. Throws InputError at `place` for a label outside the class list, a bad index, an
  // unknown item after close_items(), or a second label of the same annotator for the same item.
  void add_label(const std::string& item, const std::string& annotator, const std::string& label,
                 const FilePlace& place);

  // The true label of an item that must already be known ("truth for an unknown item" is an error);
  // a second, different truth for the same item is an error naming both lines.
  void set_truth(const std::string& item, const std::string& label, const FilePlace& place);

  // The class names as finished (given, or sorted over every label and truth seen so far).
  std::vector<std::string> class_names() const;

  // Truth inference keeps every label, also a second one of an annotator for the same item (S_Adult
  // repeats 2,922 pairs; Dawid & Skene's rater 1 rated each patient three times). Then finish()
  // refuses, since the N x M matrix holds one label per pair; finish_sparse() keeps them all.
  void keep_repeated_labels() { keep_repeats_ = true; }
  std::size_t repeated_labels() const { return repeated_labels_; }
  std::size_t num_labels() const { return labels_.size(); }
  const std::vector<std::string>& annotator_ids() const { return annotator_ids_; }

  // Every label as (item, annotator, class) triples in reading order, and the true class per item
  // (kMissingLabel where none was given: real sets have gold for some items only).
  struct SparseResult {
    SparseAnnotations annotations;
    std::vector<int> truth;
    std::vector<std::string> class_names;
  };
  SparseResult finish_sparse() const;

  // Builds the data set: annotations N x M, truth (all items or none: an item without truth when
  // others have one is an error naming `truth_source`), class names, annotator ids. Features are
  // left N x 0 for the caller to fill.
  Dataset finish(const std::string& name, const std::string& source, const std::string& truth_source = "") const;

 private:
  // Where a label came from: file and field are shared by many labels, so they are stored once.
  struct Origin {
    std::string path;
    std::string field;
  };
  struct Label {
    std::size_t item;
    std::size_t annotator;
    int value;  // class index, or an index into label_texts_ while the classes are open
    std::size_t line;
    std::size_t origin;
  };
  int encode(const std::string& label, const FilePlace& place);
  int resolve(int value, const std::vector<int>& text_to_class) const;
  std::vector<int> text_to_class(const std::vector<std::string>& class_names) const;
  std::size_t origin_of(const FilePlace& place);
  FilePlace place_of(std::size_t origin, std::size_t line) const;

  std::vector<std::string> given_classes_;
  LabelText coding_;
  std::unordered_map<std::string, int> class_index_;
  std::vector<std::string> label_texts_;  // distinct labels seen while the classes are open
  std::unordered_map<std::string, int> label_text_index_;

  std::vector<std::string> item_ids_;
  std::unordered_map<std::string, std::size_t> item_index_;
  bool items_closed_ = false;
  std::string items_source_;
  std::vector<std::string> annotator_ids_;
  std::unordered_map<std::string, std::size_t> annotator_index_;

  std::vector<Origin> origins_;
  std::vector<Label> labels_;
  std::unordered_map<std::uint64_t, std::size_t> label_of_pair_;  // (item << 32 | annotator) -> labels_ index
  std::vector<int> truth_;             // per item; kMissingLabel where not given
  std::vector<std::size_t> truth_line_;
  std::vector<std::size_t> truth_origin_;
  bool any_truth_ = false;
  bool keep_repeats_ = false;
  std::size_t repeated_labels_ = 0;
};

}  // namespace annotbench
