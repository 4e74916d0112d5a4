// The paper's GPU policies in the policy registry, by name, with their GPU choice as a parameter.
// Their device-level form (`make_gpu`) is what `drydock fill` runs; `random` also has the host-level
// form every scenario can use (schedulers/random.cc).
#include <stdexcept>

#include "schedulers/builtin_policies.h"
#include "schedulers/gpu/gpu_policy.h"
#include "schedulers/params.h"

namespace drydock {

std::unique_ptr<GpuPolicy> make_gpu_policy_from_params(std::string_view name, const PolicyParams& params) {
  for (const auto& [key, value] : params.all())
    if (key != "gpu-choice")
      throw std::invalid_argument("policy " + std::string(name) + ": unknown parameter '" + key + "' (accepted: gpu-choice)");
  const std::string text = params.text("gpu-choice", "");
  if (text.empty()) return make_gpu_policy(name);
  const GpuChoice choice = parse_gpu_choice(text);
  return make_gpu_policy(name, &choice);
}

void register_gpu_policies(PolicyRegistry& registry) {
  struct Entry {
    const char* name;
    const char* summary;
  };
  const Entry entries[] = {
      {"fgd", "FGD (Weng et al., ATC'23): the node and GPU where the pod lowers GPU fragmentation most"},
      {"gpu-packing", "FGD paper's GPU packing: a shared GPU, then a free GPU of a used node, then an idle node"},
      {"gpu-clustering", "FGD paper's GPU clustering: pods of one kind (sharing, 1, 2, 4, 8 GPUs) together"},
      {"dot-product", "FGD paper's DotProd: the node whose free CPU/GPU is least aligned with the demand"},
      {"gpu-best-fit", "FGD paper's BestFit: the tightest leftover of CPU and total free GPU"},
  };
  for (const Entry& e : entries) {
    const std::string name = e.name;
    const std::string choice = std::string(gpu_choice_name(paper_gpu_choice(name)));
    PolicyInfo info;
    info.name = name;
    info.summary = std::string(e.summary) + " [device-level GPUs: drydock fill]";
    info.parameters = "gpu-choice=" + choice + " (best|random|fgd: the GPU of a sharing pod)";
    info.make_gpu = [name](const PolicyParams& p) { return make_gpu_policy_from_params(name, p); };
    registry.add(std::move(info));
  }
}

}  // namespace drydock
