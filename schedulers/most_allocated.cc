// `most-allocated` (alias `binpack`): Kubernetes NodeResourcesFit with the MostAllocated strategy. Per
// resource, requested_after * 100 / capacity (capped at 100, 0 for a host with none of it), truncated;
// the host score is the weighted mean, truncated. Prefers the fullest host that still fits, so replicas
// fill one host before the next and the fewest hosts are used.
// Parameters: cpu_weight=1, memory_weight=1, gpu_weight=0.
#include "schedulers/builtin_policies.h"
#include "schedulers/resource_fit_score.h"
#include "schedulers/scores.h"

namespace drydock {
namespace {

struct MostAllocatedTerm {
  static constexpr std::string_view kName = "most-allocated";
  static double of(double cap, double requested, double inv_cap) {
    // 0 when cap is 0 (inv_cap is 0); at most 100.
    return k8s_trunc_capped(std::min(requested, cap) * 100.0 * inv_cap);
  }
};

std::unique_ptr<Scheduler> make_most_allocated(const std::string& name, const PolicyParams& p) {
  check_params(p, name, {"cpu_weight", "memory_weight", "gpu_weight"});
  std::vector<WeightedScore> scores;
  scores.push_back({make_most_allocated_score(resource_weights(p)), 1});
  return make_framework_policy(name, p, std::move(scores));
}

}  // namespace

std::unique_ptr<ScorePlugin> make_most_allocated_score(ResourceWeights weights) {
  return make_resource_fit_score<MostAllocatedTerm>(weights);
}

void register_most_allocated(PolicyRegistry& registry) {
  const std::string params = std::string("cpu_weight=1, memory_weight=1, gpu_weight=0; ") + kCommonParams;
  registry.add({"most-allocated", "Kubernetes MostAllocated: the fullest host that fits (bin packing)", params,
                [](const PolicyParams& p) { return make_most_allocated("most-allocated", p); }});
  registry.add({"binpack", "alias of most-allocated: fill a host before the next, fewest hosts in use", params,
                [](const PolicyParams& p) { return make_most_allocated("binpack", p); }, {}, "most-allocated"});
}

}  // namespace drydock
