// The cluster autoscaler: hosts taken from a pool when replicas are unschedulable, handed back once
// they have been idle for a while. Kubernetes' cluster-autoscaler is the model:
//
//   every scan_interval (10 s)   if replicas are unschedulable, estimate how many pool hosts would hold
//                                them (first-fit decreasing onto the pool's hosts, counting those still
//                                booting) and ask for that many;
//                                a pool host that has held nothing for unneeded_time (10 min,
//                                --scale-down-unneeded-time) is removed, unless replicas are waiting.
//
// It only decides. The runtime powers a host on (it joins after its boot delay and becomes schedulable
// with its first heartbeat) and off; before powering off it retires the host in the control plane
// (ControlPlane::set_host_retired) so that nothing is placed there meanwhile. Pure: no clock, no I/O.
//
// Simplification, stated: only empty hosts are removed (the real autoscaler also drains hosts under
// 50 % utilisation whose pods fit elsewhere).
#pragma once

#include <string>
#include <vector>

#include "control/ids.h"
#include "control/time.h"

namespace drydock {

class ControlPlane;

struct ClusterAutoscalerConfig {
  Time scan_interval = 10.0;   // cluster-autoscaler --scan-interval
  Time unneeded_time = 600.0;  // --scale-down-unneeded-time
  Time boot_delay = 60.0;      // how long a host takes to join once asked for (the runtime waits it out)
};

struct AutoscalerDecision {
  std::vector<HostId> add;     // power these on
  std::vector<HostId> remove;  // retire and power these off
  std::string reason;          // for the event log: "3 unschedulable" or "idle 600 s"
};

class ClusterAutoscaler {
 public:
  // `pool`: the hosts it may add and remove, all off at the start, in the order they are taken.
  ClusterAutoscaler(ClusterAutoscalerConfig config, std::vector<HostId> pool);

  // One scan at `now`; the runtime calls it every scan_interval.
  AutoscalerDecision scan(const ControlPlane& control, Time now);
  Time next_scan() const { return next_scan_; }
  const ClusterAutoscalerConfig& config() const { return config_; }

  enum class PoolState { kOff, kBooting, kUp };
  PoolState state(HostId host) const;
  int hosts_on() const;  // booting or up

 private:
  struct PoolHost {
    HostId id;
    PoolState state = PoolState::kOff;
    Time idle_since = kNever;  // kNever while it holds something
  };
  ClusterAutoscalerConfig config_;
  std::vector<PoolHost> pool_;
  Time next_scan_ = 0;
};

}  // namespace drydock
