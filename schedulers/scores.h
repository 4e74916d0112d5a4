// Score plugins that more than one policy uses. Each is defined in the file of the policy it is named
// after (least_allocated.cc holds LeastAllocated, ...); composite policies such as kube-default pick
// them up from here.
#pragma once

#include <algorithm>
#include <memory>
#include <utility>
#include <vector>

#include "schedulers/filters.h"
#include "schedulers/framework.h"
#include "schedulers/params.h"

namespace drydock {

// Kubernetes' integer scores are truncated from real values computed with 1/capacity; the small
// epsilon keeps exact results (50.0 computed as 49.999999999) on the right side of the truncation.
// The clamp keeps the conversion defined for values of hosts that are masked out afterwards.
// (std::min / std::max rather than ?: : GCC if-converts and vectorises these.)
inline double k8s_trunc(double v) {
  v = std::min(std::max(v, -1.0), 1e6);
  return static_cast<double>(static_cast<int>(v + 1e-9));
}

std::unique_ptr<ScorePlugin> make_least_allocated_score(ResourceWeights weights);
std::unique_ptr<ScorePlugin> make_most_allocated_score(ResourceWeights weights);
// Resources taking part: those with a positive weight (Kubernetes lists them; weights do not matter).
std::unique_ptr<ScorePlugin> make_balanced_allocation_score(ResourceWeights resources);
// Kubernetes PodTopologySpread's system default, as a score: fewer replicas of the service on the host
// (and in its `zone`, when hosts carry that label) is better.
std::unique_ptr<ScorePlugin> make_selector_spread_score();
// Kubernetes TaintToleration score: fewer untolerated PreferNoSchedule taints is better.
std::unique_ptr<ScorePlugin> make_taint_toleration_score(std::shared_ptr<const PlacementRules> rules);

}  // namespace drydock
