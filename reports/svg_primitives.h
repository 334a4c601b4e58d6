#pragma once
// The pieces every SVG chart of the reports draws with (line plots, the rank heat map, dot plots):
// coordinates, text, ticks and the colour-blind-safe palette.

#include <cstddef>
#include <string>
#include <vector>

namespace annotbench {

// A coordinate with `decimals` digits after the point.
std::string svg_number(double value, int decimals = 1);

// Tick labels short enough to read: 0.85, 1200, 0.001.
std::string svg_tick_label(double value);

// <text> at (x, y) with the anchor (start, middle, end), size and extra attributes; content escaped.
std::string svg_text(double x, double y, const std::string& anchor, const std::string& content, int size = 12,
                     const std::string& extra = "");

// Ticks at 1, 2 or 5 times a power of ten, about `wanted` of them across [low, high].
std::vector<double> nice_ticks(double low, double high, int wanted);

// Okabe–Ito, then darker repeats.
const char* series_colour(std::size_t index);

// The opening <svg> tag of a width x height chart with its title and a white background.
std::string svg_open(double width, double height, const std::string& title);

}  // namespace annotbench
