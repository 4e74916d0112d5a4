// The cluster autoscaler: hosts taken from a pool when replicas are unschedulable, handed back once
// they are no longer needed. Kubernetes' cluster-autoscaler is the model:
//
//   every scan_interval (10 s)  if replicas are unschedulable, estimate how many pool hosts would hold
//                               them (first-fit decreasing onto the pool, counting the room of hosts
//                               still booting) and power that many on; nothing is removed meanwhile.
//   scale down                  a pool host is unneeded while its utilisation (the larger of its cpu
//                               and memory requests over capacity) is under utilization_threshold
//                               (0.5) and its replicas would fit on the other schedulable hosts; once
//                               unneeded for unneeded_time (10 min), an empty host is removed, a busy
//                               one drained (its replicas stopped and recreated elsewhere, one host at
//                               a time) and removed when empty.
//
// It only decides; the control plane carries the decision out (control/autoscaling.cc): it drains and
// retires hosts itself and asks the runtime to power hosts on (a host joins after its boot delay and
// becomes schedulable with its first heartbeat) and off. Pure: no clock, no I/O. Not modelled: PodDisruptionBudgets, node groups of several shapes, max node counts.
#pragma once

#include <string>
#include <vector>

#include "model/cluster_autoscaler_config.h"
#include "model/ids.h"
#include "model/time.h"

namespace drydock {

class ControlPlane;

struct AutoscalerDecision {
  std::vector<HostId> add;     // power these on
  std::string add_reason;      // for the event log: "44 unschedulable"
  std::vector<HostId> drain;   // move their replicas away (the control plane stops them)
  std::vector<HostId> remove;  // empty: power these off (the runtime retires them first)
  std::vector<std::string> remove_reason;  // per removed host: "drained" or "unneeded 600 s, empty"
};

class ClusterAutoscaler {
 public:
  // `pool`: the hosts it may add and remove, taken in this order; the first config.initial_hosts are on.
  ClusterAutoscaler(ClusterAutoscalerConfig config, std::vector<HostId> pool);

  // One scan at `now`; the runtime calls it every scan_interval.
  AutoscalerDecision scan(const ControlPlane& control, Time now);
  Time next_scan() const { return next_scan_; }
  const ClusterAutoscalerConfig& config() const { return config_; }

  enum class PoolState { kOff, kBooting, kUp, kDraining };
  PoolState state(HostId host) const;

 private:
  struct PoolHost {
    HostId id;
    PoolState state = PoolState::kOff;
    Time unneeded_since = kNever;  // kNever while it is needed
  };
  void scale_up(const ControlPlane& control, AutoscalerDecision& d);
  bool unneeded(const ControlPlane& control, const PoolHost& host) const;
  ClusterAutoscalerConfig config_;
  std::vector<PoolHost> pool_;
  Time next_scan_ = 0;
};

}  // namespace drydock
