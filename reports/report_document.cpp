#include "reports/report_document.h"

#include <cstdio>

namespace annotbench {

void ReportDocument::heading(const std::string& text, int level) {
  ReportBlock block;
  block.kind = ReportBlock::Kind::heading;
  block.level = level;
  block.text = text;
  blocks.push_back(block);
}

void ReportDocument::paragraph(const std::string& text) {
  ReportBlock block;
  block.kind = ReportBlock::Kind::paragraph;
  block.text = text;
  blocks.push_back(block);
}

void ReportDocument::bullets(const std::vector<std::string>& items) {
  ReportBlock block;
  block.kind = ReportBlock::Kind::bullet_list;
  block.items = items;
  blocks.push_back(block);
}

void ReportDocument::table(const std::vector<std::string>& header, const std::vector<std::vector<TableCell>>& rows) {
  ReportBlock block;
  block.kind = ReportBlock::Kind::table;
  block.header = header;
  block.rows = rows;
  blocks.push_back(block);
}

void ReportDocument::svg(const std::string& svg_text, const std::string& file, const std::string& caption) {
  ReportBlock block;
  block.kind = ReportBlock::Kind::svg;
  block.text = svg_text;
  block.file = file;
  block.caption = caption;
  blocks.push_back(block);
}

std::string fixed_decimals(double value, int decimals) {
  char buffer[64];
  std::snprintf(buffer, sizeof buffer, "%.*f", decimals, value);
  return buffer;
}

std::string escape_xml(const std::string& text) {
  std::string out;
  for (const char c : text) {
    switch (c) {
      case '&': out += "&amp;"; break;
      case '<': out += "&lt;"; break;
      case '>': out += "&gt;"; break;
      case '"': out += "&quot;"; break;
      default: out += c;
    }
  }
  return out;
}

namespace {

// Method names are free text: a '|' would split a Markdown table cell, '*' or '_' start emphasis,
// and '<' starts raw HTML, which Markdown renders (probe K9).
std::string escape_markdown(const std::string& text) {
  std::string out;
  for (const char c : text) {
    if (c == '|' || c == '*' || c == '_' || c == '\\' || c == '`' || c == '<' || c == '>') out += '\\';
    out += c;
  }
  return out;
}

std::string markdown_cell(const TableCell& cell) {
  const std::string text = escape_markdown(cell.text);
  return cell.bold ? "**" + text + "**" : text;
}

}  // namespace

std::string render_markdown(const ReportDocument& document) {
  std::string out = "# " + escape_markdown(document.title) + "\n";
  for (const ReportBlock& block : document.blocks) {
    out += "\n";
    switch (block.kind) {
      case ReportBlock::Kind::heading:
        out += std::string(static_cast<std::size_t>(block.level), '#') + " " + escape_markdown(block.text) + "\n";
        break;
      case ReportBlock::Kind::paragraph:
        out += escape_markdown(block.text) + "\n";
        break;
      case ReportBlock::Kind::bullet_list:
        for (const std::string& item : block.items) out += "- " + escape_markdown(item) + "\n";
        break;
      case ReportBlock::Kind::table: {
        std::string header = "|", rule = "|";
        for (std::size_t i = 0; i < block.header.size(); ++i) {
          header += " " + escape_markdown(block.header[i]) + " |";
          rule += i == 0 ? " --- |" : " ---: |";
        }
        out += header + "\n" + rule + "\n";
        for (const auto& row : block.rows) {
          out += "|";
          for (const TableCell& cell : row) out += " " + markdown_cell(cell) + " |";
          out += "\n";
        }
        break;
      }
      case ReportBlock::Kind::svg:
        // The caption may hold a setting's name, which is free text (probe K9).
        out += "![" + escape_markdown(block.caption) + "](" + block.file + ")\n";
        break;
    }
  }
  return out;
}

std::string render_html(const ReportDocument& document) {
  std::string out =
      "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n<title>" + escape_xml(document.title) +
      "</title>\n<style>\n"
      "body{font-family:system-ui,-apple-system,'Segoe UI',sans-serif;max-width:72rem;margin:2rem auto;"
      "padding:0 1rem;color:#222;line-height:1.45}\n"
      ".table-scroll{overflow-x:auto;margin:1rem 0}\n"
      "table{border-collapse:collapse;font-variant-numeric:tabular-nums}\n"
      "th,td{padding:.3rem .7rem;border-bottom:1px solid #ddd;text-align:right;white-space:nowrap}\n"
      "th:first-child,td:first-child{text-align:left}\n"
      "thead th{border-bottom:2px solid #444}\n"
      "tr:hover td{background:#f6f6f6}\n"
      "figure{margin:1rem 0;overflow-x:auto}\n"
      "</style>\n</head>\n<body>\n<h1>" + escape_xml(document.title) + "</h1>\n";
  for (const ReportBlock& block : document.blocks) {
    switch (block.kind) {
      case ReportBlock::Kind::heading: {
        const std::string tag = "h" + std::to_string(block.level);
        out += "<" + tag + ">" + escape_xml(block.text) + "</" + tag + ">\n";
        break;
      }
      case ReportBlock::Kind::paragraph:
        out += "<p>" + escape_xml(block.text) + "</p>\n";
        break;
      case ReportBlock::Kind::bullet_list:
        out += "<ul>\n";
        for (const std::string& item : block.items) out += "<li>" + escape_xml(item) + "</li>\n";
        out += "</ul>\n";
        break;
      case ReportBlock::Kind::table:
        // A wide table scrolls inside its box instead of wrapping "0.85 ± 0.01" over three lines.
        out += "<div class=\"table-scroll\"><table>\n<thead><tr>";
        for (const std::string& name : block.header) out += "<th>" + escape_xml(name) + "</th>";
        out += "</tr></thead>\n<tbody>\n";
        for (const auto& row : block.rows) {
          out += "<tr>";
          for (const TableCell& cell : row)
            out += cell.bold ? "<td><strong>" + escape_xml(cell.text) + "</strong></td>" : "<td>" + escape_xml(cell.text) + "</td>";
          out += "</tr>\n";
        }
        out += "</tbody>\n</table></div>\n";
        break;
      case ReportBlock::Kind::svg:
        out += "<figure>\n" + block.text + "</figure>\n";
        break;
    }
  }
  out += "</body>\n</html>\n";
  return out;
}

}  // namespace annotbench
