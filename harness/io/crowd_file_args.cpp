#include "harness/io/crowd_file_args.h"

namespace annotbench {

LongFileReading long_file_reading(const Args& args) {
  LongFileReading reading;
  if (args.has("columns")) reading.columns = parse_crowd_columns(args.get("columns"));
  if (args.has("truth-columns")) reading.truth_columns = parse_crowd_columns(args.get("truth-columns"));
  if (args.has("missing-label")) reading.missing_labels.push_back(args.get("missing-label"));
  return reading;
}

}  // namespace annotbench
