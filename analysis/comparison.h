// The comparison of policies over a set of runs: per metric and policy the descriptive statistics,
// the paired difference against a baseline policy on the seeds both ran (the seed fixes the workload
// and the faults, so pairing removes that variation from the difference), a verdict, and a ranking.
// One comparison per grid point: policies are only compared on the same scenario.
// Verdicts are honest about size and number: a difference below the metric's minimum effect
// (practical_effect.h) is "no practical difference", and Holm's correction runs over every metric x
// policy test of a grid point. The ranking is a Pareto view (pareto.h): a policy's place is one more
// than the number of policies that are at least as good on every headline metric and better on one.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "analysis/metric_catalog.h"
#include "analysis/run_set.h"
#include "analysis/statistics.h"

namespace drydock {

struct PolicyMetric {
  std::string policy;
  SampleStats stats;                   // over the runs where the metric has a value
  std::optional<PairedDifference> vs;  // against the baseline; absent for the baseline itself
  double rank = 0;                     // 1 = best mean; ties share the average rank; 0 if neutral or no data
};

struct MetricComparison {
  MetricDef def;
  MinEffect min_effect;  // the smallest difference that earns a verdict
  std::vector<PolicyMetric> policies;  // in the run set's policy order
};

struct RankingEntry {
  std::string policy;
  double mean_rank = 0;  // over the headline metrics with a direction (kept for runs.csv readers)
  int metrics_ranked = 0;
  int better = 0, worse = 0, same = 0;  // verdicts against the baseline, headline metrics
  int place = 1;                          // 1 + |dominated_by|: policies on the Pareto front share place 1
  std::vector<std::string> dominated_by;  // policies at least as good everywhere and better somewhere
  std::vector<std::string> same_as;       // policies with no practical difference on any headline metric
};

struct GroupComparison {
  std::string grid;  // GridPoint::label(), "" without a grid
  std::string scenario;
  std::string baseline;
  std::vector<std::string> policies;
  int runs = 0;
  std::vector<std::uint64_t> seeds;
  std::vector<MetricComparison> metrics;  // catalog order, then metrics unknown to the catalog
  std::vector<RankingEntry> ranking;      // by place, then more wins against the baseline first
  int tests = 0;                          // size of the Holm family
  // Headline metrics equal for every policy (no practical difference anywhere): folded in reports.
  std::vector<std::string> constant_metrics;
};

// `baseline` empty: the sweep's baseline, else the first policy. Throws std::invalid_argument when the
// baseline ran in none of the runs.
std::vector<GroupComparison> compare_runs(const RunSet& set, const std::string& baseline = "");

}  // namespace drydock
