// The trade-off view of a comparison: instead of averaging ranks over metrics (which calls a policy
// "second" for being a little better on one metric and a little worse on another), a policy is
// dominated when another is at least as good on every headline metric and better on one, where
// "better" means by at least the metric's minimum effect (practical_effect.h). Policies no one
// dominates form the Pareto front and share place 1; policies with no practical difference anywhere
// are ties, shown as such.
#pragma once

#include <string>
#include <vector>

#include "analysis/comparison.h"

namespace drydock {

// -1: `a` is practically better than `b` on metric `m`, +1: worse, 0: no practical difference (or no
// data for one of them).
int compare_means(const MetricComparison& m, const PolicyMetric& a, const PolicyMetric& b);

// Fills place, dominated_by and same_as of every ranking entry of `g`, over its headline metrics
// that have a direction.
void pareto_places(GroupComparison& g);

// True when no two policies differ practically on `m` (or none has a value).
bool metric_constant(const MetricComparison& m);

// Headline metrics on which no two policies differ practically (or that no policy has): a report
// folds them away as "the same for every policy".
std::vector<std::string> constant_headline_metrics(const GroupComparison& g);

}  // namespace drydock
