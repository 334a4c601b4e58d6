#pragma once
// Facts about the LibTorch in use, for result rows and `annotbench bench`; no torch in this header.

#include <exception>
#include <map>
#include <string>

namespace annotbench {

// {"torch": "1.13.1", "cuda": "available"/"not available", "threads": "2"}
std::map<std::string, std::string> torch_runtime_facts();

bool cuda_available();

// Makes the C allocator keep freed memory instead of handing it back to the kernel. LibTorch's CPU
// allocator calls malloc/free for every tensor, and a training step's activations (192 x 676 floats,
// 0.5 MB) are over glibc's default mmap and trim thresholds, so each step paid for fresh pages:
// page faults and brk/munmap calls took ~40 % of an annot-mix step. Call once, first thing in
// main(); a no-op outside glibc.
void keep_freed_memory();

// The message the CLI prints for `error`: what() itself, except for a LibTorch error, whose what()
// goes on with "Exception raised from ..." and a dozen lines of C++ stack frames (probe U12): its
// first line only.
std::string error_message(const std::exception& error);

// Makes LibTorch use `threads` intra-op threads (0 leaves its default).
void set_torch_threads(int threads);

}  // namespace annotbench
