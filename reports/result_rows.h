#pragma once
// Reads the result rows the harness appends: JSON lines, one finished run per line.

#include <cstddef>
#include <map>
#include <ostream>
#include <string>
#include <vector>

namespace annotbench {

struct ResultRow {
  std::string file;                       // where the row was read, for messages
  std::size_t line = 0;
  std::string setting;                    // e.g. "letter (classifier)": one row of the rank table
  std::string dataset;
  std::string method;
  long long seed = 0;
  std::map<std::string, double> metrics;  // the numeric entries of "metrics"
};

// Reads one .jsonl file, or every *.jsonl under a directory (recursively, in path order). An unparsable
// last line is a run killed mid-write: it is skipped with a warning on `warnings`. Any other corrupt line
// throws InputError with FILE:LINE.
std::vector<ResultRow> read_result_rows(const std::string& path, std::ostream& warnings);

// The rows of one file's text; `file` names it in messages.
std::vector<ResultRow> parse_result_rows(const std::string& text, const std::string& file, std::ostream& warnings);

}  // namespace annotbench
