// The Kubernetes Horizontal Pod Autoscaler's algorithm (pkg/controller/podautoscaler), pure:
//
//   ratio   = utilization / target
//   raw     = current if |ratio - 1| <= tolerance, else ceil(ratio * ready)
//   stabilized: scale down only to the highest recommendation of the last `scale_down_window`
//           (300 s), scale up to the lowest of the last `scale_up_window` (0 s): no flapping
//   rate limits (default behavior): up by at most max(4 pods, 100 %) per 15 s, down by 100 % per 15 s
//   clamped to [min_replicas, max_replicas]
//
// The control plane calls recommend() every `sync_period` (15 s) with the latest load sample the
// runtime reported (the mean utilization of the replicas that report one, `ready`) and reconciles
// towards the result (ControlPlane::apply_autoscaler, control/autoscaling.cc).
#pragma once

#include <deque>
#include <utility>

#include "model/hpa_config.h"
#include "model/time.h"

namespace drydock {

class Hpa {
 public:
  explicit Hpa(HpaConfig config) : config_(config) {}
  // The desired replica count at `now` for a workload at `current` replicas, of which `ready` report a
  // mean `utilization` (busy fraction). With no ready replica the count is kept (no metric, no action).
  int recommend(Time now, int current, int ready, double utilization);
  const HpaConfig& config() const { return config_; }

 private:
  HpaConfig config_;
  std::deque<std::pair<Time, int>> recommendations_;  // (time, raw recommendation)
  std::deque<std::pair<Time, int>> changes_;          // (time, replicas before) of scale events
};

}  // namespace drydock
