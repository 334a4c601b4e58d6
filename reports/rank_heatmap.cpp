#include "reports/rank_heatmap.h"

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <numeric>

#include "reports/svg_primitives.h"

namespace annotbench {

std::string rank_colour(double rank, std::size_t count) {
  // From #08306b (rank 1) to #deebf7 (rank k), linear in RGB: ColorBrewer's Blues, end to end.
  const double share = count > 1 ? std::clamp((rank - 1.0) / static_cast<double>(count - 1), 0.0, 1.0) : 0.0;
  const int dark[3] = {0x08, 0x30, 0x6b}, light[3] = {0xde, 0xeb, 0xf7};
  char buffer[8];
  int rgb[3];
  for (int c = 0; c < 3; ++c) rgb[c] = static_cast<int>(std::lround(dark[c] + share * (light[c] - dark[c])));
  std::snprintf(buffer, sizeof buffer, "#%02x%02x%02x", rgb[0], rgb[1], rgb[2]);
  return buffer;
}

std::string render_rank_heatmap_svg(const RankHeatmapInput& input) {
  const std::size_t k = input.methods.size();
  std::vector<std::size_t> order(k);
  std::iota(order.begin(), order.end(), 0);
  std::stable_sort(order.begin(), order.end(),
                   [&](std::size_t a, std::size_t b) { return input.mean_ranks[a] < input.mean_ranks[b]; });
  std::size_t longest_method = 6, longest_setting = 9;
  for (const std::string& method : input.methods) longest_method = std::max(longest_method, method.size());
  for (const std::string& setting : input.settings) longest_setting = std::max(longest_setting, setting.size());
  const bool extra = !input.extra_column.empty();
  const double cell_width = 46.0, cell_height = 22.0, gap = 12.0;
  const double left = 16.0 + 7.0 * static_cast<double>(longest_method);
  // Setting names stand at 45 degrees above their columns.
  const double top = 40.0 + 5.2 * static_cast<double>(std::min<std::size_t>(longest_setting, 40));
  const double grid_width = cell_width * static_cast<double>(input.settings.size());
  const double summary_left = left + grid_width + gap;
  // Wide enough for the title too (about 7 px a character at 14 px).
  const double width = std::max(summary_left + cell_width * (extra ? 2.0 : 1.0) + 60.0,
                                20.0 + 7.2 * static_cast<double>(input.title.size()));
  const double height = top + cell_height * static_cast<double>(k) + 20.0;

  std::string svg = svg_open(width, height, input.title);
  svg += svg_text(10.0, 20.0, "start", input.title, 14);
  const auto column_label = [&](double x, const std::string& label) {
    const double y = top - 6.0;
    std::string shown = label.size() > 40 ? label.substr(0, 39) + "…" : label;
    svg += svg_text(x, y, "start", shown, 11,
                    " transform=\"rotate(-45 " + svg_number(x) + " " + svg_number(y) + ")\"");
  };
  for (std::size_t s = 0; s < input.settings.size(); ++s)
    column_label(left + cell_width * (static_cast<double>(s) + 0.5), input.settings[s]);
  column_label(summary_left + cell_width * 0.5, "mean rank");
  if (extra) column_label(summary_left + cell_width * 1.5, input.extra_column);

  const auto cell = [&](double x, double y, double rank) {
    if (!std::isfinite(rank)) {
      svg += svg_text(x + cell_width / 2.0, y + 15.0, "middle", "–", 11);
      return;
    }
    const std::string fill = rank_colour(rank, k);
    // White text on the darker half of the scale.
    const bool dark = k <= 1 || (rank - 1.0) / static_cast<double>(k - 1) < 0.5;
    svg += "<rect x=\"" + svg_number(x) + "\" y=\"" + svg_number(y) + "\" width=\"" + svg_number(cell_width - 1.0) +
           "\" height=\"" + svg_number(cell_height - 1.0) + "\" fill=\"" + fill + "\"/>\n";
    char label[32];
    std::snprintf(label, sizeof label, rank == std::floor(rank) ? "%.0f" : "%.1f", rank);
    svg += svg_text(x + cell_width / 2.0, y + 15.0, "middle", label, 11, dark ? " fill=\"#fff\"" : "");
  };
  for (std::size_t row = 0; row < k; ++row) {
    const std::size_t m = order[row];
    const double y = top + cell_height * static_cast<double>(row);
    svg += svg_text(left - 8.0, y + 15.0, "end", input.methods[m], 12);
    for (std::size_t s = 0; s < input.settings.size(); ++s)
      cell(left + cell_width * static_cast<double>(s), y, input.ranks[s][m]);
    cell(summary_left, y, input.mean_ranks[m]);
    if (extra) cell(summary_left + cell_width, y, m < input.extra_mean_ranks.size() ? input.extra_mean_ranks[m] : NAN);
  }
  return svg + "</svg>\n";
}

}  // namespace annotbench
