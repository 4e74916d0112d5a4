// Hand-made GPU clusters for the policy tests: nodes of given CPU and GPU count, then "used" CPU and
// per-GPU milli put there by allocating placeholder pods, so each test states a node's free state.
#pragma once

#include <vector>

#include "schedulers/gpu/gpu_cluster.h"
#include "schedulers/gpu/fragmentation.h"

namespace drydock::testing {

inline GpuNodeSpec node(const char* name, std::int64_t cpu_milli, int gpus, const char* model = "T4") {
  return {name, cpu_milli, 1 << 20, gpus, model};
}

// Takes `cpu_used` milli-CPU and `gpu_used[g]` milli of each GPU g of node n (sharing placeholders,
// one per GPU; a 1000 is a whole-GPU placeholder).
inline void use(GpuCluster& c, int n, std::int64_t cpu_used, const std::vector<int>& gpu_used) {
  if (cpu_used > 0) c.allocate(n, c.pod(cpu_used, 0, {}), {});
  for (std::size_t g = 0; g < gpu_used.size(); ++g) {
    if (gpu_used[g] == 0) continue;
    const GpuPod p = c.pod(0, 0, GpuRequest{1, gpu_used[g], {}});
    const int dev = static_cast<int>(g);
    c.allocate(n, p, std::span<const int>(&dev, 1));
  }
}

// Typical shapes of a workload given as (cpu, milli, count, models) x pods.
inline TypicalShapes shapes(const GpuCluster& c, const std::vector<std::pair<PodShapeKey, int>>& keys, double coverage = 1.0) {
  std::vector<PodShapeKey> pods;
  for (const auto& [k, n] : keys)
    for (int i = 0; i < n; ++i) pods.push_back(k);
  return TypicalShapes(pods, c, coverage);
}

// The workload of the worked examples: half the pods share half a GPU, a quarter take a whole GPU,
// a quarter are CPU-only; all ask 1 CPU.
inline TypicalShapes worked_shapes(const GpuCluster& c) {
  return shapes(c, {{{1000, 500, 1, ""}, 2}, {{1000, 1000, 1, ""}, 1}, {{1000, 0, 0, ""}, 1}});
}

}  // namespace drydock::testing
