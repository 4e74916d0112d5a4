// The device-level GPU cluster a GPU placement policy scores: per node its free CPU and memory, the
// free milli of each GPU, the GPU model, and which kinds of GPU pods it holds. Nodes are held in
// tie-break order: when two nodes score the same, the lower index wins (FGD-PROTOCOL.md section 3.0).
//
// Pure and flat (one array per field, a fixed stride of kMaxGpusPerHost devices per node) because a
// fill experiment filters all 1,213 nodes for each of 10,866 arrivals.
#pragma once

#include <cstdint>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "model/gpu.h"

namespace drydock {

struct GpuNodeSpec {
  std::string name;
  std::int64_t cpu_milli = 0;
  std::int64_t memory_mib = 0;
  int gpus = 0;
  std::string model;
};

// A pod as the GPU policies see it, with its accepted models resolved against the cluster's models.
struct GpuPod {
  std::int64_t cpu_milli = 0;
  std::int64_t memory_mib = 0;
  int count = 0;  // GPUs
  int milli = 0;  // per GPU
  bool any_model = true;
  std::uint32_t model_mask = 0;  // bit m: accepts the cluster's model m (when !any_model)
  int shape = -1;  // dense id of (cpu, count, milli) for policies that cache per shape; -1 = none

  bool wants_gpu() const { return count > 0 && milli > 0; }
  bool sharing() const { return count == 1 && milli < kMilliPerGpu; }
  std::int64_t gpu_milli_total() const { return wants_gpu() ? static_cast<std::int64_t>(count) * milli : 0; }
  // The CPU the scores and the fragmentation measure use: Kubernetes' non-zero default for 0.
  std::int64_t score_cpu() const { return cpu_milli == 0 ? 100 : cpu_milli; }
  // GpuClustering's affinity class as a bit: 0 = sharing, k = k whole GPUs; 0 mask for CPU-only pods.
  std::uint32_t class_bit() const {
    if (!wants_gpu()) return 0;
    return sharing() ? 1u : 1u << count;
  }
};

class GpuCluster {
 public:
  static constexpr int kMaxPodsPerNode = 1001;  // the Kubernetes pods-per-node cap of the openb nodes

  // `nodes` in tie-break order. Throws std::invalid_argument for a node with more than
  // kMaxGpusPerHost GPUs, negative capacities, or more than 32 distinct GPU models.
  explicit GpuCluster(std::vector<GpuNodeSpec> nodes);

  int size() const { return static_cast<int>(specs_.size()); }
  const GpuNodeSpec& spec(int n) const { return specs_[n]; }
  const std::vector<std::string>& models() const { return models_; }
  int model_id(std::string_view model) const;  // -1 when no node has it

  // The pod for a request, its accepted models resolved (a model no node has matches nothing).
  GpuPod pod(std::int64_t cpu_milli, std::int64_t memory_mib, const GpuRequest& gpu) const;

  std::int64_t cpu_free(int n) const { return cpu_free_[n]; }
  std::int64_t memory_free(int n) const { return mem_free_[n]; }
  int pods(int n) const { return pods_[n]; }
  int gpus(int n) const { return specs_[n].gpus; }
  int model(int n) const { return model_[n]; }
  std::span<const int> gpu_free(int n) const { return {free_.data() + static_cast<std::size_t>(n) * kMaxGpusPerHost, static_cast<std::size_t>(gpus(n))}; }
  int gpu_free_total(int n) const { return free_total_[n]; }
  std::uint32_t classes(int n) const { return classes_[n]; }
  // Bumped on every change of node n: lets a policy cache per-node scores.
  std::uint64_t version(int n) const { return version_[n]; }

  // Every filter of the paper's scheduler: CPU, memory, pod cap, GPU model and the device-level fit.
  bool feasible(int n, const GpuPod& pod) const;

  // Places the pod on node n, taking `pod.milli` from each of `devices` (pod.count of them, or none
  // for a CPU-only pod). The caller has checked feasible() and that each device has room.
  void allocate(int n, const GpuPod& pod, std::span<const int> devices);

  std::int64_t gpu_capacity_milli() const { return capacity_milli_; }
  std::int64_t gpu_used_milli() const { return used_milli_; }

 private:
  std::vector<GpuNodeSpec> specs_;
  std::vector<std::string> models_;
  std::vector<std::int64_t> cpu_free_, mem_free_;
  std::vector<int> pods_, model_, free_, free_total_, max_free_, whole_free_;
  std::vector<std::uint32_t> classes_;
  std::vector<std::uint64_t> version_;
  std::int64_t capacity_milli_ = 0, used_milli_ = 0;
};

}  // namespace drydock
