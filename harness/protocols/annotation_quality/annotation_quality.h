#pragma once
// Annotation quality as a protocol of the experiment grid: for each crowd set of a config, the
// agreement figures, the annotator and item tables and their page (quality_page.h), written beside
// the results, and one result row of the headline figures. One runner, one result store: a grid of
// sixteen sets resumes, shards and reports as every grid does.

#include <cstdint>
#include <string>

#include <nlohmann/json.hpp>

namespace annotbench {

struct ExperimentCell;
struct ExperimentConfig;

inline const std::string kAnnotationQualityKind = "annotation-quality";
// The cells' method: the report is one fixed procedure (quality_models.h), not a choice.
inline const std::string kQualityReportMethod = "quality-report";

//   {"name": "annotation-quality", "kind": "annotation-quality", "seeds": [0],
//    "datasets": ["s-rel", "music-genres", {"dataset": "labelme", "setting": "LabelMe"}]}
// A dataset is a label-only set or a registered set with human annotations.
ExperimentConfig parse_annotation_quality_config(const nlohmann::json& config, const std::string& path);

// Where a cell's tables and page go, relative to its results directory: "<setting>/seed-<seed>"
// (the setting with characters other than letters, digits, '-', '_' and '.' made '-').
std::string quality_report_directory(const std::string& setting, std::uint64_t seed);

}  // namespace annotbench
