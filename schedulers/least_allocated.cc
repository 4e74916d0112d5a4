// `least-allocated`: Kubernetes NodeResourcesFit with the LeastAllocated strategy. Per resource,
// (capacity - requested_after) * 100 / capacity, truncated to an integer (0 when it does not fit or the
// host has none of it); the host score is the weighted mean, truncated. Prefers the emptiest host, so
// load spreads. Parameters: cpu_weight=1, memory_weight=1, gpu_weight=0 (Kubernetes' defaults).
#include "schedulers/builtin_policies.h"
#include "schedulers/scores.h"

namespace drydock {
namespace {

class LeastAllocatedScore final : public HostScore<LeastAllocatedScore> {
 public:
  explicit LeastAllocatedScore(ResourceWeights w) : w_(w), inv_sum_(1.0 / w.sum()) {}
  std::string_view name() const override { return "least-allocated"; }
  void prepare(const HostColumns&, const PlacementRequest& r) override { req_ = r.spec->request; }
  // Branch-free so that the loop over hosts vectorises: a resource with weight 0 adds 0.
  double at(const HostColumns& c, std::size_t i) const {
    // The gpu term is skipped (not multiplied by 0) when its weight is 0: same value, a third less work;
    // the test on a loop-invariant flag is hoisted out of the loop by the compiler.
    double s = w_.w[0] * term(c, 0, i) + w_.w[1] * term(c, 1, i);
    if (gpu_) s += w_.w[2] * term(c, 2, i);
    return k8s_trunc(s * inv_sum_);
  }

 private:
  double term(const HostColumns& c, std::size_t d, std::size_t i) const {
    const double cap = c.cap[d][i], requested = c.alloc[d][i] + req_[static_cast<Dim>(d)];
    const double v = k8s_trunc((cap - requested) * 100.0 * c.inv_cap[d][i]);
    return (cap > 0) & (requested <= cap) ? v : 0.0;
  }
  ResourceWeights w_;
  double inv_sum_;
  bool gpu_ = w_.w[2] != 0;
  Resources req_;
};

}  // namespace

std::unique_ptr<ScorePlugin> make_least_allocated_score(ResourceWeights weights) {
  return std::make_unique<LeastAllocatedScore>(weights);
}

void register_least_allocated(PolicyRegistry& registry) {
  registry.add({"least-allocated", "Kubernetes LeastAllocated: the emptiest host after placement (spreads load)",
                std::string("cpu_weight=1, memory_weight=1, gpu_weight=0, ") + kCommonParams,
                [](const PolicyParams& p) {
                  check_params(p, "least-allocated", {"cpu_weight", "memory_weight", "gpu_weight"});
                  std::vector<WeightedScore> scores;
                  scores.push_back({make_least_allocated_score(resource_weights(p)), 1});
                  return make_framework_policy("least-allocated", p, std::move(scores));
                }});
}

}  // namespace drydock
