#pragma once
// The data model every stage shares. Plain vectors, no torch: the statistics, report and loader code
// must build without it.

#include <cstddef>
#include <string>
#include <vector>

namespace annotbench {

inline constexpr int kMissingLabel = -1;

// Parts of a split that the publishers of a data set fix themselves (Dataset::predefined_part).
enum class SplitPart : unsigned char { train = 0, valid = 1, test = 2 };

// Row-major dense matrix. Used for instance features (N x D) and annotator features (M x A).
template <typename T>
struct Matrix {
  std::size_t rows = 0;
  std::size_t cols = 0;
  std::vector<T> values;

  Matrix() = default;
  Matrix(std::size_t row_count, std::size_t col_count, T fill = T{})
      : rows(row_count), cols(col_count), values(row_count * col_count, fill) {}

  T& at(std::size_t row, std::size_t col) { return values[row * cols + col]; }
  const T& at(std::size_t row, std::size_t col) const { return values[row * cols + col]; }
  T* row(std::size_t r) { return values.data() + r * cols; }
  const T* row(std::size_t r) const { return values.data() + r * cols; }
  bool empty() const { return rows == 0 || cols == 0; }
};

using FeatureMatrix = Matrix<float>;
// Annotation matrix Z (N x M): entry (n, m) is annotator m's class index for instance n, or
// kMissingLabel when m did not label n.
using AnnotationMatrix = Matrix<int>;

struct Dataset {
  std::string name;
  std::string source;                     // where it was read from, for messages and reports
  FeatureMatrix features;                 // N x D; D may be 0 for pure crowd-label sets
  AnnotationMatrix annotations;           // N x M; M == 0 when no annotator labelled this set yet
  std::vector<int> true_labels;           // size N, or empty when the truth is unknown
  std::vector<std::string> class_names;   // size C
  std::vector<std::string> annotator_ids; // size M
  FeatureMatrix annotator_features;       // M x A, or empty (then methods use one-hot ids)
  // The publishers' split where they fix one (LabelMe's train/valid/test files; the music-genre
  // set's 700 crowd-labelled songs against its 300 held-out ones): one part per instance. Empty:
  // the harness splits at random (split.h).
  std::vector<SplitPart> predefined_part;
  // Who drew predefined_part's valid/test parts where there is a choice: "reference" (the annot-mix
  // reference's split, read from a file) or "suite" (this suite's stratified split); empty otherwise.
  std::string split_source;

  std::size_t num_instances() const { return features.rows; }
  std::size_t num_features() const { return features.cols; }
  std::size_t num_annotators() const { return annotations.cols; }
  int num_classes() const { return static_cast<int>(class_names.size()); }
  bool has_true_labels() const { return !true_labels.empty(); }
  bool has_annotations() const { return annotations.cols > 0; }

  // Checks every invariant (shapes agree, labels in range, no instance without any label when
  // there is no truth, no annotator without labels, finite features) and throws InputError naming
  // `source` and the offending row (1-based instance index) and field.
  void validate() const;
};

// Instances selected by `indices`, in that order, with all their annotations and truth.
Dataset select_instances(const Dataset& dataset, const std::vector<std::size_t>& indices);

}  // namespace annotbench
