// How a service moves to a new version (`update_config:`): Kubernetes' RollingUpdate strategy.
// maxSurge and maxUnavailable are each a replica count or a percentage of the desired replicas.
#pragma once

namespace drydock {

struct CountOrPercent {
  int value = 25;
  bool percent = true;
};

struct UpdateConfig {
  CountOrPercent max_surge{25, true};        // Kubernetes' default: 25 %
  CountOrPercent max_unavailable{25, true};  // Kubernetes' default: 25 %
};

}  // namespace drydock
