#include "datasets/npy_reader.h"

#include <cmath>
#include <cstdint>
#include <cstring>
#include <fstream>

#include "datasets/input_error.h"

namespace annotbench {

namespace {

const char* const kHeaderField = "npy header";

[[noreturn]] void header_error(const std::string& path, const std::string& problem) {
  throw InputError(path, 0, kHeaderField, problem);
}

std::size_t item_size(const std::string& dtype) {
  if (dtype == "<f4" || dtype == "<i4") return 4;
  if (dtype == "<f8" || dtype == "<i8") return 8;
  return 0;
}

// The value of `'key':` in the header dict, up to the next top-level comma or the closing brace.
std::string dict_value(const std::string& header, const std::string& key, const std::string& path) {
  const std::string quoted = "'" + key + "'";
  const std::size_t at = header.find(quoted);
  if (at == std::string::npos) header_error(path, "has no '" + key + "' entry");
  std::size_t pos = header.find(':', at + quoted.size());
  if (pos == std::string::npos) header_error(path, "entry '" + key + "' has no value");
  ++pos;
  while (pos < header.size() && header[pos] == ' ') ++pos;
  if (pos < header.size() && (header[pos] == '(' || header[pos] == '[')) {
    const char close = header[pos] == '(' ? ')' : ']';
    const std::size_t end = header.find(close, pos);
    if (end == std::string::npos) header_error(path, "entry '" + key + "' is not closed");
    return header.substr(pos, end - pos + 1);
  }
  if (pos < header.size() && header[pos] == '\'') {
    const std::size_t end = header.find('\'', pos + 1);
    if (end == std::string::npos) header_error(path, "entry '" + key + "' is not closed");
    return header.substr(pos + 1, end - pos - 1);
  }
  std::size_t end = pos;
  while (end < header.size() && header[end] != ',' && header[end] != '}') ++end;
  std::string value = header.substr(pos, end - pos);
  while (!value.empty() && value.back() == ' ') value.pop_back();
  return value;
}

std::vector<std::size_t> parse_shape(const std::string& text, const std::string& path) {
  // text is "(a, b, )", "(a,)" or "()".
  if (text.size() < 2 || text.front() != '(' || text.back() != ')')
    header_error(path, "shape " + text + " is not a tuple of sizes");
  std::vector<std::size_t> shape;
  std::string number;
  for (std::size_t i = 1; i + 1 <= text.size(); ++i) {
    const char c = text[i];
    if (c >= '0' && c <= '9') {
      number += c;
    } else if (c == ',' || c == ')') {
      // std::stoull threw a bare "stoull" for 99999999999999999999999 (probe U11).
      if (number.size() > 15) header_error(path, "shape " + text + " is too large");
      if (!number.empty()) shape.push_back(static_cast<std::size_t>(std::stoull(number)));
      number.clear();
    } else if (c != ' ' && c != 'L') {  // Python 2 wrote long sizes as 10L
      header_error(path, "shape " + text + " is not a tuple of sizes");
    }
  }
  return shape;
}

std::vector<char> read_data(const std::string& path, const NpyHeader& header) {
  std::ifstream in(path, std::ios::binary);
  if (!in) throw InputError(path, 0, "", "cannot open file");
  const std::size_t bytes = header.element_count() * item_size(header.dtype);
  in.seekg(0, std::ios::end);
  const auto file_size = static_cast<std::size_t>(in.tellg());
  if (file_size < header.data_offset + bytes)
    throw InputError(path, 0, "data",
                     "file is truncated: the header promises " + std::to_string(bytes) + " bytes of data, found " +
                         std::to_string(file_size - header.data_offset));
  std::vector<char> data(bytes);
  in.seekg(static_cast<std::streamoff>(header.data_offset));
  in.read(data.data(), static_cast<std::streamsize>(bytes));
  return data;
}

template <typename T>
T element(const std::vector<char>& data, std::size_t index, std::size_t size) {
  T value;
  std::memcpy(&value, data.data() + index * size, sizeof(T));
  return value;
}

// Every value as double; exact for the integers of label arrays.
std::vector<double> elements_as_double(const std::vector<char>& data, const NpyHeader& header) {
  const std::size_t count = header.element_count();
  const std::size_t size = item_size(header.dtype);
  std::vector<double> values(count);
  for (std::size_t i = 0; i < count; ++i) {
    if (header.dtype == "<f4") values[i] = element<float>(data, i, size);
    else if (header.dtype == "<f8") values[i] = element<double>(data, i, size);
    else if (header.dtype == "<i4") values[i] = element<std::int32_t>(data, i, size);
    else values[i] = static_cast<double>(element<std::int64_t>(data, i, size));
  }
  return values;
}

}  // namespace

// The raw bytes are copied as they are: this reader assumes a little-endian machine (x86, ARM).
static_assert(sizeof(float) == 4 && sizeof(double) == 8, "npy data is IEEE single/double precision");

std::size_t NpyHeader::element_count() const {
  std::size_t count = 1;
  for (std::size_t size : shape) count *= size;
  return count;
}

NpyHeader read_npy_header(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) throw InputError(path, 0, "", "cannot open file");
  char preamble[10] = {};
  in.read(preamble, 8);
  if (in.gcount() < 8 || std::memcmp(preamble, "\x93NUMPY", 6) != 0)
    header_error(path, "not a NumPy .npy file (it does not start with \\x93NUMPY)");
  const int major = static_cast<unsigned char>(preamble[6]);
  std::size_t header_length = 0;
  std::size_t offset = 0;
  if (major == 1) {
    unsigned char length[2] = {};
    in.read(reinterpret_cast<char*>(length), 2);
    header_length = length[0] | (static_cast<std::size_t>(length[1]) << 8);
    offset = 10;
  } else if (major == 2 || major == 3) {
    unsigned char length[4] = {};
    in.read(reinterpret_cast<char*>(length), 4);
    header_length = length[0] | (static_cast<std::size_t>(length[1]) << 8) |
                    (static_cast<std::size_t>(length[2]) << 16) | (static_cast<std::size_t>(length[3]) << 24);
    offset = 12;
  } else {
    header_error(path, "format version " + std::to_string(major) + " is not one of 1, 2, 3");
  }
  std::string text(header_length, '\0');
  in.read(text.data(), static_cast<std::streamsize>(header_length));
  if (static_cast<std::size_t>(in.gcount()) != header_length) header_error(path, "is cut short");

  NpyHeader header;
  header.data_offset = offset + header_length;
  header.dtype = dict_value(text, "descr", path);
  const std::string order = dict_value(text, "fortran_order", path);
  if (order != "False" && order != "True") header_error(path, "fortran_order is \"" + order + "\", not True/False");
  header.fortran_order = order == "True";
  const std::string shape_text = dict_value(text, "shape", path);
  header.shape = parse_shape(shape_text, path);
  // Sizes that fit one by one can still multiply past 2^64, and the wrapped product was then
  // blamed on the file that used the array (probe U11). 2^50 bytes is beyond any real file.
  std::size_t bytes = 8;
  for (const std::size_t size : header.shape) {
    if (size != 0 && bytes > (std::size_t{1} << 50) / size) header_error(path, "shape " + shape_text + " is too large");
    bytes *= size;
  }
  if (header.dtype == "|O")
    header_error(path, "dtype '|O' holds pickled Python objects, which annotbench cannot read; "
                       "save the arrays as plain numbers (np.save of an int or float array) or as CSV");
  if (item_size(header.dtype) == 0)
    header_error(path, "dtype '" + header.dtype + "' is not supported (use '<f4', '<f8', '<i4' or '<i8')");
  if (header.fortran_order)
    header_error(path, "the array is in Fortran order; save it in C order (np.ascontiguousarray)");
  return header;
}

NpyFloatArray read_npy_floats(const std::string& path) {
  const NpyHeader header = read_npy_header(path);
  const std::vector<char> data = read_data(path, header);
  NpyFloatArray array;
  array.shape = header.shape;
  const std::size_t count = header.element_count();
  array.values.resize(count);
  if (header.dtype == "<f4") {
    std::memcpy(array.values.data(), data.data(), count * sizeof(float));
  } else {
    const std::vector<double> values = elements_as_double(data, header);
    for (std::size_t i = 0; i < count; ++i) array.values[i] = static_cast<float>(values[i]);
  }
  return array;
}

NpyIntArray read_npy_ints(const std::string& path) {
  const NpyHeader header = read_npy_header(path);
  const std::vector<char> data = read_data(path, header);
  NpyIntArray array;
  array.shape = header.shape;
  const std::size_t count = header.element_count();
  array.values.resize(count);
  const std::vector<double> values = elements_as_double(data, header);
  for (std::size_t i = 0; i < count; ++i) {
    if (header.dtype == "<i8") {
      array.values[i] = element<std::int64_t>(data, i, 8);
      continue;
    }
    if (!std::isfinite(values[i]) || std::floor(values[i]) != values[i])
      throw InputError(path, 0, "element " + std::to_string(i), "expected a whole number, got " + std::to_string(values[i]));
    array.values[i] = static_cast<long long>(values[i]);
  }
  return array;
}

}  // namespace annotbench
