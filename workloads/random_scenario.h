// Random scenarios for simulation testing, FoundationDB style: `drydock soak` runs thousands of them
// under random faults and checks each for a clean exit, the invariants and determinism.
//
// A seed gives one scenario that mixes what the scenario format offers the way users mix it: every
// placement policy and failure detector; host groups with zones, taints and GPUs; services with
// images, restart policies, batch run times, constraints, tolerations, anti-affinity, host ports,
// max replicas per host, update budgets, request load with an HPA; the cluster autoscaler; every fault
// kind (crashes, recoveries, hangs, heartbeat pauses, partitions, zone failures, random failures,
// container crashes), overlapping; and changes (scale, image) with the combinations that break
// things: a change during a rollout, a scale to 0 and back, faults while the autoscaler boots or
// drains a host, batch tasks ending during a partition.
//
// The scenario is kept as parts (a host group, a service, a fault, a change), so that a failing one
// shrinks: shrink_steps() lists smaller variants (one part fewer, a count halved), each still a valid
// scenario, and the soak keeps the first that fails the same way until none does.
//
// Pure: text in, text out; the same seed gives the same scenario.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

namespace drydock {

struct RandomHostGroup {
  std::string name;  // hosts are NAME-1 .. NAME-count
  int count = 1;
  int cpu = 4;
  int memory_gib = 8;
  int gpu = 0;
  std::string zone;
  bool tainted = false;  // dedicated=x:NoSchedule
};

struct RandomService {
  std::string name;
  std::string yaml;  // its fields after `name`, as a flow mapping body ("image: ..., replicas: 4, ...")
  int replicas = 1;
  bool needs_gpu = false;
  std::vector<std::string> anti_affinity;  // services it names (its own name allowed)
};

// A fault or a change: its YAML line, and what it names, so that dropping a host or a service drops
// the parts that name it.
struct RandomPart {
  std::string yaml;
  std::vector<std::string> hosts;  // host names it names ("h-3")
  std::string service;             // the service it names, if any
  double at = 0;
};

struct RandomScenario {
  std::uint64_t seed = 0;
  int duration = 600;
  std::string policy;
  std::vector<RandomHostGroup> groups;
  std::optional<std::string> autoscaler;  // the cluster_autoscaler mapping (its pool is groups[0])
  int autoscaler_initial = 0;
  std::vector<RandomService> services;
  std::vector<RandomPart> faults;
  std::vector<RandomPart> changes;
  std::string detector;  // the control.detector mapping; empty = the default
};

RandomScenario random_scenario(std::uint64_t seed);
std::string to_yaml(const RandomScenario& s);
// Smaller variants of `s`, most promising first (whole parts before counts).
std::vector<RandomScenario> shrink_steps(const RandomScenario& s);
// How big a scenario is, for reports: hosts + replicas + faults + changes.
int scenario_size(const RandomScenario& s);

}  // namespace drydock
