#pragma once
// Which cells already have a result row in a results directory. Other processes append to the
// directory while a run goes on (array tasks, a second `run`), so the runner asks again before it
// trains a cell and again before it writes one; rows are only ever appended, so each refresh reads
// only the bytes added since the last one.

#include <cstddef>
#include <map>
#include <string>
#include <sys/types.h>

namespace annotbench {

class FinishedCells {
 public:
  explicit FinishedCells(std::string results_dir) : results_dir_(std::move(results_dir)) {}

  // Reads what was appended to the directory's *.jsonl files (directly in it, as the runner writes
  // them) since the last refresh. A missing directory holds nothing. A line that is not JSON, other
  // than an unfinished last line, throws InputError with FILE:LINE.
  void refresh();

  bool contains(const std::string& cell_id) const;
  // Result rows per cell id, over every file (more than 1 means a cell was written twice).
  std::map<std::string, std::size_t> rows_per_cell() const;

 private:
  struct FileState {
    off_t offset = 0;            // bytes of whole lines read so far
    std::size_t lines = 0;       // whole lines read so far, for messages
    std::map<std::string, std::size_t> rows_per_cell;
    std::string unterminated_cell;  // a complete row left without its '\n' counts as done (it is kept)
  };
  void read_new_lines(const std::string& path, FileState& state);

  std::string results_dir_;
  std::map<std::string, FileState> files_;
};

}  // namespace annotbench
