// `least-allocated`: Kubernetes NodeResourcesFit with the LeastAllocated strategy. Per resource,
// (capacity - requested_after) * 100 / capacity, truncated to an integer (0 when it does not fit or the
// host has none of it); the host score is the weighted mean, truncated. Prefers the emptiest host, so
// load spreads. Parameters: cpu_weight=1, memory_weight=1, gpu_weight=0 (Kubernetes' defaults).
#include "schedulers/builtin_policies.h"
#include "schedulers/resource_fit_score.h"
#include "schedulers/scores.h"

namespace drydock {
namespace {

struct LeastAllocatedTerm {
  static constexpr std::string_view kName = "least-allocated";
  // Kubernetes gives 0 when capacity is 0 (inv_cap is 0 here, so the term is 0) or when the request does
  // not fit (such a host is rejected by the filter and never scored; within the fit epsilon the term
  // truncates to 0 too), so no mask is needed. At most 100 (requested >= 0).
  static double of(double cap, double requested, double inv_cap) {
    return k8s_trunc_capped((cap - requested) * 100.0 * inv_cap);
  }
};

}  // namespace

std::unique_ptr<ScorePlugin> make_least_allocated_score(ResourceWeights weights) {
  return make_resource_fit_score<LeastAllocatedTerm>(weights);
}

void register_least_allocated(PolicyRegistry& registry) {
  registry.add({"least-allocated", "Kubernetes LeastAllocated: the emptiest host after placement (spreads load)",
                std::string("cpu_weight=1, memory_weight=1, gpu_weight=0; ") + kCommonParams,
                [](const PolicyParams& p) {
                  check_params(p, "least-allocated", {"cpu_weight", "memory_weight", "gpu_weight"});
                  std::vector<WeightedScore> scores;
                  scores.push_back({make_least_allocated_score(resource_weights(p)), 1});
                  return make_framework_policy("least-allocated", p, std::move(scores));
                }});
}

}  // namespace drydock
