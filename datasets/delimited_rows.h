#pragma once
// Rows of a delimited text file whose delimiter is not known beforehand: crowd files come
// comma-separated, tab-separated (Snow et al.'s wsd file, despite its .csv name) or separated by
// runs of spaces and tabs (Zhang et al.'s spectral-EM files).

#include <cstddef>
#include <string>
#include <vector>

#include "datasets/line_reader.h"

namespace annotbench {

enum class Delimiter { comma, tab, whitespace };

std::string delimiter_name(Delimiter delimiter);  // "comma", "tab", "whitespace"

// The delimiter every one of the first lines (up to 50) contains: tab, else comma, else runs of
// whitespace. Throws InputError naming the file when a line has none of them (one column only).
Delimiter detect_delimiter(const TextLines& lines);

// Splits one line; quotes ("a, b" and "" inside quotes) are understood for comma and tab. Fields are
// trimmed of surrounding spaces. Throws std::invalid_argument for an unclosed quote.
std::vector<std::string> split_delimited(const std::string& line, Delimiter delimiter);

}  // namespace annotbench
