// A scenario: the cluster, the services to run on it, the faults to inject, the policy and the seed.
// Loaded from YAML (see README, "Scenario format"); every error names the file, line and field.
#pragma once

#include <cstdint>
#include <map>
#include <stdexcept>
#include <string>
#include <vector>

#include "control/spec.h"
#include "control/time.h"

namespace drydock {

class ScenarioError : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

struct NetworkSpec {
  double bandwidth = 125e6;  // bytes/s per host link (1 Gbit/s)
  double latency = 1e-4;     // seconds per link (0.1 ms)
};

struct FaultSpec {
  enum class Kind { kHostCrash, kHostRecover };
  Time at = 0;
  Kind kind = Kind::kHostCrash;
  std::string host;
};

// A change of desired state during the run (`changes:`): scale a service.
struct ChangeSpec {
  Time at = 0;
  std::string service;
  int replicas = 0;
};

struct HeartbeatSpec {
  Time period = 5.0;   // Swarm's default
  Time jitter = 0.5;   // uniform +/- jitter around the period
};

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

  std::vector<ServiceSpec> services;
  std::map<std::string, Time> start_latency;  // per service; container start after the image is local
  std::vector<FaultSpec> faults;
  std::vector<ChangeSpec> changes;

  HeartbeatSpec heartbeat;
  Time suspect_after = 7.5;
  Time down_after = 15.0;
  Time sample_period = 10.0;  // timeseries.csv resolution
};

Scenario load_scenario(const std::string& path);
// Parses YAML text; `file` is only used in error messages.
Scenario parse_scenario(const std::string& yaml_text, const std::string& file);
// Checks a scenario that was changed after loading (CLI overrides); throws ScenarioError.
void validate_scenario(const Scenario& s);

}  // namespace drydock
