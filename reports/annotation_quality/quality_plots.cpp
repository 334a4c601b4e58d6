#include "reports/annotation_quality/quality_plots.h"

#include <algorithm>
#include <cmath>
#include <cstdio>

#include "reports/report_document.h"
#include "reports/svg_primitives.h"

namespace annotbench {

namespace {

// White (0) to dark blue (1), ColorBrewer's Blues end to end.
std::string probability_colour(double value) {
  const double share = std::clamp(std::isfinite(value) ? value : 0.0, 0.0, 1.0);
  const int light[3] = {0xf7, 0xfb, 0xff}, dark[3] = {0x08, 0x30, 0x6b};
  int rgb[3];
  for (int c = 0; c < 3; ++c) rgb[c] = static_cast<int>(std::lround(light[c] + share * (dark[c] - light[c])));
  char text[8];
  std::snprintf(text, sizeof text, "#%02x%02x%02x", rgb[0], rgb[1], rgb[2]);
  return text;
}

// A filled rectangle; with a tooltip (`title`) when one is given.
std::string rect(double x, double y, double width, double height, const std::string& fill,
                 const std::string& title = "") {
  const std::string open = "<rect x=\"" + svg_number(x) + "\" y=\"" + svg_number(y) + "\" width=\"" +
                           svg_number(width) + "\" height=\"" + svg_number(height) + "\" fill=\"" + fill + "\"";
  if (title.empty()) return open + "/>\n";
  return open + "><title>" + escape_xml(title) + "</title></rect>\n";
}

std::string class_label(const AnnotationQualityReport& report, std::size_t c) {
  const std::string name = report.class_name(static_cast<int>(c));
  return name.size() > 10 ? name.substr(0, 9) + "…" : name;
}

// A histogram of `values` in [0, 1] at (left, top) of the given size.
std::string histogram(const std::vector<double>& values, double left, double top, double width, double height,
                      const std::string& title, const char* colour) {
  const int bins = 20;
  std::vector<std::size_t> counts(bins, 0);
  for (const double value : values)
    if (std::isfinite(value)) ++counts[static_cast<std::size_t>(std::clamp(static_cast<int>(value * bins), 0, bins - 1))];
  const std::size_t most = std::max<std::size_t>(1, *std::max_element(counts.begin(), counts.end()));
  std::string svg = svg_text(left + width / 2.0, top - 8.0, "middle", title, 12);
  svg += "<line x1=\"" + svg_number(left) + "\" y1=\"" + svg_number(top + height) + "\" x2=\"" + svg_number(left + width) +
         "\" y2=\"" + svg_number(top + height) + "\" stroke=\"#333\"/>\n";
  const double bar = width / bins;
  for (int b = 0; b < bins; ++b) {
    const double h = height * static_cast<double>(counts[static_cast<std::size_t>(b)]) / static_cast<double>(most);
    if (h > 0) svg += rect(left + bar * b + 0.5, top + height - h, bar - 1.0, h, colour);
  }
  for (const double tick : {0.0, 0.25, 0.5, 0.75, 1.0})
    svg += svg_text(left + width * tick, top + height + 14.0, "middle", svg_tick_label(tick), 10);
  svg += svg_text(left - 6.0, top + 10.0, "end", std::to_string(most), 10);
  svg += svg_text(left - 6.0, top + height, "end", "0", 10);
  return svg;
}

}  // namespace

std::string render_skill_distribution_svg(const AnnotationQualityReport& report) {
  std::vector<double> correct, spammer;
  const ConsensusModel* dawid_skene = find_model(report.models, "ds");
  for (const AnnotatorQuality& row : report.annotators.rows) {
    if (row.labels < report.annotators.min_labels) continue;
    spammer.push_back(row.spammer_score);
    if (dawid_skene != nullptr && row.annotator < dawid_skene->annotator_skill.size())
      correct.push_back(dawid_skene->annotator_skill[row.annotator]);
  }
  const double width = 720.0, height = 230.0;
  const std::string title = report.name + ": annotators with " + std::to_string(report.annotators.min_labels) +
                            "+ labels (" + std::to_string(spammer.size()) + ")";
  std::string svg = svg_open(width, height, title);
  svg += svg_text(10.0, 20.0, "start", title, 14);
  svg += histogram(correct, 50.0, 60.0, 290.0, 130.0, "Dawid-Skene P(correct)", series_colour(0));
  svg += histogram(spammer, 410.0, 60.0, 290.0, 130.0, "spammer score (0: labels ignore the class)", series_colour(1));
  return svg + "</svg>\n";
}

std::string render_worst_confusions_svg(const AnnotationQualityReport& report, std::size_t shown) {
  std::vector<const ConsensusModel*> confusion_models;
  for (const ConsensusModel& model : report.models)
    if (!model.annotator_confusion.empty()) confusion_models.push_back(&model);
  const std::size_t classes = report.class_names.size();
  const std::size_t annotators = std::min(shown, report.annotators.rows.size());
  const double cell = std::clamp(180.0 / static_cast<double>(std::max<std::size_t>(classes, 1)), 8.0, 40.0);
  const double block = cell * static_cast<double>(classes);
  const double left = 110.0, top = 70.0, gap = 40.0;
  const double width = left + (block + gap) * static_cast<double>(annotators) + 20.0;
  const double height = top + (block + gap) * static_cast<double>(confusion_models.size()) + 20.0;
  const std::string title = report.name + ": confusion estimated for the annotators listed first (row: true class, column: label given)";
  std::string svg = svg_open(std::max(width, 7.0 * static_cast<double>(title.size()) + 20.0), height, title);
  svg += svg_text(10.0, 20.0, "start", title, 14);
  for (std::size_t a = 0; a < annotators; ++a) {
    const AnnotatorQuality& row = report.annotators.rows[a];
    const double x = left + (block + gap) * static_cast<double>(a);
    std::string label = row.id.size() > 18 ? row.id.substr(0, 17) + "…" : row.id;
    svg += svg_text(x + block / 2.0, top - 22.0, "middle", label, 11);
    svg += svg_text(x + block / 2.0, top - 8.0, "middle",
                    std::to_string(row.labels) + " labels, S=" + svg_number(row.spammer_score, 2), 10);
  }
  for (std::size_t model_index = 0; model_index < confusion_models.size(); ++model_index) {
    const ConsensusModel& model = *confusion_models[model_index];
    const double y = top + (block + gap) * static_cast<double>(model_index);
    svg += svg_text(left - 30.0, y + block / 2.0, "end", model.aggregator, 12);
    for (std::size_t a = 0; a < annotators; ++a) {
      const std::size_t m = report.annotators.rows[a].annotator;
      const double x = left + (block + gap) * static_cast<double>(a);
      for (std::size_t c = 0; c < classes; ++c)
        for (std::size_t given = 0; given < classes; ++given) {
          const double p = model.annotator_confusion[(m * classes + given) * classes + c];
          svg += rect(x + cell * static_cast<double>(given), y + cell * static_cast<double>(c), cell - 0.5, cell - 0.5,
                      probability_colour(p),
                      "true " + class_label(report, c) + ", says " + class_label(report, given) + ": " + svg_number(p, 3));
        }
      svg += "<rect x=\"" + svg_number(x) + "\" y=\"" + svg_number(y) + "\" width=\"" + svg_number(block) +
             "\" height=\"" + svg_number(block) + "\" fill=\"none\" stroke=\"#666\"/>\n";
      // Class names where they fit: true classes down the left of each block, labels given under it.
      if (cell < 14.0) continue;
      for (std::size_t c = 0; c < classes; ++c) {
        const std::string name = class_label(report, c);
        svg += svg_text(x - 3.0, y + cell * (static_cast<double>(c) + 0.5) + 3.0, "end", name.substr(0, 3), 8);
        svg += svg_text(x + cell * (static_cast<double>(c) + 0.5), y + block + 10.0, "middle", name.substr(0, 3), 8);
      }
    }
  }
  return svg + "</svg>\n";
}

std::string render_class_agreement_svg(const AnnotationQualityReport& report) {
  const std::size_t classes = report.agreement.class_agreement.size();
  const double bar = 20.0, left = 120.0, top = 40.0, width = 560.0;
  const double height = top + bar * static_cast<double>(classes) + 40.0;
  const std::string title = report.name + ": agreement per class (share of a class's labels matched on the item)";
  std::string svg = svg_open(std::max(width + left + 40.0, 7.0 * static_cast<double>(title.size()) + 20.0), height, title);
  svg += svg_text(10.0, 20.0, "start", title, 14);
  for (std::size_t c = 0; c < classes; ++c) {
    const double y = top + bar * static_cast<double>(c);
    const double value = report.agreement.class_agreement[c];
    svg += svg_text(left - 8.0, y + 14.0, "end", class_label(report, c), 11);
    if (std::isfinite(value)) {
      svg += rect(left, y + 2.0, width * value, bar - 4.0, series_colour(0));
      svg += svg_text(left + width * value + 4.0, y + 14.0, "start", svg_number(value, 2), 10);
    } else {
      svg += svg_text(left + 4.0, y + 14.0, "start", "no item with two labels", 10);
    }
  }
  const double axis = top + bar * static_cast<double>(classes) + 4.0;
  for (const double tick : {0.0, 0.5, 1.0})
    svg += svg_text(left + width * tick, axis + 12.0, "middle", svg_tick_label(tick), 10);
  return svg + "</svg>\n";
}

}  // namespace annotbench
