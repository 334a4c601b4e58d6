#pragma once
// One reader for long crowd files (one label per row, or a few annotator/label column pairs per
// row) as real files come: a header with any of the usual names (item,annotator,label;
// question,worker,answer; id,worker,answer; orig_id,!amt_worker_ids,response; ...) or none,
// comma, tab or whitespace delimited, LF, CRLF or CR line ends, string or integer ids and labels,
// a truth column in the same file or a separate truth file with gold for some items only.

#include <cstddef>
#include <string>
#include <vector>

#include "datasets/crowd_labels.h"
#include "datasets/delimited_rows.h"

namespace annotbench {

// Which column holds what: a header name, or a 1-based column number ("3"). Empty: found by a known
// header name, or by position in a file without a header (item, annotator, label for three
// columns; item, truth for a two-column truth file).
struct CrowdColumns {
  std::string item;
  std::vector<std::string> annotators;  // several only for files with annotator/label column pairs
  std::vector<std::string> labels;      // (CIFAR-10N: worker1+worker2+worker3, random_label1+...)
  std::string truth;                    // a true-label column in the label file itself
};

// "item=question,annotator=worker,label=answer[,truth=gold]"; '+' joins the columns of a role.
// Throws ConfigError naming the bad part.
CrowdColumns parse_crowd_columns(const std::string& text);

// Labels to read as "no label": such labels are skipped (and counted). An empty label is an error
// (a long file has no row for a missing label); a wide file's "-1" must be said explicitly here
// for a long file, where -1 can be a class (sentiment -1/+1).
struct LongFileReading {
  CrowdColumns columns;
  std::vector<std::string> missing_labels;
  CrowdColumns truth_columns;  // of a separate truth file
};

struct LongFileSummary {
  std::string path;
  Delimiter delimiter = Delimiter::comma;
  bool header = false;
  std::string line_ends;
  std::string item_column, annotator_column, label_column, truth_column;  // as found, for the summary
  std::size_t rows = 0;
  std::size_t skipped_missing = 0;
  std::size_t unknown_items = 0;      // truth files: gold for items nobody labelled (ignored)
  std::vector<std::string> warnings;  // e.g. "-1" read as a class
  std::string describe() const;       // "comma-separated, header, CRLF; item 'question', ..."
};

// Adds every label of `path` to `labels` (and the truth column's labels, when there is one).
// Throws InputError with file, line and field for every malformed row.
LongFileSummary read_long_crowd_file(const std::string& path, const LongFileReading& reading,
                                     CrowdLabelCollector& labels);

// A truth file: item and truth columns (by known names, `columns.item`/`columns.truth`, or the two
// columns of a header-less file). Gold for only some items is fine; gold for an item no annotation
// names is an error at its line unless `ignore_unknown_items` (a truth file that covers a
// superset, as the spectral-EM files do for items nobody labelled).
LongFileSummary read_crowd_truth_file(const std::string& path, const CrowdColumns& columns,
                                      CrowdLabelCollector& labels, bool ignore_unknown_items = false);

}  // namespace annotbench
