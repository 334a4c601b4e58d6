#pragma once
// The parts of annotbench._core, one file each; module.cpp puts them together. Every function
// converts plain NumPy arrays and Python scalars to the C++ core's types, releases the GIL while
// the core works, and returns plain arrays, lists and dicts that the pandas layer (python/annotbench/)
// shapes into DataFrames.

#include <pybind11/pybind11.h>

namespace annotbench::python {

void define_errors(pybind11::module_& module);       // C++ exceptions -> ValueError, FileNotFoundError
void define_aggregation(pybind11::module_& module);  // the registered aggregators
void define_quality(pybind11::module_& module);      // the annotation-quality report as columns
void define_datasets(pybind11::module_& module);     // registered data sets as arrays
void define_results(pybind11::module_& module);      // result rows and the experiment runner

}  // namespace annotbench::python
