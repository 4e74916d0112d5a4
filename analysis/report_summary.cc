#include "analysis/report_summary.h"

#include <algorithm>
#include <set>
#include <sstream>
#include <utility>
#include <vector>

#include "analysis/comparison_format.h"
#include "analysis/verdict_text.h"

namespace drydock {
namespace {

// (label, value) rows of the "what was compared" box.
std::vector<std::pair<std::string, std::string>> facts(const ReportInput& in) {
  const auto& groups = *in.groups;
  std::set<std::string> scenarios, versions;
  std::vector<std::string> variants;
  std::set<std::uint64_t> seeds;
  std::size_t grid_points = groups.size();
  for (const auto& g : groups) {
    scenarios.insert(g.scenario);
    seeds.insert(g.seeds.begin(), g.seeds.end());
    for (const auto& p : g.policies)
      if (std::find(variants.begin(), variants.end(), p) == variants.end()) variants.push_back(p);
  }
  if (in.runs)
    for (const auto& r : in.runs->runs) versions.insert(r.code_version.empty() ? "unknown" : r.code_version);
  auto join = [](const auto& items) {
    std::string out;
    for (const auto& i : items) out += (out.empty() ? "" : ", ") + i;
    return out;
  };
  std::string seed_text = std::to_string(seeds.size());
  if (!seeds.empty()) seed_text += " (" + std::to_string(*seeds.begin()) + " to " + std::to_string(*seeds.rbegin()) + ")";
  std::vector<std::pair<std::string, std::string>> rows = {
      {"scenario", join(scenarios) + (grid_points > 1 ? " at " + std::to_string(grid_points) + " grid points" : "")},
      {"variants", join(variants)},
      {"baseline", groups.empty() ? "" : groups.front().baseline},
      {"seeds", seed_text},
      {"runs", in.runs ? std::to_string(in.runs->runs.size()) : "?"},
      {"code version", join(versions) + (versions.size() > 1 ? " (MIXED: runs from different code)" : "")},
  };
  if (!in.command.empty()) rows.emplace_back("command", in.command);
  if (!in.date.empty()) rows.emplace_back("date", in.date);
  return rows;
}

}  // namespace

std::string report_summary_html(const ReportInput& in) {
  std::ostringstream out;
  out << "<div class=\"summary\"><table class=\"facts\">\n";
  for (const auto& [k, v] : facts(in)) out << "<tr><th>" << html_escape(k) << "</th><td>" << html_escape(v) << "</td></tr>\n";
  out << "</table>\n";
  for (const auto& g : *in.groups) {
    if (in.groups->size() > 1) out << "<h3>" << html_escape(g.grid.empty() ? g.scenario : g.grid) << "</h3>\n";
    out << "<p class=\"answer\"><b>" << html_escape(pareto_sentence(g)) << "</b></p>\n";
    const auto winners = winners_by_metric(g);
    if (!winners.empty()) {
      out << "<p>Best per headline metric:</p><ul>\n";
      for (const auto& w : winners) out << "<li>" << html_escape(w) << "</li>\n";
      out << "</ul>\n";
    }
    for (const auto& p : g.policies)
      if (p != g.baseline) out << "<p>" << html_escape(tradeoff_paragraph(g, p)) << "</p>\n";
  }
  out << "</div>\n";
  return out.str();
}

std::string report_summary_markdown(const ReportInput& in) {
  std::ostringstream out;
  out << "| | |\n|---|---|\n";
  for (const auto& [k, v] : facts(in)) out << "| " << k << " | " << v << " |\n";
  out << "\n";
  for (const auto& g : *in.groups) {
    if (in.groups->size() > 1) out << "### " << (g.grid.empty() ? g.scenario : g.grid) << "\n\n";
    out << "**" << pareto_sentence(g) << "**\n\n";
    for (const auto& w : winners_by_metric(g)) out << "- " << w << "\n";
    out << "\n";
    for (const auto& p : g.policies)
      if (p != g.baseline) out << tradeoff_paragraph(g, p) << "\n\n";
  }
  return out.str();
}

}  // namespace drydock
