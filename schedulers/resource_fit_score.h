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
template <class Term, bool kGpu>
class ResourceFitScore final : public HostScore<ResourceFitScore<Term, kGpu>> {
 public:
  explicit ResourceFitScore(ResourceWeights w) : w_(w), inv_sum_(1.0 / w.sum()) {}
  std::string_view name() const override { return Term::kName; }
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
    return Term::of(c.cap[d][i], c.alloc[d][i] + req_[d], c.inv_cap[d][i]);
  }
  ResourceWeights w_;
  double inv_sum_;
  double req_[kDims] = {};
};

template <class Term>
std::unique_ptr<ScorePlugin> make_resource_fit_score(ResourceWeights weights) {
  if (weights.w[2] != 0) return std::make_unique<ResourceFitScore<Term, true>>(weights);
  return std::make_unique<ResourceFitScore<Term, false>>(weights);
}

}  // namespace drydock
