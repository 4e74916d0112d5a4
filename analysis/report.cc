#include "analysis/report.h"

#include <algorithm>
#include <fstream>
#include <sstream>

#include "analysis/comparison_format.h"
#include "analysis/metric_catalog.h"
#include "analysis/report_summary.h"
#include "analysis/results.h"

namespace drydock {
namespace {

std::string read_binary(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) throw ResultsError(path + ": cannot read plot");
  std::ostringstream s;
  s << in.rdbuf();
  return s.str();
}

// The paragraphs both renderings share, as plain sentences.
std::vector<std::string> method_notes(const ReportInput& in) {
  std::vector<std::string> notes = {
      "Each run is one simulation with its own seed; a seed fixes the workload, the random choices and the "
      "fault timing, so all policies see the same seeds.",
      "mean, median, p95 and sd are over the runs of a policy; the 95% CI is the Student-t interval of the mean "
      "(n - 1 degrees of freedom).",
      "diff is the policy's value minus the baseline's on the same seed, averaged over the seeds both ran; its "
      "95% t interval decides significance: better or worse when the interval excludes zero (in the metric's "
      "better direction), no significant difference when it includes zero. Neutral metrics only say whether "
      "they differ. A difference that is the same on every seed is exact: it is shown as such, with no interval.",
      "A significant difference smaller than the metric's minimum effect is 'no practical difference': 1 ms and "
      "5% for times, 0.001 kWh and 1% for energy, half a percentage point for fractions, 0.5 and 1% for counts "
      "(hosts, replicas), 1 replica-s and 1% for replica-seconds, 0.01 and 2% for the imbalance cv.",
      "Verdicts are corrected for multiple comparisons (Holm) over every metric with a direction x every policy "
      "of a grid point, so the chance of any false verdict in the table is at most 5%.",
      "Places are a Pareto view, not a mean of ranks: a policy's place is 1 + the number of policies at least as "
      "good on every headline metric and better (by the minimum effect) on one. Policies that share a place are "
      "tied or trade one metric for another.",
      "A run where a metric has no value (never all running, a failure never recovered) is left out of that "
      "metric's n and pairs rather than given a made-up number.",
  };
  if (in.runs && !in.runs->missing.empty())
    notes.push_back("Partial sweep: " + std::to_string(in.runs->missing.size()) +
                    " planned runs are missing and left out.");
  return notes;
}

std::string metric_glossary_md(const std::vector<GroupComparison>& groups) {
  if (groups.empty()) return "";
  std::ostringstream out;
  out << "| metric | unit | better | meaning |\n|---|---|---|---|\n";
  for (const auto& m : groups.front().metrics)
    out << "| " << m.def.name << " | " << m.def.unit << " | " << to_string(m.def.direction) << " | "
        << m.def.description << " |\n";
  return out.str();
}

}  // namespace

std::string base64(const std::string& bytes) {
  static const char* kAlphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
  std::string out;
  out.reserve((bytes.size() + 2) / 3 * 4);
  std::size_t i = 0;
  for (; i + 2 < bytes.size(); i += 3) {
    const unsigned v = (static_cast<unsigned char>(bytes[i]) << 16) | (static_cast<unsigned char>(bytes[i + 1]) << 8) |
                       static_cast<unsigned char>(bytes[i + 2]);
    out += kAlphabet[v >> 18];
    out += kAlphabet[(v >> 12) & 63];
    out += kAlphabet[(v >> 6) & 63];
    out += kAlphabet[v & 63];
  }
  if (i < bytes.size()) {
    unsigned v = static_cast<unsigned char>(bytes[i]) << 16;
    if (i + 1 < bytes.size()) v |= static_cast<unsigned char>(bytes[i + 1]) << 8;
    out += kAlphabet[v >> 18];
    out += kAlphabet[(v >> 12) & 63];
    out += i + 1 < bytes.size() ? kAlphabet[(v >> 6) & 63] : '=';
    out += '=';
  }
  return out;
}

std::string report_markdown(const ReportInput& in) {
  std::ostringstream out;
  const auto& groups = *in.groups;
  out << "# drydock comparison: " << (groups.empty() ? "(no runs)" : groups.front().scenario) << "\n\n";
  out << report_summary_markdown(in);
  out << "Results read from: ";
  for (std::size_t i = 0; i < in.sources.size(); ++i) out << (i ? ", " : "") << "`" << in.sources[i] << "`";
  out << ". Every run's metrics are in `runs.csv` (one row per run and metric); this table is in "
         "`comparison.csv`.\n\n## Comparison\n\n";
  out << comparison_markdown(groups);
  out << "## Plots\n\n";
  if (in.plots.empty()) out << "No plots: " << in.plots_note << "\n\n";
  for (const auto& p : in.plots) out << "### " << p.title << "\n\n![" << p.title << "](" << p.file << ")\n\n" << p.caption << "\n\n";
  out << "## Method\n\n";
  for (const auto& n : method_notes(in)) out << "- " << n << "\n";
  out << "\n## Metrics\n\n" << metric_glossary_md(groups);
  return out.str();
}

std::string report_html(const ReportInput& in, const std::string& report_dir) {
  std::ostringstream out;
  const auto& groups = *in.groups;
  const std::string title = "drydock comparison: " + (groups.empty() ? std::string("(no runs)") : groups.front().scenario);
  out << "<!DOCTYPE html>\n<html><head><meta charset=\"utf-8\"><title>" << html_escape(title) << "</title>\n"
      << "<style>body{font-family:sans-serif;max-width:1200px;margin:2em auto;padding:0 1em;color:#222}"
         "table{border-collapse:collapse;font-size:0.85em;margin:1em 0}"
         "th,td{border:1px solid #ccc;padding:2px 6px;text-align:right}th{background:#f0f0f0}"
         "td:nth-child(-n+3){text-align:left}tr.first td{border-top:2px solid #888}"
         "img{max-width:100%;border:1px solid #ddd}figcaption{font-size:0.9em;color:#444;margin-bottom:2em}"
         "code{background:#f4f4f4}.summary{background:#f7f9fc;border:1px solid #cdd;padding:0.5em 1em}"
         "table.facts th,table.facts td{text-align:left;border:none;padding:1px 8px}.answer{font-size:1.1em}"
         ".plots2{display:flex;gap:1em}.plots2 figure{flex:1;margin:0}details{margin:1em 0}</style>\n</head><body>\n";
  out << "<h1>" << html_escape(title) << "</h1>\n";
  // The answer first, then the key plots, then the evidence.
  out << report_summary_html(in);
  auto figure = [&](const Plot& p) {
    out << "<figure><h3>" << html_escape(p.title) << "</h3><img alt=\"" << html_escape(p.title)
        << "\" src=\"data:image/png;base64," << base64(read_binary(report_dir + "/" + p.file)) << "\">"
        << "<figcaption>" << html_escape(p.caption) << "</figcaption></figure>\n";
  };
  const std::size_t key_plots = std::min<std::size_t>(2, in.plots.size());
  if (key_plots > 0) {
    out << "<h2>Key plots</h2>\n<div class=\"plots2\">\n";
    for (std::size_t i = 0; i < key_plots; ++i) figure(in.plots[i]);
    out << "</div>\n";
  } else {
    out << "<p>No plots: " << html_escape(in.plots_note) << "</p>\n";
  }
  out << "<h2>Comparison</h2>\n<p>Results read from: ";
  for (std::size_t i = 0; i < in.sources.size(); ++i) out << (i ? ", " : "") << "<code>" << html_escape(in.sources[i]) << "</code>";
  out << ". Every run's metrics are in <code>runs.csv</code>; this table is in <code>comparison.csv</code>.</p>\n";
  for (const auto& g : groups) {
    out << "<h3>" << html_escape(group_title(g)) << "</h3>\n<p>Places: 1 + the policies at least as good on every "
        << "headline metric and better on one (ties share a place); verdicts against <b>" << html_escape(g.baseline)
        << "</b>, Holm-corrected over " << g.tests << " tests.</p>\n"
        << to_html(ranking_table(g)) << "<p>Metrics that differ between policies: mean with its 95% Student-t "
        << "interval over seeds; <b>diff</b> is policy &minus; " << html_escape(g.baseline)
        << " on the same seeds (paired), with its 95% interval, or exact. Headline metrics are in bold.</p>\n"
        << to_html(metrics_table(g, /*constant=*/false));
    const Table same = metrics_table(g, /*constant=*/true);
    if (!same.rows.empty())
      out << "<details><summary>" << same.rows.size() << " rows of metrics with no practical difference between "
          << "the policies (folded)</summary>\n" << to_html(same) << "</details>\n";
  }
  if (in.plots.size() > key_plots) out << "<h2>More plots</h2>\n";
  for (std::size_t i = key_plots; i < in.plots.size(); ++i) figure(in.plots[i]);
  out << "<h2>Method</h2>\n<ul>\n";
  for (const auto& n : method_notes(in)) out << "<li>" << html_escape(n) << "</li>\n";
  out << "</ul>\n<h2>Metrics</h2>\n<table><tr><th>metric</th><th>unit</th><th>better</th><th>meaning</th></tr>\n";
  if (!groups.empty())
    for (const auto& m : groups.front().metrics)
      out << "<tr><td>" << html_escape(m.def.name) << "</td><td>" << html_escape(m.def.unit) << "</td><td>"
          << to_string(m.def.direction) << "</td><td>" << html_escape(m.def.description) << "</td></tr>\n";
  out << "</table>\n</body></html>\n";
  return out.str();
}

}  // namespace drydock
