#pragma once
// Writes .npy files byte by byte as NumPy's format document describes them (magic, version, header
// length, a dict padded with spaces to a multiple of 64 bytes and ended by '\n', raw data), so that the
// reader is tested against the format, not against itself.

#include <cstdint>
#include <cstring>
#include <string>
#include <vector>

namespace annotbench::testing {

inline std::string npy_header_bytes(const std::string& dict, int major = 1) {
  const std::size_t prefix = major == 1 ? 10 : 12;
  std::string header = dict;
  while ((prefix + header.size() + 1) % 64 != 0) header += ' ';
  header += '\n';
  std::string bytes = "\x93NUMPY";
  bytes += static_cast<char>(major);
  bytes += '\0';
  const std::size_t length = header.size();
  bytes += static_cast<char>(length & 0xff);
  bytes += static_cast<char>((length >> 8) & 0xff);
  if (major != 1) {
    bytes += static_cast<char>((length >> 16) & 0xff);
    bytes += static_cast<char>((length >> 24) & 0xff);
  }
  return bytes + header;
}

template <typename T>
std::string raw_bytes(const std::vector<T>& values) {
  std::string bytes(values.size() * sizeof(T), '\0');
  if (!values.empty()) std::memcpy(bytes.data(), values.data(), bytes.size());  // little-endian host
  return bytes;
}

// "(2, 3)" style shape text for the header.
inline std::string shape_text(const std::vector<std::size_t>& shape) {
  std::string text = "(";
  for (std::size_t size : shape) text += std::to_string(size) + (shape.size() == 1 ? "," : ", ");
  return text + ")";
}

template <typename T>
std::string npy_bytes(const std::string& dtype, const std::vector<std::size_t>& shape, const std::vector<T>& values,
                      int major = 1) {
  return npy_header_bytes("{'descr': '" + dtype + "', 'fortran_order': False, 'shape': " + shape_text(shape) + ", }",
                          major) +
         raw_bytes(values);
}

}  // namespace annotbench::testing
