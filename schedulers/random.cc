// `random`: a uniformly random feasible host, from the seeded generator the control plane passes in.
// No score plugin: every feasible host ties, and the framework's seeded tie-break picks one uniformly.
// The baseline every other policy should beat.
#include "schedulers/builtin_policies.h"
#include "schedulers/params.h"

namespace drydock {

void register_random(PolicyRegistry& registry) {
  registry.add({"random", "a uniformly random feasible host (seeded)", kCommonParams, [](const PolicyParams& p) {
                  check_params(p, "random", {});
                  return make_framework_policy("random", p, {});
                }});
}

}  // namespace drydock
