// annotbench._core.annotation_quality: the annotation-quality report of a long table given as codes,
// as the columns of its annotator, item and agreement tables (quality_tables.h), and optionally its
// files and page written to a directory, as `inspect --report DIR` writes them.

#include <string>
#include <utility>
#include <vector>

#include <pybind11/stl.h>

#include "harness/protocols/annotation_quality/quality_models.h"
#include "python/bindings/arrays.h"
#include "python/bindings/bindings.h"
#include "reports/annotation_quality/quality_page.h"
#include "reports/annotation_quality/quality_tables.h"

namespace annotbench::python {

namespace py = pybind11;

namespace {

py::dict table_columns(const QualityTable& table) {
  py::list columns;
  for (const QualityColumn& column : table.columns) {
    py::dict entry;
    entry["name"] = column.name;
    switch (column.kind) {
      case QualityColumn::Kind::text: entry["kind"] = "text"; entry["values"] = column.texts; break;
      case QualityColumn::Kind::count: entry["kind"] = "count"; entry["values"] = to_array(column.numbers); break;
      case QualityColumn::Kind::number: entry["kind"] = "number"; entry["values"] = to_array(column.numbers); break;
    }
    columns.append(entry);
  }
  py::dict result;
  result["columns"] = columns;
  result["row_index"] = table.row_index;
  return result;
}

py::dict annotation_quality_tables(const std::string& name, const IndexArray& items, const IndexArray& annotators,
                                   const IndexArray& labels, const IndexArray& truth, std::vector<std::string> item_ids,
                                   std::vector<std::string> annotator_ids, std::vector<std::string> class_names,
                                   std::uint64_t seed, const std::string& report_dir) {
  CrowdLabelTable table;
  table.name = name;
  table.source = name;
  table.annotations = sparse_from_codes(items, annotators, labels, item_ids.size(), annotator_ids.size(),
                                        static_cast<int>(class_names.size()));
  table.item_ids = std::move(item_ids);
  table.annotator_ids = std::move(annotator_ids);
  table.class_names = std::move(class_names);
  table.truth = to_int_vector(truth);
  if (table.truth.size() != table.item_ids.size()) throw ConfigError("the truth must give one entry per task (-1: none)");
  for (const int label : table.truth)
    if (label != kMissingLabel && (label < 0 || label >= static_cast<int>(table.class_names.size())))
      throw ConfigError("a true label is outside the classes of the labels");
  QualityTable annotator_table, item_table, agreement;
  {
    py::gil_scoped_release unlocked;
    const AnnotationQualityReport report = annotation_quality(table, seed);
    if (!report_dir.empty()) write_quality_report(report, report_dir);
    annotator_table = annotator_quality_table(report);
    item_table = item_quality_table(report);
    agreement = agreement_table(report);
  }
  py::dict result;
  result["annotators"] = table_columns(annotator_table);
  result["items"] = table_columns(item_table);
  result["agreement"] = table_columns(agreement);
  return result;
}

}  // namespace

void define_quality(py::module_& module) {
  module.def("annotation_quality", &annotation_quality_tables, py::arg("name"), py::arg("items"), py::arg("annotators"),
             py::arg("labels"), py::arg("truth"), py::arg("item_ids"), py::arg("annotator_ids"), py::arg("class_names"),
             py::arg("seed") = 0, py::arg("report_dir") = "",
             "the annotation-quality report's annotator, item and agreement tables as columns; with report_dir, "
             "also its CSV files, report.md, report.html and SVGs there");
}

}  // namespace annotbench::python
