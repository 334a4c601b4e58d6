#pragma once
// NumPy .npy files (format versions 1.0-3.0): a magic string, a little Python-dict header naming dtype,
// order and shape, then the raw array. Published crowd sets ship their embeddings this way (LabelMe's
// data_train_vgg16.npy). Only plain little-endian numbers in C order are read; anything else, notably
// dtype '|O' (pickled Python objects, as in CIFAR-N's CIFAR-10_human.npy), is refused by name.

#include <cstddef>
#include <string>
#include <vector>

namespace annotbench {

struct NpyHeader {
  std::string dtype;               // e.g. "<f4"
  bool fortran_order = false;
  std::vector<std::size_t> shape;  // () for a scalar
  std::size_t data_offset = 0;     // bytes before the array data

  std::size_t element_count() const;
};

// Parses the header; throws InputError(path, 0, "npy header", ...) for a file that is not .npy or
// holds a dtype or order this reader does not support ('<f4', '<f8', '<i4', '<i8', C order).
NpyHeader read_npy_header(const std::string& path);

// The whole array as float, row-major, with its shape. Integer arrays are converted.
struct NpyFloatArray {
  std::vector<std::size_t> shape;
  std::vector<float> values;
};
NpyFloatArray read_npy_floats(const std::string& path);

// The whole array as whole numbers; a float array is accepted only when every value is whole
// (np.save of a label vector sometimes keeps float64).
struct NpyIntArray {
  std::vector<std::size_t> shape;
  std::vector<long long> values;
};
NpyIntArray read_npy_ints(const std::string& path);

}  // namespace annotbench
