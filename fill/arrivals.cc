#include "fill/arrivals.h"

#include <stdexcept>

namespace drydock::fill {

ArrivalPlan plan_arrivals(const std::vector<TracePod>& pods, int node_count, std::int64_t capacity_milli,
                          double inflate, std::int64_t seed, GoRand& rng) {
  if (pods.empty()) throw std::invalid_argument("the pod list is empty");
  if (!(inflate > 0) || inflate > 100) throw std::invalid_argument("--inflate must be in (0, 100]");
  ArrivalPlan plan;
  rng.seed_with(seed);
  rng.int63();  // one draw the authors' simulator makes before shuffling

  const int n = static_cast<int>(pods.size());
  plan.order.resize(n);
  for (int i = 0; i < n; ++i) plan.order[i] = i;
  rng.shuffle(n, [&](int i, int j) { std::swap(plan.order[i], plan.order[j]); });

  std::int64_t total = 0;
  for (const TracePod& p : pods) total += p.gpu_request();
  const double target = inflate * static_cast<double>(capacity_milli);
  if (static_cast<double>(total) > target) {
    // Tune down: delete uniformly drawn arrivals, keeping the order of the rest.
    while (static_cast<double>(total) > target && !plan.order.empty()) {
      const int k = rng.intn(static_cast<int>(plan.order.size()));
      total -= pods[plan.order[k]].gpu_request();
      plan.order.erase(plan.order.begin() + k);
      ++plan.removed;
    }
  } else {
    // Tune up: resample the name-sorted list with replacement. The authors' stop test adds the per-GPU
    // milli, not the pod's total, and stops at the first draw that would overshoot.
    for (;;) {
      const int k = rng.intn(n);
      if (static_cast<double>(total + pods[k].gpu_milli) > target) break;
      plan.order.push_back(k);
      total += pods[k].gpu_request();
      ++plan.clones;
    }
  }
  plan.requested = total;

  for (int i = 0; i < 10; ++i) rng.int63();  // consumed by the Kubernetes informers' start-up jitter
  plan.node_rank = rng.perm(node_count);
  return plan;
}

}  // namespace drydock::fill
