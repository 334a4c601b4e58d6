#pragma once
// `report` over annotation-quality rows: one table of every set's agreement and its aggregators'
// accuracy on gold, each set linked to its own page (written by the grid beside the rows).

#include <iosfwd>
#include <string>
#include <vector>

namespace annotbench {

// Reads the annotation-quality rows of `results` (files or directories) and writes report.md,
// report.html and sets.csv into `out_dir`; returns the paths written. Rows that do not parse are
// skipped with a warning naming their line; InputError when no row is of this kind.
std::vector<std::string> write_quality_index(const std::vector<std::string>& results, const std::string& out_dir,
                                             std::ostream& warnings);

}  // namespace annotbench
