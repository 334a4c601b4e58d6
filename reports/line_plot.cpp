#include "reports/line_plot.h"

#include <algorithm>
#include <cctype>
#include <cmath>
#include <cstdio>
#include <limits>

#include "reports/report_document.h"
#include "reports/svg_primitives.h"

namespace annotbench {

std::string render_line_plot_svg(const LinePlotInput& input) {
  double x_min = std::numeric_limits<double>::infinity(), x_max = -x_min;
  double y_min = x_min, y_max = -x_min;
  std::size_t longest_name = 4;
  for (const LineSeries& series : input.series) {
    longest_name = std::max(longest_name, series.name.size());
    for (const LinePoint& point : series.points) {
      x_min = std::min(x_min, point.x);
      x_max = std::max(x_max, point.x);
      y_min = std::min({y_min, point.mean, input.draw_bands ? point.lower : point.mean});
      y_max = std::max({y_max, point.mean, input.draw_bands ? point.upper : point.mean});
    }
  }
  const double plot_left = 70.0, plot_top = 40.0, plot_width = 520.0, plot_height = 320.0;
  const double legend_left = plot_left + plot_width + 20.0;
  const double width = legend_left + 40.0 + 7.5 * static_cast<double>(longest_name);
  const double legend_height = 20.0 * static_cast<double>(input.series.size()) + 10.0;
  const double height = std::max(plot_top + plot_height + 55.0, plot_top + legend_height);

  std::string svg = svg_open(width, height, input.title);
  svg += svg_text(plot_left + plot_width / 2.0, 22.0, "middle", input.title, 14);
  if (!std::isfinite(x_min)) {
    svg += svg_text(plot_left + plot_width / 2.0, plot_top + plot_height / 2.0, "middle", "no data to plot");
    return svg + "</svg>\n";
  }
  // A single x or y value still gets a visible axis.
  if (x_max - x_min < 1e-12) { x_min -= 0.5; x_max += 0.5; }
  if (y_max - y_min < 1e-12) { y_min -= 0.5; y_max += 0.5; }
  const double y_margin = 0.05 * (y_max - y_min);
  y_min -= y_margin;
  y_max += y_margin;
  const auto x_of = [&](double x) { return plot_left + (x - x_min) / (x_max - x_min) * plot_width; };
  const auto y_of = [&](double y) { return plot_top + (y_max - y) / (y_max - y_min) * plot_height; };

  svg += "<rect x=\"" + svg_number(plot_left) + "\" y=\"" + svg_number(plot_top) + "\" width=\"" + svg_number(plot_width) +
         "\" height=\"" + svg_number(plot_height) + "\" fill=\"none\" stroke=\"#000\"/>\n";
  for (double tick : nice_ticks(x_min, x_max, 6)) {
    const double x = x_of(tick);
    svg += "<line x1=\"" + svg_number(x) + "\" y1=\"" + svg_number(plot_top + plot_height) + "\" x2=\"" + svg_number(x) +
           "\" y2=\"" + svg_number(plot_top + plot_height + 5.0) + "\" stroke=\"#000\"/>\n";
    svg += svg_text(x, plot_top + plot_height + 18.0, "middle", svg_tick_label(tick), 11);
  }
  for (double tick : nice_ticks(y_min, y_max, 6)) {
    const double y = y_of(tick);
    svg += "<line x1=\"" + svg_number(plot_left) + "\" y1=\"" + svg_number(y) + "\" x2=\"" + svg_number(plot_left + plot_width) +
           "\" y2=\"" + svg_number(y) + "\" stroke=\"#ddd\"/>\n";
    svg += svg_text(plot_left - 6.0, y + 4.0, "end", svg_tick_label(tick), 11);
  }
  svg += svg_text(plot_left + plot_width / 2.0, plot_top + plot_height + 40.0, "middle", input.x_label);
  svg += svg_text(18.0, plot_top + plot_height / 2.0, "middle", input.y_label, 12,
              " transform=\"rotate(-90 18 " + svg_number(plot_top + plot_height / 2.0) + ")\"");

  for (std::size_t index = 0; index < input.series.size(); ++index) {
    const LineSeries& series = input.series[index];
    const char* colour = series_colour(index);
    if (series.points.empty()) continue;
    if (input.draw_bands) {
      std::string band;
      for (const LinePoint& point : series.points) band += svg_number(x_of(point.x)) + "," + svg_number(y_of(point.upper)) + " ";
      for (auto point = series.points.rbegin(); point != series.points.rend(); ++point)
        band += svg_number(x_of(point->x)) + "," + svg_number(y_of(point->lower)) + " ";
      svg += "<polygon points=\"" + band + "\" fill=\"" + colour + "\" fill-opacity=\"0.15\" stroke=\"none\"/>\n";
    }
    std::string path;
    for (const LinePoint& point : series.points) path += svg_number(x_of(point.x)) + "," + svg_number(y_of(point.mean)) + " ";
    svg += "<polyline points=\"" + path + "\" fill=\"none\" stroke=\"" + colour + "\" stroke-width=\"1.8\"" +
           (series.dashed ? " stroke-dasharray=\"6 4\"" : "") + "/>\n";
    const double legend_y = plot_top + 20.0 * static_cast<double>(index) + 10.0;
    svg += "<line x1=\"" + svg_number(legend_left) + "\" y1=\"" + svg_number(legend_y) + "\" x2=\"" + svg_number(legend_left + 28.0) +
           "\" y2=\"" + svg_number(legend_y) + "\" stroke=\"" + colour + "\" stroke-width=\"2\"" +
           (series.dashed ? " stroke-dasharray=\"6 4\"" : "") + "/>\n";
    svg += svg_text(legend_left + 34.0, legend_y + 4.0, "start", series.name, 12);
  }
  return svg + "</svg>\n";
}

std::string figure_file_slug(const std::string& text) {
  std::string out;
  for (const char c : text) {
    const bool keep = std::isalnum(static_cast<unsigned char>(c)) || c == '.';
    if (keep) out += c;
    else if (!out.empty() && out.back() != '-') out += '-';
  }
  while (!out.empty() && out.back() == '-') out.pop_back();
  return out;
}

}  // namespace annotbench
