#pragma once
// How the annotation-quality page, its CSV tables and the index across sets write a number, so
// that all three say an undefined value (a set without gold, an alpha with nothing to pair) alike.

#include <cmath>
#include <cstdio>
#include <string>

#include "reports/report_document.h"

namespace annotbench {

// For a table other tools read: six significant digits; empty for an undefined value.
inline std::string csv_number(double value) {
  if (!std::isfinite(value)) return "";
  char text[32];
  std::snprintf(text, sizeof text, "%.6g", value);
  return text;
}

// For a person: `decimals` digits after the point; "–" for an undefined value.
inline std::string shown_number(double value, int decimals = 3) {
  return std::isfinite(value) ? fixed_decimals(value, decimals) : "–";
}

}  // namespace annotbench
