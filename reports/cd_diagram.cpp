#include "reports/cd_diagram.h"

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <numeric>

#include "reports/report_document.h"

namespace annotbench {

namespace {

std::string number(double value, int decimals = 2) { return fixed_decimals(value, decimals); }

std::string line(double x1, double y1, double x2, double y2, double width) {
  return "<line x1=\"" + number(x1, 1) + "\" y1=\"" + number(y1, 1) + "\" x2=\"" + number(x2, 1) + "\" y2=\"" +
         number(y2, 1) + "\" stroke=\"#000\" stroke-width=\"" + number(width, 1) + "\"/>\n";
}

std::string text(double x, double y, const std::string& anchor, const std::string& content, int size = 13) {
  return "<text x=\"" + number(x, 1) + "\" y=\"" + number(y, 1) + "\" text-anchor=\"" + anchor + "\" font-size=\"" +
         std::to_string(size) + "\">" + escape_xml(content) + "</text>\n";
}

}  // namespace

std::string render_cd_diagram_svg(const CdDiagramInput& input) {
  const std::size_t k = input.methods.size();
  const int highest_rank = static_cast<int>(std::max<std::size_t>(k, 2));
  std::size_t longest_name = 4;
  for (const std::string& name : input.methods) longest_name = std::max(longest_name, name.size());
  // A label is "name 11.143": up to ~8 px per character at 13 px in a wide sans-serif, plus the
  // leader line; sized for the longest one so that no label is cut at the edge.
  const double label_width = 40.0 + 8.0 * static_cast<double>(longest_name + 7);
  const double axis_left = label_width, axis_width = 480.0, axis_right = axis_left + axis_width;
  const double width = axis_right + label_width;
  const double axis_y = 70.0;
  const double group_step = 9.0;
  const double first_label_y = axis_y + 28.0 + group_step * static_cast<double>(input.groups.size());
  const double label_step = 22.0;
  const std::size_t right_count = (k + 1) / 2;  // the better half hangs to the right
  const double height = first_label_y + label_step * static_cast<double>(std::max(right_count, k - right_count)) + 10.0;
  // Rank 1 (best) at the right end, as in Demšar's Figure 1.
  const auto x_of = [&](double rank) { return axis_right - (rank - 1.0) / (highest_rank - 1.0) * axis_width; };

  std::string svg = "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"" + number(width, 0) + "\" height=\"" +
                    number(height, 0) + "\" viewBox=\"0 0 " + number(width, 0) + " " + number(height, 0) +
                    "\" font-family=\"Helvetica, Arial, sans-serif\">\n";
  svg += "<title>Critical difference diagram (Nemenyi, alpha = " + number(input.alpha, 2) + ")</title>\n";
  svg += "<rect width=\"100%\" height=\"100%\" fill=\"#fff\"/>\n";

  // The CD bar, left-aligned above the axis: any two methods further apart than this differ.
  const double cd_pixels = input.critical_difference / (highest_rank - 1.0) * axis_width;
  svg += line(axis_left, 22.0, axis_left + cd_pixels, 22.0, 2.0);
  svg += line(axis_left, 17.0, axis_left, 27.0, 1.0) + line(axis_left + cd_pixels, 17.0, axis_left + cd_pixels, 27.0, 1.0);
  svg += text(axis_left + cd_pixels / 2.0, 14.0, "middle", "CD = " + number(input.critical_difference, 3), 12);

  svg += line(axis_left, axis_y, axis_right, axis_y, 1.5);
  for (int rank = 1; rank <= highest_rank; ++rank) {
    svg += line(x_of(rank), axis_y - 8.0, x_of(rank), axis_y, 1.0);
    svg += text(x_of(rank), axis_y - 12.0, "middle", std::to_string(rank), 12);
    if (rank < highest_rank) svg += line(x_of(rank + 0.5), axis_y - 4.0, x_of(rank + 0.5), axis_y, 1.0);
  }

  std::vector<std::size_t> order(k);
  std::iota(order.begin(), order.end(), 0);
  std::stable_sort(order.begin(), order.end(), [&](std::size_t a, std::size_t b) { return input.mean_ranks[a] < input.mean_ranks[b]; });
  for (std::size_t position = 0; position < k; ++position) {
    const std::size_t m = order[position];
    const double x = x_of(input.mean_ranks[m]);
    const bool on_right = position < right_count;
    // Methods nearest the ends of the axis take the top rows (best on the right, worst on the left), so a
    // label line never crosses the drop line of a method further out.
    const std::size_t row = on_right ? position : k - 1 - position;
    const double y = first_label_y + label_step * static_cast<double>(row);
    const double end_x = on_right ? axis_right + 12.0 : axis_left - 12.0;
    svg += line(x, axis_y, x, y, 1.0) + line(x, y, end_x, y, 1.0);
    const std::string label = on_right ? number(input.mean_ranks[m], 3) + "  " + input.methods[m]
                                       : input.methods[m] + "  " + number(input.mean_ranks[m], 3);
    svg += text(on_right ? end_x + 4.0 : end_x - 4.0, y + 4.5, on_right ? "start" : "end", label);
  }

  for (std::size_t g = 0; g < input.groups.size(); ++g) {
    double best = INFINITY, worst = -INFINITY;
    for (std::size_t m : input.groups[g]) {
      best = std::min(best, input.mean_ranks[m]);
      worst = std::max(worst, input.mean_ranks[m]);
    }
    const double y = axis_y + 16.0 + group_step * static_cast<double>(g);
    svg += "<line x1=\"" + number(x_of(worst) - 6.0, 1) + "\" y1=\"" + number(y, 1) + "\" x2=\"" + number(x_of(best) + 6.0, 1) +
           "\" y2=\"" + number(y, 1) + "\" stroke=\"#000\" stroke-width=\"4\" stroke-linecap=\"round\"/>\n";
  }
  svg += "</svg>\n";
  return svg;
}

std::string render_cd_placeholder_svg(const std::string& message) {
  return "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"640\" height=\"60\" viewBox=\"0 0 640 60\" "
         "font-family=\"Helvetica, Arial, sans-serif\">\n<rect width=\"100%\" height=\"100%\" fill=\"#fff\"/>\n" +
         text(320.0, 34.0, "middle", message) + "</svg>\n";
}

}  // namespace annotbench
