// The metrics of one run, computed from its event log alone (plus the inventory in RunInfo), so that a
// simulated run and a live run are measured by the same code.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "analysis/percentiles.h"
#include "analysis/run_info.h"
#include "control/event.h"

namespace drydock {

// One host failure, from the ground-truth crash to the service being whole again.
struct FailureRecovery {
  std::string host;
  Time failed_at = 0;
  std::optional<Time> detected_at;  // host_declared_down after the crash
  std::string detected_by;
  int replicas_lost = 0;                 // containers that died with the host
  std::optional<Time> recovered_at;      // running back to desired
  double replica_seconds_lost = 0;       // integral of (desired - running) from the crash to recovery
};

struct Metrics {
  std::optional<Time> all_running_at;  // first time every service ran its desired count
  Percentiles placement_latency;       // submitted -> placed
  Percentiles time_to_running;         // submitted -> started
  std::vector<FailureRecovery> failures;
  int false_suspicions = 0;            // suspected or declared down while actually up
  int unschedulable = 0;               // unschedulable events (each replica is reported once)
  int submitted = 0, placed = 0, started = 0, stopped = 0, exited = 0, removed = 0;
  int churn = 0;                       // starts + stops: what the reconciler made the cluster do
  int hosts_in_use_end = 0, hosts_in_use_max = 0;
  double cpu_allocated_end = 0, memory_allocated_end = 0;      // of the capacity of hosts up at the end
  double cpu_allocated_mean = 0, memory_allocated_mean = 0;    // time-weighted over the run
  double imbalance_cv_end = 0;         // coefficient of variation of per-host cpu allocation (hosts up)
  double fragmentation_end = 0;        // share of free cpu on hosts where the typical request no longer fits
  int replicas_running_end = 0, replicas_desired_end = 0;
};

Metrics compute_metrics(const std::vector<Event>& events, const RunInfo& info);

}  // namespace drydock
