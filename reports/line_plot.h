#pragma once
// A standalone SVG line chart for curves summarised over seeds: one line per series (its mean at each x),
// an optional shaded band (e.g. mean ± standard error), dashed lines for references, and a legend. Used
// by the active-learning curves (accuracy or pool noise against budget spent) and the few-shot plots
// (accuracy against spammer share or EM steps). No torch, no statistics: callers pass summarised points.

#include <string>
#include <vector>

namespace annotbench {

struct LinePoint {
  double x = 0.0;
  double mean = 0.0;
  double lower = 0.0;  // band; equal to mean when there is none
  double upper = 0.0;
};

struct LineSeries {
  std::string name;
  std::vector<LinePoint> points;  // drawn in the given order
  bool dashed = false;            // references (clean oracle, upper bounds)
};

struct LinePlotInput {
  std::string title;
  std::string x_label;
  std::string y_label;
  std::vector<LineSeries> series;
  bool draw_bands = true;
};

// Axes span the data (bands included) with a small margin; an empty input gives a plot that says so.
std::string render_line_plot_svg(const LinePlotInput& input);

// A figure's file name from a setting's or sweep's name: letters, digits and '.' kept, every other
// run of characters one '-' ("letter (uniform) [noise_rate=0.9]" -> "letter-uniform-noise-rate-0.9").
std::string figure_file_slug(const std::string& text);

}  // namespace annotbench
