#pragma once
// Facts about the LibTorch in use, for result rows and `annotbench bench`; no torch in this header.

#include <exception>
#include <map>
#include <string>

namespace annotbench {

// {"torch": "1.13.1", "cuda": "available"/"not available", "threads": "1", "blas_threads": "1"}
// ("blas_threads" only where the BLAS tells its count).
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

// Makes LibTorch use `threads` intra-op threads (0 leaves its default), and the BLAS under it too.
void set_torch_threads(int threads);

// One LibTorch thread and one BLAS thread for every training cell, whatever `run --jobs` is: the
// split of a product or a reduction over threads changes its last bits, so rows of `--jobs 1` (where
// OpenBLAS ran as many threads as cores) differed from those of `--jobs 2` in every learning row
// (probe W2). Cells run in parallel through --jobs instead.
void pin_training_threads();

// The BLAS's own thread count where it tells (OpenBLAS), else 0.
int blas_threads();

}  // namespace annotbench
