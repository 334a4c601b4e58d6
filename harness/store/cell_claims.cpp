#include "harness/store/cell_claims.h"

#include <fcntl.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <filesystem>
#include <stdexcept>

#include "datasets/random.h"

namespace annotbench {

namespace {

std::string claims_file(const std::string& results_dir) { return results_dir + "/.annotbench-claims"; }

// 2^40 one-byte slots: two cells of one directory share a slot with negligible probability, and a
// shared slot would only make one process leave a cell to the other.
struct flock claim_range(const std::string& cell_id, short type) {
  struct flock range {};
  range.l_type = type;
  range.l_whence = SEEK_SET;
  range.l_start = static_cast<off_t>(derive_seed(0, "claim " + cell_id) & ((1ULL << 40) - 1));
  range.l_len = 1;
  return range;
}

int open_claims_file(const std::string& results_dir) {
  std::error_code ignored;
  std::filesystem::create_directories(results_dir, ignored);
  const std::string path = claims_file(results_dir);
  const int descriptor = ::open(path.c_str(), O_RDWR | O_CREAT | O_NOFOLLOW | O_CLOEXEC, 0644);
  if (descriptor < 0) throw std::runtime_error(path + ": cannot open the claims file: " + std::strerror(errno));
  return descriptor;
}

}  // namespace

std::optional<CellClaim> CellClaim::try_claim(const std::string& results_dir, const std::string& cell_id) {
  const int descriptor = open_claims_file(results_dir);
  // Open file description locks (F_OFD_*): unlike classic POSIX locks they belong to this descriptor,
  // so closing some other descriptor of the file does not drop them and threads exclude each other.
  struct flock range = claim_range(cell_id, F_WRLCK);
  if (::fcntl(descriptor, F_OFD_SETLK, &range) == 0) return CellClaim(descriptor);
  const int error = errno;
  ::close(descriptor);
  if (error == EAGAIN || error == EACCES) return std::nullopt;
  throw std::runtime_error(claims_file(results_dir) + ": cannot lock: " + std::strerror(error));
}

bool CellClaim::is_claimed(const std::string& results_dir, const std::string& cell_id) {
  const int descriptor = ::open(claims_file(results_dir).c_str(), O_RDONLY | O_NOFOLLOW | O_CLOEXEC);
  if (descriptor < 0) return false;  // no run has claimed anything here yet
  struct flock range = claim_range(cell_id, F_WRLCK);
  const int result = ::fcntl(descriptor, F_OFD_GETLK, &range);
  ::close(descriptor);
  return result == 0 && range.l_type != F_UNLCK;
}

CellClaim::~CellClaim() {
  if (descriptor_ >= 0) ::close(descriptor_);  // closing the descriptor releases the lock
}

}  // namespace annotbench
