// The terminal's view of a comparison: the answer in sentences, then a table of the headline metrics
// that fits an ordinary terminal. `drydock report --wide` prints comparison_text_wide instead.
#include <algorithm>
#include <cmath>
#include <cstdio>
#include <sstream>

#include "analysis/comparison_format.h"
#include "analysis/verdict_text.h"

namespace drydock {
namespace {

// Cuts `s` to `width` characters, marking the cut with '~'.
std::string fit(const std::string& s, int width) {
  if (static_cast<int>(s.size()) <= width) return s;
  return s.substr(0, static_cast<std::size_t>(std::max(1, width - 1))) + "~";
}

// Wraps a paragraph at `columns`, continuation lines indented by `indent`.
std::string wrap(const std::string& text, int columns, int indent) {
  std::ostringstream out;
  std::istringstream words(text);
  int used = 0;
  for (std::string w; words >> w;) {
    if (used > indent && used + 1 + static_cast<int>(w.size()) > columns) {
      out << "\n" << std::string(static_cast<std::size_t>(indent), ' ');
      used = indent;
    } else if (used > 0) {
      out << ' ';
      ++used;
    }
    out << w;
    used += static_cast<int>(w.size());
  }
  return out.str() + "\n";
}

const char* short_verdict(const PolicyMetric& p) {
  if (!p.vs) return "baseline";
  switch (p.vs->verdict) {
    case Verdict::kBetter: return "better";
    case Verdict::kWorse: return "worse";
    case Verdict::kNoSignificantDifference: return "not signif.";
    case Verdict::kNoPracticalDifference: return "negligible";
    case Verdict::kDiffers: return "differs";
    case Verdict::kNotEnoughData: return "n/a";
  }
  return "?";
}

std::string diff_text(const PolicyMetric& p) {
  if (!p.vs) return "";
  const double d = p.vs->diff.mean;
  const std::string sign = d > 0 ? "+" : "";
  if (std::isnan(d)) return "n/a";
  if (p.vs->deterministic && p.vs->pairs >= 2) return sign + format_number(d) + " exact";
  const double half = (p.vs->diff.ci_high - p.vs->diff.ci_low) / 2;
  return sign + format_number(d) + (std::isnan(half) ? "" : " +-" + format_number(half));
}

}  // namespace

std::string ranking_text(const GroupComparison& g, int width) {
  std::ostringstream out;
  out << "places (1 + policies at least as good on every headline metric and better on one; ties share):\n";
  char line[512];
  for (const auto& r : g.ranking) {
    std::string note;
    if (!r.dominated_by.empty()) {
      note = "beaten by ";
      for (std::size_t i = 0; i < r.dominated_by.size() && i < 3; ++i) note += (i ? ", " : "") + r.dominated_by[i];
      if (r.dominated_by.size() > 3) note += " +" + std::to_string(r.dominated_by.size() - 3);
    } else {
      note = "Pareto front";
    }
    if (!r.same_as.empty()) note += "; tied with " + r.same_as.front() + (r.same_as.size() > 1 ? " +" + std::to_string(r.same_as.size() - 1) : "");
    std::snprintf(line, sizeof line, "  %2d  %-*s %s\n", r.place, width, r.policy.c_str(), note.c_str());
    out << line;
  }
  return out.str();
}

std::string comparison_text_narrow(const std::vector<GroupComparison>& groups, int columns) {
  std::ostringstream out;
  for (const auto& g : groups) {
    out << wrap(group_title(g), columns, 2);
    out << wrap(pareto_sentence(g), columns, 2);
    const auto winners = winners_by_metric(g);
    if (!winners.empty()) {
      out << "best per headline metric:\n";
      for (const auto& w : winners) out << "  " << wrap(w, columns, 4);
    }
    for (const auto& p : g.policies)
      if (p != g.baseline) out << wrap(tradeoff_paragraph(g, p), columns, 2);

    // The table: metric | policy | mean | diff vs baseline | verdict, within `columns`.
    int policy_w = 6;
    for (const auto& p : g.policies) policy_w = std::max(policy_w, static_cast<int>(p.size()));
    policy_w = std::min(policy_w, 30);
    const int mean_w = 10, diff_w = 20, verdict_w = 11;
    const int metric_w = std::max(16, columns - policy_w - mean_w - diff_w - verdict_w - 5);
    char line[512];
    out << "\n" << wrap("headline metrics (mean over seeds; diff = policy - " + g.baseline +
                        " paired by seed, +- its 95% half-width or exact; verdicts Holm-corrected over " +
                        std::to_string(g.tests) + " tests, below the metric's minimum effect: negligible):",
                    columns, 2);
    std::snprintf(line, sizeof line, "%-*s %-*s %*s %-*s %s\n", metric_w, "metric", policy_w, "policy", mean_w, "mean",
                  diff_w, "diff", "verdict");
    out << line;
    for (const auto& m : g.metrics) {
      if (!m.def.headline) continue;
      if (std::find(g.constant_metrics.begin(), g.constant_metrics.end(), m.def.name) != g.constant_metrics.end()) continue;
      bool first = true;
      for (const auto& p : m.policies) {
        const std::string title = m.def.unit.empty() ? m.def.name : m.def.name + " (" + m.def.unit + ")";
        std::snprintf(line, sizeof line, "%-*s %-*s %*s %-*s %s\n", metric_w, first ? fit(title, metric_w).c_str() : "",
                      policy_w, fit(p.policy, policy_w).c_str(), mean_w, fit(format_number(p.stats.mean), mean_w).c_str(),
                      diff_w, fit(diff_text(p), diff_w).c_str(), short_verdict(p));
        out << line;
        first = false;
      }
    }
    if (!g.constant_metrics.empty()) {
      std::string folded = "the same for every policy (folded): ";
      for (std::size_t i = 0; i < g.constant_metrics.size(); ++i) folded += (i ? ", " : "") + g.constant_metrics[i];
      out << wrap(folded, columns, 2);
    }
    out << "\n" << ranking_text(g, policy_w) << "\n";
  }
  out << "(every metric, interval and column: --wide, or report.md / comparison.csv)\n";
  return out.str();
}

}  // namespace drydock
