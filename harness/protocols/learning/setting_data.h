#pragma once
// What a learning setting's SettingData (harness/grid/experiment.h) does to its data: a stratified
// subsample before the simulation, and the cold start's held-out annotators after the split.

#include <cstdint>
#include <vector>

#include "datasets/dataset.h"
#include "datasets/split.h"

namespace annotbench {

// `count` instances of `dataset`, every class in proportion (stratified_split's apportionment), in
// their original order. ConfigError when `count` is not below the data set's size.
Dataset stratified_subsample(const Dataset& dataset, std::size_t count, std::uint64_t seed);

// The annotators held out of training: round(share * M) of them (at least 1, at most M - 1), drawn
// with `seed`, in increasing order.
std::vector<std::size_t> held_out_annotator_indices(std::size_t annotators, double share, std::uint64_t seed);

// Removes every label of the `held_out` annotators from the train and valid parts (the test part
// keeps them), then drops the train instances left without any label. Features and the split's
// indices follow the kept rows.
void withhold_annotators(PreparedData& data, const std::vector<std::size_t>& held_out);

// `annotations` with every column outside `columns` (or, with `keep` false, inside it) missing.
AnnotationMatrix annotations_of(const AnnotationMatrix& annotations, const std::vector<std::size_t>& columns,
                                bool keep = true);

}  // namespace annotbench
