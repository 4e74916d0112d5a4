#include "analysis/pareto.h"

#include <algorithm>
#include <cmath>

namespace drydock {

int compare_means(const MetricComparison& m, const PolicyMetric& a, const PolicyMetric& b) {
  if (a.stats.n == 0 || b.stats.n == 0 || m.def.direction == Direction::kNeutral) return 0;
  const double threshold = m.min_effect.at(std::max(std::fabs(a.stats.mean), std::fabs(b.stats.mean)));
  const double gain = m.def.direction == Direction::kLowerIsBetter ? b.stats.mean - a.stats.mean
                                                                    : a.stats.mean - b.stats.mean;
  if (std::fabs(gain) < threshold || gain == 0) return 0;
  return gain > 0 ? -1 : 1;
}

namespace {

bool ranked(const MetricComparison& m) { return m.def.headline && m.def.direction != Direction::kNeutral; }

}  // namespace

void pareto_places(GroupComparison& g) {
  const std::size_t n = g.policies.size();
  // wins[i][j]: headline metrics where policy i is practically better than j.
  std::vector<std::vector<int>> wins(n, std::vector<int>(n, 0)), compared(n, std::vector<int>(n, 0));
  for (const auto& m : g.metrics) {
    if (!ranked(m)) continue;
    for (std::size_t i = 0; i < n; ++i)
      for (std::size_t j = 0; j < n; ++j) {
        if (i == j) continue;
        const PolicyMetric& a = m.policies[i];
        const PolicyMetric& b = m.policies[j];
        if (a.stats.n == 0 || b.stats.n == 0) continue;
        ++compared[i][j];
        if (compare_means(m, a, b) < 0) ++wins[i][j];
      }
  }
  for (auto& e : g.ranking) {
    const auto i = static_cast<std::size_t>(std::find(g.policies.begin(), g.policies.end(), e.policy) - g.policies.begin());
    e.dominated_by.clear();
    e.same_as.clear();
    for (std::size_t j = 0; j < n; ++j) {
      if (j == i || i == n) continue;
      if (wins[j][i] > 0 && wins[i][j] == 0) e.dominated_by.push_back(g.policies[j]);
      if (wins[j][i] == 0 && wins[i][j] == 0 && compared[i][j] > 0) e.same_as.push_back(g.policies[j]);
    }
    e.place = 1 + static_cast<int>(e.dominated_by.size());
  }
}

std::vector<std::string> constant_headline_metrics(const GroupComparison& g) {
  std::vector<std::string> out;
  for (const auto& m : g.metrics)
    if (m.def.headline && metric_constant(m)) out.push_back(m.def.name);
  return out;
}

bool metric_constant(const MetricComparison& m) {
  {
    bool constant = true;
    for (std::size_t i = 0; constant && i < m.policies.size(); ++i)
      for (std::size_t j = i + 1; constant && j < m.policies.size(); ++j) {
        const auto& a = m.policies[i].stats;
        const auto& b = m.policies[j].stats;
        if ((a.n == 0) != (b.n == 0)) constant = false;
        else if (a.n > 0 && std::fabs(a.mean - b.mean) >= m.min_effect.at(std::max(std::fabs(a.mean), std::fabs(b.mean))) &&
                 a.mean != b.mean)
          constant = false;
      }
    return constant;
  }
}

}  // namespace drydock
