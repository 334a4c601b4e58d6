#pragma once
// A paper's published numbers beside ours. The file (results/paper/annot-mix-published.csv) has one
// row per published number: dataset (our registered name), method (the row name our configs give,
// e.g. mv-base), metric (our metric key: test_accuracy, best_test_accuracy, test_ap_auroc), the
// published mean and std in percent, the paper's name of the data set, and where it was read.

#include <cstddef>
#include <string>
#include <vector>

#include "reports/result_rows.h"

namespace annotbench {

struct PublishedResult {
  std::string dataset;
  std::string method;
  std::string metric;
  double mean_percent = 0.0;
  std::string paper_dataset;
  std::string source;
};

// Throws InputError with file, line and field for a missing column or a value that is not a number.
std::vector<PublishedResult> read_published_results(const std::string& path);

struct PublishedComparison {
  PublishedResult published;
  bool have_ours = false;
  double ours_percent = 0.0;  // mean over our seeds × 100
  std::size_t seeds = 0;
};

// For every published number of a data set the rows hold, ours: the rows with that data set and
// method (label) and the metric.
std::vector<PublishedComparison> compare_with_published(const std::vector<ResultRow>& rows,
                                                        const std::vector<PublishedResult>& published);

}  // namespace annotbench
