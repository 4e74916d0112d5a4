// `balanced-allocation`: Kubernetes NodeResourcesBalancedAllocation (v1.26+ formula). For each resource
// taking part, fraction = requested_after / capacity (capped at 1); the score is (1 - std) * 100
// truncated, where std is the standard deviation of the fractions (|f1 - f2| / 2 for two resources).
// Prefers hosts whose cpu and memory stay equally used, so neither is stranded.
// Parameters: cpu_weight=1, memory_weight=1, gpu_weight=0 (a positive weight = the resource takes part).
#include <cmath>

#include "schedulers/builtin_policies.h"
#include "schedulers/scores.h"

namespace drydock {
namespace {

class BalancedAllocationScore final : public HostScore<BalancedAllocationScore> {
 public:
  explicit BalancedAllocationScore(ResourceWeights w) {
    for (std::size_t d = 0; d < kDims; ++d)
      if (w.w[d] > 0) dims_[count_++] = d;
  }
  std::string_view name() const override { return "balanced-allocation"; }
  void prepare(const HostColumns&, const PlacementRequest& r) override { req_ = r.spec->request; }
  double at(const HostColumns& c, std::size_t i) const {
    if (count_ == 2) return k8s_trunc((1.0 - std::fabs(fraction(c, dims_[0], i) - fraction(c, dims_[1], i)) * 0.5) * 100.0);
    if (count_ < 2) return 100.0;  // one resource is always "balanced"
    double f[kDims], mean = 0;
    for (std::size_t k = 0; k < count_; ++k) mean += f[k] = fraction(c, dims_[k], i);
    mean /= static_cast<double>(count_);
    double sum = 0;
    for (std::size_t k = 0; k < count_; ++k) sum += (f[k] - mean) * (f[k] - mean);
    return k8s_trunc((1.0 - std::sqrt(sum / static_cast<double>(count_))) * 100.0);
  }

 private:
  double fraction(const HostColumns& c, std::size_t d, std::size_t i) const {
    const double f = (c.alloc[d][i] + req_[static_cast<Dim>(d)]) * c.inv_cap[d][i];
    return f > 1.0 ? 1.0 : f;
  }
  std::size_t dims_[kDims] = {};
  std::size_t count_ = 0;
  Resources req_;
};

}  // namespace

std::unique_ptr<ScorePlugin> make_balanced_allocation_score(ResourceWeights resources) {
  return std::make_unique<BalancedAllocationScore>(resources);
}

void register_balanced_allocation(PolicyRegistry& registry) {
  registry.add({"balanced-allocation", "Kubernetes BalancedAllocation: keep cpu and memory equally used on a host",
                std::string("cpu_weight=1, memory_weight=1, gpu_weight=0 (>0 = resource takes part); ") + kCommonParams,
                [](const PolicyParams& p) {
                  check_params(p, "balanced-allocation", {"cpu_weight", "memory_weight", "gpu_weight"});
                  std::vector<WeightedScore> scores;
                  scores.push_back({make_balanced_allocation_score(resource_weights(p)), 1});
                  return make_framework_policy("balanced-allocation", p, std::move(scores));
                }});
}

}  // namespace drydock
