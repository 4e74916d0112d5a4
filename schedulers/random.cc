// `random`: a uniformly random feasible host, from the seeded generator the control plane passes in.
// No score plugin: every feasible host ties, and the framework's seeded tie-break picks one uniformly.
// The baseline every other policy should beat.
#include "schedulers/builtin_policies.h"
#include "schedulers/gpu/gpu_policy.h"
#include "schedulers/params.h"

namespace drydock {

std::unique_ptr<GpuPolicy> make_gpu_policy_from_params(std::string_view name, const PolicyParams& params);

void register_random(PolicyRegistry& registry) {
  registry.add({"random", "a uniformly random feasible host (seeded); in drydock fill also a uniform fitting GPU",
                std::string(kCommonParams) + "; in drydock fill: gpu-choice=random (best|random|fgd)", [](const PolicyParams& p) {
                  check_params(p, "random", {});
                  return make_framework_policy("random", p, {});
                },
                // On device-level GPUs (drydock fill): a uniform feasible node, then a uniform fitting GPU.
                [](const PolicyParams& p) { return make_gpu_policy_from_params("random", p); }});
}

}  // namespace drydock
