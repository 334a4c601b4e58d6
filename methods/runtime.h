#pragma once
// Facts about the LibTorch in use, for result rows and `annotbench bench`; no torch in this header.

#include <map>
#include <string>

namespace annotbench {

// {"torch": "1.13.1", "cuda": "available"/"not available", "threads": "2"}
std::map<std::string, std::string> torch_runtime_facts();

bool cuda_available();

// Makes LibTorch use `threads` intra-op threads (0 leaves its default).
void set_torch_threads(int threads);

}  // namespace annotbench
