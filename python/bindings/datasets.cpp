// annotbench._core.load_dataset / load_label_only_set / datasets: the registered data sets, found
// where the CLI finds them (--data-dir, $ANNOTBENCH_DATA, ../shared/data, .data/), as arrays.

#include <string>
#include <vector>

#include <pybind11/stl.h>

#include "datasets/crowd_label_table.h"
#include "datasets/registry.h"
#include "python/bindings/arrays.h"
#include "python/bindings/bindings.h"

namespace annotbench::python {

namespace py = pybind11;

namespace {

const char* part_name(SplitPart part) {
  switch (part) {
    case SplitPart::train: return "train";
    case SplitPart::valid: return "valid";
    case SplitPart::test: return "test";
  }
  return "train";
}

py::dict load_feature_set(const std::string& name, const std::string& data_dir) {
  Dataset dataset;
  {
    py::gil_scoped_release unlocked;
    dataset = load_dataset(name, data_dir);
  }
  py::dict result;
  result["name"] = dataset.name;
  result["source"] = dataset.source;
  result["features"] = to_array(dataset.features);
  result["true_labels"] = to_array(dataset.true_labels);
  result["annotations"] = to_array(dataset.annotations);
  result["class_names"] = dataset.class_names;
  result["annotator_ids"] = dataset.annotator_ids;
  result["annotator_features"] = dataset.annotator_features.empty() ? py::object(py::none())
                                                                    : py::object(to_array(dataset.annotator_features));
  std::vector<std::string> parts;
  for (const SplitPart part : dataset.predefined_part) parts.push_back(part_name(part));
  result["predefined_part"] = parts;
  result["split_source"] = dataset.split_source;
  return result;
}

py::dict load_label_only(const std::string& name, const std::string& data_dir) {
  CrowdLabelTable table;
  {
    py::gil_scoped_release unlocked;
    table = load_label_only_set(name, data_dir);
  }
  std::vector<std::int64_t> items(table.annotations.items.begin(), table.annotations.items.end());
  std::vector<std::int64_t> annotators(table.annotations.annotators.begin(), table.annotations.annotators.end());
  std::vector<std::int64_t> labels(table.annotations.labels.begin(), table.annotations.labels.end());
  py::dict result;
  result["name"] = table.name;
  result["source"] = table.source;
  result["item_ids"] = table.item_ids;
  result["annotator_ids"] = table.annotator_ids;
  result["class_names"] = table.class_names;
  result["items"] = to_array(items);
  result["annotators"] = to_array(annotators);
  result["labels"] = to_array(labels);
  result["truth"] = to_array(table.truth);
  return result;
}

py::list dataset_list(const std::string& data_dir) {
  py::list list;
  const std::vector<std::string> dirs = data_search_dirs(data_dir);
  for (const DatasetInfo& info : registered_datasets()) {
    py::dict entry;
    entry["name"] = info.name;
    entry["kind"] = "features";
    entry["description"] = info.description;
    entry["found"] = find_data_file(info.file, dirs).has_value();
    list.append(entry);
  }
  for (const LabelOnlySet& set : label_only_sets()) {
    py::dict entry;
    entry["name"] = set.name;
    entry["kind"] = "labels";
    entry["description"] = set.description;
    entry["found"] = find_data_file(set.files.annotations, dirs).has_value();
    list.append(entry);
  }
  return list;
}

}  // namespace

void define_datasets(py::module_& module) {
  module.def("load_dataset", &load_feature_set, py::arg("name"), py::arg("data_dir") = "",
             "a registered data set: features, true labels, annotation matrix (-1: no label), class names");
  module.def("load_label_only_set", &load_label_only, py::arg("name"), py::arg("data_dir") = "",
             "a registered label-only crowd set as (item, annotator, class) codes with its ids and gold");
  module.def("datasets", &dataset_list, py::arg("data_dir") = "", "every registered data set and whether its file was found");
}

}  // namespace annotbench::python
