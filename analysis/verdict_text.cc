#include "analysis/verdict_text.h"

#include <algorithm>
#include <cmath>
#include <cstdio>

#include "analysis/pareto.h"

namespace drydock {
namespace {

std::string with_unit(double v, const std::string& unit) {
  if (unit == "fraction") {
    char b[32];
    std::snprintf(b, sizeof b, "%.1f%%", v * 100);
    return b;
  }
  return readable_number(v) + (unit.empty() ? "" : " " + unit);
}

const PolicyMetric* find(const MetricComparison& m, const std::string& policy) {
  for (const auto& p : m.policies)
    if (p.policy == policy) return &p;
  return nullptr;
}

// "hosts_in_use_end 4 vs 5.5 hosts (-27%, exact on every seed)"
std::string change(const MetricComparison& m, const PolicyMetric& p, const PolicyMetric& base) {
  std::string s = m.def.name + " " + with_unit(p.stats.mean, m.def.unit) + " vs " + with_unit(base.stats.mean, m.def.unit);
  std::string notes;
  if (base.stats.mean != 0) {
    char b[32];
    std::snprintf(b, sizeof b, "%+.0f%%", 100 * (p.stats.mean - base.stats.mean) / std::fabs(base.stats.mean));
    notes = b;
  }
  if (p.vs && p.vs->deterministic) notes += (notes.empty() ? "" : ", ") + std::string("the same on every seed");
  return notes.empty() ? s : s + " (" + notes + ")";
}

std::string join(const std::vector<std::string>& items, const std::string& sep) {
  std::string out;
  for (std::size_t i = 0; i < items.size(); ++i) out += (i ? sep : "") + items[i];
  return out;
}

}  // namespace

std::string readable_number(double v) {
  if (std::isnan(v)) return "-";
  char b[48];
  if (std::fabs(v) < 1e15 && v == std::floor(v)) {
    std::snprintf(b, sizeof b, "%.0f", std::fabs(v));
    std::string digits = b, out;
    for (std::size_t i = 0; i < digits.size(); ++i) {
      if (i > 0 && (digits.size() - i) % 3 == 0) out += ',';
      out += digits[i];
    }
    return (v < 0 ? "-" : "") + out;
  }
  if (std::fabs(v) >= 1e4 && std::fabs(v) < 1e15) {
    std::snprintf(b, sizeof b, "%.0f", v);
    return readable_number(std::stod(b));
  }
  std::snprintf(b, sizeof b, "%.4g", v);
  return b;
}

std::string tradeoff_paragraph(const GroupComparison& g, const std::string& policy) {
  if (policy == g.baseline) return policy + " is the baseline the others are measured against.";
  std::vector<std::string> gains, costs;
  int same = 0, unsure = 0;
  for (const auto& m : g.metrics) {
    if (!m.def.headline || m.def.direction == Direction::kNeutral) continue;
    const PolicyMetric* p = find(m, policy);
    const PolicyMetric* base = find(m, g.baseline);
    if (!p || !base || !p->vs) continue;
    switch (p->vs->verdict) {
      case Verdict::kBetter: gains.push_back(change(m, *p, *base)); break;
      case Verdict::kWorse: costs.push_back(change(m, *p, *base)); break;
      case Verdict::kNoPracticalDifference: ++same; break;
      case Verdict::kNoSignificantDifference:
        if (p->vs->diff.mean == 0) ++same;
        else ++unsure;
        break;
      default: break;
    }
  }
  std::string out = policy + " against " + g.baseline + " (" + std::to_string(g.seeds.size()) + " seeds): ";
  out += gains.empty() ? "gains nothing on the headline metrics" : "gains on " + join(gains, "; ");
  out += costs.empty() ? "; costs nothing" : "; costs on " + join(costs, "; ");
  if (same > 0) out += "; no practical difference on " + std::to_string(same) + " other headline metric" + (same == 1 ? "" : "s");
  if (unsure > 0)
    out += "; " + std::to_string(unsure) + " difference" + (unsure == 1 ? "" : "s") +
           " not significant after the Holm correction (more seeds would tell)";
  return out + ".";
}

std::vector<std::string> winners_by_metric(const GroupComparison& g) {
  std::vector<std::string> lines;
  for (const auto& m : g.metrics) {
    if (!m.def.headline || m.def.direction == Direction::kNeutral) continue;
    if (std::find(g.constant_metrics.begin(), g.constant_metrics.end(), m.def.name) != g.constant_metrics.end()) continue;
    // The best: no other policy practically better than it.
    std::vector<const PolicyMetric*> best;
    for (const auto& a : m.policies) {
      if (a.stats.n == 0) continue;
      bool beaten = false;
      for (const auto& b : m.policies) beaten = beaten || (&a != &b && compare_means(m, b, a) < 0);
      if (!beaten) best.push_back(&a);
    }
    if (best.empty() || best.size() == m.policies.size()) continue;
    std::vector<std::string> names;
    for (const auto* b : best) names.push_back(b->policy);
    std::string line = m.def.name + " (" + (m.def.direction == Direction::kLowerIsBetter ? "lower" : "higher") +
                       " is better): " + join(names, ", ") + (best.size() > 1 ? " (tied)" : "") + " at " +
                       with_unit(best.front()->stats.mean, m.def.unit);
    lines.push_back(line);
  }
  return lines;
}

std::string pareto_sentence(const GroupComparison& g) {
  std::vector<std::string> front;
  for (const auto& r : g.ranking)
    if (r.place == 1) front.push_back(r.policy);
  bool all_same = g.ranking.size() > 1;
  for (const auto& r : g.ranking) all_same = all_same && r.same_as.size() + 1 == g.ranking.size();
  if (all_same) return "No practical difference between the policies on any headline metric: they are tied.";
  if (front.size() == 1)
    return front.front() + " is at least as good as every other policy on every headline metric, and better on some.";
  if (front.size() == g.ranking.size())
    return "No policy beats another on every headline metric: each choice is a trade-off (see what each gains and costs).";
  return "On the Pareto front (no other policy is as good on every headline metric and better on one): " +
         join(front, ", ") + ". Choosing among them is a trade-off; the others are beaten outright.";
}

}  // namespace drydock
