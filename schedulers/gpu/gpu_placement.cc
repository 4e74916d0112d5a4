#include <algorithm>
#include <cmath>
#include <numeric>
#include <stdexcept>

#include "schedulers/gpu/gpu_policy.h"

namespace drydock {

GpuChoice parse_gpu_choice(std::string_view text) {
  if (text == "best") return GpuChoice::kBest;
  if (text == "random") return GpuChoice::kRandom;
  if (text == "fgd") return GpuChoice::kFgd;
  throw std::invalid_argument("gpu-choice: '" + std::string(text) + "' (want best, random or fgd)");
}

std::string_view gpu_choice_name(GpuChoice c) {
  switch (c) {
    case GpuChoice::kBest: return "best";
    case GpuChoice::kRandom: return "random";
    case GpuChoice::kFgd: return "fgd";
  }
  return "?";
}

namespace {

int sigmoid_score(double fragment_before, double fragment_after) {
  const double delta = fragment_before - fragment_after;  // > 0: fragmentation drops
  return static_cast<int>(100.0 * (1.0 / (1.0 + std::exp(-(delta / 1000.0)))));
}

}  // namespace

FgdScore fgd_score(const GpuCluster& cluster, int n, const GpuPod& pod, const TypicalShapes& typical,
                   double fragment_before) {
  const auto free = cluster.gpu_free(n);
  const int model = cluster.model(n);
  const std::int64_t cpu_after = cluster.cpu_free(n) - pod.score_cpu();
  if (!pod.wants_gpu()) return {sigmoid_score(fragment_before, node_fragment(cpu_after, free, model, typical)), -1};
  std::array<int, kMaxGpusPerHost> trial{};
  std::copy(free.begin(), free.end(), trial.begin());
  const std::span<const int> after(trial.data(), free.size());
  if (pod.sharing()) {
    // Trial-place on each GPU with room; GPUs with equal free milli give equal trials, and the first
    // of them (lowest index) is the one a tie keeps, so each free value is tried once.
    FgdScore best{-1, -1};
    std::array<int, kMaxGpusPerHost> tried{};
    int tried_count = 0;
    for (std::size_t g = 0; g < free.size(); ++g) {
      if (free[g] < pod.milli) continue;
      if (std::find(tried.begin(), tried.begin() + tried_count, free[g]) != tried.begin() + tried_count) continue;
      tried[tried_count++] = free[g];
      trial[g] -= pod.milli;
      const int s = sigmoid_score(fragment_before, node_fragment(cpu_after, after, model, typical));
      trial[g] += pod.milli;
      if (s > best.score) best = {s, static_cast<int>(g)};
    }
    return best;
  }
  // Whole GPUs: pack into the fitting GPUs with the least free (for 1000 milli: any free GPUs; the
  // fragment does not depend on which).
  std::array<int, kMaxGpusPerHost> order{};
  std::iota(order.begin(), order.begin() + free.size(), 0);
  std::stable_sort(order.begin(), order.begin() + free.size(), [&](int a, int b) { return free[a] < free[b]; });
  int taken = 0;
  for (std::size_t i = 0; i < free.size() && taken < pod.count; ++i)
    if (free[order[i]] >= pod.milli) {
      trial[order[i]] -= pod.milli;
      ++taken;
    }
  return {sigmoid_score(fragment_before, node_fragment(cpu_after, after, model, typical)), -1};
}

GpuPlacement choose_devices(const GpuCluster& cluster, int n, const GpuPod& pod, GpuChoice choice,
                            const TypicalShapes& typical, GoRand& rng) {
  GpuPlacement out;
  out.node = n;
  if (!pod.wants_gpu()) return out;
  const auto free = cluster.gpu_free(n);
  if (!pod.sharing()) {
    for (std::size_t g = 0; g < free.size() && out.device_count < pod.count; ++g)
      if (free[g] >= pod.milli) out.devices[out.device_count++] = static_cast<int>(g);
  } else {
    int pick = -1;
    switch (choice) {
      case GpuChoice::kBest:
        for (std::size_t g = 0; g < free.size(); ++g)
          if (free[g] >= pod.milli && (pick < 0 || free[g] < free[pick])) pick = static_cast<int>(g);
        break;
      case GpuChoice::kRandom: {
        int seen = 0;
        for (std::size_t g = 0; g < free.size(); ++g)
          if (free[g] >= pod.milli && rng.intn(++seen) == 0) pick = static_cast<int>(g);
        break;
      }
      case GpuChoice::kFgd: {
        const double before = node_fragment(cluster.cpu_free(n), free, cluster.model(n), typical);
        pick = fgd_score(cluster, n, pod, typical, before).device;
        break;
      }
    }
    if (pick >= 0) out.devices[out.device_count++] = pick;
  }
  if (out.device_count < pod.count) throw std::logic_error("choose_devices: node " + cluster.spec(n).name + " does not fit the pod");
  return out;
}

GpuPlacer::GpuPlacer(GpuCluster& cluster, GpuPolicy& policy, const TypicalShapes& typical)
    : cluster_(cluster), policy_(policy), typical_(typical) {
  policy_.prepare(cluster_, typical_);
  feasible_.reserve(cluster_.size());
  scores_.reserve(cluster_.size());
}

GpuPlacement GpuPlacer::decide(const GpuPod& pod, GoRand& rng) {
  feasible_.clear();
  for (int n = 0; n < cluster_.size(); ++n)
    if (cluster_.feasible(n, pod)) feasible_.push_back(n);
  if (feasible_.empty()) return {};
  int best = feasible_.front();
  if (feasible_.size() > 1) {  // a single feasible node is taken without scoring
    scores_.assign(feasible_.size(), 0);
    policy_.score(cluster_, pod, feasible_, scores_, rng);
    policy_.normalise(scores_);
    int top = scores_[0];
    for (std::size_t i = 1; i < feasible_.size(); ++i)
      if (scores_[i] > top) {
        top = scores_[i];
        best = feasible_[i];
      }
  }
  return choose_devices(cluster_, best, pod, policy_.gpu_choice(), typical_, rng);
}

GpuPlacement GpuPlacer::place(const GpuPod& pod, GoRand& rng) {
  GpuPlacement p = decide(pod, rng);
  if (p.placed()) cluster_.allocate(p.node, pod, p.gpus());
  return p;
}

}  // namespace drydock
