#pragma once
// The critical difference diagram of Demšar (2006, section 3.2.4, Figure 1(a)) as standalone SVG: an axis
// of mean ranks with the best rank on the right, each method hung from its mean rank to a label on the
// left (worse half) or right (better half), the CD drawn as a bar above the axis, and thick bars joining
// the groups of methods the Nemenyi test does not tell apart.

#include <cstddef>
#include <string>
#include <vector>

namespace annotbench {

struct CdDiagramInput {
  std::vector<std::string> methods;
  std::vector<double> mean_ranks;                    // one per method
  double critical_difference = 0.0;
  double alpha = 0.05;
  std::vector<std::vector<std::size_t>> groups;      // method indices joined by a bar
};

std::string render_cd_diagram_svg(const CdDiagramInput& input);

// A diagram-sized SVG that says why there is no diagram (e.g. fewer than 2 data sets).
std::string render_cd_placeholder_svg(const std::string& message);

}  // namespace annotbench
