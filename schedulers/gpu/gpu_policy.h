// Device-level GPU placement policies (the six of the FGD paper) and the one placement step they share.
//
// A policy gives each feasible node an integer score 0..100 (integers make ties common, and the tie
// rule matters: the lowest node index wins); BestFit then min-max normalises. The pod goes to the best
// node, and the GPU choice picks its devices there: whole-GPU pods always take the lowest-indexed free
// GPUs; a sharing pod's single GPU is chosen by the policy's `gpu-choice` (best / random / fgd).
// FGD-PROTOCOL.md section 3 specifies every number here.
#pragma once

#include <array>
#include <memory>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "model/go_rand.h"
#include "schedulers/gpu/fragmentation.h"
#include "schedulers/gpu/gpu_cluster.h"

namespace drydock {

enum class GpuChoice {
  kBest,    // the fitting GPU with the least free milli, ties to the lowest index
  kRandom,  // uniform over the fitting GPUs (reservoir sampling on the run's generator)
  kFgd,     // the fitting GPU that maximises FGD's score, ties to the lowest index
};
GpuChoice parse_gpu_choice(std::string_view text);  // "best" | "random" | "fgd"; throws naming the option
std::string_view gpu_choice_name(GpuChoice c);

class GpuPolicy {
 public:
  explicit GpuPolicy(GpuChoice choice) : choice_(choice) {}
  virtual ~GpuPolicy() = default;
  virtual std::string_view name() const = 0;
  GpuChoice gpu_choice() const { return choice_; }

  // The workload's typical shapes, given once before the first pod (FGD scores against them).
  virtual void prepare(const GpuCluster& cluster, const TypicalShapes& typical) { typical_ = &typical; }
  // Integer scores 0..100 of `feasible` (node indices, ascending) into `scores`, before normalisation.
  virtual void score(const GpuCluster& cluster, const GpuPod& pod, std::span<const int> feasible,
                     std::span<int> scores, GoRand& rng) = 0;
  // The normalisation step after scoring (only BestFit has one).
  virtual void normalise(std::span<int> scores) const {}

 protected:
  const TypicalShapes* typical_ = nullptr;

 private:
  GpuChoice choice_;
};

// The result of one placement step.
struct GpuPlacement {
  int node = -1;  // -1: no node fits
  std::array<int, kMaxGpusPerHost> devices{};
  int device_count = 0;
  std::span<const int> gpus() const { return {devices.data(), static_cast<std::size_t>(device_count)}; }
  bool placed() const { return node >= 0; }
};

// Filters every node, scores the feasible ones (none when exactly one fits), takes the best (ties to
// the lowest index), chooses the devices and allocates. Scratch vectors are reused across calls.
class GpuPlacer {
 public:
  GpuPlacer(GpuCluster& cluster, GpuPolicy& policy, const TypicalShapes& typical);
  GpuPlacement place(const GpuPod& pod, GoRand& rng);
  // Which node and devices `pod` would get now, without allocating.
  GpuPlacement decide(const GpuPod& pod, GoRand& rng);

 private:
  GpuCluster& cluster_;
  GpuPolicy& policy_;
  const TypicalShapes& typical_;
  std::vector<int> feasible_, scores_;
};

// The devices a pod takes on node n: lowest-indexed free GPUs for whole-GPU pods, `choice` for a
// sharing pod. The node must fit the pod.
GpuPlacement choose_devices(const GpuCluster& cluster, int n, const GpuPod& pod, GpuChoice choice,
                            const TypicalShapes& typical, GoRand& rng);

// FGD's integer score of placing `pod` on node n (the best GPU for a sharing pod), and that GPU.
struct FgdScore {
  int score = 0;
  int device = -1;  // the GPU a sharing pod would take; -1 for other pods
};
FgdScore fgd_score(const GpuCluster& cluster, int n, const GpuPod& pod, const TypicalShapes& typical,
                   double fragment_before);

// The six policies by name (fgd, gpu-packing, gpu-clustering, dot-product, gpu-best-fit, random),
// each with the paper's GPU choice unless `choice` overrides it. Throws naming the known names.
std::unique_ptr<GpuPolicy> make_gpu_policy(std::string_view name, const GpuChoice* choice = nullptr);
std::vector<std::string_view> gpu_policy_names();
GpuChoice paper_gpu_choice(std::string_view policy);

}  // namespace drydock
