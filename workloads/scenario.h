// A scenario: the cluster, the services to run on it, the faults to inject, the policy and the seed.
// Loaded from YAML (see README, "Scenario format"); every error names the file, line and field.
#pragma once

#include <cstdint>
#include <map>
#include <stdexcept>
#include <string>
#include <vector>

#include "model/cluster_autoscaler_config.h"
#include "model/detector_config.h"
#include "model/hpa_config.h"
#include "model/load_curve.h"
#include "model/queue_model.h"
#include "model/spec.h"
#include "model/time.h"

namespace drydock {

class ScenarioError : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

struct NetworkSpec {
  double bandwidth = 125e6;  // bytes/s per host link (1 Gbit/s)
  double latency = 1e-4;     // seconds per link (0.1 ms)
};

// A fault to inject (`faults:`). Single faults hit the hosts selected by `host`, `hosts` or `labels`
// (every host carrying all those label values: a correlated rack or zone failure); generators
// (random_failures, container_crashes) expand into single faults from the scenario's seed (see
// workloads/fault_plan.h).
struct FaultSpec {
  enum class Kind {
    kHostCrash,        // turned off: agent and containers die; back after `duration` if given
    kHostRecover,      // turned back on (a reboot: no containers)
    kHostHang,         // SIGSTOP-like: agent and containers frozen for `duration`
    kHeartbeatDelay,   // GC-like pause of the agent only: no heartbeats for `duration`, work goes on
    kPartition,        // messages between the manager and the hosts dropped both ways for `duration`
    kRandomFailures,   // each host fails after ~mtbf of uptime and is repaired after ~mttr, until `until`
    kContainerCrashes, // replicas of `service` crash, one every ~mtbf (Poisson), until `until`
  };
  Time at = 0;
  Kind kind = Kind::kHostCrash;
  std::string host{};               // one host (the original form)
  std::vector<std::string> hosts{};  // or a list ({} so that {at, kind, host} needs no more)
  Labels labels{};                   // or every host with these labels
  Time duration = 0;                // 0 = until the end (crash, partition) where that makes sense
  Time until = kNever;              // generators: last time a fault may start
  Time mtbf = 0, mttr = 0;          // generators: means of the time to failure and to repair
  double shape = 1.0;               // Weibull shape of the time to failure; 1 = exponential
  std::string service{};            // container_crashes
};
std::string_view to_string(FaultSpec::Kind kind);

// A change of desired state during the run (`changes:`): scale a service, or update it to a new image
// (rolled out under the service's update_config, control/rolling_update.h), or both.
struct ChangeSpec {
  Time at = 0;
  std::string service;
  int replicas = -1;              // -1 = unchanged
  std::string image{};            // empty = unchanged
  std::uint64_t image_bytes = 0;  // of the new image; 0 = as the service's current one
};

// Request traffic and autoscaling of one service (services[i].load, .autoscale, ...); see
// control/request_model.h for the queueing model, model/queue_model.h for its settings.
struct ServiceDynamics {
  LoadCurve load;                  // kind kNone: the service carries no modelled traffic
  QueueModel queue;                // per replica: service_rate, queue_limit
  Balancer balancer = Balancer::kLeastOutstanding;
  Time slo_p99 = 0;                // latency objective for the p99; 0 = none
  bool autoscale = false;
  HpaConfig hpa;
};

// The cluster autoscaler (`cluster_autoscaler:`): a group of cluster.hosts is its pool, off at the
// start, powered on when replicas are unschedulable and off once idle (control/cluster_autoscaler.h).
struct ClusterAutoscalerSpec {
  bool enabled = false;
  std::string pool;                     // the host group's name
  std::vector<std::size_t> pool_hosts;  // indexes into Scenario::hosts
  ClusterAutoscalerConfig config;
};

struct HeartbeatSpec {
  Time period = 5.0;   // Swarm's default
  Time jitter = 0.5;   // uniform +/- jitter around the period
};

inline constexpr Time kDefaultStartInterval = 0.2;  // one dockerd 20.10, bench_docker_start (bench/RESULTS.md)

struct Scenario {
  std::string name;
  std::string file;
  std::uint64_t seed = 1;
  Time duration = 1200;
  std::string policy = "spread";
  std::map<std::string, std::string> policy_params;

  std::vector<HostSpec> hosts;   // expanded from host groups: worker-1, worker-2, ...
  NetworkSpec network;
  double registry_bandwidth = 125e6;
  // cluster.daemon.start_interval: a host's daemon completes at most one container start per interval,
  // so concurrent starts on one host queue (sim/start_queue.h). The default is fitted to dockerd 20.10
  // on the local testbed (bench/RESULTS.md, "Container start latency"); 0 = every start takes its
  // start_latency however many run at once.
  Time start_interval = kDefaultStartInterval;

  std::vector<ServiceSpec> services;
  std::map<std::string, Time> start_latency;  // per service; container start after the image is local
  std::map<std::string, ServiceDynamics> dynamics;  // per service that has load or autoscale fields
  std::vector<FaultSpec> faults;
  std::vector<ChangeSpec> changes;
  ClusterAutoscalerSpec cluster_autoscaler;

  // Trace replays (workloads/trace_scenario.h): hosts switched off at the start, which join later
  // through a host_recover fault (by index of `hosts`; empty = all on), and the run times of a
  // service's successive replicas (the k-th replica started runs run_times[k], the last one repeats).
  std::vector<char> host_off_at_start;
  std::map<std::string, std::vector<Time>> run_times;

  HeartbeatSpec heartbeat;
  // control.detector: kind and parameters (model/detector_config.h). detector.fixed.period is the
  // heartbeat period above, as loaded; a runtime sets it to the period it really uses.
  DetectorConfig detector;
  Time sample_period = 10.0;  // timeseries.csv resolution
};

Scenario load_scenario(const std::string& path);
// Parses YAML text; `file` is only used in error messages.
Scenario parse_scenario(const std::string& yaml_text, const std::string& file);
// Checks a scenario that was changed after loading (CLI overrides); throws ScenarioError.
void validate_scenario(const Scenario& s);

}  // namespace drydock
