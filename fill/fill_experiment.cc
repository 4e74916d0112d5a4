#include "fill/fill_experiment.h"

#include <algorithm>
#include <map>
#include <numeric>
#include <stdexcept>
#include <tuple>

#include "model/gpu.h"
#include "schedulers/scheduler.h"

namespace drydock::fill {

FillResult run_fill(const FillSetup& setup, const std::function<void(std::size_t, std::size_t)>& progress) {
  // By registered name, as every policy is built (the GPU choice is the policy's parameter).
  const PolicyInfo* info = PolicyRegistry::instance().find(setup.policy);
  if (!info || !info->make_gpu)
    throw std::invalid_argument("policy '" + setup.policy + "' has no device-level GPU form (GPU policies: random, " +
                                "dot-product, gpu-clustering, gpu-packing, gpu-best-fit, fgd)");
  std::map<std::string, std::string> params;
  if (setup.gpu_choice) params["gpu-choice"] = std::string(gpu_choice_name(*setup.gpu_choice));
  auto policy = info->make_gpu(PolicyParams(params));
  return run_fill_with(setup, *policy, progress);
}

FillResult run_fill_with(const FillSetup& setup, GpuPolicy& policy,
                         const std::function<void(std::size_t, std::size_t)>& progress) {
  FillResult r;
  r.policy = setup.policy;
  r.gpu_choice = policy.gpu_choice();

  r.pods = setup.pods;
  std::sort(r.pods.begin(), r.pods.end(), [](const TracePod& a, const TracePod& b) { return a.name < b.name; });
  std::vector<GpuNodeSpec> by_name = setup.nodes;
  std::sort(by_name.begin(), by_name.end(), [](const GpuNodeSpec& a, const GpuNodeSpec& b) { return a.name < b.name; });
  if (by_name.empty()) throw std::invalid_argument("the node list is empty");
  std::int64_t capacity = 0;
  for (const auto& n : by_name) capacity += static_cast<std::int64_t>(n.gpus) * kMilliPerGpu;
  if (capacity == 0) throw std::invalid_argument("the node list has no GPUs");

  GoRand rng;
  r.plan = plan_arrivals(r.pods, static_cast<int>(by_name.size()), capacity, setup.inflate, setup.seed, rng);

  // Node i of the name order goes to index rank[i]: ties go to the lowest rank.
  std::vector<GpuNodeSpec> tie_order(by_name.size());
  for (std::size_t i = 0; i < by_name.size(); ++i) tie_order[r.plan.node_rank[i]] = by_name[i];
  for (const auto& n : tie_order) {
    r.node_names.push_back(n.name);
    r.node_models.push_back(n.model);
  }
  GpuCluster cluster(std::move(tie_order));
  r.capacity_milli = cluster.gpu_capacity_milli();

  // The typical shapes come from the original trace only, never the resampled clones.
  std::vector<PodShapeKey> keys;
  keys.reserve(r.pods.size());
  for (const TracePod& p : r.pods) keys.push_back({p.cpu_milli, p.gpu_milli, p.num_gpu, p.gpu_spec});
  const TypicalShapes typical(keys, cluster, setup.typical_coverage);
  r.typical_shapes = typical.shapes().size();
  r.distinct_shapes = typical.distinct_shapes();
  r.typical_coverage_pct = 100.0 * static_cast<double>(typical.pods_covered()) / static_cast<double>(typical.pods_total());

  // One GpuPod per trace pod, with a dense id per score-relevant shape for policies that cache.
  std::vector<GpuPod> gpu_pods;
  gpu_pods.reserve(r.pods.size());
  std::map<std::tuple<std::int64_t, int, int>, int> shape_ids;
  for (const TracePod& p : r.pods) {
    GpuRequest req{p.num_gpu, p.gpu_milli, split_gpu_models(p.gpu_spec)};
    GpuPod pod = cluster.pod(p.cpu_milli, p.memory_mib, req);
    pod.shape = shape_ids.emplace(std::tuple{p.cpu_milli, p.num_gpu, p.gpu_milli}, static_cast<int>(shape_ids.size())).first->second;
    gpu_pods.push_back(pod);
  }

  std::vector<double> node_fragment_milli(cluster.size());
  for (int n = 0; n < cluster.size(); ++n)
    node_fragment_milli[n] = node_fragment(cluster.cpu_free(n), cluster.gpu_free(n), cluster.model(n), typical);
  r.initial_fragment_milli = std::accumulate(node_fragment_milli.begin(), node_fragment_milli.end(), 0.0);

  GpuPlacer placer(cluster, policy, typical);
  const std::size_t total = r.plan.order.size();
  r.events.reserve(total);
  std::int64_t arrived = 0;
  for (std::size_t i = 0; i < total; ++i) {
    const int k = r.plan.order[i];
    const GpuPod& pod = gpu_pods[k];
    arrived += pod.gpu_milli_total();
    const GpuPlacement p = placer.place(pod, rng);
    FillEvent e;
    e.pod = k;
    e.arrived_milli = arrived;
    if (p.placed()) {
      ++r.placed;
      e.node = p.node;
      for (int g : p.gpus()) e.gpus |= 1u << g;
      node_fragment_milli[p.node] = node_fragment(cluster.cpu_free(p.node), cluster.gpu_free(p.node), cluster.model(p.node), typical);
    } else {
      ++r.failed;
    }
    e.used_milli = cluster.gpu_used_milli();
    e.idle_milli = r.capacity_milli - e.used_milli;
    double fragment = 0;
    for (double f : node_fragment_milli) fragment += f;
    e.fragment_milli = fragment;
    r.events.push_back(e);
    if (progress && (i % 1000 == 999 || i + 1 == total)) progress(i + 1, total);
  }
  return r;
}

}  // namespace drydock::fill
