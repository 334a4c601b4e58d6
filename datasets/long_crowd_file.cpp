#include "datasets/long_crowd_file.h"

#include <algorithm>
#include <cmath>
#include <cctype>
#include <cstdlib>
#include <map>
#include <set>
#include <stdexcept>

#include "datasets/input_error.h"
#include "datasets/joined_text.h"

namespace annotbench {

namespace {

// Header names seen in published crowd files (Crowd-Kit, Zheng et al.'s survey, CrowdTruth, the
// active-crowd toolkit, rater), compared case-insensitively.
const std::vector<std::string> kItemNames = {"item", "question", "id", "q", "task", "taskid", "task_id",
                                             "orig_id", "item_id", "object", "example"};
const std::vector<std::string> kAnnotatorNames = {"annotator", "worker", "workerid", "worker_id",
                                                  "!amt_worker_ids", "rater", "performer", "user",
                                                  "annotator_id", "labeler", "judge"};
const std::vector<std::string> kLabelNames = {"label", "answer", "response", "workerlabel", "worker_label",
                                              "rating", "annotation", "vote"};
const std::vector<std::string> kTruthNames = {"truth", "gold", "goldlabel", "gold_label", "true_label", "golden"};

std::string lowercase(std::string text) {
  for (char& c : text) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return text;
}

bool is_column_number(const std::string& text) {
  return !text.empty() && std::all_of(text.begin(), text.end(), [](unsigned char c) { return std::isdigit(c); });
}

std::size_t find_known(const std::vector<std::string>& header, const std::vector<std::string>& names) {
  for (const std::string& name : names)
    for (std::size_t c = 0; c < header.size(); ++c)
      if (lowercase(header[c]) == name) return c;
  return std::string::npos;
}

struct Table {
  TextLines lines;
  Delimiter delimiter = Delimiter::comma;
  std::vector<std::string> first_row;
};

Table open_table(const std::string& path) {
  Table table;
  table.lines = read_text_lines(path);
  table.delimiter = detect_delimiter(table.lines);
  try {
    table.first_row = split_delimited(table.lines.lines.front().text, table.delimiter);
  } catch (const std::invalid_argument& error) {
    throw InputError(path, table.lines.lines.front().number, "", error.what());
  }
  return table;
}

// One role's column: given by name or number, else a known name in the header, else `position`
// (1-based; 0 = none) in a header-less file.
class ColumnFinder {
 public:
  ColumnFinder(const Table& table, bool header) : table_(table), header_(header) {}

  std::size_t find(const std::string& role, const std::string& given, const std::vector<std::string>& known,
                   std::size_t position, bool required) const {
    const std::vector<std::string>& first = table_.first_row;
    const std::size_t line = table_.lines.lines.front().number;
    if (!given.empty()) {
      if (is_column_number(given)) {
        const std::size_t number = std::strtoul(given.c_str(), nullptr, 10);
        if (number < 1 || number > first.size())
          throw InputError(table_.lines.path, line, role,
                           "column " + given + " does not exist: rows have " + std::to_string(first.size()) + " fields");
        return number - 1;
      }
      const auto found = std::find(first.begin(), first.end(), given);
      if (found == first.end())
        throw InputError(table_.lines.path, line, role,
                         "no column named '" + given + "' in the header (" + join(first, ", ") + ")");
      return static_cast<std::size_t>(found - first.begin());
    }
    if (header_) {
      const std::size_t found = find_known(first, known);
      if (found != std::string::npos || !required) return found;
      throw InputError(table_.lines.path, line, role,
                       "no " + role + " column in the header (" + join(first, ", ") + "); looked for " +
                           join(known, ", ") + "; name it with --columns " + role + "=NAME");
    }
    if (position > 0 && position <= first.size()) return position - 1;
    if (!required) return std::string::npos;
    throw InputError(table_.lines.path, line, role,
                     "the file has no header and " + std::to_string(first.size()) +
                         " columns: say which is which with --columns item=N,annotator=N,label=N[,truth=N]");
  }

 private:
  const Table& table_;
  bool header_;
};

// A header is present when a column is named (not numbered) in `columns`, or when the first row
// names at least two roles by known names.
bool has_header(const std::vector<std::string>& first_row, const std::vector<std::string>& given_names) {
  for (const std::string& given : given_names)
    if (!given.empty() && !is_column_number(given)) return true;
  int roles = 0;
  for (const auto* names : {&kItemNames, &kAnnotatorNames, &kLabelNames, &kTruthNames})
    roles += find_known(first_row, *names) != std::string::npos;
  return roles >= 2;
}

bool parses_as_number(const std::string& text, double& value) {
  if (text.empty()) return false;
  char* end = nullptr;
  value = std::strtod(text.c_str(), &end);
  return end == text.c_str() + text.size();
}

void warn_about_label_spellings(const std::set<std::string>& seen, const std::vector<std::string>& missing,
                                std::vector<std::string>& warnings) {
  if (seen.count("-1") > 0 && std::find(missing.begin(), missing.end(), "-1") == missing.end() && seen.size() > 1) {
    bool other_non_negative = true;
    for (const std::string& label : seen) {
      double value = 0;
      if (label != "-1" && (!parses_as_number(label, value) || value < 0)) other_non_negative = false;
    }
    if (other_non_negative)
      warnings.push_back("label -1 is read as a class of its own; if it means 'no label' (as in wide files), "
                         "pass --missing-label -1");
  }
  std::map<double, std::string> spelling_of_value;
  for (const std::string& label : seen) {
    double value = 0;
    // NaN equals no number, itself included: as a map key it "matched" every label (probe N23).
    if (!parses_as_number(label, value) || std::isnan(value)) continue;
    const auto [found, added] = spelling_of_value.emplace(value, label);
    if (!added)
      warnings.push_back("labels \"" + found->second + "\" and \"" + label +
                         "\" are the same number spelled differently, and are read as two classes");
  }
}

std::string column_name(const Table& table, bool header, std::size_t column) {
  if (column == std::string::npos) return "";
  return header ? "'" + table.first_row[column] + "'" : "column " + std::to_string(column + 1);
}

// The fields of data line `line`, as many as the first row has; InputError at the line otherwise.
void split_row(const Table& table, const TextLine& line, std::vector<std::string>& row) {
  try {
    row = split_delimited(line.text, table.delimiter);
  } catch (const std::invalid_argument& error) {
    throw InputError(table.lines.path, line.number, "", error.what());
  }
  if (row.size() != table.first_row.size())
    throw InputError(table.lines.path, line.number, "",
                     "expected " + std::to_string(table.first_row.size()) + " fields, got " + std::to_string(row.size()));
}

// Where a file and how it was read, for the summary.
LongFileSummary start_summary(const std::string& path, const Table& table, bool header) {
  LongFileSummary summary;
  summary.path = path;
  summary.delimiter = table.delimiter;
  summary.header = header;
  summary.line_ends = table.lines.line_ends;
  return summary;
}

}  // namespace

CrowdColumns parse_crowd_columns(const std::string& text) {
  CrowdColumns columns;
  std::size_t start = 0;
  while (start <= text.size()) {
    const std::size_t end = std::min(text.find(',', start), text.size());
    const std::string part = text.substr(start, end - start);
    const std::size_t equals = part.find('=');
    if (equals == std::string::npos || equals == 0 || equals + 1 == part.size())
      throw ConfigError("--columns: expected ROLE=COLUMN, got '" + part + "' (roles: item, annotator, label, truth)");
    const std::string role = part.substr(0, equals);
    std::vector<std::string> names;
    std::size_t name_start = equals + 1;
    while (name_start <= part.size()) {
      const std::size_t name_end = std::min(part.find('+', name_start), part.size());
      names.push_back(part.substr(name_start, name_end - name_start));
      if (names.back().empty()) throw ConfigError("--columns: empty column name in '" + part + "'");
      name_start = name_end + 1;
    }
    const auto single = [&](std::string& slot) {
      if (names.size() != 1) throw ConfigError("--columns: " + role + " takes one column, got '" + part + "'");
      if (!slot.empty()) throw ConfigError("--columns: " + role + " is given twice");
      slot = names.front();
    };
    if (role == "item") single(columns.item);
    else if (role == "truth") single(columns.truth);
    else if (role == "annotator" || role == "label") {
      std::vector<std::string>& slot = role == "annotator" ? columns.annotators : columns.labels;
      if (!slot.empty()) throw ConfigError("--columns: " + role + " is given twice");
      slot = names;
    } else {
      throw ConfigError("--columns: unknown role '" + role + "' (roles: item, annotator, label, truth)");
    }
    start = end + 1;
  }
  if (columns.annotators.size() != columns.labels.size() && !columns.annotators.empty() && !columns.labels.empty())
    throw ConfigError("--columns: " + std::to_string(columns.annotators.size()) + " annotator columns but " +
                      std::to_string(columns.labels.size()) + " label columns; they go in pairs");
  return columns;
}

std::string LongFileSummary::describe() const {
  std::string text = delimiter_name(delimiter) + "-separated, " + (header ? "with a header" : "no header") +
                     ", " + line_ends + " line ends; item " + item_column;
  if (!annotator_column.empty()) text += ", annotator " + annotator_column;
  if (!label_column.empty()) text += ", label " + label_column;
  if (!truth_column.empty()) text += ", truth " + truth_column;
  return text;
}

LongFileSummary read_long_crowd_file(const std::string& path, const LongFileReading& reading,
                                     CrowdLabelCollector& labels) {
  const CrowdColumns& columns = reading.columns;
  if (columns.annotators.size() > 1 || columns.labels.size() > 1) {
    if (columns.annotators.size() != columns.labels.size())
      throw ConfigError("--columns: annotator and label columns go in pairs");
  }
  const Table table = open_table(path);
  std::vector<std::string> given = columns.annotators;
  given.insert(given.end(), columns.labels.begin(), columns.labels.end());
  given.push_back(columns.item);
  given.push_back(columns.truth);
  const bool header = has_header(table.first_row, given);
  const ColumnFinder finder(table, header);

  const std::size_t item = finder.find("item", columns.item, kItemNames, 1, true);
  std::vector<std::size_t> annotator_columns;
  std::vector<std::size_t> label_columns;
  const std::size_t pairs = std::max<std::size_t>(1, columns.labels.size());
  for (std::size_t p = 0; p < pairs; ++p) {
    annotator_columns.push_back(
        finder.find("annotator", columns.annotators.empty() ? "" : columns.annotators[p], kAnnotatorNames, 2, true));
    label_columns.push_back(finder.find("label", columns.labels.empty() ? "" : columns.labels[p], kLabelNames, 3, true));
  }
  // A header-less file of more than three columns has no positional meaning we could guess safely.
  if (!header && columns.item.empty() && table.first_row.size() != 3)
    finder.find("item", "", kItemNames, 0, true);
  const std::size_t truth = finder.find("truth", columns.truth, kTruthNames, 0, !columns.truth.empty());
  // One column in two roles reads as nonsense, not as an error (probe N9: item=1,annotator=1 gave 30
  // annotators and 120 "repeated labels"; label=item gave one class per item).
  {
    std::vector<std::pair<std::size_t, std::string>> roles = {{item, "item"}};
    for (std::size_t p = 0; p < pairs; ++p) {
      roles.emplace_back(annotator_columns[p], "annotator");
      roles.emplace_back(label_columns[p], "label");
    }
    if (truth != std::string::npos) roles.emplace_back(truth, "truth");
    for (std::size_t a = 0; a < roles.size(); ++a)
      for (std::size_t b = a + 1; b < roles.size(); ++b)
        if (roles[a].first == roles[b].first)
          throw ConfigError("--columns: column " + std::to_string(roles[a].first + 1) +
                            (header ? " ('" + table.first_row[roles[a].first] + "')" : std::string()) + " of " + path +
                            " is given for " + roles[a].second + " and " + roles[b].second +
                            "; each role needs a column of its own");
  }

  LongFileSummary summary = start_summary(path, table, header);
  summary.item_column = column_name(table, header, item);
  for (std::size_t p = 0; p < pairs; ++p) {
    summary.annotator_column += (p ? "+" : "") + column_name(table, header, annotator_columns[p]);
    summary.label_column += (p ? "+" : "") + column_name(table, header, label_columns[p]);
  }
  summary.truth_column = column_name(table, header, truth);

  const auto field_name = [&](std::size_t column) {
    return header ? table.first_row[column] : "column " + std::to_string(column + 1);
  };
  const auto is_missing = [&](const std::string& label) {
    return std::find(reading.missing_labels.begin(), reading.missing_labels.end(), label) != reading.missing_labels.end();
  };
  std::set<std::string> seen_labels;
  std::vector<std::string> row;
  for (std::size_t k = header ? 1 : 0; k < table.lines.lines.size(); ++k) {
    const TextLine& line = table.lines.lines[k];
    split_row(table, line, row);
    ++summary.rows;
    const std::string& item_id = row[item];
    if (item_id.empty()) throw InputError(path, line.number, field_name(item), "missing item id");
    labels.add_item(item_id, {path, line.number, field_name(item)});
    for (std::size_t p = 0; p < pairs; ++p) {
      const std::string& label = row[label_columns[p]];
      if (is_missing(label)) {
        ++summary.skipped_missing;
        continue;
      }
      if (label.empty()) throw InputError(path, line.number, field_name(label_columns[p]), "missing label");
      const std::string& annotator = row[annotator_columns[p]];
      if (annotator.empty()) throw InputError(path, line.number, field_name(annotator_columns[p]), "missing annotator id");
      seen_labels.insert(label);
      labels.add_label(item_id, annotator, label, {path, line.number, field_name(label_columns[p])});
    }
    if (truth != std::string::npos && !row[truth].empty() && !is_missing(row[truth]))
      labels.set_truth(item_id, row[truth], {path, line.number, field_name(truth)});
  }
  if (labels.num_labels() == 0) throw InputError(path, 0, "", "no labels in the file");
  warn_about_label_spellings(seen_labels, reading.missing_labels, summary.warnings);
  return summary;
}

LongFileSummary read_crowd_truth_file(const std::string& path, const CrowdColumns& columns,
                                      CrowdLabelCollector& labels, bool ignore_unknown_items) {
  const Table table = open_table(path);
  std::vector<std::string> truth_names = kTruthNames;
  truth_names.insert(truth_names.end(), kLabelNames.begin(), kLabelNames.end());
  const bool header = has_header(table.first_row, {columns.item, columns.truth}) ||
                      (find_known(table.first_row, kItemNames) != std::string::npos &&
                       find_known(table.first_row, truth_names) != std::string::npos);
  const ColumnFinder finder(table, header);
  if (!header && columns.item.empty() && table.first_row.size() != 2)
    finder.find("item", "", kItemNames, 0, true);
  const std::size_t item = finder.find("item", columns.item, kItemNames, 1, true);
  const std::size_t truth = finder.find("truth", columns.truth, truth_names, 2, true);
  LongFileSummary summary = start_summary(path, table, header);
  summary.item_column = column_name(table, header, item);
  summary.truth_column = column_name(table, header, truth);
  const std::string truth_field = header ? table.first_row[truth] : "column " + std::to_string(truth + 1);
  const std::string item_field = header ? table.first_row[item] : "column " + std::to_string(item + 1);
  std::vector<std::string> row;
  for (std::size_t k = header ? 1 : 0; k < table.lines.lines.size(); ++k) {
    const TextLine& line = table.lines.lines[k];
    split_row(table, line, row);
    ++summary.rows;
    if (row[item].empty()) throw InputError(path, line.number, item_field, "missing item id");
    if (row[truth].empty() || row[truth] == "NA") {
      ++summary.skipped_missing;
      continue;
    }
    if (!labels.find_item(row[item])) {
      if (ignore_unknown_items) {
        ++summary.unknown_items;
        continue;
      }
      throw InputError(path, line.number, item_field, "true label for item '" + row[item] + "', which no annotation names");
    }
    labels.set_truth(row[item], row[truth], {path, line.number, truth_field});
  }
  if (summary.unknown_items > 0)
    summary.warnings.push_back(std::to_string(summary.unknown_items) +
                               " gold labels are for items no annotation names; they are not counted");
  return summary;
}

}  // namespace annotbench
