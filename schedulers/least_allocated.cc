// `least-allocated`: Kubernetes NodeResourcesFit with the LeastAllocated strategy. Per resource,
// (capacity - requested_after) * 100 / capacity, truncated to an integer (0 when it does not fit or the
// host has none of it); the host score is the weighted mean, truncated. Prefers the emptiest host, so
// load spreads. Parameters: cpu_weight=1, memory_weight=1, gpu_weight=0 (Kubernetes' defaults).
#include "schedulers/builtin_policies.h"
#include "schedulers/scores.h"

namespace drydock {
namespace {

// kGpu: whether the gpu term is computed; with a gpu weight of 0 (the default) it would add exactly 0,
// so it is compiled out rather than computed and multiplied by 0 (a third less work per host).
template <bool kGpu>
class LeastAllocatedScore final : public HostScore<LeastAllocatedScore<kGpu>> {
 public:
  explicit LeastAllocatedScore(ResourceWeights w) : w_(w), inv_sum_(1.0 / w.sum()) {}
  std::string_view name() const override { return "least-allocated"; }
  void prepare(const HostColumns&, const PlacementRequest& r) override {
    for (std::size_t d = 0; d < kDims; ++d) req_[d] = r.spec->request[static_cast<Dim>(d)];
  }
  double at(const HostColumns& c, std::size_t i) const {
    double s = w_.w[0] * term(c, 0, i) + w_.w[1] * term(c, 1, i);
    if constexpr (kGpu) s += w_.w[2] * term(c, 2, i);
    return k8s_trunc(s * inv_sum_);
  }

 private:
  double term(const HostColumns& c, std::size_t d, std::size_t i) const {
    const double cap = c.cap[d][i], requested = c.alloc[d][i] + req_[d];
    // Kubernetes gives 0 when capacity is 0 (inv_cap is 0 here, so v is 0) or when the request does
    // not fit (such a host is rejected by the filter and never scored; within the fit epsilon v
    // truncates to 0 too), so no mask is needed.
    return k8s_trunc((cap - requested) * 100.0 * c.inv_cap[d][i]);
  }
  ResourceWeights w_;
  double inv_sum_;
  double req_[kDims] = {};
};

}  // namespace

std::unique_ptr<ScorePlugin> make_least_allocated_score(ResourceWeights weights) {
  if (weights.w[2] != 0) return std::make_unique<LeastAllocatedScore<true>>(weights);
  return std::make_unique<LeastAllocatedScore<false>>(weights);
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
