#pragma once
// A process that trains a cell first claims it, so that a second `run` on the same results directory
// (or an array task given the same shard by mistake) leaves that cell to it instead of training it
// again. A claim is a lock on one byte of <results dir>/.annotbench-claims, at an offset derived from
// the cell id: the kernel drops it when the process ends however it ends (kill -9, scancel, a node
// crash on NFS after the lease), so a claim is never stale and nothing has to be cleaned up.

#include <optional>
#include <string>

namespace annotbench {

class CellClaim {
 public:
  // The claim, or nullopt when another process holds it now. Throws when the claims file cannot be
  // opened (the directory is not writable).
  static std::optional<CellClaim> try_claim(const std::string& results_dir, const std::string& cell_id);

  // Whether some process holds the claim right now (status: "running"); claims nothing.
  static bool is_claimed(const std::string& results_dir, const std::string& cell_id);

  CellClaim(CellClaim&& other) noexcept : descriptor_(other.descriptor_) { other.descriptor_ = -1; }
  CellClaim& operator=(CellClaim&&) = delete;
  CellClaim(const CellClaim&) = delete;
  ~CellClaim();

 private:
  explicit CellClaim(int descriptor) : descriptor_(descriptor) {}
  int descriptor_;  // its own open file description: claims of two threads of one process also exclude
};

}  // namespace annotbench
