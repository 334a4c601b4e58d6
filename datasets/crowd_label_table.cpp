#include "datasets/crowd_label_table.h"

#include "datasets/crowd_labels.h"
#include "datasets/crowd_table_summary.h"
#include "datasets/input_error.h"
#include "datasets/registry.h"

namespace annotbench {

std::size_t CrowdLabelTable::gold_items() const {
  std::size_t count = 0;
  for (const int label : truth) count += label != kMissingLabel;
  return count;
}

namespace {

// Gold in another coding than the answers (names against indices, 1-based against 0-based) reads as
// classes nobody gave, and the accuracy is 0 (probe N8: "accuracy":0.0, "classes":6). No common value
// is an error; gold classes that no annotator ever gave are a warning, since a class may go unpicked.
void check_truth_vocabulary(CrowdLabelTable& table, const std::string& truth_path) {
  std::vector<bool> given(table.class_names.size(), false), gold(table.class_names.size(), false);
  for (const std::int32_t label : table.annotations.labels) given[static_cast<std::size_t>(label)] = true;
  std::size_t gold_items = 0, gold_never_given = 0;
  for (const int label : table.truth) {
    if (label == kMissingLabel) continue;
    ++gold_items;
    gold[static_cast<std::size_t>(label)] = true;
    gold_never_given += !given[static_cast<std::size_t>(label)];
  }
  if (gold_never_given == 0) return;
  const auto names = [&](const std::vector<bool>& which) {
    std::string text;
    std::size_t shown = 0, count = 0;
    for (std::size_t c = 0; c < which.size(); ++c) {
      if (!which[c]) continue;
      ++count;
      if (shown < 8) text += (shown++ ? ", " : "") + ("\"" + table.class_names[c] + "\"");
    }
    return count > shown ? text + ", ... (" + std::to_string(count) + ")" : text;
  };
  std::vector<bool> gold_only(gold.size());
  for (std::size_t c = 0; c < gold.size(); ++c) gold_only[c] = gold[c] && !given[c];
  if (gold_never_given == gold_items)
    throw InputError(truth_path, 0, "",
                     "no gold label is a label the annotators gave: the gold uses " + names(gold) +
                         ", the answers use " + names(given) + " (are both coded alike, e.g. names or 0-based indices?)");
  table.files.back().warnings.push_back(std::to_string(gold_never_given) + " of " + std::to_string(gold_items) +
                                        " gold labels are classes no annotator gave (" + names(gold_only) +
                                        "); those items count as wrong for every aggregator");
}

CrowdLabelTable read_table(const CrowdLabelSource& source, const std::string& name, bool one_class_is_fine) {
  CrowdLabelCollector collector;
  collector.keep_repeated_labels();
  CrowdLabelTable table;
  table.name = name;
  table.source = source.annotations;
  table.files.push_back(read_long_crowd_file(source.annotations, source.reading, collector));
  if (!source.truth.empty()) table.files.push_back(read_crowd_truth_file(source.truth, source.reading.truth_columns, collector, /*ignore_unknown_items=*/true));
  CrowdLabelCollector::SparseResult sparse = collector.finish_sparse();
  table.item_ids = collector.item_ids();
  table.annotator_ids = collector.annotator_ids();
  table.class_names = std::move(sparse.class_names);
  table.annotations = std::move(sparse.annotations);
  table.truth = std::move(sparse.truth);
  table.repeated_labels = collector.repeated_labels();
  if (table.class_names.size() < 2 && !one_class_is_fine)
    throw InputError(source.annotations, 0, "", "every label is \"" + table.class_names.front() +
                                                    "\": truth inference needs at least 2 classes");
  // Every aggregator keeps an items x classes table of posteriors (ds and mace also classes x classes
  // per annotator): a label column that holds ids gave std::bad_alloc or ran for hours (probe N12).
  constexpr std::size_t kMostClasses = 1000;
  if (table.class_names.size() > kMostClasses)
    throw InputError(source.annotations, 0, table.files.front().label_column,
                     std::to_string(table.class_names.size()) + " distinct labels for " +
                         std::to_string(table.item_ids.size()) + " items, more than the " + std::to_string(kMostClasses) +
                         " classes truth inference takes: is the label column right? (see --columns)");
  if (!source.truth.empty()) check_truth_vocabulary(table, source.truth);
  return table;
}

}  // namespace

CrowdLabelTable read_crowd_label_table(const CrowdLabelSource& source, const std::string& name) {
  return read_table(source, name, false);
}

CrowdLabelTable read_crowd_label_table_to_describe(const CrowdLabelSource& source, const std::string& name) {
  return read_table(source, name, true);
}

namespace {

CrowdLabelSource files(std::string annotations, std::string truth, std::string columns = "",
                       std::string truth_columns = "") {
  CrowdLabelSource source;
  source.annotations = std::move(annotations);
  source.truth = std::move(truth);
  if (!columns.empty()) source.reading.columns = parse_crowd_columns(columns);
  if (!truth_columns.empty()) source.reading.truth_columns = parse_crowd_columns(truth_columns);
  return source;
}

}  // namespace

const std::vector<LabelOnlySet>& label_only_sets() {
  // Layouts as the crowd README describes them; only what the files cannot say is given here.
  static const std::vector<LabelOnlySet> sets = {
      {"d-sentiment", "D_PosSent: tweet sentiment, 85 AMT workers (Zheng et al. 2017)",
       files("crowd/truth_inference/d_sentiment/answer.csv", "crowd/truth_inference/d_sentiment/truth.csv")},
      {"s-rel", "S_Rel: TREC 2010 relevance, 4 grades, gold for 4,460 of 20,232 items (Zheng et al. 2017)",
       files("crowd/truth_inference/s4_Relevance/answer.csv", "crowd/truth_inference/s4_Relevance/truth.csv")},
      {"s-adult", "S_Adult: adult-content rating, 4 classes, gold for 333 items (Ipeirotis; Zheng et al. 2017)",
       files("crowd/truth_inference/s5_AdultContent/answer.csv", "crowd/truth_inference/s5_AdultContent/truth.csv")},
      {"rte", "RTE: textual entailment, binary (Snow et al. 2008; Zhang et al. 2014's files)",
       files("crowd/spectral_meets_em/rte_crowd.txt", "crowd/spectral_meets_em/rte_truth.txt")},
      {"trec", "TREC: relevance, binary (Zhang et al. 2014's files)",
       files("crowd/spectral_meets_em/trec_crowd.txt", "crowd/spectral_meets_em/trec_truth.txt")},
      {"web", "Web search relevance, 5 grades (Zhang et al. 2014's files)",
       files("crowd/spectral_meets_em/web_crowd.txt", "crowd/spectral_meets_em/web_truth.txt")},
      {"temp", "Temporal ordering, binary (Snow et al. 2008; CrowdTruth's file)",
       files("crowd/snow2008/temp.standardized.csv", "")},
      {"wsd", "Word-sense disambiguation, 3 senses (Snow et al. 2008; CrowdTruth's tab-separated file)",
       files("crowd/snow2008/wsd.standardized.csv", "")},
      {"weather-cf", "Weather sentiment, 5 classes, CrowdFlower (active-crowd toolkit)",
       files("crowd/active_crowd_toolkit/CF.csv", "", "annotator=1,item=2,label=3,truth=4")},
      {"weather-amt", "Weather sentiment, 5 classes, AMT (active-crowd toolkit)",
       files("crowd/active_crowd_toolkit/CF_amt.csv", "", "annotator=1,item=2,label=3,truth=4")},
      {"sp-amt", "Sentiment polarity, binary, AMT (Venanzi et al.; active-crowd toolkit)",
       files("crowd/active_crowd_toolkit/SP_amt.csv", "", "annotator=1,item=2,label=3,truth=4")},
      {"zencrowd", "ZenCrowd entity linking, binary (Demartini et al. 2012; active-crowd toolkit)",
       files("crowd/active_crowd_toolkit/ZenCrowd_all.csv", "", "annotator=1,item=2,label=3,truth=4")},
      {"cifar10n", "CIFAR-10N: three human labels per training image, 10 classes (Wei et al. 2022)",
       files("crowd/cifar10n/derived_cifar10n_labels.csv", "",
             "item=index,annotator=worker1+worker2+worker3,label=random_label1+random_label2+random_label3,"
             "truth=clean_label")},
      {"anesthesia", "Dawid & Skene 1979: anaesthetists' ratings of 45 patients, 4 grades, no gold",
       files("crowd/dawid_skene_1979/derived_anesthesia.csv", "")},
  };
  return sets;
}

bool is_label_only_set(const std::string& name) {
  for (const LabelOnlySet& set : label_only_sets())
    if (set.name == name) return true;
  return false;
}

namespace {

// The set's source with its files found in the data directories.
CrowdLabelSource found_label_only_set(const std::string& name, const std::string& data_dir) {
  std::string known;
  for (const LabelOnlySet& set : label_only_sets()) {
    known += (known.empty() ? "" : ", ") + set.name;
    if (set.name != name) continue;
    const std::vector<std::string> dirs = data_search_dirs(data_dir);
    CrowdLabelSource source = set.files;
    for (std::string* file : {&source.annotations, &source.truth}) {
      if (file->empty()) continue;
      const std::optional<std::string> path = find_data_file(*file, dirs);
      if (!path) {
        std::string looked;
        for (const std::string& dir : dirs) looked += "\n  " + dir;
        throw ConfigError("label-only set '" + name + "': file " + *file + " not found; looked in:" + looked +
                          "\n(pass --data-dir, or give the files with --annotations/--truth)");
      }
      *file = *path;
    }
    return source;
  }
  throw ConfigError("unknown label-only set '" + name + "'; known: " + known);
}

}  // namespace

CrowdLabelTable load_label_only_set(const std::string& name, const std::string& data_dir) {
  return read_crowd_label_table(found_label_only_set(name, data_dir), name);
}

DataFile locate_label_only_set(const std::string& name, const std::string& data_dir) {
  const CrowdLabelSource source = found_label_only_set(name, data_dir);
  DataFile file{source.annotations, data_checksum(source.annotations)};
  if (!source.truth.empty()) file.checksum += "+" + data_checksum(source.truth);
  return file;
}

CrowdLabelTable crowd_label_table_of(const Dataset& dataset) {
  CrowdLabelTable table;
  table.name = dataset.name;
  table.source = dataset.source;
  table.class_names = dataset.class_names;
  table.annotator_ids = dataset.annotator_ids;
  table.annotations.num_annotators = dataset.annotations.cols;
  table.annotations.num_classes = static_cast<int>(dataset.class_names.size());
  for (std::size_t i = 0; i < dataset.num_instances(); ++i) {
    bool labelled = false;
    for (std::size_t m = 0; m < dataset.annotations.cols; ++m) {
      const int label = dataset.annotations.at(i, m);
      if (label == kMissingLabel) continue;
      table.annotations.add(table.item_ids.size(), m, label);
      labelled = true;
    }
    if (!labelled) continue;
    table.item_ids.push_back(std::to_string(i));
    table.truth.push_back(dataset.true_labels.empty() ? kMissingLabel : dataset.true_labels[i]);
  }
  table.annotations.num_items = table.item_ids.size();
  return table;
}

}  // namespace annotbench
