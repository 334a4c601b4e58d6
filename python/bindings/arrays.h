#pragma once
// NumPy arrays in and out of the core's plain vectors and matrices.

#include <cstdint>
#include <string>
#include <vector>

#include <pybind11/numpy.h>

#include "datasets/dataset.h"
#include "datasets/input_error.h"
#include "datasets/sparse_annotations.h"

namespace annotbench::python {

using IndexArray = pybind11::array_t<std::int64_t, pybind11::array::c_style | pybind11::array::forcecast>;
using NumberArray = pybind11::array_t<double, pybind11::array::c_style | pybind11::array::forcecast>;

template <typename T>
pybind11::array_t<T> to_array(const std::vector<T>& values) {
  pybind11::array_t<T> array(static_cast<pybind11::ssize_t>(values.size()));
  std::copy(values.begin(), values.end(), array.mutable_data());
  return array;
}

template <typename T>
pybind11::array_t<T> to_array(const Matrix<T>& matrix) {
  pybind11::array_t<T> array({static_cast<pybind11::ssize_t>(matrix.rows), static_cast<pybind11::ssize_t>(matrix.cols)});
  std::copy(matrix.values.begin(), matrix.values.end(), array.mutable_data());
  return array;
}

inline std::vector<int> to_int_vector(const IndexArray& array) {
  const std::int64_t* data = array.data();
  return std::vector<int>(data, data + array.size());
}

// The (item, annotator, class) codes of a long table as the core's triples. ConfigError (ValueError)
// naming the column for arrays of different lengths or a code out of range.
inline SparseAnnotations sparse_from_codes(const IndexArray& items, const IndexArray& annotators, const IndexArray& labels,
                                           std::size_t num_items, std::size_t num_annotators, int num_classes) {
  if (items.ndim() != 1 || annotators.ndim() != 1 || labels.ndim() != 1 || items.size() != annotators.size() ||
      items.size() != labels.size())
    throw ConfigError("task, worker and label must be columns of one length");
  SparseAnnotations annotations;
  annotations.num_items = num_items;
  annotations.num_annotators = num_annotators;
  annotations.num_classes = num_classes;
  const auto check = [](std::int64_t code, std::int64_t size, const char* column) {
    if (code < 0 || code >= size)
      throw ConfigError(std::string("code ") + std::to_string(code) + " of column '" + column + "' is outside [0, " +
                        std::to_string(size) + ")");
  };
  const std::size_t labels_given = static_cast<std::size_t>(labels.size());
  annotations.items.reserve(labels_given);
  annotations.annotators.reserve(labels_given);
  annotations.labels.reserve(labels_given);
  for (std::size_t l = 0; l < labels_given; ++l) {
    check(items.data()[l], static_cast<std::int64_t>(num_items), "task");
    check(annotators.data()[l], static_cast<std::int64_t>(num_annotators), "worker");
    check(labels.data()[l], num_classes, "label");
    annotations.add(static_cast<std::size_t>(items.data()[l]), static_cast<std::size_t>(annotators.data()[l]),
                    static_cast<int>(labels.data()[l]));
  }
  return annotations;
}

}  // namespace annotbench::python
