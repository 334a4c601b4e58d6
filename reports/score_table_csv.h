#pragma once
// Reads a score table from CSV: header `dataset,METHOD1,METHOD2,...`, then one row per data set.

#include <string>

#include "reports/score_table.h"

namespace annotbench {

// Throws InputError (FILE:LINE: field 'X': problem) for a missing cell, a non-number or a ragged row.
ScoreTable read_score_table_csv(const std::string& path, bool lower_is_better);

}  // namespace annotbench
