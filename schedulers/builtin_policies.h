// The list of policies that ship with drydock. Each policy file exposes one register_* function;
// listing them here (rather than relying on static initialisers) keeps them from being dropped by the
// linker from a static library.
#pragma once

#include "schedulers/scheduler.h"

namespace drydock {

class PolicyRegistry;
void register_builtin_policies(PolicyRegistry& registry);

void register_spread(PolicyRegistry& registry);
void register_least_allocated(PolicyRegistry& registry);
void register_most_allocated(PolicyRegistry& registry);  // and its alias `binpack`
void register_requested_to_capacity_ratio(PolicyRegistry& registry);
void register_balanced_allocation(PolicyRegistry& registry);
void register_kube_default(PolicyRegistry& registry);
void register_nomad_binpack(PolicyRegistry& registry);
void register_nomad_spread(PolicyRegistry& registry);
void register_tetris(PolicyRegistry& registry);
void register_drf(PolicyRegistry& registry);
void register_first_fit(PolicyRegistry& registry);
void register_best_fit(PolicyRegistry& registry);
void register_worst_fit(PolicyRegistry& registry);
void register_random(PolicyRegistry& registry);
void register_topology_spread(PolicyRegistry& registry);
void register_min_cost_flow(PolicyRegistry& registry);
void register_gpu_policies(PolicyRegistry& registry);  // fgd and the FGD paper's baselines (gpu/)

}  // namespace drydock
