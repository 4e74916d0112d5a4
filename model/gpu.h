// GPUs as devices: a host has a list of GPUs of one model, each with 1000 milli-GPU of capacity; a
// request asks for a count of devices and a share (milli) of each. A sharing request (one device, share
// below 1000) must fit on ONE device: free capacity split over two devices does not add up. A
// multi-device request takes whole free devices. This is the Kubernetes GPU-sharing model that
// Alibaba's openb trace and the FGD paper use (../shared/gpu/FGD-PROTOCOL.md section 3.0).
#pragma once

#include <cstdint>
#include <span>
#include <string>
#include <string_view>
#include <vector>

namespace drydock {

inline constexpr int kMilliPerGpu = 1000;
inline constexpr int kMaxGpusPerHost = 16;

struct GpuRequest {
  int count = 0;  // devices; 0 = no GPU
  int milli = 0;  // per device, 1..1000; below 1000 only with count 1
  std::vector<std::string> models;  // accepted GPU models; empty = any

  bool wants_gpu() const { return count > 0 && milli > 0; }
  bool sharing() const { return count == 1 && milli < kMilliPerGpu; }
  std::int64_t total_milli() const { return static_cast<std::int64_t>(count) * milli; }
  bool accepts(std::string_view model) const {
    if (models.empty()) return true;
    for (const auto& m : models)
      if (m == model) return true;
    return false;
  }
};

// Devices with at least `milli` free.
inline int gpus_fitting(std::span<const int> free, int milli) {
  int n = 0;
  for (int f : free) n += f >= milli;
  return n;
}

// The device-level fit: `count` distinct devices each with `milli` free (a share never spans devices).
inline bool gpu_fits(std::span<const int> free, int count, int milli) { return gpus_fitting(free, milli) >= count; }

// `gpu_spec` of the openb trace: models separated by '|'; empty = any.
inline std::vector<std::string> split_gpu_models(std::string_view spec) {
  std::vector<std::string> out;
  while (!spec.empty()) {
    const auto bar = spec.find('|');
    std::string_view one = spec.substr(0, bar);
    if (!one.empty()) out.emplace_back(one);
    if (bar == std::string_view::npos) break;
    spec.remove_prefix(bar + 1);
  }
  return out;
}

}  // namespace drydock
