// Kubernetes NodeResourcesFit scores (LeastAllocated, MostAllocated) share one shape: per resource a
// truncated 0..100 term of (capacity, requested after placement), then the weighted mean, truncated.
// Term supplies the name and the per-resource formula:
//   struct Term { static constexpr std::string_view kName = "..."; static double of(cap, requested, inv_cap); };
#pragma once

#include <memory>
#include <string_view>

#include "schedulers/scores.h"

namespace drydock {

// kGpu: whether the gpu term is computed; with a gpu weight of 0 (the default) it would add exactly 0,
// so it is compiled out rather than computed and multiplied by 0 (a third less work per host).
// kUnit: cpu and memory weights are both 1 (the default), so the weighted sum is the plain sum (1 * t
// is exactly t) and two multiplications per host are left out. Every term lies in [0, 100] and the
// weights are not negative, so the weighted mean lies in [0, 100] and needs no clamp.
template <class Term, bool kGpu, bool kUnit>
class ResourceFitScore final : public HostScore<ResourceFitScore<Term, kGpu, kUnit>> {
 public:
  explicit ResourceFitScore(ResourceWeights w) : w_(w), inv_sum_(1.0 / w.sum()) {}
  std::string_view name() const override { return Term::kName; }
  void prepare(const HostColumns&, const PlacementRequest& r) override {
    for (std::size_t d = 0; d < kDims; ++d) req_[d] = r.spec->request[static_cast<Dim>(d)];
  }
  double at(const HostColumns& c, std::size_t i) const {
    double s;
    if constexpr (kUnit)
      s = term(c, 0, i) + term(c, 1, i);
    else
      s = w_.w[0] * term(c, 0, i) + w_.w[1] * term(c, 1, i);
    if constexpr (kGpu) s += w_.w[2] * term(c, 2, i);
    return k8s_trunc_in_range(s * inv_sum_);
  }

 private:
  double term(const HostColumns& c, std::size_t d, std::size_t i) const {
    return Term::of(c.cap[d][i], c.alloc[d][i] + req_[d], c.inv_cap[d][i]);
  }
  ResourceWeights w_;
  double inv_sum_;
  double req_[kDims] = {};
};

template <class Term>
std::unique_ptr<ScorePlugin> make_resource_fit_score(ResourceWeights weights) {
  const bool unit = weights.w[0] == 1 && weights.w[1] == 1;
  if (weights.w[2] != 0)
    return unit ? std::unique_ptr<ScorePlugin>(std::make_unique<ResourceFitScore<Term, true, true>>(weights))
                : std::make_unique<ResourceFitScore<Term, true, false>>(weights);
  return unit ? std::unique_ptr<ScorePlugin>(std::make_unique<ResourceFitScore<Term, false, true>>(weights))
              : std::make_unique<ResourceFitScore<Term, false, false>>(weights);
}

}  // namespace drydock
