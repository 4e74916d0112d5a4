// The cluster autoscaler's settings (a scenario's `cluster_autoscaler:`); the controller that reads
// them is control/cluster_autoscaler.h. Defaults are Kubernetes cluster-autoscaler's flags.
#pragma once

#include "model/time.h"

namespace drydock {

struct ClusterAutoscalerConfig {
  Time scan_interval = 10.0;           // cluster-autoscaler --scan-interval
  Time unneeded_time = 600.0;          // --scale-down-unneeded-time
  double utilization_threshold = 0.5;  // --scale-down-utilization-threshold
  Time boot_delay = 60.0;              // how long a host takes to join once powered on (the runtime waits)
  int initial_hosts = 0;               // pool hosts on at the start (the first ones); the rest are off
  int min_hosts = 0;                   // never fewer pool hosts on (a node group's minimum size)
};

}  // namespace drydock
