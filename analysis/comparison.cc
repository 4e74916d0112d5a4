#include "analysis/comparison.h"

#include "analysis/pareto.h"
#include "analysis/practical_effect.h"

#include <algorithm>
#include <cmath>
#include <map>
#include <set>
#include <stdexcept>

namespace drydock {
namespace {

// Metric names in display order: the catalog's first, then any others the runs carry, alphabetically.
std::vector<std::string> metric_names(const std::vector<const RunRecord*>& runs) {
  std::set<std::string> present;
  for (const auto* r : runs)
    for (const auto& [name, v] : r->metrics) present.insert(name);
  std::vector<std::string> names;
  for (const auto& def : metric_catalog())
    if (present.erase(def.name)) names.push_back(def.name);
  names.insert(names.end(), present.begin(), present.end());
  return names;
}

// Ranks by mean in the metric's better direction; equal means share the average of their ranks.
void rank_policies(MetricComparison& m) {
  if (m.def.direction == Direction::kNeutral) return;
  std::vector<PolicyMetric*> ranked;
  for (auto& p : m.policies)
    if (p.stats.n > 0) ranked.push_back(&p);
  const bool lower = m.def.direction == Direction::kLowerIsBetter;
  std::stable_sort(ranked.begin(), ranked.end(), [&](const PolicyMetric* a, const PolicyMetric* b) {
    return lower ? a->stats.mean < b->stats.mean : a->stats.mean > b->stats.mean;
  });
  for (std::size_t i = 0; i < ranked.size();) {
    std::size_t j = i;
    while (j < ranked.size() && ranked[j]->stats.mean == ranked[i]->stats.mean) ++j;
    const double shared = 0.5 * static_cast<double>(i + 1 + j);  // average of ranks i+1 .. j
    for (std::size_t k = i; k < j; ++k) ranked[k]->rank = shared;
    i = j;
  }
}

GroupComparison compare_group(const std::string& grid, const std::vector<const RunRecord*>& runs,
                              const std::vector<std::string>& policies, const std::string& baseline) {
  GroupComparison g;
  g.grid = grid;
  g.baseline = baseline;
  g.runs = static_cast<int>(runs.size());
  if (!runs.empty()) g.scenario = runs.front()->scenario;
  std::set<std::uint64_t> seeds;
  std::set<std::string> ran;
  for (const auto* r : runs) {
    seeds.insert(r->seed);
    ran.insert(r->policy);
  }
  g.seeds.assign(seeds.begin(), seeds.end());
  for (const auto& p : policies)
    if (ran.count(p)) g.policies.push_back(p);

  // policy -> seed -> run
  std::map<std::string, std::map<std::uint64_t, const RunRecord*>> by_policy;
  for (const auto* r : runs) by_policy[r->policy][r->seed] = r;

  for (const auto& name : metric_names(runs)) {
    MetricComparison m;
    m.def = metric_def(name);
    m.min_effect = min_effect(m.def);
    auto value = [&](const RunRecord* r) -> std::optional<double> {
      auto it = r->metrics.find(name);
      return it == r->metrics.end() ? std::nullopt : it->second;
    };
    for (const auto& policy : g.policies) {
      PolicyMetric pm;
      pm.policy = policy;
      std::vector<double> values;
      for (const auto& [seed, r] : by_policy[policy])
        if (auto v = value(r)) values.push_back(*v);
      pm.stats = describe(Eigen::Map<const Eigen::VectorXd>(values.data(), static_cast<Eigen::Index>(values.size())));
      if (policy != baseline && by_policy.count(baseline)) {
        std::vector<double> a, b;  // seeds where both have a value
        for (const auto& [seed, r] : by_policy[policy]) {
          auto base = by_policy[baseline].find(seed);
          if (base == by_policy[baseline].end()) continue;
          auto x = value(r), y = value(base->second);
          if (x && y) {
            a.push_back(*x);
            b.push_back(*y);
          }
        }
        const auto n = static_cast<Eigen::Index>(a.size());
        pm.vs = paired_difference(Eigen::Map<const Eigen::VectorXd>(a.data(), n),
                                  Eigen::Map<const Eigen::VectorXd>(b.data(), n), m.def.direction, m.min_effect);
      }
      m.policies.push_back(std::move(pm));
    }
    rank_policies(m);
    g.metrics.push_back(std::move(m));
  }

  // One Holm family: every metric with a direction x every policy against the baseline.
  std::vector<PairedDifference*> family;
  for (auto& m : g.metrics)
    if (m.def.direction != Direction::kNeutral)
      for (auto& pm : m.policies)
        if (pm.vs) family.push_back(&*pm.vs);
  holm_correct(family);
  for (const auto* t : family) g.tests += t->pairs >= 2 && !t->deterministic;
  g.constant_metrics = constant_headline_metrics(g);

  // Overall ranking over the headline metrics only: the catalog has several views of one quantity
  // (p50, p95, p99, mean of one latency), and counting each would weigh that quantity several times.
  for (const auto& policy : g.policies) {
    RankingEntry e;
    e.policy = policy;
    double sum = 0;
    for (const auto& m : g.metrics) {
      if (!m.def.headline || m.def.direction == Direction::kNeutral) continue;
      for (const auto& pm : m.policies) {
        if (pm.policy != policy) continue;
        if (pm.rank > 0) {
          sum += pm.rank;
          ++e.metrics_ranked;
        }
        if (pm.vs) {
          if (pm.vs->verdict == Verdict::kBetter) ++e.better;
          else if (pm.vs->verdict == Verdict::kWorse) ++e.worse;
          else if (pm.vs->verdict == Verdict::kNoSignificantDifference ||
                   pm.vs->verdict == Verdict::kNoPracticalDifference)
            ++e.same;
        }
      }
    }
    e.mean_rank = e.metrics_ranked ? sum / e.metrics_ranked : std::nan("");
    g.ranking.push_back(e);
  }
  pareto_places(g);
  std::stable_sort(g.ranking.begin(), g.ranking.end(), [](const RankingEntry& a, const RankingEntry& b) {
    if (a.place != b.place) return a.place < b.place;
    return a.better - a.worse > b.better - b.worse;
  });
  return g;
}

}  // namespace

std::vector<GroupComparison> compare_runs(const RunSet& set, const std::string& requested_baseline) {
  std::string baseline = requested_baseline;
  if (baseline.empty()) baseline = set.spec && !set.spec->baseline.empty() ? set.spec->baseline : "";
  if (baseline.empty() && !set.policies.empty()) baseline = set.policies.front();
  if (std::find(set.policies.begin(), set.policies.end(), baseline) == set.policies.end())
    throw std::invalid_argument("baseline policy '" + baseline + "' is not among the runs' policies");

  // Grid points in first-seen order (the plan's order for a sweep).
  std::vector<std::string> grids;
  std::map<std::string, std::vector<const RunRecord*>> by_grid;
  for (const auto& r : set.runs) {
    if (!by_grid.count(r.grid)) grids.push_back(r.grid);
    by_grid[r.grid].push_back(&r);
  }
  std::vector<GroupComparison> out;
  for (const auto& g : grids) out.push_back(compare_group(g, by_grid[g], set.policies, baseline));
  return out;
}

}  // namespace drydock
