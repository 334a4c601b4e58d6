#pragma once
// Label-only crowd data (who said what, and the gold of some items) as truth inference reads it:
// sparse, every label kept. The fourteen label-only sets of ../shared/data/crowd are registered by
// name with the column layout their authors published, so `aggregate --dataset s-rel` and the
// truth-inference grid read them as they are.

#include <string>
#include <vector>

#include "datasets/data_checksum.h"
#include "datasets/dataset.h"
#include "datasets/long_crowd_file.h"
#include "datasets/sparse_annotations.h"

namespace annotbench {

struct CrowdLabelTable {
  std::string name;
  std::string source;                       // the annotation file
  std::vector<std::string> item_ids;        // first-appearance order
  std::vector<std::string> annotator_ids;
  std::vector<std::string> class_names;
  SparseAnnotations annotations;            // every label, repeats of a pair included
  std::vector<int> truth;                   // per item; kMissingLabel where there is no gold
  std::size_t repeated_labels = 0;          // labels that repeat an (item, annotator) pair
  std::vector<LongFileSummary> files;       // how each file was read

  std::size_t gold_items() const;
};

struct CrowdLabelSource {
  std::string annotations;
  std::string truth;                        // optional separate truth file
  LongFileReading reading;                  // reading.truth_columns: of the truth file
};

// Throws InputError naming file, line and field.
CrowdLabelTable read_crowd_label_table(const CrowdLabelSource& source, const std::string& name);

struct LabelOnlySet {
  std::string name;         // e.g. "s-rel"
  std::string description;  // e.g. "S_Rel: TREC 2010 relevance judgements (Zheng et al. 2017)"
  CrowdLabelSource files;   // paths relative to a data directory
};

// In the order reports list them.
const std::vector<LabelOnlySet>& label_only_sets();

// Finds the set's files in the data directories (registry.h's search order) and reads them.
// Throws ConfigError for an unknown name (listing the known ones) or files found nowhere.
CrowdLabelTable load_label_only_set(const std::string& name, const std::string& data_dir = "");

bool is_label_only_set(const std::string& name);

// The labels of a loaded data set (music genres, LabelMe, a simulated crowd) as a label table: its
// instances with at least one label, in order, with their index as id ("0", "7", ...), and their
// true labels as gold. Instances no annotator saw (the held-out songs and images) are not items
// of the crowd and would only score the aggregators' prior.
CrowdLabelTable crowd_label_table_of(const Dataset& dataset);

// The set's annotation (and truth) file as found, with a checksum of both: what a truth-inference
// cell's id and row record (probe W4). ConfigError as load_label_only_set.
DataFile locate_label_only_set(const std::string& name, const std::string& data_dir = "");

}  // namespace annotbench
