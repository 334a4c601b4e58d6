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
  std::string registered_method;          // the method's registered name ("mv-mixup" of mv-base)
  std::string cell;                       // the harness's cell id ("" in rows from elsewhere)
  long long seed = 0;
  std::map<std::string, double> metrics;  // the numeric entries of "metrics"
  // What else made the run what it was, besides its setting label, method and seed, as flattened
  // JSON paths and their values' JSON text (probe W3): the setting's identity (data file, simulator,
  // split, epochs, batch size, learning rate) and the method's hyper-parameters. Rows that differ
  // here are different experiments even under one label; empty in rows that lack the fields.
  std::map<std::string, std::string> setting_identity;
  std::map<std::string, std::string> method_options;
  // The sweep the row's setting belongs to (harness/grid/sweep.h): its name, axis and this setting's
  // value on it; sweep empty for a row outside sweeps.
  std::string sweep;
  std::string sweep_axis;
  double sweep_value = 0.0;
  int classes = 0;  // the data set's number of classes; 0 in rows that do not say
};

// Reads one .jsonl file, or every *.jsonl directly in a directory (in path order; not in its
// subdirectories, where backups and old runs live: probe W11). An unparsable last line is a run
// killed mid-write: it is skipped with a warning on `warnings`. Any other corrupt line, and a
// metric outside its range (an accuracy of 1e308: probe C3), throws InputError with FILE:LINE.
std::vector<ResultRow> read_result_rows(const std::string& path, std::ostream& warnings);

// The rows of one file's text; `file` names it in messages.
std::vector<ResultRow> parse_result_rows(const std::string& text, const std::string& file, std::ostream& warnings);

}  // namespace annotbench
