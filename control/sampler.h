// The one sampler of timeseries.csv, shared by both runtimes: cluster totals, per service and per host
// rows computed from the control plane's view (desired replicas, allocations) and from one ground-truth
// view the runtime reports (which hosts are up, which replicas really run where). Because sim and live
// fill the same view, the rows mean the same on both sides of a sim-vs-live report.
#pragma once

#include <utility>
#include <vector>

#include "control/control_plane.h"
#include "model/sample.h"

namespace drydock {

// What a runtime knows to be true, as opposed to what the control plane believes.
struct GroundTruth {
  std::vector<bool> host_up;  // by HostId: the machine is on (sim) / answers its probes (live)
  // One entry per replica that really runs (a container started and not known to be gone), in replica
  // id order: its host and its service.
  std::vector<std::pair<HostId, ServiceId>> running;
};

// Per-service and per-host rows only up to this many services / hosts: a trace replay has thousands of
// jobs and machines, and a row per job per sample would be gigabytes (the cluster totals remain).
inline constexpr std::size_t kRowsPerSampleLimit = 200;

// Appends the rows of one sample at `now`:
//   cluster/all: hosts_up, hosts_in_use, cpu_allocated, memory_allocated, cpu_used, memory_used
//                (fractions of the capacity of the hosts up), replicas_running
//   service/NAME: desired, running            (services not removed)
//   host/NAME: up, cpu_allocated, memory_allocated, replicas_running
// "used" is what the running replicas requested.
void sample_cluster(const ControlPlane& control, const GroundTruth& truth, Time now, std::vector<Sample>& out);

}  // namespace drydock
