// Score plugins that more than one policy uses. Each is defined in the file of the policy it is named
// after (least_allocated.cc holds LeastAllocated, ...); composite policies such as kube-default pick
// them up from here.
#pragma once

#include <algorithm>
#include <cmath>
#include <memory>
#include <utility>
#include <vector>

#include "schedulers/filters.h"
#include "schedulers/framework.h"
#include "schedulers/params.h"

namespace drydock {

// Kubernetes' integer scores are truncated from real values computed with 1/capacity; the small
// epsilon keeps exact results (50.0 computed as 49.999999999) on the right side of the truncation.
// Negative values (hosts that are masked out afterwards, or a term of a request that does not fit)
// give 0, as Kubernetes does, and values are capped at 1e6. Written as trunc(clamp(v, 0, 1e6) + eps):
// the same integer as truncating clamp(v, -1, 1e6) + eps towards zero (a value in [-1, 0) truncates to
// 0 either way), but three vector instructions and a rounding, never -0.0, and no conversion to int.
// (std::min / std::max rather than ?: : GCC maps these onto vminpd / vmaxpd.)
inline double k8s_trunc(double v) { return std::trunc(std::min(std::max(v, 0.0), 1e6) + 1e-9); }
// k8s_trunc of a value known to be at most 1e6 (a per-resource fit term is at most 100): the same
// result, without the upper clamp.
inline double k8s_trunc_capped(double v) { return std::trunc(std::max(v, 0.0) + 1e-9); }
// k8s_trunc of a value known to lie in [0, 1e6] (a weighted mean of such terms): the same result.
inline double k8s_trunc_in_range(double v) { return std::trunc(v + 1e-9); }

std::unique_ptr<ScorePlugin> make_least_allocated_score(ResourceWeights weights);
std::unique_ptr<ScorePlugin> make_most_allocated_score(ResourceWeights weights);
// Kubernetes RequestedToCapacityRatio; `shape` as the policy's parameter ("0:0,100:10").
std::unique_ptr<ScorePlugin> make_requested_to_capacity_ratio_score(const std::string& shape, ResourceWeights weights);
// Resources taking part: those with a positive weight (Kubernetes lists them; weights do not matter).
std::unique_ptr<ScorePlugin> make_balanced_allocation_score(ResourceWeights resources);
// Kubernetes PodTopologySpread's system default, as a score: fewer replicas of the service on the host
// (and in its `zone`, when hosts carry that label) is better.
std::unique_ptr<ScorePlugin> make_selector_spread_score();
// Kubernetes TaintToleration score: fewer untolerated PreferNoSchedule taints is better.
std::unique_ptr<ScorePlugin> make_taint_toleration_score(std::shared_ptr<const PlacementRules> rules);

}  // namespace drydock
