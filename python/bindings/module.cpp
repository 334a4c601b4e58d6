#include "python/bindings/bindings.h"

PYBIND11_MODULE(_core, module) {
  module.doc() = "annotbench's C++ core; use the annotbench package, not this module";
  module.attr("__version__") = ANNOTBENCH_VERSION;
  annotbench::python::define_errors(module);
  annotbench::python::define_aggregation(module);
  annotbench::python::define_quality(module);
  annotbench::python::define_datasets(module);
  annotbench::python::define_results(module);
}
