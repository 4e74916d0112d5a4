// Request traffic in the simulator: evaluates each service's load model against the replicas that
// really run (ground truth: a replica on a hung host is running but stuck), samples latency and loss
// into the timeseries, and reports each autoscaled service's load to the control plane every sync
// period (obs::LoadSample), as a metrics pipeline would; the HPA in the control plane decides.
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
  // The next load report; kNever when no service autoscales.
  Time next_due() const;
  // The load samples due at `now` (one per autoscaled service whose metrics period is up).
  std::vector<obs::LoadSample> measure(const World& world, Time now);
  // Timeseries rows for every service with a load: request_rate, served_rate, dropped_rate,
  // utilization, latency_p50, latency_p99 (when requests are served), slo_violated (when an SLO is set).
  void sample(const World& world, Time now, std::vector<Sample>& out) const;

 private:
  struct Entry {
    std::size_t service;  // index into scenario.services (= ServiceId)
    const ServiceDynamics* dyn;
    Time next_sync;  // next report: the service's HPA syncs then
  };
  ServiceLoad evaluate(const World& world, const Entry& e, Time now) const;
  std::vector<Entry> services_;
};

}  // namespace drydock::sim
