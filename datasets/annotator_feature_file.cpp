#include "datasets/annotator_feature_file.h"

#include <cmath>
#include <map>

#include "datasets/csv_reader.h"
#include "datasets/input_error.h"

namespace annotbench {

FeatureMatrix read_annotator_feature_file(const std::string& path, const std::vector<std::string>& annotator_ids) {
  std::map<std::string, std::size_t> row_of_id;
  for (std::size_t m = 0; m < annotator_ids.size(); ++m) row_of_id.emplace(annotator_ids[m], m);
  CsvReader reader(path);
  std::vector<std::string> header;
  if (!reader.next(header)) throw InputError(path, 0, "", "is empty; expected a header 'annotator,<feature>,...'");
  if (header.size() < 2)
    throw InputError(path, reader.line(), "", "expected a header 'annotator,<feature>,...' with at least one feature");
  const std::size_t width = header.size() - 1;
  FeatureMatrix features(annotator_ids.size(), width);
  std::vector<std::size_t> line_of_row(annotator_ids.size(), 0);
  std::vector<std::string> fields;
  while (reader.next(fields)) {
    if (fields.size() != header.size())
      throw InputError(path, reader.line(), "",
                       "has " + std::to_string(fields.size()) + " fields where the header has " +
                           std::to_string(header.size()) + " (annotator and " + std::to_string(width) + " features)");
    const auto found = row_of_id.find(fields[0]);
    if (found == row_of_id.end())
      throw InputError(path, reader.line(), header[0], "annotator '" + fields[0] + "' is not one of the data set's " +
                                                           std::to_string(annotator_ids.size()) + " annotators");
    const std::size_t m = found->second;
    if (line_of_row[m] != 0)
      throw InputError(path, reader.line(), header[0], "annotator '" + fields[0] + "' is described again (first on line " +
                                                           std::to_string(line_of_row[m]) + ")");
    line_of_row[m] = reader.line();
    for (std::size_t a = 0; a < width; ++a) {
      const float value = parse_float_field(fields[a + 1], path, reader.line(), header[a + 1]);
      if (!std::isfinite(value)) throw InputError(path, reader.line(), header[a + 1], "is not a finite number");
      features.at(m, a) = value;
    }
  }
  std::size_t missing = 0;
  std::string first_missing;
  for (std::size_t m = 0; m < annotator_ids.size(); ++m)
    if (line_of_row[m] == 0 && missing++ == 0) first_missing = annotator_ids[m];
  if (missing > 0)
    throw InputError(path, 0, "", "describes " + std::to_string(annotator_ids.size() - missing) + " of the data set's " +
                                      std::to_string(annotator_ids.size()) + " annotators; '" + first_missing + "'" +
                                      (missing == 1 ? " has" : " and " + std::to_string(missing - 1) + " more have") +
                                      " no row");
  return features;
}

}  // namespace annotbench
