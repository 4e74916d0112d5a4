#include "schedulers/gpu/gpu_cluster.h"

#include <algorithm>
#include <stdexcept>

namespace drydock {

GpuCluster::GpuCluster(std::vector<GpuNodeSpec> nodes) : specs_(std::move(nodes)) {
  const std::size_t n = specs_.size();
  cpu_free_.resize(n);
  mem_free_.resize(n);
  pods_.assign(n, 0);
  model_.assign(n, -1);
  free_.assign(n * kMaxGpusPerHost, 0);
  free_total_.assign(n, 0);
  max_free_.assign(n, 0);
  whole_free_.assign(n, 0);
  classes_.assign(n, 0);
  version_.assign(n, 0);
  for (std::size_t i = 0; i < n; ++i) {
    const GpuNodeSpec& s = specs_[i];
    if (s.gpus < 0 || s.gpus > kMaxGpusPerHost)
      throw std::invalid_argument("node " + s.name + ": " + std::to_string(s.gpus) + " GPUs (0.." +
                                  std::to_string(kMaxGpusPerHost) + " supported)");
    if (s.cpu_milli < 0 || s.memory_mib < 0) throw std::invalid_argument("node " + s.name + ": negative capacity");
    cpu_free_[i] = s.cpu_milli;
    mem_free_[i] = s.memory_mib;
    if (s.gpus > 0) {
      int id = model_id(s.model);
      if (id < 0) {
        if (models_.size() == 32) throw std::invalid_argument("more than 32 GPU models in the cluster");
        models_.push_back(s.model);
        id = static_cast<int>(models_.size()) - 1;
      }
      model_[i] = id;
    }
    for (int g = 0; g < s.gpus; ++g) free_[i * kMaxGpusPerHost + g] = kMilliPerGpu;
    free_total_[i] = s.gpus * kMilliPerGpu;
    max_free_[i] = s.gpus > 0 ? kMilliPerGpu : 0;
    whole_free_[i] = s.gpus;
    capacity_milli_ += static_cast<std::int64_t>(s.gpus) * kMilliPerGpu;
  }
}

int GpuCluster::model_id(std::string_view model) const {
  for (std::size_t m = 0; m < models_.size(); ++m)
    if (models_[m] == model) return static_cast<int>(m);
  return -1;
}

GpuPod GpuCluster::pod(std::int64_t cpu_milli, std::int64_t memory_mib, const GpuRequest& gpu) const {
  GpuPod p;
  p.cpu_milli = cpu_milli;
  p.memory_mib = memory_mib;
  if (gpu.wants_gpu()) {
    p.count = gpu.count;
    p.milli = gpu.milli;
  }
  p.any_model = gpu.models.empty();
  for (const auto& m : gpu.models)
    if (int id = model_id(m); id >= 0) p.model_mask |= 1u << id;
  return p;
}

bool GpuCluster::feasible(int n, const GpuPod& pod) const {
  if (cpu_free_[n] < pod.cpu_milli || mem_free_[n] < pod.memory_mib || pods_[n] >= kMaxPodsPerNode) return false;
  if (!pod.wants_gpu()) return true;
  if (specs_[n].gpus == 0) return false;
  if (!pod.any_model && !((pod.model_mask >> model_[n]) & 1u)) return false;
  if (pod.count == 1) return max_free_[n] >= pod.milli;
  if (pod.milli == kMilliPerGpu) return whole_free_[n] >= pod.count;
  return gpu_fits(gpu_free(n), pod.count, pod.milli);
}

void GpuCluster::allocate(int n, const GpuPod& pod, std::span<const int> devices) {
  cpu_free_[n] -= pod.cpu_milli;
  mem_free_[n] -= pod.memory_mib;
  ++pods_[n];
  if (pod.wants_gpu()) {
    int* f = free_.data() + static_cast<std::size_t>(n) * kMaxGpusPerHost;
    for (int g : devices) {
      if (g < 0 || g >= specs_[n].gpus || f[g] < pod.milli)
        throw std::logic_error("GpuCluster::allocate: device " + std::to_string(g) + " of " + specs_[n].name +
                               " cannot take " + std::to_string(pod.milli) + " milli");
      f[g] -= pod.milli;
    }
    const int taken = pod.milli * static_cast<int>(devices.size());
    free_total_[n] -= taken;
    used_milli_ += taken;
    max_free_[n] = 0;
    whole_free_[n] = 0;
    for (int g = 0; g < specs_[n].gpus; ++g) {
      max_free_[n] = std::max(max_free_[n], f[g]);
      whole_free_[n] += f[g] == kMilliPerGpu;
    }
    classes_[n] |= pod.class_bit();
  }
  ++version_[n];
}

}  // namespace drydock
