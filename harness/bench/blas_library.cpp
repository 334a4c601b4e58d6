#include "harness/bench/blas_library.h"

#include <dlfcn.h>

#include <algorithm>
#include <cctype>
#include <cstdlib>
#include <fstream>
#include <sstream>

namespace annotbench {

namespace {

std::string file_name_of(const std::string& path) {
  const std::size_t slash = path.rfind('/');
  return slash == std::string::npos ? path : path.substr(slash + 1);
}

bool contains(const std::string& text, const std::string& part) { return text.find(part) != std::string::npos; }

}  // namespace

BlasKind blas_kind_of(const std::string& library_path) {
  std::string path = library_path;
  std::transform(path.begin(), path.end(), path.begin(), [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
  if (contains(path, "openblas")) return BlasKind::kOpenBlas;
  if (contains(path, "mkl")) return BlasKind::kMkl;
  if (contains(path, "blis")) return BlasKind::kBlis;
  if (contains(path, "atlas")) return BlasKind::kAtlas;
  // Debian's reference BLAS (libblas3) lives in .../blas/libblas.so.3.
  if (contains(path, "/blas/libblas")) return BlasKind::kReference;
  return BlasKind::kUnknown;
}

std::string blas_kind_name(BlasKind kind) {
  switch (kind) {
    case BlasKind::kOpenBlas: return "OpenBLAS";
    case BlasKind::kReference: return "reference BLAS (slow)";
    case BlasKind::kMkl: return "Intel MKL";
    case BlasKind::kBlis: return "BLIS";
    case BlasKind::kAtlas: return "ATLAS";
    case BlasKind::kUnknown: break;
  }
  return "unknown BLAS";
}

std::vector<std::string> blas_libraries_in_maps(const std::string& maps_text) {
  std::vector<std::string> libraries;
  std::istringstream lines(maps_text);
  std::string line;
  while (std::getline(lines, line)) {
    // address perms offset dev inode path: the path starts at the first '/' after the inode.
    const std::size_t path_start = line.find('/');
    if (path_start == std::string::npos) continue;
    const std::string path = line.substr(path_start);
    const std::string name = file_name_of(path);
    const bool blas_like = name.rfind("libblas", 0) == 0 || name.rfind("libopenblas", 0) == 0 ||
                           name.rfind("libmkl", 0) == 0 || name.rfind("libblis", 0) == 0 ||
                           name.rfind("libatlas", 0) == 0 || name.rfind("libcblas", 0) == 0;
    if (blas_like && std::find(libraries.begin(), libraries.end(), path) == libraries.end()) libraries.push_back(path);
  }
  return libraries;
}

BlasInUse blas_in_use() {
  BlasInUse in_use;
  std::ifstream maps("/proc/self/maps");
  std::stringstream text;
  text << maps.rdbuf();
  in_use.loaded = blas_libraries_in_maps(text.str());
  // LibTorch's own sgemm_ references are bound the same way: first definition in the global scope.
  if (void* symbol = dlsym(RTLD_DEFAULT, "sgemm_")) {
    Dl_info info{};
    if (dladdr(symbol, &info) != 0 && info.dli_fname != nullptr) {
      char resolved[4096];
      in_use.sgemm_provider = realpath(info.dli_fname, resolved) != nullptr ? resolved : info.dli_fname;
    }
  }
  if (void* config = dlsym(RTLD_DEFAULT, "openblas_get_config"))
    if (const char* text = reinterpret_cast<char* (*)()>(config)()) in_use.openblas_config = text;
  if (void* threads = dlsym(RTLD_DEFAULT, "openblas_get_num_threads"))
    in_use.openblas_threads = reinterpret_cast<int (*)()>(threads)();
  return in_use;
}

}  // namespace annotbench
