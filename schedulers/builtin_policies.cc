#include "schedulers/builtin_policies.h"

namespace drydock {

void register_builtin_policies(PolicyRegistry& registry) {
  register_spread(registry);
  register_least_allocated(registry);
  register_most_allocated(registry);
  register_requested_to_capacity_ratio(registry);
  register_balanced_allocation(registry);
  register_kube_default(registry);
  register_nomad_binpack(registry);
  register_nomad_spread(registry);
  register_tetris(registry);
  register_drf(registry);
  register_first_fit(registry);
  register_best_fit(registry);
  register_worst_fit(registry);
  register_random(registry);
  register_topology_spread(registry);
  register_min_cost_flow(registry);
  register_gpu_policies(registry);
}

}  // namespace drydock
