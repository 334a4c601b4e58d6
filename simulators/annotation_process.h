#pragma once
// The annotation process: which of the complete labels are kept. Orthogonal to how annotators err,
// so it is applied after any simulator (and the harness may apply it to any complete matrix).

#include <cstdint>
#include <vector>

#include "datasets/dataset.h"

namespace annotbench {

struct AnnotationProcess {
  // Each instance keeps a number of labels drawn uniformly from this list (annot-mix: {2, 3, 4});
  // the annotators are chosen without replacement with probabilities p_m ~ Beta(selection_alpha,
  // selection_beta), normalised, drawn once per matrix. Empty: see missing_fraction.
  std::vector<int> labels_per_instance;
  double selection_alpha = 1.0;
  double selection_beta = 3.0;
  // Alternative: drop this fraction of all N * M labels uniformly at random, always keeping at least
  // one label per instance. 0 (and an empty list) keeps every label.
  double missing_fraction = 0.0;
};

struct ProcessedAnnotations {
  AnnotationMatrix annotations;
  // p_m of each annotator for the labels-per-instance process, empty otherwise.
  std::vector<double> selection_probabilities;
};

// Throws ConfigError for a bad process: both a list and a missing fraction, a count below 1 or above
// the number of annotators, a fraction outside [0, (M-1)/M], non-positive Beta parameters.
void check_annotation_process(const AnnotationProcess& process, std::size_t num_annotators);

// Applies `process` to `complete` (entries already missing stay missing; with a list, an instance
// keeps at most the labels it has). Deterministic in `seed`.
ProcessedAnnotations apply_annotation_process(const AnnotationMatrix& complete, const AnnotationProcess& process,
                                              std::uint64_t seed);

}  // namespace annotbench
