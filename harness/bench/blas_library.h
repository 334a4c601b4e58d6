#pragma once
// Which BLAS LibTorch's matrix products run on. Debian's LibTorch links the generic libblas.so.3,
// which the alternatives system points at OpenBLAS or at the reference BLAS (tens of times slower
// for matrix products); harness/setup.sh selects OpenBLAS. No torch here.

#include <string>
#include <vector>

namespace annotbench {

enum class BlasKind { kOpenBlas, kReference, kMkl, kBlis, kAtlas, kUnknown };

// From a library's file path: "openblas" in it means OpenBLAS, .../blas/libblas.so.3 the
// reference implementation (Debian's libblas3), and so on.
BlasKind blas_kind_of(const std::string& library_path);
std::string blas_kind_name(BlasKind kind);

// The distinct paths of BLAS-like libraries (libblas, libopenblas, libmkl, libblis, libatlas) in the
// text of /proc/<pid>/maps, in their order of first appearance.
std::vector<std::string> blas_libraries_in_maps(const std::string& maps_text);

struct BlasInUse {
  // The library whose sgemm_ a call from LibTorch reaches (global symbol lookup), or empty when no
  // loaded library exports it.
  std::string sgemm_provider;
  std::vector<std::string> loaded;  // every BLAS-like library mapped into this process
  // OpenBLAS's own account (openblas_get_config, openblas_get_num_threads) when it is loaded: its
  // threads are its own, apart from LibTorch's intra-op threads. Empty / 0 otherwise.
  std::string openblas_config;
  int openblas_threads = 0;
};

// Of this process, now (call it after a matrix product so that lazily loaded libraries show).
BlasInUse blas_in_use();

}  // namespace annotbench
