#include "harness/io/annotations_csv.h"

#include "reports/atomic_file.h"

#include <cstdio>
#include <fstream>
#include <stdexcept>

#include <unistd.h>

namespace annotbench {

namespace {

// RFC 4180: quote a field holding a comma, quote or line break, doubling inner quotes.
std::string csv_field(const std::string& text) {
  if (text.find_first_of(",\"\r\n") == std::string::npos) return text;
  std::string quoted = "\"";
  for (const char c : text) {
    if (c == '"') quoted += '"';
    quoted += c;
  }
  return quoted + "\"";
}

}  // namespace

std::string annotations_long_csv(const Dataset& dataset) {
  std::vector<std::string> classes, annotators;
  for (const std::string& name : dataset.class_names) classes.push_back(csv_field(name));
  for (const std::string& id : dataset.annotator_ids) annotators.push_back(csv_field(id));
  std::string text = "item,annotator,label,true_label\n";
  for (std::size_t i = 0; i < dataset.annotations.rows; ++i) {
    const std::string item = std::to_string(i);
    const std::string truth = dataset.has_true_labels() ? classes[static_cast<std::size_t>(dataset.true_labels[i])] : "";
    for (std::size_t m = 0; m < dataset.annotations.cols; ++m) {
      const int label = dataset.annotations.at(i, m);
      if (label == kMissingLabel) continue;
      text += item + ',' + annotators[m] + ',' + classes[static_cast<std::size_t>(label)] + ',' + truth + '\n';
    }
  }
  return text;
}


void write_annotations_long_csv(const std::string& path, const Dataset& dataset) {
  write_file_atomically(path, annotations_long_csv(dataset));
}

}  // namespace annotbench
