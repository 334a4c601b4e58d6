#include "reports/line_plot.h"

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <limits>

#include "reports/report_document.h"

namespace annotbench {

namespace {

std::string number(double value, int decimals = 1) { return fixed_decimals(value, decimals); }

// Tick labels short enough to read: 0.85, 1200, 0.001.
std::string tick_label(double value) {
  char buffer[64];
  std::snprintf(buffer, sizeof buffer, "%.4g", value);
  return buffer;
}

std::string text(double x, double y, const std::string& anchor, const std::string& content, int size = 12,
                 const std::string& extra = "") {
  return "<text x=\"" + number(x) + "\" y=\"" + number(y) + "\" text-anchor=\"" + anchor + "\" font-size=\"" +
         std::to_string(size) + "\"" + extra + ">" + escape_xml(content) + "</text>\n";
}

// Ticks at 1, 2 or 5 times a power of ten, about `wanted` of them across [low, high].
std::vector<double> nice_ticks(double low, double high, int wanted) {
  const double span = high - low;
  if (!(span > 0.0)) return {low};
  const double raw_step = span / wanted;
  const double magnitude = std::pow(10.0, std::floor(std::log10(raw_step)));
  double step = magnitude;
  for (double factor : {1.0, 2.0, 5.0, 10.0}) {
    step = factor * magnitude;
    if (step >= raw_step) break;
  }
  std::vector<double> ticks;
  for (double tick = std::ceil(low / step) * step; tick <= high + 1e-9 * span; tick += step)
    ticks.push_back(std::abs(tick) < 1e-12 * span ? 0.0 : tick);
  return ticks;
}

// Colour-blind-safe (Okabe–Ito), then darker repeats.
const char* series_colour(std::size_t index) {
  static const char* palette[] = {"#0072B2", "#D55E00", "#009E73", "#CC79A7", "#E69F00", "#56B4E9",
                                  "#000000", "#F0E442", "#7F3C8D", "#11A579", "#3969AC", "#E73F74"};
  return palette[index % (sizeof palette / sizeof palette[0])];
}

}  // namespace

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

  std::string svg = "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"" + number(width, 0) + "\" height=\"" +
                    number(height, 0) + "\" viewBox=\"0 0 " + number(width, 0) + " " + number(height, 0) +
                    "\" font-family=\"Helvetica, Arial, sans-serif\">\n";
  svg += "<title>" + escape_xml(input.title) + "</title>\n";
  svg += "<rect width=\"100%\" height=\"100%\" fill=\"#fff\"/>\n";
  svg += text(plot_left + plot_width / 2.0, 22.0, "middle", input.title, 14);
  if (!std::isfinite(x_min)) {
    svg += text(plot_left + plot_width / 2.0, plot_top + plot_height / 2.0, "middle", "no data to plot");
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

  svg += "<rect x=\"" + number(plot_left) + "\" y=\"" + number(plot_top) + "\" width=\"" + number(plot_width) +
         "\" height=\"" + number(plot_height) + "\" fill=\"none\" stroke=\"#000\"/>\n";
  for (double tick : nice_ticks(x_min, x_max, 6)) {
    const double x = x_of(tick);
    svg += "<line x1=\"" + number(x) + "\" y1=\"" + number(plot_top + plot_height) + "\" x2=\"" + number(x) +
           "\" y2=\"" + number(plot_top + plot_height + 5.0) + "\" stroke=\"#000\"/>\n";
    svg += text(x, plot_top + plot_height + 18.0, "middle", tick_label(tick), 11);
  }
  for (double tick : nice_ticks(y_min, y_max, 6)) {
    const double y = y_of(tick);
    svg += "<line x1=\"" + number(plot_left) + "\" y1=\"" + number(y) + "\" x2=\"" + number(plot_left + plot_width) +
           "\" y2=\"" + number(y) + "\" stroke=\"#ddd\"/>\n";
    svg += text(plot_left - 6.0, y + 4.0, "end", tick_label(tick), 11);
  }
  svg += text(plot_left + plot_width / 2.0, plot_top + plot_height + 40.0, "middle", input.x_label);
  svg += text(18.0, plot_top + plot_height / 2.0, "middle", input.y_label, 12,
              " transform=\"rotate(-90 18 " + number(plot_top + plot_height / 2.0) + ")\"");

  for (std::size_t index = 0; index < input.series.size(); ++index) {
    const LineSeries& series = input.series[index];
    const char* colour = series_colour(index);
    if (series.points.empty()) continue;
    if (input.draw_bands) {
      std::string band;
      for (const LinePoint& point : series.points) band += number(x_of(point.x)) + "," + number(y_of(point.upper)) + " ";
      for (auto point = series.points.rbegin(); point != series.points.rend(); ++point)
        band += number(x_of(point->x)) + "," + number(y_of(point->lower)) + " ";
      svg += "<polygon points=\"" + band + "\" fill=\"" + colour + "\" fill-opacity=\"0.15\" stroke=\"none\"/>\n";
    }
    std::string path;
    for (const LinePoint& point : series.points) path += number(x_of(point.x)) + "," + number(y_of(point.mean)) + " ";
    svg += "<polyline points=\"" + path + "\" fill=\"none\" stroke=\"" + colour + "\" stroke-width=\"1.8\"" +
           (series.dashed ? " stroke-dasharray=\"6 4\"" : "") + "/>\n";
    const double legend_y = plot_top + 20.0 * static_cast<double>(index) + 10.0;
    svg += "<line x1=\"" + number(legend_left) + "\" y1=\"" + number(legend_y) + "\" x2=\"" + number(legend_left + 28.0) +
           "\" y2=\"" + number(legend_y) + "\" stroke=\"" + colour + "\" stroke-width=\"2\"" +
           (series.dashed ? " stroke-dasharray=\"6 4\"" : "") + "/>\n";
    svg += text(legend_left + 34.0, legend_y + 4.0, "start", series.name, 12);
  }
  return svg + "</svg>\n";
}

}  // namespace annotbench
