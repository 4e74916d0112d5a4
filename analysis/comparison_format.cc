#include "analysis/comparison_format.h"

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <filesystem>
#include <functional>
#include <fstream>
#include <set>
#include <sstream>

#include "analysis/metric_catalog.h"
#include "analysis/pareto.h"
#include "analysis/results.h"
#include "analysis/verdict_text.h"

namespace drydock {
namespace {

// CSV numbers: 12 significant digits round-trip every value the tables show; NaN is an empty cell,
// which pandas and R both read as missing.
std::string csv_number(double v) {
  if (std::isnan(v)) return "";
  char buf[64];
  std::snprintf(buf, sizeof buf, "%.12g", v);
  return buf;
}

const char* better_word(Direction d) {
  return d == Direction::kLowerIsBetter ? "lower" : d == Direction::kHigherIsBetter ? "higher" : "neutral";
}

std::string metric_title(const MetricDef& def) { return def.unit.empty() ? def.name : def.name + " (" + def.unit + ")"; }

std::string ci(double lo, double hi) {
  if (std::isnan(lo)) return "n/a";
  return "[" + format_number(lo) + ", " + format_number(hi) + "]";
}

std::string signed_number(double v) {
  if (std::isnan(v)) return "n/a";
  return (v > 0 ? "+" : "") + format_number(v);
}

// "+1.2 [0.8, 1.6]", or "+1 (every seed)" when the difference is exact: no interval to draw.
std::string diff_cell(const PolicyMetric& p) {
  if (!p.vs) return "(baseline)";
  if (p.vs->deterministic && p.vs->pairs >= 2) return signed_number(p.vs->diff.mean) + " (every seed)";
  return signed_number(p.vs->diff.mean) + " " + ci(p.vs->diff.ci_low, p.vs->diff.ci_high);
}

std::string join_names(const std::vector<std::string>& names, std::size_t limit) {
  std::string out;
  for (std::size_t i = 0; i < names.size() && i < limit; ++i) out += (i ? ", " : "") + names[i];
  if (names.size() > limit) out += " +" + std::to_string(names.size() - limit);
  return out;
}

std::string group_heading(const GroupComparison& g) {
  std::ostringstream out;
  out << g.scenario << (g.grid.empty() ? "" : " [" + g.grid + "]") << ": " << g.policies.size() << " policies, "
      << g.seeds.size() << " seeds, " << g.runs << " runs; baseline " << g.baseline;
  return out.str();
}

std::ofstream open_csv(const std::string& path) {
  std::ofstream out(path, std::ios::binary);
  if (!out) throw ResultsError(path + ": cannot write");
  return out;
}

}  // namespace

Table metrics_table_of(const GroupComparison& g, const std::function<bool(const MetricComparison&)>& keep);

std::string format_number(double v) {
  if (std::isnan(v)) return "n/a";
  if (std::fabs(v) >= 1e4) return readable_number(v);  // 12,480, never 1.248e+04
  char buf[64];
  std::snprintf(buf, sizeof buf, "%.4g", v);
  return std::string(buf) == "-0" ? "0" : buf;
}

std::string comparison_text(const std::vector<GroupComparison>& groups, bool headline_only) {
  return headline_only ? comparison_text_narrow(groups) : comparison_text_wide(groups, false);
}

std::string comparison_text_wide(const std::vector<GroupComparison>& groups, bool headline_only) {
  std::ostringstream out;
  char line[512];
  for (const auto& g : groups) {
    out << group_heading(g) << "\n";
    out << "mean with its 95% t interval over seeds; diff = policy - " << g.baseline
        << " paired by seed, with its 95% interval\n\n";
    int width = 6;  // the policy column fits the longest name
    for (const auto& p : g.policies) width = std::max(width, static_cast<int>(p.size()));
    std::snprintf(line, sizeof line, "%-42s %-7s %-*s %10s %-22s %10s %10s  %-26s %s\n", "metric", "better", width,
                  "policy", "mean", "95% CI", "median", "sd", "diff vs baseline [95% CI]", "verdict");
    out << line;
    for (const auto& m : g.metrics) {
      if (headline_only && !m.def.headline) continue;
      bool first = true;
      for (const auto& p : m.policies) {
        const std::string diff = diff_cell(p);
        const std::string verdict = p.vs ? to_string(p.vs->verdict) : "";
        std::snprintf(line, sizeof line, "%-42s %-7s %-*s %10s %-22s %10s %10s  %-26s %s\n",
                      first ? metric_title(m.def).c_str() : "", first ? better_word(m.def.direction) : "", width,
                      p.policy.c_str(), format_number(p.stats.mean).c_str(),
                      ci(p.stats.ci_low, p.stats.ci_high).c_str(), format_number(p.stats.median).c_str(),
                      format_number(p.stats.sd).c_str(), diff.c_str(), verdict.c_str());
        out << line;
        first = false;
      }
    }
    out << "\n" << ranking_text(g, width) << "\n";
  }
  return out.str();
}

Table ranking_table(const GroupComparison& g) {
  Table t;
  t.header = {"place", "policy", "beaten outright by", "tied with", "vs " + g.baseline + ": better", "worse", "same"};
  for (const auto& r : g.ranking) {
    std::vector<std::string> row{std::to_string(r.place), r.policy, join_names(r.dominated_by, 4), join_names(r.same_as, 4)};
    if (r.policy == g.baseline) row.insert(row.end(), {"(baseline)", "", ""});
    else row.insert(row.end(), {std::to_string(r.better), std::to_string(r.worse), std::to_string(r.same)});
    t.rows.push_back(std::move(row));
  }
  t.strong.assign(t.rows.size(), false);
  for (std::size_t i = 0; i < t.rows.size(); ++i) t.strong[i] = g.ranking[i].place == 1;
  return t;
}

Table metrics_table(const GroupComparison& g) { return metrics_table_of(g, [](const MetricComparison&) { return true; }); }

Table metrics_table(const GroupComparison& g, bool constant) {
  return metrics_table_of(g, [constant](const MetricComparison& m) { return metric_constant(m) == constant; });
}

Table metrics_table_of(const GroupComparison& g, const std::function<bool(const MetricComparison&)>& keep) {
  Table t;
  t.header = {"metric", "better", "policy", "n", "mean", "95% CI", "median", "p95", "sd",
              "diff vs " + g.baseline + " [95% CI]", "verdict"};
  for (const auto& m : g.metrics) {
    if (!keep(m)) continue;
    bool first = true;
    for (const auto& p : m.policies) {
      const std::string diff = diff_cell(p);
      t.rows.push_back({first ? metric_title(m.def) : "", first ? better_word(m.def.direction) : "", p.policy,
                        std::to_string(p.stats.n), format_number(p.stats.mean), ci(p.stats.ci_low, p.stats.ci_high),
                        format_number(p.stats.median), format_number(p.stats.p95), format_number(p.stats.sd), diff,
                        p.vs ? to_string(p.vs->verdict) : ""});
      t.strong.push_back(first && m.def.headline);
      first = false;
    }
  }
  return t;
}

std::string to_markdown(const Table& t) {
  std::ostringstream out;
  out << "|";
  for (const auto& h : t.header) out << " " << h << " |";
  out << "\n|";
  for (std::size_t i = 0; i < t.header.size(); ++i) out << "---|";
  out << "\n";
  for (std::size_t r = 0; r < t.rows.size(); ++r) {
    out << "|";
    for (std::size_t c = 0; c < t.rows[r].size(); ++c) {
      const std::string& cell = t.rows[r][c];
      out << " " << (c == 0 && t.strong[r] && !cell.empty() ? "**" + cell + "**" : cell) << " |";
    }
    out << "\n";
  }
  return out.str();
}

std::string html_escape(const std::string& s) {
  std::string out;
  for (char c : s) {
    if (c == '<') out += "&lt;";
    else if (c == '>') out += "&gt;";
    else if (c == '&') out += "&amp;";
    else if (c == '"') out += "&quot;";
    else out += c;
  }
  return out;
}

std::string to_html(const Table& t) {
  std::ostringstream out;
  out << "<table>\n<tr>";
  for (const auto& h : t.header) out << "<th>" << html_escape(h) << "</th>";
  out << "</tr>\n";
  for (std::size_t r = 0; r < t.rows.size(); ++r) {
    // A new metric starts a visually separate block of rows.
    out << (r > 0 && !t.rows[r][0].empty() && t.header[0] == "metric" ? "<tr class=\"first\">" : "<tr>");
    for (std::size_t c = 0; c < t.rows[r].size(); ++c) {
      const std::string cell = html_escape(t.rows[r][c]);
      out << "<td>" << (c == 0 && t.strong[r] ? "<b>" + cell + "</b>" : cell) << "</td>";
    }
    out << "</tr>\n";
  }
  out << "</table>\n";
  return out.str();
}

std::string group_title(const GroupComparison& g) { return group_heading(g); }

std::string comparison_markdown(const std::vector<GroupComparison>& groups) {
  std::ostringstream out;
  for (const auto& g : groups) {
    out << "### " << group_heading(g) << "\n\n";
    out << pareto_sentence(g) << "\n\n";
    for (const auto& w : winners_by_metric(g)) out << "- " << w << "\n";
    out << "\n";
    for (const auto& p : g.policies)
      if (p != g.baseline) out << tradeoff_paragraph(g, p) << "\n\n";
    out << "Places: 1 + the number of policies at least as good on every headline metric and better on one "
           "(ties share a place). Verdicts against **" << g.baseline << "**, Holm-corrected over " << g.tests
        << " tests.\n\n" << to_markdown(ranking_table(g));
    out << "\nEvery metric: mean with its 95% Student-t interval over seeds; **diff** is policy − " << g.baseline
        << " on the same seeds (paired), with its 95% interval, or exact when it is the same on every seed. "
           "Headline metrics are in bold.\n\n"
        << to_markdown(metrics_table(g)) << "\n";
  }
  return out.str();
}

void write_runs_csv(const std::string& path, const RunSet& set, const std::string& base_dir) {
  // One column per grid key besides the combined label, so that pandas can group by a numeric key.
  std::vector<std::string> keys;
  if (set.spec)
    for (const auto& a : set.spec->grid) keys.push_back(a.key);
  std::ofstream out = open_csv(path);
  out << "scenario,grid";
  for (const auto& k : keys) out << ',' << csv_field(k);
  out << ",policy,seed,run_dir,metric,value,unit,better\n";
  for (const auto& r : set.runs) {
    std::error_code ec;
    const auto relative = std::filesystem::relative(r.dir, base_dir, ec);
    const std::string rel = ec || relative.empty() ? std::filesystem::absolute(r.dir).string() : relative.string();
    for (const auto& [name, value] : r.metrics) {
      const MetricDef def = metric_def(name);
      out << csv_field(r.scenario) << ',' << csv_field(r.grid);
      for (const auto& k : keys) {
        std::string v;
        for (const auto& [key, val] : r.grid_settings)
          if (key == k) v = val;
        out << ',' << csv_field(v);
      }
      out << ',' << csv_field(r.policy) << ',' << r.seed << ',' << csv_field(rel) << ',' << name << ','
          << (value ? csv_number(*value) : "") << ',' << def.unit << ',' << better_word(def.direction) << '\n';
    }
  }
}

void write_comparison_csv(const std::string& path, const std::vector<GroupComparison>& groups) {
  std::ofstream out = open_csv(path);
  out << "grid,metric,unit,better,headline,policy,n,mean,ci_low,ci_high,median,p95,sd,baseline,pairs,diff_mean,"
         "diff_ci_low,diff_ci_high,verdict,rank,deterministic,p_value,p_holm,min_effect,place\n";
  for (const auto& g : groups)
    for (const auto& m : g.metrics)
      for (const auto& p : m.policies) {
        out << csv_field(g.grid) << ',' << m.def.name << ',' << m.def.unit << ',' << better_word(m.def.direction) << ','
            << (m.def.headline ? 1 : 0) << ',' << csv_field(p.policy) << ',' << p.stats.n << ','
            << csv_number(p.stats.mean) << ',' << csv_number(p.stats.ci_low) << ',' << csv_number(p.stats.ci_high) << ','
            << csv_number(p.stats.median) << ',' << csv_number(p.stats.p95) << ',' << csv_number(p.stats.sd) << ','
            << csv_field(g.baseline) << ',';
        if (p.vs)
          out << p.vs->pairs << ',' << csv_number(p.vs->diff.mean) << ',' << csv_number(p.vs->diff.ci_low) << ','
              << csv_number(p.vs->diff.ci_high) << ',' << to_string(p.vs->verdict);
        else
          out << ",,,,";
        out << ',' << (p.rank > 0 ? csv_number(p.rank) : "");
        if (p.vs)
          out << ',' << (p.vs->deterministic ? 1 : 0) << ',' << csv_number(p.vs->p_value) << ','
              << csv_number(p.vs->p_adjusted) << ',' << csv_number(p.vs->min_effect);
        else
          out << ",,,,";
        int place = 0;
        for (const auto& r : g.ranking)
          if (r.policy == p.policy) place = r.place;
        out << ',' << place << '\n';
      }
}

}  // namespace drydock
