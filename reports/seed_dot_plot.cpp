#include "reports/seed_dot_plot.h"

#include <algorithm>
#include <cmath>
#include <limits>
#include <numeric>

#include "reports/svg_primitives.h"

namespace annotbench {

std::string render_seed_dot_plot_svg(const SeedDotPlotInput& input) {
  std::vector<std::size_t> order(input.rows.size());
  std::iota(order.begin(), order.end(), 0);
  std::stable_sort(order.begin(), order.end(), [&](std::size_t a, std::size_t b) {
    return input.lower_is_better ? input.rows[a].mean < input.rows[b].mean : input.rows[a].mean > input.rows[b].mean;
  });
  double low = std::numeric_limits<double>::infinity(), high = -low;
  std::size_t longest = 6;
  for (const SeedDotRow& row : input.rows) {
    longest = std::max(longest, row.method.size());
    for (const double value : row.values) {
      low = std::min(low, value);
      high = std::max(high, value);
    }
    if (std::isfinite(row.std)) {
      low = std::min(low, row.mean - row.std);
      high = std::max(high, row.mean + row.std);
    }
  }
  const double left = 16.0 + 7.0 * static_cast<double>(longest), top = 34.0, row_height = 20.0, plot_width = 420.0;
  const double plot_height = row_height * static_cast<double>(input.rows.size());
  const double width = std::max(left + plot_width + 30.0, 20.0 + 6.8 * static_cast<double>(input.title.size()));
  const double height = top + plot_height + 44.0;
  std::string svg = svg_open(width, height, input.title);
  svg += svg_text(10.0, 20.0, "start", input.title, 13);
  if (!std::isfinite(low)) return svg + svg_text(width / 2.0, top + 20.0, "middle", "no results") + "</svg>\n";
  if (high - low < 1e-12) {
    low -= 0.005;
    high += 0.005;
  }
  const double margin = 0.04 * (high - low);
  low -= margin;
  high += margin;
  const auto x_of = [&](double value) { return left + (value - low) / (high - low) * plot_width; };
  for (const double tick : nice_ticks(low, high, 6)) {
    const double x = x_of(tick);
    svg += "<line x1=\"" + svg_number(x) + "\" y1=\"" + svg_number(top) + "\" x2=\"" + svg_number(x) + "\" y2=\"" +
           svg_number(top + plot_height) + "\" stroke=\"#e4e4e4\"/>\n";
    svg += svg_text(x, top + plot_height + 16.0, "middle", svg_tick_label(tick), 11);
  }
  svg += svg_text(left + plot_width / 2.0, top + plot_height + 36.0, "middle",
                  input.metric + (input.lower_is_better ? " (lower is better)" : " (higher is better)"), 12);
  for (std::size_t position = 0; position < order.size(); ++position) {
    const SeedDotRow& row = input.rows[order[position]];
    const double middle = top + row_height * (static_cast<double>(position) + 0.5);
    if (position % 2 == 0)
      svg += "<rect x=\"" + svg_number(left) + "\" y=\"" + svg_number(middle - row_height / 2.0) + "\" width=\"" +
             svg_number(plot_width) + "\" height=\"" + svg_number(row_height) + "\" fill=\"#f7f7f7\"/>\n";
    svg += svg_text(left - 8.0, middle + 4.0, "end", row.method, 12);
    // Seeds spread over the row's height in their order, so equal scores stay visible.
    for (std::size_t seed = 0; seed < row.values.size(); ++seed) {
      const double offset = row.values.size() > 1
                                ? -5.0 + 10.0 * static_cast<double>(seed) / static_cast<double>(row.values.size() - 1)
                                : 0.0;
      svg += "<circle cx=\"" + svg_number(x_of(row.values[seed])) + "\" cy=\"" + svg_number(middle + offset) +
             "\" r=\"2.6\" fill=\"" + series_colour(0) + "\" fill-opacity=\"0.55\"/>\n";
    }
    if (std::isfinite(row.std) && row.values.size() > 1)
      svg += "<line x1=\"" + svg_number(x_of(row.mean - row.std)) + "\" y1=\"" + svg_number(middle) + "\" x2=\"" +
             svg_number(x_of(row.mean + row.std)) + "\" y2=\"" + svg_number(middle) +
             "\" stroke=\"#000\" stroke-width=\"1.2\"/>\n";
    svg += "<line x1=\"" + svg_number(x_of(row.mean)) + "\" y1=\"" + svg_number(middle - 7.0) + "\" x2=\"" +
           svg_number(x_of(row.mean)) + "\" y2=\"" + svg_number(middle + 7.0) + "\" stroke=\"" + series_colour(1) +
           "\" stroke-width=\"2.5\"/>\n";
  }
  svg += "<rect x=\"" + svg_number(left) + "\" y=\"" + svg_number(top) + "\" width=\"" + svg_number(plot_width) +
         "\" height=\"" + svg_number(plot_height) + "\" fill=\"none\" stroke=\"#999\"/>\n";
  return svg + "</svg>\n";
}

}  // namespace annotbench
