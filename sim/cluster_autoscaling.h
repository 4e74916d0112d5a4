// The cluster autoscaler in the simulator: scans at its interval (control/cluster_autoscaler.h decides),
// powers pool hosts on after their boot delay and off when the autoscaler removes them. A pool host
// is a platform host turned off at the start (the SimGrid platform is fixed once built).
#pragma once

#include <optional>

#include "control/cluster_autoscaler.h"
#include "control/control_plane.h"
#include "sim/world.h"

namespace drydock::sim {

class ClusterAutoscalerDriver {
 public:
  // Does nothing when the scenario has no cluster_autoscaler section.
  explicit ClusterAutoscalerDriver(const Scenario& scenario);
  void tick(World& world, ControlPlane& control, Time now);
  Time next_due() const { return autoscaler_ ? autoscaler_->next_scan() : kNever; }

 private:
  std::optional<ClusterAutoscaler> autoscaler_;
};

// A pool host joins (an empty machine: its agent starts, it heartbeats and becomes schedulable).
void power_on_host(World& world, HostId host);
// An idle pool host is switched off; the control plane has retired it already.
void power_off_host(World& world, HostId host);

}  // namespace drydock::sim
