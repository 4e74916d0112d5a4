// Request traffic in the simulator: evaluates each service's load model against the replicas that
// really run (ground truth: a replica on a hung host is running but stuck), samples latency and loss
// into the timeseries, and runs each autoscaled service's HPA every sync period, applying its
// recommendation with ControlPlane::scale(). The model and the HPA are pure (control/); this is the glue.
#pragma once

#include <vector>

#include "control/control_plane.h"
#include "control/hpa.h"
#include "control/request_model.h"
#include "model/sample.h"
#include "sim/world.h"

namespace drydock::sim {

class LoadDriver {
 public:
  explicit LoadDriver(const Scenario& scenario);
  bool active() const { return !services_.empty(); }
  // The next HPA sync; kNever when no service autoscales.
  Time next_due() const;
  // Runs every HPA sync that is due at `now`.
  void tick(const World& world, ControlPlane& control, Time now);
  // Timeseries rows for every service with a load: request_rate, served_rate, dropped_rate,
  // utilization, latency_p50, latency_p99 (when requests are served), slo_violated (when an SLO is set).
  void sample(const World& world, Time now, std::vector<Sample>& out) const;

 private:
  struct Entry {
    std::size_t service;  // index into scenario.services (= ServiceId)
    const ServiceDynamics* dyn;
    Hpa hpa;
    Time next_sync;
  };
  ServiceLoad evaluate(const World& world, const Entry& e, Time now) const;
  std::vector<Entry> services_;
};

}  // namespace drydock::sim
