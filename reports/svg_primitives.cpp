#include "reports/svg_primitives.h"

#include <cmath>
#include <cstdio>

#include "reports/report_document.h"

namespace annotbench {

std::string svg_number(double value, int decimals) { return fixed_decimals(value, decimals); }

std::string svg_tick_label(double value) {
  char buffer[64];
  std::snprintf(buffer, sizeof buffer, "%.4g", value);
  return buffer;
}

std::string svg_text(double x, double y, const std::string& anchor, const std::string& content, int size,
                     const std::string& extra) {
  return "<text x=\"" + svg_number(x) + "\" y=\"" + svg_number(y) + "\" text-anchor=\"" + anchor + "\" font-size=\"" +
         std::to_string(size) + "\"" + extra + ">" + escape_xml(content) + "</text>\n";
}

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

const char* series_colour(std::size_t index) {
  static const char* palette[] = {"#0072B2", "#D55E00", "#009E73", "#CC79A7", "#E69F00", "#56B4E9",
                                  "#000000", "#F0E442", "#7F3C8D", "#11A579", "#3969AC", "#E73F74"};
  return palette[index % (sizeof palette / sizeof palette[0])];
}

std::string svg_open(double width, double height, const std::string& title) {
  return "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"" + svg_number(width, 0) + "\" height=\"" +
         svg_number(height, 0) + "\" viewBox=\"0 0 " + svg_number(width, 0) + " " + svg_number(height, 0) +
         "\" font-family=\"Helvetica, Arial, sans-serif\">\n<title>" + escape_xml(title) + "</title>\n" +
         "<rect width=\"100%\" height=\"100%\" fill=\"#fff\"/>\n";
}

}  // namespace annotbench
