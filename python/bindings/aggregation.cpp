// annotbench._core.fit_aggregator: one registered aggregator on a long table given as codes.

#include <map>
#include <memory>
#include <optional>
#include <string>

#include <pybind11/stl.h>

#include "methods/aggregation/aggregator.h"
#include "python/bindings/arrays.h"
#include "python/bindings/bindings.h"

namespace annotbench::python {

namespace py = pybind11;

namespace {

const char* gold_use_name(GoldUse use) {
  switch (use) {
    case GoldUse::ignored: return "ignored";
    case GoldUse::used: return "used";
    case GoldUse::required: return "required";
  }
  return "ignored";
}

py::list aggregators() {
  py::list list;
  for (const AggregatorInfo& info : registered_aggregators()) {
    const std::unique_ptr<Aggregator> aggregator = info.make({});
    py::dict entry;
    entry["name"] = info.name;
    entry["summary"] = info.summary;
    entry["options"] = aggregator->options();
    entry["gold_use"] = gold_use_name(aggregator->gold_use());
    entry["uses_initial_confusion"] = aggregator->uses_initial_confusion();
    list.append(entry);
  }
  return list;
}

py::dict fit_aggregator(const std::string& method, const AggregatorOptions& options, const IndexArray& items,
                        const IndexArray& annotators, const IndexArray& labels, std::size_t num_items,
                        std::size_t num_annotators, int num_classes, std::uint64_t seed, int max_iterations,
                        double tolerance, const std::optional<IndexArray>& gold,
                        const std::optional<NumberArray>& initial_confusion) {
  const std::unique_ptr<Aggregator> aggregator = make_aggregator(method, options);
  const SparseAnnotations annotations = sparse_from_codes(items, annotators, labels, num_items, num_annotators, num_classes);
  AggregationSettings settings;
  settings.seed = seed;
  settings.max_iterations = max_iterations;
  settings.tolerance = tolerance;
  if (gold) settings.gold = to_int_vector(*gold);
  if (initial_confusion) settings.initial_confusion.assign(initial_confusion->data(), initial_confusion->data() + initial_confusion->size());
  Aggregation fitted;
  {
    py::gil_scoped_release unlocked;
    fitted = aggregator->fit(annotations, settings);
  }
  py::dict result;
  result["posteriors"] = to_array(fitted.posteriors);
  result["labels"] = to_array(fitted.labels);
  result["annotator_skill"] = fitted.annotator_skill.empty() ? py::object(py::none()) : py::object(to_array(fitted.annotator_skill));
  if (fitted.annotator_confusion.empty()) {
    result["annotator_confusion"] = py::none();
  } else {
    const auto classes = static_cast<py::ssize_t>(num_classes);
    py::array_t<double> confusion({static_cast<py::ssize_t>(num_annotators), classes, classes});
    std::copy(fitted.annotator_confusion.begin(), fitted.annotator_confusion.end(), confusion.mutable_data());
    result["annotator_confusion"] = confusion;
  }
  result["iterations"] = fitted.iterations;
  result["converged"] = fitted.converged;
  result["options"] = aggregator->options();
  return result;
}

}  // namespace

void define_aggregation(py::module_& module) {
  module.def("aggregators", &aggregators, "every registered aggregator: name, summary, default options, gold use");
  module.def("fit_aggregator", &fit_aggregator, py::arg("method"), py::arg("options"), py::arg("items"),
             py::arg("annotators"), py::arg("labels"), py::arg("num_items"), py::arg("num_annotators"),
             py::arg("num_classes"), py::arg("seed") = 0, py::arg("max_iterations") = 0, py::arg("tolerance") = -1.0,
             py::arg("gold") = py::none(), py::arg("initial_confusion") = py::none(),
             "fits a registered aggregator on codes: posteriors (items x classes), labels, annotator_skill, "
             "annotator_confusion (annotators x label x true class), iterations, converged, options");
}

}  // namespace annotbench::python
