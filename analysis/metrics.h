// The metrics of one run, computed from its event log alone (plus the inventory in RunInfo), so that a
// simulated run and a live run are measured by the same code.
#pragma once

#include <map>
#include <algorithm>
#include <optional>
#include <string>
#include <vector>

#include "analysis/percentiles.h"
#include "analysis/run_info.h"
#include "model/event.h"
#include "model/sample.h"

namespace drydock {

// The stated power model: a host draws kPowerIdleWatts when idle and kPowerMaxWatts with all its cpu
// allocated, linearly in between (a typical 2-socket server, SPECpower-like figures).
inline constexpr double kPowerIdleWatts = 100, kPowerMaxWatts = 200;

// One host failure, from the ground-truth crash to the service being whole again.
struct FailureRecovery {
  std::string host;
  Time failed_at = 0;
  std::optional<Time> detected_at;  // host_declared_down after the crash
  std::string detected_by;
  int replicas_lost = 0;                 // containers that died with the host
  std::optional<Time> recovered_at;      // running back to desired
  // Integral, from the crash to recovery, of the replicas missing because of this failure: the
  // shortfall beyond the one the cluster already had when the host failed (never-placed work is not
  // the crash's), at most the replicas it lost. So it is never more than replicas_lost x the time.
  double replica_seconds_lost = 0;
  int shortfall_before = 0;  // desired - running just before the crash
  // The replicas this failure is missing now, given the cluster's total shortfall `missing`.
  int missing_of(int missing) const { return std::min(replicas_lost, std::max(0, missing - shortfall_before)); }
};

// Request traffic of one service with a load model, from its timeseries rows (sim/load.h).
struct ServiceLoadMetrics {
  double requests = 0, dropped = 0;  // integrated over the run (rate x time between samples)
  double dropped_fraction = 0;
  Percentiles latency_p50, latency_p99;  // over the samples: the distribution of the sampled p50 / p99
  double slo_violation_fraction = 0;     // share of samples with the SLO violated (when one is set)
  int samples = 0;
};

struct Metrics {
  std::optional<Time> all_running_at;  // first time every service ran its desired count
  Percentiles placement_latency;       // submitted -> placed
  Percentiles time_to_running;         // submitted -> started
  std::vector<FailureRecovery> failures;
  int false_suspicions = 0;            // suspected or declared down while actually up (and reachable)
  int false_downs = 0;                 // of which declared down: the ones that cost replicas
  Percentiles detection_time;          // over the failures that were detected (crash or hang -> down)
  int undetected_failures = 0;         // failures never declared down (the host came back first, or the run ended)
  int heartbeat_delays = 0, partitions = 0, container_crashes = 0;  // injected faults by kind
  int unschedulable = 0;               // unschedulable events (each replica is reported once)
  int completed = 0;                   // replicas done for good by their restart policy (batch tasks)
  int submitted = 0, placed = 0, started = 0, stopped = 0, exited = 0, removed = 0;
  int churn = 0;                       // starts + stops: what the reconciler made the cluster do
  int hosts_in_use_end = 0, hosts_in_use_max = 0;
  int hosts_up_max = 0;                 // most hosts powered at once (booting included)
  int hosts_added = 0, hosts_removed = 0;  // by the cluster autoscaler
  double cpu_allocated_end = 0, memory_allocated_end = 0;      // of the capacity of hosts up at the end
  double cpu_allocated_mean = 0, memory_allocated_mean = 0;    // time-weighted over the run
  double imbalance_cv_end = 0;         // coefficient of variation of per-host cpu allocation (hosts up)
  double fragmentation_end = 0;        // share of free cpu on hosts where the typical request no longer fits
  int replicas_running_end = 0, replicas_desired_end = 0;
  std::map<std::string, ServiceLoadMetrics> load;  // by service; filled by add_load_metrics
  // Energy over the run, linear model per host (see kPowerIdleWatts): hosts running a replica only
  // (empty hosts switched off), and every host that is up.
  double energy_kwh = 0, energy_kwh_all_up = 0;
};

// Power and energy over time, read off the same integration as the summary's energy figures, so that
// the last sample at the run's end carries exactly summary.json's energy_kwh and energy_kwh_all_up.
// Filled only when compute_metrics is given one: the sample times to report at (ascending), and the
// hosts that get rows of their own.
struct PowerProbe {
  std::vector<Time> at;
  std::vector<std::string> hosts;
  std::vector<Sample> rows;  // out: cluster power_w, power_w_all_up, energy_kwh, energy_kwh_all_up;
                             // per host power_w and energy_kwh (while up, whether in use or not)
};

Metrics compute_metrics(const std::vector<Event>& events, const RunInfo& info, PowerProbe* power = nullptr);
// compute_metrics, with the power and energy rows added to `samples` at the times of its cluster
// rows (per host where it has host rows): what a run writes to timeseries.csv.
Metrics compute_metrics_and_power(const std::vector<Event>& events, const RunInfo& info, std::vector<Sample>& samples);
// Adds the load metrics of services whose timeseries carry request_rate rows.
void add_load_metrics(Metrics& metrics, const std::vector<Sample>& samples);

}  // namespace drydock
