#include <gtest/gtest.h>

#include <string>

#include "reports/line_plot.h"

namespace annotbench {
namespace {

// The plot area is 520 px wide from x = 70 and 320 px tall from y = 40; y spans the data plus 5 % each side.
TEST(LinePlot, MapsTheDataRangeOntoThePlotArea) {
  LinePlotInput input;
  input.title = "accuracy vs budget";
  input.draw_bands = false;
  input.series.push_back({"a<b", {{0.0, 0.0, 0.0, 0.0}, {10.0, 1.0, 1.0, 1.0}}, false});
  const std::string svg = render_line_plot_svg(input);
  // x 0 → 70, x 10 → 590; y 0 → 40 + 320·(1.05/1.1), y 1 → 40 + 320·(0.05/1.1).
  const double y_bottom = 40.0 + 320.0 * 1.05 / 1.1, y_top = 40.0 + 320.0 * 0.05 / 1.1;
  char expected[128];
  std::snprintf(expected, sizeof expected, "points=\"70.0,%.1f 590.0,%.1f \"", y_bottom, y_top);
  EXPECT_NE(svg.find(expected), std::string::npos) << svg;
  EXPECT_NE(svg.find("a&lt;b"), std::string::npos);
  EXPECT_EQ(svg.find("<polygon"), std::string::npos);
}

TEST(LinePlot, DrawsBandsAndDashesReferences) {
  LinePlotInput input;
  input.series.push_back({"darl", {{0.0, 0.5, 0.4, 0.6}, {1.0, 0.7, 0.6, 0.8}}, false});
  input.series.push_back({"clean", {{0.0, 0.6, 0.6, 0.6}, {1.0, 0.9, 0.9, 0.9}}, true});
  const std::string svg = render_line_plot_svg(input);
  std::size_t polygons = 0;
  for (std::size_t at = svg.find("<polygon"); at != std::string::npos; at = svg.find("<polygon", at + 1)) ++polygons;
  EXPECT_EQ(polygons, 2u);
  // The dashed reference: its line and its legend entry.
  std::size_t dashes = 0;
  for (std::size_t at = svg.find("stroke-dasharray"); at != std::string::npos; at = svg.find("stroke-dasharray", at + 1))
    ++dashes;
  EXPECT_EQ(dashes, 2u);
}

TEST(LinePlot, SaysSoWhenThereIsNothingToPlot) {
  EXPECT_NE(render_line_plot_svg({}).find("no data to plot"), std::string::npos);
}

}  // namespace
}  // namespace annotbench
