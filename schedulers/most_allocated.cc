// `most-allocated` (alias `binpack`): Kubernetes NodeResourcesFit with the MostAllocated strategy. Per
// resource, requested_after * 100 / capacity (capped at 100, 0 for a host with none of it), truncated;
// the host score is the weighted mean, truncated. Prefers the fullest host that still fits, so replicas
// fill one host before the next and the fewest hosts are used.
// Parameters: cpu_weight=1, memory_weight=1, gpu_weight=0.
#include "schedulers/builtin_policies.h"
#include "schedulers/scores.h"

namespace drydock {
namespace {

// kGpu: whether the gpu term is computed; with a gpu weight of 0 (the default) it would add exactly 0,
// so it is compiled out rather than computed and multiplied by 0 (a third less work per host).
template <bool kGpu>
class MostAllocatedScore final : public HostScore<MostAllocatedScore<kGpu>> {
 public:
  explicit MostAllocatedScore(ResourceWeights w) : w_(w), inv_sum_(1.0 / w.sum()) {}
  std::string_view name() const override { return "most-allocated"; }
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
    return k8s_trunc(std::min(requested, cap) * 100.0 * c.inv_cap[d][i]);  // 0 when cap is 0 (inv_cap is 0)
  }
  ResourceWeights w_;
  double inv_sum_;
  double req_[kDims] = {};
};

std::unique_ptr<Scheduler> make_most_allocated(const std::string& name, const PolicyParams& p) {
  check_params(p, name, {"cpu_weight", "memory_weight", "gpu_weight"});
  std::vector<WeightedScore> scores;
  scores.push_back({make_most_allocated_score(resource_weights(p)), 1});
  return make_framework_policy(name, p, std::move(scores));
}

}  // namespace

std::unique_ptr<ScorePlugin> make_most_allocated_score(ResourceWeights weights) {
  if (weights.w[2] != 0) return std::make_unique<MostAllocatedScore<true>>(weights);
  return std::make_unique<MostAllocatedScore<false>>(weights);
}

void register_most_allocated(PolicyRegistry& registry) {
  const std::string params = std::string("cpu_weight=1, memory_weight=1, gpu_weight=0; ") + kCommonParams;
  registry.add({"most-allocated", "Kubernetes MostAllocated: the fullest host that fits (bin packing)", params,
                [](const PolicyParams& p) { return make_most_allocated("most-allocated", p); }});
  registry.add({"binpack", "alias of most-allocated: fill a host before the next, fewest hosts in use", params,
                [](const PolicyParams& p) { return make_most_allocated("binpack", p); }});
}

}  // namespace drydock
