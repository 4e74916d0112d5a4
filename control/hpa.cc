#include "control/hpa.h"

#include <algorithm>
#include <cmath>

namespace drydock {

int Hpa::recommend(Time now, int current, int ready, double utilization) {
  int raw = current;
  if (ready > 0) {
    const double ratio = utilization / config_.target_utilization;
    // Kubernetes: within tolerance, no change; else ceil(usage ratio x pods with metrics).
    if (std::fabs(ratio - 1) > config_.tolerance) raw = static_cast<int>(std::ceil(ratio * ready - 1e-9));
  }
  raw = std::clamp(raw, config_.min_replicas, config_.max_replicas);

  // Stabilization: the recommendations of the windows bound the move in each direction.
  recommendations_.push_back({now, raw});
  const Time keep = std::max(config_.scale_down_window, config_.scale_up_window);
  while (!recommendations_.empty() && recommendations_.front().first < now - keep) recommendations_.pop_front();
  int up = raw, down = raw;
  for (const auto& [t, r] : recommendations_) {
    if (t >= now - config_.scale_up_window) up = std::min(up, r);
    if (t >= now - config_.scale_down_window) down = std::max(down, r);
  }
  int desired = current;
  if (current < up) desired = up;
  else if (current > down) desired = down;

  // Rate limits, measured from the replica count at the start of the policy period (the count before
  // the period's first change).
  if (desired > current) {
    // Pods a scale up may add: max of the policies (selectPolicy: Max), from the period's start count.
    int start = current;
    for (const auto& [t, before] : changes_)
      if (t > now - config_.scale_up_period) {
        start = before;
        break;
      }
    const int limit = std::max(start + config_.scale_up_pods,
                               static_cast<int>(std::ceil(start * (1 + config_.scale_up_percent / 100))));
    desired = std::min(desired, std::max(current, limit));
  } else if (desired < current) {
    int start = current;
    for (const auto& [t, before] : changes_)
      if (t > now - config_.scale_down_period) {
        start = before;
        break;
      }
    const int limit = static_cast<int>(std::floor(start * (1 - config_.scale_down_percent / 100)));
    desired = std::max(desired, std::min(current, limit));
  }
  desired = std::clamp(desired, config_.min_replicas, config_.max_replicas);
  if (desired != current) changes_.push_back({now, current});  // remembers the count before the change
  while (!changes_.empty() && changes_.front().first < now - std::max(config_.scale_up_period, config_.scale_down_period))
    changes_.pop_front();
  return desired;
}

}  // namespace drydock
