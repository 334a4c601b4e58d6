#pragma once
// How a long crowd file is read, as `inspect` and `aggregate` take it from the command line:
// --columns, --truth-columns and --missing-label (long_crowd_file.h).

#include "datasets/long_crowd_file.h"
#include "harness/cli/command.h"

namespace annotbench {

// ConfigError naming the option for a malformed --columns or --truth-columns.
LongFileReading long_file_reading(const Args& args);

}  // namespace annotbench
