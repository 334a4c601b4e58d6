#pragma once
// The reports that a protocol writes for its own rows (few-shot, annotation quality) and the ranked
// report each read only their own kind; these find which rows a results path holds.

#include <filesystem>
#include <string>
#include <vector>

namespace annotbench {

// The *.jsonl files of a directory, sorted, or the one file given. InputError when there are none.
std::vector<std::filesystem::path> result_files(const std::string& results);

// Whether `results` holds rows of `kind`. Every row is looked at (probe N6: the first row of the
// first file chose the report, and the other kind's rows were dropped without a word): a path that
// holds rows of `kind` and of other kinds is an InputError naming the files of each, `described`
// naming the kind in it ("few-shot"). False for a path that does not exist.
bool holds_rows_of_kind(const std::string& results, const std::string& kind, const std::string& described);

}  // namespace annotbench
