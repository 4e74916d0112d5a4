// The Horizontal Pod Autoscaler's settings for one service (a scenario's services[i].autoscale); the
// algorithm that reads them is control/hpa.h. Defaults are Kubernetes' (HPA v2 default behavior).
#pragma once

#include "model/time.h"

namespace drydock {

struct HpaConfig {
  int min_replicas = 1;
  int max_replicas = 10;
  double target_utilization = 0.8;
  double tolerance = 0.1;
  Time sync_period = 15;
  Time scale_down_window = 300;
  Time scale_up_window = 0;
  int scale_up_pods = 4;            // per scale_up_period
  double scale_up_percent = 100;    // per scale_up_period
  Time scale_up_period = 15;
  double scale_down_percent = 100;  // per scale_down_period
  Time scale_down_period = 15;
};

}  // namespace drydock
