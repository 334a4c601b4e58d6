#pragma once
// The report as a short list of blocks (headings, paragraphs, tables, the CD diagram), built once and
// rendered to Markdown and to self-contained HTML, so that both say the same thing.

#include <string>
#include <vector>

namespace annotbench {

struct TableCell {
  std::string text;
  bool bold = false;
};

struct ReportBlock {
  enum class Kind { heading, paragraph, bullet_list, table, svg };
  Kind kind = Kind::paragraph;
  int level = 2;                                // heading level
  std::string text;                             // heading / paragraph text; for svg: the SVG itself
  std::string file;                             // svg: the file the Markdown links to
  std::string caption;                          // svg: the Markdown's alt text
  std::vector<std::string> items;               // bullet_list
  std::vector<std::string> header;              // table
  std::vector<std::vector<TableCell>> rows;     // table
};

struct ReportDocument {
  std::string title;
  std::vector<ReportBlock> blocks;

  void heading(const std::string& text, int level = 2);
  void paragraph(const std::string& text);
  void bullets(const std::vector<std::string>& items);
  void table(const std::vector<std::string>& header, const std::vector<std::vector<TableCell>>& rows);
  void svg(const std::string& svg_text, const std::string& file,
           const std::string& caption = "critical difference diagram");
};

std::string render_markdown(const ReportDocument& document);
std::string render_html(const ReportDocument& document);

// `value` with exactly `decimals` digits after the point ("%.*f"): table cells and SVG coordinates.
std::string fixed_decimals(double value, int decimals);

// Escapes &, <, >, " for HTML and SVG text.
std::string escape_xml(const std::string& text);

}  // namespace annotbench
